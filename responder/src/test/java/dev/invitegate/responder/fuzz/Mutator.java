package dev.invitegate.responder.fuzz;

import dev.invitegate.responder.entra.TestTokens;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Turns the fuzzer's bytes into a request body: a seed payload, then a sequence of mutations of its
 * structure, types, values and event type, then byte-level edits and an encoding.
 *
 * <p>Input layout: one byte picks the seed; then, until the input ends or {@link #MAX_MUTATIONS},
 * one byte picks a mutation and the bytes after it are that mutation's decisions (see {@link
 * Choices}). An input of one byte is therefore a seed sent unchanged.
 */
final class Mutator {

  static final int MAX_MUTATIONS = 16;

  /** The body size above which the responder answers 413 ({@code MAX_PAYLOAD_BYTES}). */
  private static final int OVER_THE_LIMIT = 300 * 1024;

  /**
   * No more tree mutations once a body has grown past this: duplicating and quoting can double it
   * with each one, and the point of a huge body is made well before the harness runs out of memory.
   */
  private static final long MAX_WEIGHT = 2 * OVER_THE_LIMIT;

  private static final String CODE = "extension_" + Invitee.EXTENSIONS_APP + "_InviteCode";
  private static final String ORGANIZATION =
      "extension_" + Invitee.EXTENSIONS_APP + "_Organization";

  private static final List<String> LABELS =
      List.of(
          "attributeCollectionStart",
          "attributeCollectionSubmit",
          "tokenIssuanceStart",
          "AttributeCollectionStart",
          "ATTRIBUTECOLLECTIONSUBMIT",
          "emailOtpSend",
          "onAttributeCollectionStart",
          "tokenIssuanceStart ",
          "");

  private static final List<String> KEYS =
      List.of(
          "type",
          "data",
          "@odata.type",
          "tenantId",
          "authenticationContext",
          "correlationId",
          "clientServicePrincipal",
          "appId",
          "user",
          "mail",
          "userSignUpInfo",
          "attributes",
          "identities",
          "signInType",
          "issuer",
          "issuerAssignedId",
          "email",
          "Email",
          "EMAILADDRESS",
          "emailAddress",
          "value",
          "attributeType",
          "displayName",
          "InviteCode",
          CODE,
          ORGANIZATION);

  private static final List<String> NUMBERS =
      List.of(
          "0",
          "-0",
          "1",
          "-1",
          "2025",
          "9223372036854775807",
          "9223372036854775808",
          "-9223372036854775809",
          "1.5",
          "1e3",
          "1E400",
          "-1e-400",
          "0.0",
          "123456789012345678901234567890");

  private static final List<String> ATTRIBUTE_TYPES =
      List.of(
          "microsoft.graph.stringDirectoryAttributeValue",
          "microsoft.graph.int64DirectoryAttributeValue",
          "microsoft.graph.booleanDirectoryAttributeValue",
          "microsoft.graph.stringCollectionDirectoryAttributeValue",
          "#microsoft.graph.stringDirectoryAttributeValue",
          "");

  enum Encoding {
    UTF_8,
    UTF_8_WITH_BOM,
    ASCII_WITH_ESCAPES,
    UTF_16BE,
    UTF_16LE,
    UTF_16BE_WITH_BOM,
    UTF_32BE,
    UTF_32LE
  }

  private enum Mutation {
    REMOVE,
    DUPLICATE,
    NEST,
    REORDER,
    RETYPE,
    EMAIL,
    EVENT_TYPE,
    ODATA_TYPE,
    HUGE,
    EDIT_STRING,
    RENAME_KEY,
    ATTRIBUTE,
    IDENTITY,
    GRAFT,
    TENANT_OR_APPLICATION,
    EDIT_BYTES,
    ENCODING
  }

  /** A body to send and how it was made, for failure messages. */
  record Mutant(byte[] body, String recipe) {}

  private final List<Seed> seeds;

  record Seed(String name, Json json) {}

