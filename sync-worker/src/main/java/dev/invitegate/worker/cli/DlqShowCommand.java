package dev.invitegate.worker.cli;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.invitegate.contracts.InvitationEvent;
import dev.invitegate.contracts.ParseResult;
import dev.invitegate.contracts.Violation;
import dev.invitegate.worker.deadletter.Candidate;
import dev.invitegate.worker.deadletter.DeadLetter;
import dev.invitegate.worker.deadletter.DeadLetterQueue;
import dev.invitegate.worker.deadletter.DeadLetterScan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlq show SEQUENCE}: one dead-lettered message whole, and what the parser says today. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Show one dead-lettered message whole: its broker and application properties, what the"
          + " contract's parser says about its body today (valid, or each violation with its"
          + " path), and the body, pretty-printed.",
      "The body is printed as published, so it shows the invitee's email address (your own"
          + " data): mind where the output goes. Peeks only: nothing is locked or changed."
    },
    footer = {
      "",
      "Examples:",
      "  java -jar sync-worker.jar dlq show 42",
      "  java -jar sync-worker.jar dlq show 42 --json | jq .contract",
      "",
      "Exit codes: 0 shown, 1 no such message or Service Bus failed, 2 usage or configuration"
          + " error."
    })
final class DlqShowCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "SEQUENCE",
      description = "The message's sequence number, as dlq list shows it.")
  long sequenceNumber;

  @Option(names = "--json", description = "One JSON document.")
  boolean json;

  @Override
  public Integer call() {
    CliContext context = WorkerCommand.context(spec);
    return DeadLetterCommands.withQueue(context, queue -> show(context, queue));
  }

  private int show(CliContext context, DeadLetterQueue queue) {
    List<DeadLetter> found = queue.peek(sequenceNumber, 1);
    if (found.isEmpty() || found.getFirst().sequenceNumber() != sequenceNumber) {
      context
          .err()
          .println(
              spec.qualifiedName(" ")
                  + ": no message #"
                  + sequenceNumber
                  + " in "
                  + DeadLetterCommands.path(queue)
                  + " (dlq list shows what is there)");
      context.err().flush();
      return ExitCodes.PARTLY;
    }
    Candidate candidate =
        new DeadLetterScan(queue, DeadLetterCommands.PARSER).candidate(found.getFirst());
    if (json) {
      Output.json(context.out(), document(candidate));
    } else {
      print(context.out(), queue, candidate);
    }
    return ExitCodes.DONE;
  }

  private static Map<String, Object> document(Candidate candidate) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("sequenceNumber", candidate.sequenceNumber());
    document.put("brokerProperties", candidate.message().brokerProperties());
    document.put("applicationProperties", printable(candidate.message().applicationProperties()));
    document.put("contract", contract(candidate.event().verdict()));
    Body body = Body.of(candidate.message().body());
    document.put("bodyEncoding", body.encoding());
    document.put("body", body.json() != null ? body.json() : body.text());
    return document;
  }

  private static Map<String, Object> contract(ParseResult verdict) {
    Map<String, Object> contract = new LinkedHashMap<>();
    switch (verdict) {
      case ParseResult.Parsed parsed -> {
        InvitationEvent event = parsed.event();
        contract.put("valid", true);
        contract.put("type", event.type());
        contract.put("id", event.id());
        contract.put("time", event.time().toString());
        contract.put("email", Masking.email(event.email().value()));
        contract.put("scope", event.scope());
      }
      case ParseResult.Invalid invalid -> {
        contract.put("valid", false);
        contract.put("code", invalid.code().code());
        List<Map<String, String>> violations = new ArrayList<>();
        for (Violation violation : invalid.violations()) {
          violations.add(Map.of("path", violation.path(), "problem", violation.problem()));
        }
        contract.put("violations", violations);
      }
    }
    return contract;
  }

  private void print(PrintWriter out, DeadLetterQueue queue, Candidate candidate) {
    out.println("Message #" + candidate.sequenceNumber() + " in " + DeadLetterCommands.path(queue));
    out.println();
    out.println("Broker properties");
    indented(out, candidate.message().brokerProperties());
    out.println();
    out.println("Application properties");
    if (candidate.message().applicationProperties().isEmpty()) {
      out.println("  (none)");
    }
    indented(out, printable(candidate.message().applicationProperties()));
    out.println();
    out.println("Contract check (the parser, today)");
    switch (candidate.event().verdict()) {
      case ParseResult.Parsed parsed -> {
        InvitationEvent event = parsed.event();
        out.println("  valid: " + event.type());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", event.id());
        fields.put("time", event.time());
        fields.put("email", Masking.email(event.email().value()));
        fields.put("scope", event.scope());
        indented(out, fields);
      }
      case ParseResult.Invalid invalid -> {
        out.println(
            "  invalid: "
                + invalid.code().code()
                + ", "
                + invalid.violations().size()
                + (invalid.violations().size() == 1 ? " violation" : " violations"));
        Map<String, Object> violations = new LinkedHashMap<>();
        for (Violation violation : invalid.violations()) {
          violations.merge("  " + violation.path(), violation.problem(), (a, b) -> a + "; " + b);
        }
        indented(out, violations);
      }
    }
    out.println();
    Body body = Body.of(candidate.message().body());
    out.println(
        "Body ("
            + switch (body.encoding()) {
              case "json" -> "JSON, pretty-printed";
              case "text" -> "not JSON; as text";
              default -> "not text; base64";
            }
            + "; as published, with the invitee's email address)");
    if (body.json() != null) {
      Output.prettyJson(out, body.json());
    } else {
      out.println(body.text());
      out.flush();
    }
  }

  private static void indented(PrintWriter out, Map<String, ?> fields) {
    Map<String, Object> prefixed = new LinkedHashMap<>();
    fields.forEach((name, value) -> prefixed.put("  " + name, value));
    Output.fields(out, prefixed);
  }

  /** Application property values JSON can carry: numbers, strings, booleans; others as text. */
  private static Map<String, Object> printable(Map<String, Object> properties) {
    Map<String, Object> printable = new LinkedHashMap<>();
    properties.forEach(
        (name, value) ->
            printable.put(
                name,
                value == null
                        || value instanceof Number
                        || value instanceof String
                        || value instanceof Boolean
                    ? value
                    : value instanceof Date date
                        ? date.toInstant().toString()
                        : String.valueOf(value)));
    return printable;
  }

  /**
   * A body as a person reads it: JSON when it parses, else text when it is UTF-8, else base64.
   *
   * @param encoding {@code json}, {@code text} or {@code base64}
   */
  private record Body(String encoding, JsonNode json, String text) {

    /** Pretty-printed only when nothing is lost: no duplicate keys, decimals kept as written. */
    private static final ObjectMapper STRICT =
        JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static Body of(byte[] bytes) {
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
      } catch (CharacterCodingException e) {
        return new Body("base64", null, Base64.getEncoder().encodeToString(bytes));
      }
      try {
        JsonNode json = STRICT.readTree(text);
        if (json != null && !json.isMissingNode()) {
          return new Body("json", json, text);
        }
      } catch (IOException e) {
        // Not JSON: shown as the text it is.
      }
      return new Body("text", null, text);
    }
  }
}
