package dev.invitegate.responder.signup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.ScopeEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignUpGateTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String PORTAL = "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917";
  private static final String OTHER_APP = "0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e4e";
  private static final String CODE = "extension_5c8e1a3f7b9d4e2a8c6f0b1d3e5a7c9f_InviteCode";
  private static final EmailKey ALICE = EmailKey.of("alice@example.com");

  private final InMemoryInvitations store = new InMemoryInvitations(List.of());
  private final Messages messages = Messages.withNotInvited("Invitation only.");
  private final SignUpGate gate =
      new SignUpGate(
          store, Clock.fixed(NOW, ZoneOffset.UTC), messages, new InviteCodeAttribute("InviteCode"));

  private static ScopeEntry grant(
      String id, Instant time, Map<String, Object> attributes, List<String> locked) {
    return new ScopeEntry(id, time, true, Optional.empty(), attributes, locked, List.of("beta"));
  }

  private static ScopeEntry revoke(String id, Instant time) {
    return new ScopeEntry(id, time, false, Optional.empty(), Map.of(), List.of(), List.of());
  }

  private void store(Map<String, ScopeEntry> scopes) {
    store.put(new InvitationDocument(ALICE, scopes));
  }

  private static SignUpRequest request(EventKind kind, Map<String, Object> submitted) {
    return new SignUpRequest(kind, "corr-1", Optional.of(PORTAL), Optional.of(ALICE), submitted);
  }

  private SignUpDecision decide(EventKind kind, Map<String, Object> submitted) {
    return gate.decide(request(kind, submitted), Duration.ofMillis(500));
  }

  private Action.Block notInvited() {
    return new Action.Block(Action.BlockCause.NOT_INVITED, "Invitation only.");
  }

  @Test
  void blocksSignUp_whenNoInvitationIsStored() {
    SignUpDecision decision = decide(EventKind.ATTRIBUTE_COLLECTION_START, Map.of());
    assertThat(decision.action()).isEqualTo(notInvited());
    assertThat(decision.reason()).isEqualTo("no_invitation");
    assertThat(decision.storeLatency()).isPresent();
  }

  @Test
  void blocksSignUp_whenInvitationWasRevokedLater() {
    store(
        Map.of(
            "*",
            grant("e1", NOW.minusSeconds(600), Map.of(), List.of()),
            PORTAL,
            revoke("e2", NOW.minusSeconds(60))));
    SignUpDecision decision = decide(EventKind.ATTRIBUTE_COLLECTION_SUBMIT, Map.of());
    assertThat(decision.action()).isEqualTo(notInvited());
    assertThat(decision.reason()).isEqualTo("revoked");
  }

  @Test
  void blocksSignUp_whenInvitationExpired() {
    store(
        Map.of(
            "*",
            new ScopeEntry(
                "e1",
                NOW.minusSeconds(600),
                true,
                Optional.of(NOW.minusSeconds(1)),
                Map.of(),
                List.of(),
                List.of())));
    SignUpDecision decision = decide(EventKind.ATTRIBUTE_COLLECTION_START, Map.of());
    assertThat(decision.action()).isEqualTo(notInvited());
    assertThat(decision.reason()).isEqualTo("expired");
  }

  @Test
  void blocksSignUp_whenInvitedOnlyToAnotherApplication() {
    store(Map.of(OTHER_APP, grant("e1", NOW.minusSeconds(600), Map.of(), List.of())));
    assertThat(decide(EventKind.ATTRIBUTE_COLLECTION_START, Map.of()).action())
        .isEqualTo(notInvited());
  }

  @Test
  void blocksSignUp_withoutReading_whenNoEmailWasFound() {
    SignUpDecision decision =
        gate.decide(
            new SignUpRequest(
                EventKind.ATTRIBUTE_COLLECTION_START,
                "corr",
                Optional.of(PORTAL),
                Optional.empty(),
                Map.of()),
            Duration.ofMillis(500));
    assertThat(decision.action())
        .isEqualTo(new Action.Block(Action.BlockCause.NO_EMAIL, messages.noEmail()));
    assertThat(decision.reason()).isEqualTo("no_email");
    assertThat(store.reads()).isEmpty();
  }

  @Test
  void failsClosed_withTemporarilyUnavailable_whenTheStoreTimesOutOrFails() {
    store(Map.of("*", grant("e1", NOW.minusSeconds(600), Map.of(), List.of())));
    for (LookupResult.Failure failure : LookupResult.Failure.values()) {
      store.failWith(failure);
      SignUpDecision decision = decide(EventKind.ATTRIBUTE_COLLECTION_START, Map.of());
      assertThat(decision.action())
          .isEqualTo(
              new Action.Block(
                  Action.BlockCause.TEMPORARILY_UNAVAILABLE, messages.temporarilyUnavailable()));
      assertThat(decision.reason()).isEqualTo(failure.reason());
    }
  }

  @Test
  void failsClosed_withoutReading_whenTheDeadlineIsAlreadySpent() {
    store(Map.of("*", grant("e1", NOW.minusSeconds(600), Map.of(), List.of())));
    SignUpDecision decision =
        gate.decide(request(EventKind.ATTRIBUTE_COLLECTION_START, Map.of()), Duration.ofMillis(-3));
    assertThat(decision.action()).isInstanceOf(Action.Block.class);
    assertThat(decision.reason()).isEqualTo("store_timeout");
    assertThat(store.reads()).isEmpty();
  }

  @Test
  void prefillsInvitationAttributes_butNeverTheInvitationCode() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("displayName", "Alice Example");
    attributes.put(CODE, "K7Q2-M9XD");
    attributes.put("extension_5c8e1a3f7b9d4e2a8c6f0b1d3e5a7c9f_CohortYear", 2025L);
    store(Map.of("*", grant("e1", NOW.minusSeconds(600), attributes, List.of())));
    assertThat(decide(EventKind.ATTRIBUTE_COLLECTION_START, Map.of()).action())
        .isEqualTo(
            new Action.Prefill(
                Map.of(
                    "displayName",
                    "Alice Example",
                    "extension_5c8e1a3f7b9d4e2a8c6f0b1d3e5a7c9f_CohortYear",
                    2025L)));
  }

  @Test
  void continues_whenInvitedWithNothingToPrefill() {
    store(Map.of("*", grant("e1", NOW.minusSeconds(600), Map.of(), List.of())));
    SignUpDecision decision = decide(EventKind.ATTRIBUTE_COLLECTION_START, Map.of());
    assertThat(decision.action()).isEqualTo(new Action.Continue());
    assertThat(decision.reason()).isEqualTo("invited");
  }

  @Test
  void restoresLockedAttributes_whoseSubmittedValuesDiffer() {
    store(
        Map.of(
            "*",
            grant(
                "e1",
                NOW.minusSeconds(600),
                Map.of("displayName", "Alice Example", "city", "Oslo", "jobTitle", "Engineer"),
                List.of("displayName", "city"))));
    SignUpDecision decision =
        decide(
            EventKind.ATTRIBUTE_COLLECTION_SUBMIT,
            Map.of("displayName", "Mallory", "city", "Oslo", "jobTitle", "CEO"));
    assertThat(decision.action())
        .isEqualTo(new Action.Modify(Map.of("displayName", "Alice Example")));
    assertThat(decision.reason()).isEqualTo("invited_restored");
  }

  @Test
  void treatsNumbersOfEqualValueAsUnchanged() {
    store(
        Map.of(
            "*", grant("e1", NOW.minusSeconds(600), Map.of("cohort", 2025L), List.of("cohort"))));
    assertThat(decide(EventKind.ATTRIBUTE_COLLECTION_SUBMIT, Map.of("cohort", 2025L)).action())
        .isEqualTo(new Action.Continue());
  }

  @Test
  void showsValidationError_whenTheInvitationCodeDiffersOrIsBlank() {
    store(Map.of("*", grant("e1", NOW.minusSeconds(600), Map.of(CODE, "K7Q2-M9XD"), List.of())));
    for (String typed : List.of("ZZZZ-0000", "", "K7Q2")) {
      SignUpDecision decision = decide(EventKind.ATTRIBUTE_COLLECTION_SUBMIT, Map.of(CODE, typed));
      assertThat(decision.action())
          .as(typed)
          .isEqualTo(
              new Action.ShowValidationError(
                  messages.fixHighlightedField(), Map.of(CODE, messages.inviteCodeMismatch())));
      assertThat(decision.reason()).isEqualTo("invite_code_mismatch");
    }
  }

  @Test
  void acceptsTheInvitationCode_typedWithOtherCaseAndBlanks_andStoresItCanonically() {
    store(Map.of("*", grant("e1", NOW.minusSeconds(600), Map.of(CODE, "K7Q2-M9XD"), List.of())));
    assertThat(decide(EventKind.ATTRIBUTE_COLLECTION_SUBMIT, Map.of(CODE, " k7q2-m9xd ")).action())
        .isEqualTo(new Action.Modify(Map.of(CODE, "K7Q2-M9XD")));
    assertThat(decide(EventKind.ATTRIBUTE_COLLECTION_SUBMIT, Map.of(CODE, "K7Q2-M9XD")).action())
        .isEqualTo(new Action.Continue());
  }

  @Test
  void showsValidationError_whenTheInvitationHoldsACode_butTheSubmissionCarriesNone() {
    store(Map.of("*", grant("e1", NOW.minusSeconds(600), Map.of(CODE, "K7Q2-M9XD"), List.of())));
    for (Map<String, Object> submitted :
        List.<Map<String, Object>>of(
            Map.of(), Map.of("displayName", "Alice"), Map.of("Code", "K7Q2-M9XD"))) {
      SignUpDecision decision = decide(EventKind.ATTRIBUTE_COLLECTION_SUBMIT, submitted);
      assertThat(decision.action())
          .as(submitted.toString())
          .isEqualTo(
              new Action.ShowValidationError(
                  messages.fixHighlightedField(), Map.of(CODE, messages.inviteCodeMismatch())));
    }
  }

  @Test
  void showsValidationError_whenOneOfTwoSubmittedCodeFieldsIsWrong() {
    store(Map.of("*", grant("e1", NOW.minusSeconds(600), Map.of("InviteCode", "K7Q2"), List.of())));
    Map<String, Object> submitted = new LinkedHashMap<>();
    submitted.put(CODE, "K7Q2");
    submitted.put("inviteCode", "WRONG");
    assertThat(decide(EventKind.ATTRIBUTE_COLLECTION_SUBMIT, submitted).action())
        .isEqualTo(
            new Action.ShowValidationError(
                messages.fixHighlightedField(),
                Map.of("inviteCode", messages.inviteCodeMismatch())));
  }

  @Test
  void asksForNoCode_whenTheInvitationsCodeIsBlank() {
    store(Map.of("*", grant("e1", NOW.minusSeconds(600), Map.of(CODE, "  "), List.of())));
    assertThat(decide(EventKind.ATTRIBUTE_COLLECTION_SUBMIT, Map.of()).action())
        .isEqualTo(new Action.Continue());
  }

  @Test
  void checksNoCode_whenTheCodeAttributeIsSwitchedOff() {
    SignUpGate noCodes =
        new SignUpGate(
            store, Clock.fixed(NOW, ZoneOffset.UTC), messages, new InviteCodeAttribute(""));
    store(Map.of("*", grant("e1", NOW.minusSeconds(600), Map.of(CODE, "K7Q2"), List.of())));
    assertThat(
            noCodes
                .decide(
                    request(EventKind.ATTRIBUTE_COLLECTION_SUBMIT, Map.of()),
                    Duration.ofMillis(500))
                .action())
        .isEqualTo(new Action.Continue());
  }

  @Test
  void restoresLockedAttributes_thatTheSubmissionLeftOutOrCleared() {
    store(
        Map.of(
            "*",
            grant(
                "e1",
                NOW.minusSeconds(600),
                Map.of("displayName", "Alice Example", "city", "Oslo", "CohortYear", 2025L),
                List.of("displayName", "city", "CohortYear"))));
    Map<String, Object> submitted = new LinkedHashMap<>();
    submitted.put("city", "");
    submitted.put("extension_5c8e1a3f7b9d4e2a8c6f0b1d3e5a7c9f_cohortyear", 2024L);
    SignUpDecision decision = decide(EventKind.ATTRIBUTE_COLLECTION_SUBMIT, submitted);
    assertThat(decision.action())
        .isEqualTo(
            new Action.Modify(
                Map.of(
                    "displayName",
                    "Alice Example",
                    "city",
                    "Oslo",
                    "extension_5c8e1a3f7b9d4e2a8c6f0b1d3e5a7c9f_cohortyear",
                    2025L)));
  }

  @Test
  void prefillsUnderTheNamesTheFormUses() {
    store(
        Map.of(
            "*",
            grant(
                "e1",
                NOW.minusSeconds(600),
                Map.of("CohortYear", 2025L, "displayName", "Alice", "InviteCode", "K7Q2"),
                List.of())));
    Map<String, Object> collected = new LinkedHashMap<>();
    collected.put("extension_5c8e1a3f7b9d4e2a8c6f0b1d3e5a7c9f_CohortYear", "");
    collected.put("extension_5c8e1a3f7b9d4e2a8c6f0b1d3e5a7c9f_InviteCode", "");
    assertThat(decide(EventKind.ATTRIBUTE_COLLECTION_START, collected).action())
        .isEqualTo(
            new Action.Prefill(
                Map.of(
                    "extension_5c8e1a3f7b9d4e2a8c6f0b1d3e5a7c9f_CohortYear",
                    2025L,
                    "displayName",
                    "Alice")));
  }

  @Test
  void providesInviteClaims_atTokenIssuance_andNeverBlocksASignIn() {
    store(Map.of("*", grant("e1", NOW.minusSeconds(600), Map.of(), List.of())));
    assertThat(decide(EventKind.TOKEN_ISSUANCE_START, Map.of()).action())
        .isEqualTo(
            new Action.ProvideClaims(
                Map.of("inviteStatus", "invited", "inviteGroups", List.of("beta"))));
    store.failWith(LookupResult.Failure.TIMEOUT);
    assertThat(decide(EventKind.TOKEN_ISSUANCE_START, Map.of()).action())
        .isEqualTo(new Action.ProvideClaims(Map.of("inviteStatus", "unknown")));
    store.failWith(null);
    store.put(new InvitationDocument(ALICE, Map.of("*", revoke("e2", NOW.minusSeconds(1)))));
    assertThat(decide(EventKind.TOKEN_ISSUANCE_START, Map.of()).action())
        .isEqualTo(new Action.ProvideClaims(Map.of("inviteStatus", "not_invited")));
  }

  @Test
  void readsOnce_perDecision() {
    decide(EventKind.ATTRIBUTE_COLLECTION_SUBMIT, Map.of());
    assertThat(store.reads()).containsExactly(ALICE);
  }
}
