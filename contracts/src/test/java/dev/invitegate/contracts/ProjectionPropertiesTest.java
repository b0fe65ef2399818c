package dev.invitegate.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitegate.contracts.samples.EventOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Projection must not depend on delivery: Service Bus may redeliver and reorder, and several
 * publishers may race.
 */
class ProjectionPropertiesTest {

  private static final List<EmailKey> EMAILS =
      List.of(
          EmailKey.of("alice@example.com"),
          EmailKey.of("bob@example.org"),
          EmailKey.of("carol+beta@example.net"));
  private static final List<String> APPS =
      List.of(
          "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917",
          "0f3b8c1e-5a27-4d6b-9e80-3c4f1a2b7d65",
          "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<Instant> DECISION_INSTANTS =
      List.of(
          T0.minus(Duration.ofDays(1)),
          T0.plusSeconds(30),
          T0.plusSeconds(90),
          T0.plus(Duration.ofDays(1)),
          T0.plus(Duration.ofDays(3650)));
  private static final List<String> DECIDED_APPS =
      Arrays.asList(
          APPS.get(0), APPS.get(1), APPS.get(2), null, "ffffffff-0000-4000-8000-000000000000");

  /** What one generated event is, before it gets its unique id. */
  record Spec(int email, int scope, boolean granted, int second, int expiresAfter, int flavour) {}

  @Provide
  Arbitrary<List<Spec>> specs() {
    Arbitrary<Spec> spec =
        Combinators.combine(
                Arbitraries.integers().between(0, EMAILS.size() - 1),
                Arbitraries.integers().between(0, APPS.size()), // APPS.size() stands for all apps
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 120), // narrow, so that equal times are common
                Arbitraries.integers().between(-1, 200), // -1: no expiry
                Arbitraries.integers().between(0, 3))
            .as(Spec::new);
    return spec.list().ofMaxSize(40);
  }

  @Property(tries = 300)
  void anyOrderWithAnyDuplicates_givesTheSameDocumentsAndDecisions(
      @ForAll("specs") List<Spec> specs, @ForAll Random random) {
    List<InvitationEvent> events = events(specs, random);
    var delivered = new ArrayList<InvitationEvent>(events);
    for (InvitationEvent event : events) {
      for (int copies = random.nextInt(3); copies > 0; copies--) {
        delivered.add(event);
      }
    }
    Collections.shuffle(delivered, random);

    for (EmailKey email : EMAILS) {
      InvitationDocument inOrder = project(email, events);
      InvitationDocument shuffled = project(email, delivered);

      assertThat(shuffled).isEqualTo(inOrder);
      assertThat(shuffled).isEqualTo(EventOrder.latestPerScope(email, events));
      assertThat(InvitationDocumentCodec.toJsonString(shuffled))
          .isEqualTo(InvitationDocumentCodec.toJsonString(inOrder));
      for (String app : DECIDED_APPS) {
        for (Instant now : DECISION_INSTANTS) {
          assertThat(shuffled.decide(app, now)).isEqualTo(inOrder.decide(app, now));
        }
      }
    }
  }

  @Property(tries = 200)
  void decisionFollowsTheNewerOfAppAndAllAppsEntries(
      @ForAll("specs") List<Spec> specs, @ForAll Random random) {
    List<InvitationEvent> events = events(specs, random);
    for (EmailKey email : EMAILS) {
      InvitationDocument document = project(email, events);
      for (String app : APPS) {
        Optional<InvitationEvent> deciding =
            events.stream()
                .filter(e -> e.email().equals(email))
                .filter(e -> e.applicationId().isEmpty() || e.applicationId().get().equals(app))
                .max(EventOrder.BY_TIME_THEN_ID);
        for (Instant now : DECISION_INSTANTS) {
          InvitationStatus decision = document.decide(app, now);
          switch (deciding.orElse(null)) {
            case null ->
                assertThat(decision)
                    .isEqualTo(
                        new InvitationStatus.NotInvited(InvitationStatus.Reason.NO_INVITATION));
            case InvitationRevoked revoked ->
                assertThat(decision)
                    .isEqualTo(new InvitationStatus.NotInvited(InvitationStatus.Reason.REVOKED));
            case InvitationGranted granted
                when granted.expiresAt().filter(e -> !e.isAfter(now)).isPresent() ->
                assertThat(decision)
                    .isEqualTo(new InvitationStatus.NotInvited(InvitationStatus.Reason.EXPIRED));
            case InvitationGranted granted ->
                assertThat(decision)
                    .isEqualTo(new InvitationStatus.Invited(ScopeEntry.of(granted)));
          }
        }
      }
    }
  }

  private static List<InvitationEvent> events(List<Spec> specs, Random random) {
    var events = new ArrayList<InvitationEvent>();
    for (int i = 0; i < specs.size(); i++) {
      Spec spec = specs.get(i);
      // Unique ids whose order is unrelated to generation order, so ties on time break both ways.
      String id = Integer.toString(random.nextInt(1000), 36) + "-" + i;
      Instant time = T0.plusSeconds(spec.second());
      EmailKey email = EMAILS.get(spec.email());
      Optional<String> app =
          spec.scope() < APPS.size() ? Optional.of(APPS.get(spec.scope())) : Optional.empty();
      if (!spec.granted()) {
        events.add(new InvitationRevoked(id, "/publisher/" + spec.flavour(), time, email, app));
        continue;
      }
      var attributes = new LinkedHashMap<String, Object>();
      List<String> locked = List.of();
      List<String> roles = List.of();
      if (spec.flavour() >= 1) {
        attributes.put("displayName", "Name " + i);
        attributes.put("extension_app_Year", 2000L + i);
        attributes.put("extension_app_Active", i % 2 == 0);
      }
      if (spec.flavour() >= 2) {
        locked = List.of("extension_app_Year", "displayName");
      }
      if (spec.flavour() == 3) {
        roles = List.of("reader", "role-" + i);
      }
      Optional<Instant> expiresAt =
          spec.expiresAfter() < 0
              ? Optional.empty()
              : Optional.of(time.plusSeconds(spec.expiresAfter()));
      events.add(
          new InvitationGranted(
              id, "/publisher", time, email, app, expiresAt, attributes, locked, roles));
    }
    return events;
  }

  private static InvitationDocument project(EmailKey email, List<InvitationEvent> events) {
    InvitationDocument document = InvitationDocument.empty(email);
    for (InvitationEvent event : events) {
      if (!event.email().equals(email)) {
        continue;
      }
      switch (document.project(event)) {
        case Projection.Applied applied -> document = applied.document();
        case Projection.Stale stale -> {}
      }
    }
    return document;
  }
}
