package dev.invitegate.worker.it;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationEvent;
import dev.invitegate.contracts.InvitationGranted;
import dev.invitegate.contracts.InvitationRevoked;
import dev.invitegate.contracts.ScopeEntry;
import dev.invitegate.contracts.samples.EventOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * An allow-list file written for a test, with the events each good row must become, built here from
 * the columns' documented meaning (not by the import's code), and the lines of the bad rows. Events
 * of rows without an {@code eventId} carry a placeholder id, {@code derived:<line>}: the import
 * derives theirs from the content; {@link #matches} checks their shape and compares the rest.
 *
 * @param badLines line number to the start of the reason the import must give
 */
public record AllowListFile(
    Path path, Map<EmailKey, List<InvitationEvent>> events, Map<Integer, String> badLines) {

  public static final String APP_1 = "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917";
  public static final String APP_2 = "0b7f3c52-1a2d-4e5f-9a8b-7c6d5e4f3a2b";
  private static final String DERIVED = "derived:";
  private static final Pattern IMPORT_ID = Pattern.compile("import-[0-9a-f]{32}");
  private static final String HEADER =
      "email,applicationId,state,expiresAt,roles,locked,time,eventId,"
          + "attr.displayName,attr.CohortYear:int64,attr.IsAlumnus:boolean";

  /**
   * {@code rows} data rows over about a third as many addresses and three scopes; every fiftieth a
   * bad one of seven kinds; some scopes get a second, older row later in the file (stale when it
   * arrives), some rows carry their own time and event id, some are revokes.
   *
   * @param fileTime what {@code --time} gives the rows without a time
   */
  public static AllowListFile generate(
      Path path, String domain, int rows, Instant fileTime, long seed) {
    Random random = new Random(seed);
    Map<EmailKey, List<InvitationEvent>> events = new LinkedHashMap<>();
    Map<Integer, String> badLines = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    String lastUntimed = null;
    int i = 0;
    while (lines.size() - 1 < rows) {
      int line = lines.size() + 1;
      String email = "user" + (i / 3) + "@" + domain;
      Optional<String> app =
          switch (i % 3) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(APP_1);
            default -> Optional.of(APP_2);
          };
      String appCell = app.orElse(random.nextBoolean() ? "*" : "");
      if (i % 50 == 7) {
        int kind = (i / 50) % 7;
        String bad =
            switch (kind) {
              case 0 -> "user" + i + "." + domain + ",,,,,,,,,,";
              case 1 -> email + "," + appCell + ",,2026-13-01T00:00:00Z,,,,,,,";
              case 2 ->
                  email
                      + ","
                      + appCell
                      + ",,,"
                      + IntStream.range(0, 101)
                          .mapToObj(r -> "r" + r)
                          .collect(Collectors.joining(";"))
                      + ",,,,,,";
              case 3 -> email + "," + appCell + ",,,,,,,,twenty,";
              case 4 -> email + "," + appCell + ",paused,,,,,,,,";
              case 5 -> lastUntimed + ",,,,,,,,";
              default -> email + "," + appCell + ",,,,,,crm-orphan,,,";
            };
        String reason =
            switch (kind) {
              case 0 -> "email: not an email address";
              case 1 -> "expiresAt: not an RFC 3339";
              case 2 -> "more than 100 roles";
              case 3 -> "attr.CohortYear:int64: not an int64";
              case 4 -> "state: must be invited, expired or revoked";
              case 5 -> "repeats line";
              default -> "eventId: given without a time";
            };
        lines.add(bad);
        badLines.put(line, reason);
        i++;
        continue;
      }
      boolean revoke = random.nextInt(6) == 0;
      boolean timed = random.nextInt(4) == 0;
      boolean withId = timed && random.nextBoolean();
      Instant time =
          timed ? fileTime.minus(Duration.ofMinutes(1 + random.nextInt(10_000))) : fileTime;
      String id = withId ? "crm-" + domain + "-" + i : DERIVED + line;
      String timeCell = timed ? time.toString() : "";
      String idCell = withId ? id : "";
      if (revoke) {
        lines.add(
            String.join(",", email, appCell, "revoked", "", "", "", timeCell, idCell, "", "", ""));
        add(events, new InvitationRevoked(id, "/t", time, EmailKey.of(email), app));
      } else {
        Optional<Instant> expiresAt =
            switch (random.nextInt(3)) {
              case 0 -> Optional.empty();
              case 1 -> Optional.of(fileTime.minus(Duration.ofDays(10)));
              default -> Optional.of(fileTime.plus(Duration.ofDays(30)));
            };
        List<String> roles = random.nextBoolean() ? List.of("member") : List.of("member", "beta");
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("displayName", "User " + (i / 3) + ", \"the\" " + i);
        if (random.nextBoolean()) {
          attributes.put("CohortYear", 2000L + random.nextInt(30));
        }
        if (random.nextBoolean()) {
          attributes.put("IsAlumnus", random.nextBoolean());
        }
        boolean lock = random.nextBoolean();
        lines.add(
            String.join(
                ",",
                email.toUpperCase(),
                appCell,
                random.nextBoolean() ? "" : "invited",
                expiresAt.map(Instant::toString).orElse(""),
                String.join(";", roles),
                lock ? "displayName" : "",
                timeCell,
                idCell,
                "\"" + attributes.get("displayName").toString().replace("\"", "\"\"") + "\"",
                String.valueOf(attributes.getOrDefault("CohortYear", "")),
                String.valueOf(attributes.getOrDefault("IsAlumnus", ""))));
        add(
            events,
            new InvitationGranted(
                id,
                "/t",
                time,
                EmailKey.of(email),
                app,
                expiresAt,
                attributes,
                lock ? List.of("displayName") : List.of(),
                roles));
        if (!timed) {
          lastUntimed = email + "," + appCell;
        }
      }
      if (i % 10 == 3 && lines.size() - 1 < rows) {
        // An older revoke of the same scope later in the file: stale when it arrives.
        Instant older = fileTime.minus(Duration.ofDays(400 + i % 7));
        lines.add(
            String.join(
                ",", email, appCell, "revoked", "", "", "", older.toString(), "", "", "", ""));
        add(
            events,
            new InvitationRevoked(DERIVED + (line + 1), "/t", older, EmailKey.of(email), app));
      }
      i++;
    }
    try (Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      for (String text : lines) {
        writer.write(text);
        writer.write("\r\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new AllowListFile(path, events, badLines);
  }

  private static void add(Map<EmailKey, List<InvitationEvent>> events, InvitationEvent event) {
    events.computeIfAbsent(event.email(), email -> new ArrayList<>()).add(event);
  }

  /** The documents the good rows must project to, by the contracts' test model. */
  public Map<EmailKey, InvitationDocument> expected() {
    Map<EmailKey, InvitationDocument> expected = new HashMap<>();
    events.forEach((email, list) -> expected.put(email, EventOrder.latestPerScope(email, list)));
    return expected;
  }

  public int goodRows() {
    return events.values().stream().mapToInt(List::size).sum();
  }

  /**
   * Whether {@code stored} is {@code expected} but for the ids the import derived, which must have
   * their documented shape.
   */
  public static boolean matches(InvitationDocument expected, InvitationDocument stored) {
    if (!expected.scopes().keySet().equals(stored.scopes().keySet())) {
      return false;
    }
    Map<String, ScopeEntry> normalised = new HashMap<>();
    for (var scope : stored.scopes().entrySet()) {
      ScopeEntry want = expected.scopes().get(scope.getKey());
      ScopeEntry got = scope.getValue();
      if (want.eventId().startsWith(DERIVED)) {
        if (!IMPORT_ID.matcher(got.eventId()).matches()) {
          return false;
        }
        got =
            new ScopeEntry(
                want.eventId(),
                got.time(),
                got.granted(),
                got.expiresAt(),
                got.attributes(),
                got.lockedAttributes(),
                got.roles());
      }
      normalised.put(scope.getKey(), got);
    }
    return new InvitationDocument(stored.id(), normalised).equals(expected);
  }
}
