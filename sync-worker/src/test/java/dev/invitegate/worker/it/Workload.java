package dev.invitegate.worker.it;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationEvent;
import dev.invitegate.contracts.InvitationEventParser;
import dev.invitegate.contracts.ParseResult;
import dev.invitegate.contracts.samples.EventOrder;
import dev.invitegate.worker.projection.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A stream of grant and revoke events over many emails and applications, shuffled with duplicates,
 * and the documents the contract says they must leave behind.
 *
 * @param bodies message bodies in publishing order
 * @param expected the document per email after all of them
 * @param distinctEvents events without the duplicates
 */
public record Workload(
    List<byte[]> bodies, Map<EmailKey, InvitationDocument> expected, int distinctEvents) {

  private static final Instant BASE = Instant.parse("2026-02-01T08:00:00Z");
  private static final List<Optional<String>> APPLICATIONS =
      List.of(
          Optional.empty(),
          Optional.of("6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917"),
          Optional.of("0b7f3c52-1a2d-4e5f-9a8b-7c6d5e4f3a2b"));

  public static Workload generate(
      String domain, int emails, int eventsPerEmail, double duplicateShare, long seed) {
    Random random = new Random(seed);
    List<byte[]> distinct = new ArrayList<>();
    for (int e = 0; e < emails; e++) {
      String email = "user" + e + "@" + domain;
      for (int i = 0; i < eventsPerEmail; i++) {
        String id = "evt-" + e + "-" + i;
        Optional<String> app = APPLICATIONS.get(random.nextInt(APPLICATIONS.size()));
        Instant time = BASE.plus(Duration.ofSeconds(random.nextInt(3_600)));
        distinct.add(
            random.nextInt(4) == 0
                ? Events.revoked(id, email, app, time)
                : Events.granted(
                    id,
                    email,
                    app,
                    time,
                    Optional.of(BASE.plus(Duration.ofDays(30))),
                    Map.of("displayName", "User " + e),
                    List.of("member")));
      }
    }
    return of(distinct, duplicateShare, random);
  }

  /** The given distinct events, shuffled, with a share of them published twice. */
  public static Workload of(List<byte[]> distinct, double duplicateShare, Random random) {
    List<byte[]> bodies = new ArrayList<>(distinct);
    int duplicates = (int) (distinct.size() * duplicateShare);
    for (int i = 0; i < duplicates; i++) {
      bodies.add(distinct.get(random.nextInt(distinct.size())));
    }
    Collections.shuffle(bodies, random);
    return new Workload(List.copyOf(bodies), fold(distinct), distinct.size());
  }

  /** The reference the worker must match: per email, the latest event of each scope. */
  private static Map<EmailKey, InvitationDocument> fold(List<byte[]> bodies) {
    InvitationEventParser parser = new InvitationEventParser();
    Map<EmailKey, List<InvitationEvent>> byEmail = new LinkedHashMap<>();
    for (byte[] body : bodies) {
      InvitationEvent event = ((ParseResult.Parsed) parser.parse(body)).event();
      byEmail.computeIfAbsent(event.email(), email -> new ArrayList<>()).add(event);
    }
    Map<EmailKey, InvitationDocument> documents = new LinkedHashMap<>();
    byEmail.forEach(
        (email, events) -> documents.put(email, EventOrder.latestPerScope(email, events)));
    return documents;
  }
}