  Mutator(List<Seed> seeds) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("no seeds");
    }
    this.seeds = List.copyOf(seeds);
  }

  Mutant mutate(byte[] input) {
    Choices choices = new Choices(input);
    Seed seed = seeds.get(choices.below(seeds.size()));
    Json holder = Json.array(seed.json().copy());
    List<String> recipe = new ArrayList<>();
    recipe.add(seed.name());
    Encoding encoding = Encoding.UTF_8;
    List<ByteEdit> byteEdits = new ArrayList<>();
    for (int i = 0; i < MAX_MUTATIONS && !choices.exhausted(); i++) {
      Mutation mutation = choices.pick(Mutation.values());
      switch (mutation) {
        case EDIT_BYTES -> {
          byteEdits.add(new ByteEdit(choices.below(1 << 16), choices.below(16), choices.bytes(16)));
          recipe.add("EDIT_BYTES");
        }
        case ENCODING -> {
          encoding = choices.pick(Encoding.values());
          recipe.add("ENCODING " + encoding);
        }
        default -> {
          if (holder.weight() > MAX_WEIGHT) {
            recipe.add(mutation + " (skipped: the body is big enough)");
          } else {
            recipe.add(mutation + " " + apply(mutation, holder, choices));
          }
        }
      }
    }
    String text =
        holder.items.isEmpty()
            ? ""
            : holder.items.get(0).write(encoding == Encoding.ASCII_WITH_ESCAPES);
    byte[] body = encode(text, encoding);
    for (ByteEdit edit : byteEdits) {
      body = edit.applyTo(body);
    }
    return new Mutant(body, String.join(" | ", recipe));
  }

  /** Applies one tree mutation; returns where, for the recipe. */
  private String apply(Mutation mutation, Json holder, Choices choices) {
    List<Json.Slot> slots = Json.slots(holder);
    if (slots.isEmpty()) {
      holder.items.add(Json.object());
      return "(empty body replaced by {})";
    }
    Json root = holder.items.get(0);
    Json.Slot slot = choices.pick(slots);
    switch (mutation) {
      case REMOVE -> {
        slot.remove();
        return slot.path();
      }
      case DUPLICATE -> {
        slot.insertAfter(slot.key(), slot.get().copy());
        return slot.path();
      }
      case NEST -> {
        Json value = slot.get();
        slot.set(
            switch (choices.below(4)) {
              case 0 -> Json.object().put("value", value);
              case 1 -> Json.array(value);
              case 2 ->
                  Json.object()
                      .put("@odata.type", Json.string(choices.pick(ATTRIBUTE_TYPES)))
                      .put("value", value)
                      .put("attributeType", Json.string("builtIn"));
              default -> Json.object().put(slot.key() == null ? "value" : slot.key(), value);
            });
        return slot.path();
      }
      case REORDER -> {
        Json container = slot.get();
        if (!container.isContainer() || container.items.size() < 2) {
          container = slot.parent();
        }
        reorder(container, choices);
        return slot.path();
      }
      case RETYPE -> {
        slot.set(retyped(slot.get(), choices));
        return slot.path();
      }
      case EMAIL -> {
        Json.Slot target = stringSlot(slots, choices, true);
        String current = target == null ? "" : target.get().text;
        Json email = Json.string(Emails.variant(choices, current));
        if (target == null) {
          slot.set(email);
          return slot.path();
        }
        target.set(email);
        return target.path();
      }
      case EVENT_TYPE -> {
        if (root.kind != Json.Kind.OBJECT) {
          return "(root is not an object)";
        }
        switch (choices.below(4)) {
          case 0 -> root.remove("type");
          case 1 -> root.set("type", retyped(Json.string(""), choices));
          default ->
              root.set(
                  "type",
                  Json.string(
                      choices.pick("", "#", "microsoft.graph.authenticationEvent.")
                          + choices.pick(LABELS)));
        }
        return "$.type";
      }
      case ODATA_TYPE -> {
        Json.Slot target = odataSlot(slots, choices);
        String type = odataType(choices);
        if (target == null) {
          if (root.kind == Json.Kind.OBJECT) {
            root.objectAt("data").set("@odata.type", Json.string(type));
          }
        } else {
          target.set(Json.string(type));
        }
        if (choices.flip() && root.kind == Json.Kind.OBJECT) {
          // Without a type, the parser falls back on data's @odata.type.
          root.remove("type");
        }
        return target == null ? "$.data.@odata.type" : target.path();
      }
      case HUGE -> {
        slot.set(huge(choices));
        return slot.path();
      }
      case EDIT_STRING -> {
        Json.Slot target = stringSlot(slots, choices, false);
        if (target == null) {
          return "(no string)";
        }
        String text = target.get().text;
        int at = choices.below(text.length() + 1);
        int end = Math.min(text.length(), at + choices.below(8));
        target.set(Json.string(text.substring(0, at) + choices.text(24) + text.substring(end)));
        return target.path();
      }
      case RENAME_KEY -> {
        if (slot.key() == null) {
          return "(not a member)";
        }
        String key = slot.key();
        String renamed =
            switch (choices.below(5)) {
              case 0 -> key.toUpperCase(Locale.ROOT);
              case 1 -> key.toLowerCase(Locale.ROOT);
              case 2 -> "extension_" + Invitee.EXTENSIONS_APP + "_" + key;
              case 3 -> choices.text(24);
              default -> choices.pick(KEYS);
            };
        slot.parent().keys.set(slot.index(), renamed);
        return slot.path();
      }
      case ATTRIBUTE -> {
        if (root.kind != Json.Kind.OBJECT) {
          return "(root is not an object)";
        }
        Json attributes = root.objectAt("data").objectAt("userSignUpInfo").objectAt("attributes");
        String name =
            choices.pick(
                "email",
                "Email",
                "EMAILADDRESS",
                "mail",
                "displayName",
                "DisplayName",
                CODE,
                CODE.toUpperCase(Locale.ROOT),
                "InviteCode",
                "inviteCode",
                "extension_0000_InviteCode",
                ORGANIZATION,
                "Organization");
        Json value = attributeValue(choices);
        Json holderValue =
            switch (choices.below(3)) {
              case 0 -> value;
              case 1 -> Json.object().put("value", value);
              default ->
                  Json.object()
                      .put("@odata.type", Json.string(choices.pick(ATTRIBUTE_TYPES)))
                      .put("value", value)
                      .put(
                          "attributeType",
                          Json.string(choices.pick("builtIn", "directorySchemaExtension")));
            };
        if (choices.flip()) {
          attributes.put(name, holderValue);
        } else {
          attributes.set(name, holderValue);
        }
        return "$.data.userSignUpInfo.attributes." + name;
      }
      case IDENTITY -> {
        if (root.kind != Json.Kind.OBJECT) {
          return "(root is not an object)";
        }
        Json signUpInfo = root.objectAt("data").objectAt("userSignUpInfo");
        Json identities = signUpInfo.member("identities");
        if (identities == null || identities.kind != Json.Kind.ARRAY) {
          identities = Json.array();
          signUpInfo.set("identities", identities);
        }
        Json identity =
            Json.object()
                .put(
                    "signInType",
                    Json.string(
                        choices.pick(
                            "email",
                            "emailAddress",
                            "EMAIL",
                            "federated",
                            "userName",
                            "phoneNumber",
                            "userPrincipalName",
                            "")))
                .put(
                    "issuer",
                    Json.string(
                        choices.pick(
                            "mail",
                            "MAIL",
                            "exampleinvites.onmicrosoft.com",
                            "google.com",
                            "facebook.com",
                            "")))
                .put("issuerAssignedId", Json.string(Emails.variant(choices, "")));
        if (choices.flip() || identities.items.isEmpty()) {
          identities.items.add(identity);
        } else {
          identities.items.set(choices.below(identities.items.size()), identity);
        }
        return "$.data.userSignUpInfo.identities";
      }
      case GRAFT -> {
        Seed donor = choices.pick(seeds);
        List<Json.Slot> donorSlots = Json.slots(Json.array(donor.json()));
        Json.Slot graft = choices.pick(donorSlots);
        if (choices.flip() && slot.get().kind == Json.Kind.OBJECT) {
          slot.get().put(graft.key() == null ? "graft" : graft.key(), graft.get().copy());
        } else {
          slot.set(graft.get().copy());
        }
        return slot.path() + " <- " + donor.name() + " " + graft.path();
      }
      case TENANT_OR_APPLICATION -> {
        if (root.kind != Json.Kind.OBJECT) {
          return "(root is not an object)";
        }
        Json data = root.objectAt("data");
        if (choices.flip()) {
          data.set(
              "tenantId",
              choices.flip()
                  ? retyped(Json.string(TestTokens.TENANT), choices)
                  : Json.string(
                      choices.pick(
                          TestTokens.TENANT,
                          TestTokens.TENANT.toUpperCase(Locale.ROOT),
                          " " + TestTokens.TENANT + "\t",
                          TestTokens.TENANT + "\u200b",
                          "11111111-2222-3333-4444-555555555555",
                          "")));
          return "$.data.tenantId";
        }
        Json principal = data.objectAt("authenticationContext").objectAt("clientServicePrincipal");
        principal.set(
            "appId",
            choices.flip()
                ? retyped(Json.string(Invitee.APP), choices)
                : Json.string(
                    choices.pick(
                        Invitee.APP,
                        Invitee.OTHER_APP,
                        Invitee.APP.toUpperCase(Locale.ROOT),
                        " " + Invitee.OTHER_APP + " ",
                        "*",
                        "",
                        Invitee.APP + "\u200b")));
        return "$.data.authenticationContext.clientServicePrincipal.appId";
      }
      default -> throw new IllegalStateException("not a tree mutation: " + mutation);
    }
  }

  private static void reorder(Json container, Choices choices) {
    int size = container.items.size();
    if (size < 2) {
      return;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      order.add(i);
    }
    switch (choices.below(3)) {
      case 0 -> Collections.reverse(order);
      case 1 -> Collections.rotate(order, 1 + choices.below(size - 1));
      default -> Collections.swap(order, choices.below(size), choices.below(size));
    }
    List<String> keys = new ArrayList<>(container.keys);
    List<Json> items = new ArrayList<>(container.items);
    container.items.clear();
    container.keys.clear();
    for (int i : order) {
      container.items.add(items.get(i));
      if (!keys.isEmpty()) {
        container.keys.add(keys.get(i));
      }
    }
  }

  /** The value as another JSON type, keeping what can be kept. */
  private static Json retyped(Json value, Choices choices) {
    String asText =
        switch (value.kind) {
          case STRING, NUMBER, LITERAL -> value.text;
          default -> value.write(false);
        };
    return switch (choices.below(9)) {
      case 0 -> Json.string(asText);
      case 1 -> Json.number(choices.pick(NUMBERS));
      case 2 -> Json.literal("true");
      case 3 -> Json.literal("false");
      case 4 -> Json.literal("null");
      case 5 -> Json.array();
      case 6 -> Json.object();
      case 7 -> Json.array(value);
      default -> Json.array(Json.string(asText), Json.string(asText));
    };
  }

  private static Json attributeValue(Choices choices) {
    return switch (choices.below(6)) {
      case 0 -> Json.string(Emails.variant(choices, ""));
      case 1 ->
          Json.string(
              choices.pick(
                  Invitee.INVITE_CODE,
                  " k7q2-m9xd ",
                  "H3ID-1234",
                  "h3id-1234\u200b",
                  "",
                  " ",
                  "WRONG-CODE",
                  "Alice Example",
                  "alice example"));
      case 2 -> Json.number(choices.pick(NUMBERS));
      case 3 -> Json.literal(choices.pick("true", "false", "null"));
      case 4 -> Json.array(Json.string("K7Q2"), Json.string("M9XD"));
      default -> Json.object().put("value", Json.string(Invitee.INVITE_CODE));
    };
  }

  private static String odataType(Choices choices) {
    if (choices.below(4) == 0) {
      return choices.pick(ATTRIBUTE_TYPES);
    }
    String label = choices.pick(LABELS);
    String capitalised =
        label.isEmpty() ? label : Character.toUpperCase(label.charAt(0)) + label.substring(1);
    return choices.pick("", "#")
        + choices.pick(
            "microsoft.graph.on",
            "microsoft.graph.On",
            "Microsoft.Graph.On",
            "microsoft.graph.",
            "")
        + choices.pick(capitalised, label)
        + choices.pick("CalloutData", "ResponseData", "calloutData", "", "CalloutData ");
  }

  /** A huge or deeply nested value, built as text. */
  private static Json huge(Choices choices) {
    int count = choices.pick(63, 64, 65, 1000, 5000, 20000);
    return switch (choices.below(6)) {
      case 0 -> {
        int length = choices.pick(255, 1024, 65535, 65536, 65537, 100_000, OVER_THE_LIMIT);
        String unit = choices.pick("a", "\u00e9", "\u200b", "\\\"", "\\u0041");
        StringBuilder text = new StringBuilder(length + 32).append('"');
        while (text.length() < length) {
          text.append(unit);
        }
        if (choices.flip()) {
          text.append("@example.com");
        }
        yield Json.raw(text.append('"').toString());
      }
      case 1 -> Json.raw("[".repeat(count) + "]".repeat(count));
      case 2 -> Json.raw("{\"a\":".repeat(count) + "1" + "}".repeat(count));
      case 3 -> {
        StringBuilder members = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
          members.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":{\"value\":\"v\"}");
        }
        yield Json.raw(members.append('}').toString());
      }
      case 4 -> Json.raw("[" + "1,".repeat(count) + "1]");
      default -> Json.number("9".repeat(choices.pick(999, 1000, 1001, 5000)));
    };
  }

  /** A string slot, preferring those that hold an address when {@code emailish}. */
  private static Json.Slot stringSlot(List<Json.Slot> slots, Choices choices, boolean emailish) {
    List<Json.Slot> strings = new ArrayList<>();
    List<Json.Slot> addresses = new ArrayList<>();
    for (Json.Slot slot : slots) {
      if (slot.get().kind == Json.Kind.STRING) {
        strings.add(slot);
        if (slot.get().text.contains("@")) {
          addresses.add(slot);
        }
      }
    }
    List<Json.Slot> from =
        emailish && !addresses.isEmpty() && !choices.flip() ? addresses : strings;
    return from.isEmpty() ? null : choices.pick(from);
  }

  private static Json.Slot odataSlot(List<Json.Slot> slots, Choices choices) {
    List<Json.Slot> types = new ArrayList<>();
    for (Json.Slot slot : slots) {
      if ("@odata.type".equals(slot.key())) {
        types.add(slot);
      }
    }
    return types.isEmpty() ? null : choices.pick(types);
  }

  private static byte[] encode(String text, Encoding encoding) {
    return switch (encoding) {
      case UTF_8, ASCII_WITH_ESCAPES -> text.getBytes(StandardCharsets.UTF_8);
      case UTF_8_WITH_BOM -> ("\ufeff" + text).getBytes(StandardCharsets.UTF_8);
      case UTF_16BE -> text.getBytes(StandardCharsets.UTF_16BE);
      case UTF_16LE -> text.getBytes(StandardCharsets.UTF_16LE);
      case UTF_16BE_WITH_BOM -> ("\ufeff" + text).getBytes(StandardCharsets.UTF_16BE);
      case UTF_32BE -> text.getBytes(Charset.forName("UTF-32BE"));
      case UTF_32LE -> text.getBytes(Charset.forName("UTF-32LE"));
    };
  }

  /**
   * At {@code position} (modulo the length), {@code deleted} bytes replaced by {@code inserted}.
   */
  private record ByteEdit(int position, int deleted, byte[] inserted) {
    byte[] applyTo(byte[] body) {
      int at = body.length == 0 ? 0 : position % (body.length + 1);
      int end = Math.min(body.length, at + deleted);
      byte[] edited = new byte[body.length - (end - at) + inserted.length];
      System.arraycopy(body, 0, edited, 0, at);
      System.arraycopy(inserted, 0, edited, at, inserted.length);
      System.arraycopy(body, end, edited, at + inserted.length, body.length - end);
      return edited;
    }
  }
}
