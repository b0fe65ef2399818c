package dev.invitegate.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.ScopeEntry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LookupAnswerTest {

  private static final String APP = "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917";
  private static final EmailKey ALICE = EmailKey.of("alice@example.com");
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void namesTheDecidingEvent_andMasksTheInvitationCode() {
    var grant =
        new ScopeEntry(
            "crm-1",
            T,
            true,
            Optional.of(NOW.plusSeconds(86_400 * 3)),
            Map.of("extension_abc_invitecode", "K7Q2-M9XD", "displayName", "Alice"),
            List.of("displayName"),
            List.of("beta"));
    var revoke =
        new ScopeEntry(
            "crm-0", T.minusSeconds(60), false, Optional.empty(), Map.of(), List.of(), List.of());
    var document = new InvitationDocument(ALICE, Map.of("*", grant, APP, revoke));

    LookupCommand.Answer answer =
        LookupCommand.answer(ALICE, Optional.of(APP), Optional.of(document), NOW, codes(Map.of()));

    assertThat(answer.fields())
        .containsEntry("decision", "invited")
        .containsEntry("why", "the entry for all applications, the newer of the two that count")
        .containsEntry("deciding event", "grant, id crm-1, time " + T)
        .containsEntry("expires", NOW.plusSeconds(86_400 * 3) + " (in 3 days)");
    assertThat(answer.fields().get("attributes").toString())
        .contains("extension_abc_invitecode=K7*** (invitation code, masked)")
        .doesNotContain("K7Q2-M9XD");
    assertThat(answer.json().toString()).doesNotContain("K7Q2-M9XD");
    assertThat(answer.json()).containsEntry("invited", true);
    assertThat(answer.notes()).anyMatch(note -> note.contains("is masked"));
    assertThat(answer.entries()).hasSize(2);
  }

  @Test
  void masksTheAttributeTheResponderIsConfiguredWith() {
    var grant =
        new ScopeEntry(
            "e", T, true, Optional.empty(), Map.of("Voucher", "ABCDEFGHIJ"), List.of(), List.of());
    var document = new InvitationDocument(ALICE, Map.of("*", grant));

    var answer =
        LookupCommand.answer(
            ALICE,
            Optional.empty(),
            Optional.of(document),
            NOW,
            codes(Map.of("INVITEGATE_INVITE_CODE_ATTRIBUTE", "voucher")));

    assertThat(answer.fields().get("attributes").toString())
        .contains("Voucher=AB***")
        .doesNotContain("CDEF");
  }

  @Test
  void saysWhyNot_forARevokeAnExpiryOrNothingStored() {
    var expired =
        new ScopeEntry(
            "e", T, true, Optional.of(NOW.minusSeconds(7_200)), Map.of(), List.of(), List.of());
    var expiredDocument = new InvitationDocument(ALICE, Map.of(APP, expired));

    var forApp =
        LookupCommand.answer(
            ALICE, Optional.of(APP), Optional.of(expiredDocument), NOW, codes(Map.of()));
    var forAll =
        LookupCommand.answer(
            ALICE, Optional.empty(), Optional.of(expiredDocument), NOW, codes(Map.of()));
    var none =
        LookupCommand.answer(ALICE, Optional.empty(), Optional.empty(), NOW, codes(Map.of()));

    assertThat(forApp.fields()).containsEntry("decision", "not invited (expired)");
    assertThat(forApp.fields().get("expires").toString()).endsWith("(expired 2 hours ago)");
    assertThat(forAll.fields())
        .containsEntry("decision", "not invited (no invitation)")
        .containsEntry("why", "no event for this application or for all applications");
    assertThat(none.fields()).containsEntry("why", "nothing is stored for this address");
    assertThat(none.json()).containsEntry("stored", false).containsEntry("reason", "no_invitation");
  }

  @Test
  void theReadmesLookupSample_isWhatLookupPrints() throws Exception {
    var grant =
        new ScopeEntry(
            "crm-7f3c9a1e-0001",
            Instant.parse("2026-03-01T09:30:00Z"),
            true,
            Optional.of(Instant.parse("2026-06-01T00:00:00Z")),
            Map.of("InviteCode", "K7Q2-M9XD", "displayName", "Alice Example"),
            List.of("displayName"),
            List.of("beta"));
    var revoke =
        new ScopeEntry(
            "crm-7f3c9a1e-0000",
            Instant.parse("2026-02-01T08:00:00Z"),
            false,
            Optional.empty(),
            Map.of(),
            List.of(),
            List.of());
    var document = new InvitationDocument(ALICE, Map.of("*", grant, APP, revoke));
    StringWriter printed = new StringWriter();

    LookupCommand.answer(ALICE, Optional.of(APP), Optional.of(document), NOW, codes(Map.of()))
        .print(new PrintWriter(printed));

    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("```\nemail           alice@example.com");
    assertThat(start).as("the lookup sample in sync-worker/README.md").isPositive();
    String sample = readme.substring(start + 4, readme.indexOf("```", start + 4));
    assertThat(printed.toString()).isEqualTo(sample);
  }

  private static InviteCodes codes(Map<String, String> env) {
    return InviteCodes.of(
        new CliContext(
            env,
            Clock.systemUTC(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            false));
  }
}
