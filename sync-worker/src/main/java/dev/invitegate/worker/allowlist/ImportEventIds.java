package dev.invitegate.worker.allowlist;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The id of an event imported from a row without an {@code eventId}: {@code import-} and 32 hex
 * digits of a SHA-256 of what the event says (type, email key, scope, time, expiry, attributes with
 * their types, locked attributes, roles), each part length-prefixed so no two events share an
 * input. Neither the file name nor the line counts: the same row gives the same event wherever it
 * stands, so running a file again sends only events the store already holds, which change nothing.
 */
final class ImportEventIds {

  static final String PREFIX = "import-";
  private static final String VERSION = "v1";

  private ImportEventIds() {}

  static String revoked(String email, String scope, Instant time) {
    return PREFIX + digest(List.of(VERSION, "revoked", email, scope, time.toString()));
  }

  static String granted(
      String email,
      String scope,
      Instant time,
      Optional<Instant> expiresAt,
      SortedMap<String, Object> attributes,
      List<String> locked,
      List<String> roles) {
    var parts =
        new ArrayList<>(
            List.of(
                VERSION,
                "granted",
                email,
                scope,
                time.toString(),
                expiresAt.map(Instant::toString).orElse("")));
    parts.add(Integer.toString(attributes.size()));
    for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
      parts.add(attribute.getKey());
      parts.add(AttributeType.of(attribute.getValue()).label());
      parts.add(String.valueOf(attribute.getValue()));
    }
    parts.add(Integer.toString(locked.size()));
    parts.addAll(locked);
    parts.add(Integer.toString(roles.size()));
    parts.addAll(roles);
    return PREFIX + digest(parts);
  }

  private static String digest(List<String> parts) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    for (String part : parts) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
      sha256.update(bytes);
    }
    return HexFormat.of().formatHex(sha256.digest(), 0, 16);
  }
}
