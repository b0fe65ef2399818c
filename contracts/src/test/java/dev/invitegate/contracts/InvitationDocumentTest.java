package dev.invitegate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvitationDocumentTest {

  private static final String APP = "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917";
  private static final String OTHER_APP = "0f3b8c1e-5a27-4d6b-9e80-3c4f1a2b7d65";
  private static final EmailKey ALICE = EmailKey.of("alice@example.com");
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void invites_whenGrantedForAllApps() {
    var document = project(grant("e1", T0, null));

    assertThat(document.decide(APP, NOW)).isInstanceOf(InvitationStatus.Invited.class);
    assertThat(document.decide(null, NOW)).isInstanceOf(InvitationStatus.Invited.class);
    assertThat(document.decide("  ", NOW)).isInstanceOf(InvitationStatus.Invited.class);
  }

  @Test
  void invitesOnlyToTheGrantedApp_whenGrantedForOneApp() {
    var document = project(grant("e1", T0, APP));

    assertThat(document.decide(APP, NOW)).isInstanceOf(InvitationStatus.Invited.class);
    assertThat(document.decide(OTHER_APP, NOW))
        .isEqualTo(notInvited(InvitationStatus.Reason.NO_INVITATION));
    assertThat(document.decide(null, NOW))
        .isEqualTo(notInvited(InvitationStatus.Reason.NO_INVITATION));
  }

  @Test
  void matchesTheApplicationId_inAnyCase() {
    var document = project(grant("e1", T0, APP));

    assertThat(document.decide(" " + APP.toUpperCase() + " ", NOW))
        .isInstanceOf(InvitationStatus.Invited.class);
  }

  @Test
  void blocks_whenRevokedForAllAppsAfterAppGrant() {
    var document = project(grant("e1", T0, APP), revoke("e2", T0.plusSeconds(60), null));

    assertThat(document.decide(APP, NOW)).isEqualTo(notInvited(InvitationStatus.Reason.REVOKED));
  }

  @Test
  void invites_whenAppGrantNewerThanGlobalRevoke() {
    var document = project(revoke("e1", T0, null), grant("e2", T0.plusSeconds(60), APP));

    assertThat(document.decide(APP, NOW)).isInstanceOf(InvitationStatus.Invited.class);
    assertThat(document.decide(OTHER_APP, NOW))
        .isEqualTo(notInvited(InvitationStatus.Reason.REVOKED));
  }

  @Test
  void blocks_whenAppRevokeNewerThanGlobalGrant() {
    var document = project(grant("e1", T0, null), revoke("e2", T0.plusSeconds(60), APP));

    assertThat(document.decide(APP, NOW)).isEqualTo(notInvited(InvitationStatus.Reason.REVOKED));
    assertThat(document.decide(OTHER_APP, NOW)).isInstanceOf(InvitationStatus.Invited.class);
  }

  @Test
  void invites_whenGlobalGrantNewerThanAppRevoke() {
    var document = project(revoke("e1", T0, APP), grant("e2", T0.plusSeconds(60), null));

    assertThat(document.decide(APP, NOW)).isInstanceOf(InvitationStatus.Invited.class);
  }

  @Test
  void tieOnTimeBrokenByEventId() {
    var revokeB = revoke("b", T0, null);
    var grantA = grant("a", T0, null);
    var grantC = grant("c", T0, null);

    assertThat(project(revokeB, grantA).decide(APP, NOW))
        .isEqualTo(notInvited(InvitationStatus.Reason.REVOKED));
    assertThat(project(grantA, revokeB).decide(APP, NOW))
        .isEqualTo(notInvited(InvitationStatus.Reason.REVOKED));
    assertThat(project(revokeB, grantC).decide(APP, NOW))
        .isInstanceOf(InvitationStatus.Invited.class);
    assertThat(project(grantC, revokeB).decide(APP, NOW))
        .isInstanceOf(InvitationStatus.Invited.class);
  }

  @Test
  void tieOnTimeAcrossScopesBrokenByEventId() {
    var document = project(grant("b", T0, APP), revoke("a", T0, null));

    assertThat(document.decide(APP, NOW)).isInstanceOf(InvitationStatus.Invited.class);
  }

  @Test
  void expiredGrantIsNotInvited() {
    var document = project(grantExpiring("e1", T0, APP, NOW));

    assertThat(document.decide(APP, NOW)).isEqualTo(notInvited(InvitationStatus.Reason.EXPIRED));
    assertThat(document.decide(APP, NOW.minusNanos(1)))
        .isInstanceOf(InvitationStatus.Invited.class);
  }

  @Test
  void expiredNewerGrantDecides_evenIfAnOlderGrantStillRuns() {
    var document =
        project(grant("e1", T0, null), grantExpiring("e2", T0.plusSeconds(60), APP, NOW));

    assertThat(document.decide(APP, NOW)).isEqualTo(notInvited(InvitationStatus.Reason.EXPIRED));
  }

  @Test
  void staleEventChangesNothing() {
    var document = project(revoke("e2", T0.plusSeconds(60), APP));

    assertThat(document.project(grant("e1", T0, APP))).isEqualTo(new Projection.Stale());
  }

  @Test
  void duplicateIsStale() {
    var event = grant("e1", T0, APP);
    var document = project(event);

    assertThat(document.project(event)).isEqualTo(new Projection.Stale());
  }

  @Test
  void newerEventReplacesTheEntryOfItsScopeOnly() {
    var document =
        project(grant("e1", T0, null), grant("e2", T0, APP), revoke("e3", T0.plusSeconds(1), APP));

    assertThat(document.scopes()).containsOnlyKeys("*", APP);
    assertThat(document.scopes().get("*").eventId()).isEqualTo("e1");
    assertThat(document.scopes().get(APP))
        .isEqualTo(
            new ScopeEntry(
                "e3", T0.plusSeconds(1), false, Optional.empty(), Map.of(), List.of(), List.of()));
  }

  @Test
  void invitedDecisionCarriesTheGrantDetails() {
    var grant =
        new InvitationGranted(
            "e1",
            "/test",
            T0,
            ALICE,
            Optional.of(APP),
            Optional.empty(),
            Map.of("displayName", "Alice", "extension_x_Year", 2025),
            List.of("displayName"),
            List.of("beta"));

    var decision = project(grant).decide(APP, NOW);

    assertThat(decision).isEqualTo(new InvitationStatus.Invited(ScopeEntry.of(grant)));
    var invited = (InvitationStatus.Invited) decision;
    assertThat(invited.grant().attributes()).containsEntry("extension_x_Year", 2025L);
    assertThat(invited.grant().lockedAttributes()).containsExactly("displayName");
    assertThat(invited.grant().roles()).containsExactly("beta");
  }

  @Test
  void noDocumentMeansNoInvitation() {
    assertThat(InvitationStatus.noDocument())
        .isEqualTo(notInvited(InvitationStatus.Reason.NO_INVITATION));
    assertThat(InvitationDocument.empty(ALICE).decide(APP, NOW))
        .isEqualTo(notInvited(InvitationStatus.Reason.NO_INVITATION));
  }

  @Test
  void refusesAnEventForAnotherAddress() {
    var event =
        new InvitationRevoked("e1", "/test", T0, EmailKey.of("bob@example.com"), Optional.empty());

    assertThatThrownBy(() -> InvitationDocument.empty(ALICE).project(event))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("bob");
  }

  @Test
  void rejectsScopesThatAreNeitherAllNorALowerCaseGuid() {
    var entry = ScopeEntry.of(revoke("e1", T0, null));

    assertThatThrownBy(() -> new InvitationDocument(ALICE, Map.of(APP.toUpperCase(), entry)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InvitationDocument(ALICE, Map.of("my-app", entry)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void revokeEntryCannotCarryGrantDetails() {
    assertThatThrownBy(
            () -> new ScopeEntry("e1", T0, false, Optional.of(NOW), Map.of(), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lockedAttributesMustBeAttributes() {
    assertThatThrownBy(
            () ->
                new ScopeEntry(
                    "e1", T0, true, Optional.empty(), Map.of("a", "x"), List.of("b"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isNewerThan_ordersByTimeThenEventId() {
    var early = ScopeEntry.of(revoke("z", T0, null));
    var late = ScopeEntry.of(revoke("a", T0.plusNanos(1), null));
    var sameTimeHigherId = ScopeEntry.of(grant("zz", T0, null));

    assertThat(late.isNewerThan(early)).isTrue();
    assertThat(early.isNewerThan(late)).isFalse();
    assertThat(sameTimeHigherId.isNewerThan(early)).isTrue();
    assertThat(early.isNewerThan(sameTimeHigherId)).isFalse();
    assertThat(early.isNewerThan(early)).isFalse();
  }

  @Test
  void decidingScope_isTheNewerOfTheApplicationsEntryAndTheEntryForAll() {
    var appNewer = project(grant("e1", T0, null), revoke("e2", T0.plusSeconds(60), APP));
    var allNewer = project(grant("e1", T0, APP), revoke("e2", T0.plusSeconds(60), null));

    assertThat(appNewer.decidingScope(APP.toUpperCase())).hasValue(APP);
    assertThat(appNewer.decidingScope(OTHER_APP)).hasValue(InvitationDocument.ALL_APPLICATIONS);
    assertThat(appNewer.decidingScope(null)).hasValue(InvitationDocument.ALL_APPLICATIONS);
    assertThat(allNewer.decidingScope(APP)).hasValue(InvitationDocument.ALL_APPLICATIONS);
  }

  @Test
  void decidingScope_isEmpty_whenNoEntryCounts() {
    var document = project(grant("e1", T0, APP));

    assertThat(document.decidingScope(OTHER_APP)).isEmpty();
    assertThat(document.decidingScope(" ")).isEmpty();
    assertThat(InvitationDocument.empty(ALICE).decidingScope(APP)).isEmpty();
  }

  private static InvitationDocument project(InvitationEvent... events) {
    var document = InvitationDocument.empty(ALICE);
    for (InvitationEvent event : events) {
      if (document.project(event) instanceof Projection.Applied applied) {
        document = applied.document();
      }
    }
    return document;
  }

  private static InvitationStatus notInvited(InvitationStatus.Reason reason) {
    return new InvitationStatus.NotInvited(reason);
  }

  static InvitationGranted grant(String id, Instant time, String app) {
    return grantExpiring(id, time, app, null);
  }

  static InvitationGranted grantExpiring(String id, Instant time, String app, Instant expiresAt) {
    return new InvitationGranted(
        id,
        "/test",
        time,
        ALICE,
        Optional.ofNullable(app),
        Optional.ofNullable(expiresAt),
        Map.of(),
        List.of(),
        List.of());
  }

  static InvitationRevoked revoke(String id, Instant time, String app) {
    return new InvitationRevoked(id, "/test", time, ALICE, Optional.ofNullable(app));
  }
}
