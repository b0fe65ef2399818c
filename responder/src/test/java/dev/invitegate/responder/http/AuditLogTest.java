package dev.invitegate.responder.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.responder.signup.Action;
import dev.invitegate.responder.signup.EventKind;
import dev.invitegate.responder.signup.SignUpDecision;
import dev.invitegate.responder.signup.SignUpRequest;
import dev.invitegate.runtime.logging.EmailHasher;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditLogTest {

  private final EmailHasher hasher = EmailHasher.withSecret("0123456789abcdef");

  @Test
  void logsOneJsonLine_withAKeyedHash_andNeverTheEmail() {
    EmailKey email = EmailKey.of("Alice@Example.com");
    String line =
        new AuditLog(hasher)
            .line(
                new SignUpRequest(
                    EventKind.ATTRIBUTE_COLLECTION_START,
                    "1f0e2d3c-4b5a-4697-8877-a6b5c4d3e2f1",
                    Optional.of("6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917"),
                    Optional.of(email),
                    Map.of("email", "alice@example.com")),
                new SignUpDecision(
                    new Action.Continue(), "invited", Optional.of(Duration.ofMillis(3))),
                0);
    assertThat(line)
        .doesNotContain("alice")
        .doesNotContain("example.com")
        .doesNotContain("\n")
        .contains("\"correlationId\":\"1f0e2d3c-4b5a-4697-8877-a6b5c4d3e2f1\"")
        .contains("\"event\":\"attributeCollectionStart\"")
        .contains("\"application\":\"6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917\"")
        .contains("\"emailHash\":\"" + hasher.hash(email) + "\"")
        .contains("\"action\":\"continue\"")
        .contains("\"reason\":\"invited\"")
        .contains("\"storeMs\":3.0");
  }

  @Test
  void escapesWhatTheCallerSent_soTheLineStaysOneValidJsonObject() throws Exception {
    String correlationId = "a\"b\\c\nd\re\tf\u0001g\u2028h</script>";
    String line =
        new AuditLog(hasher)
            .line(
                new SignUpRequest(
                    EventKind.ATTRIBUTE_COLLECTION_SUBMIT,
                    correlationId,
                    Optional.empty(),
                    Optional.empty(),
                    Map.of()),
                new SignUpDecision(new Action.Continue(), "no_email", Optional.empty()),
                0);
    assertThat(line).doesNotContain("\n").doesNotContain("\u2028");
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
    assertThat(json.get("correlationId").asText()).isEqualTo(correlationId);
    assertThat(json.get("application").asText()).isEmpty();
    assertThat(json.get("emailHash").asText()).isEmpty();
    assertThat(json.get("storeMs").isNull()).isTrue();
    assertThat(json.size()).isEqualTo(8);
  }

  @Test
  void saysHowManyRolesWereLeftOut_whenTheClaimsDidNotFit() throws Exception {
    SignUpRequest request =
        new SignUpRequest(
            EventKind.TOKEN_ISSUANCE_START,
            "c",
            Optional.empty(),
            Optional.of(EmailKey.of("alice@example.com")),
            Map.of());
    SignUpDecision decision =
        new SignUpDecision(
            new Action.ProvideClaims(Map.of("inviteStatus", "invited")),
            "invited",
            Optional.of(Duration.ofMillis(1)));
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(
            json.readTree(new AuditLog(hasher).line(request, decision, 7))
                .get("rolesOmitted")
                .asInt())
        .isEqualTo(7);
    assertThat(json.readTree(new AuditLog(hasher).line(request, decision, 0)).has("rolesOmitted"))
        .isFalse();
  }

  @Test
  void hashesDependOnTheKey() {
    EmailKey email = EmailKey.of("alice@example.com");
    assertThat(hasher.hash(email)).hasSize(12).isEqualTo(hasher.hash(email));
    assertThat(EmailHasher.withSecret("fedcba9876543210").hash(email))
        .isNotEqualTo(hasher.hash(email));
  }
}
