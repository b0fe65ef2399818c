package dev.invitegate.responder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.invitegate.local.entra.EntraPayloads;
import dev.invitegate.local.entra.EntraPayloads.Event;
import dev.invitegate.local.entra.EntraPayloads.SignUp;
import dev.invitegate.responder.entra.EntraEventParser;
import dev.invitegate.responder.entra.EntraResponses;
import dev.invitegate.responder.entra.ParsedEvent;
import dev.invitegate.responder.entra.TestTokens;
import dev.invitegate.responder.signup.InMemoryInvitations;
import dev.invitegate.responder.signup.InviteCodeAttribute;
import dev.invitegate.responder.signup.Messages;
import dev.invitegate.responder.signup.SignUpGate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The payloads the local system's Entra simulator builds ({@link EntraPayloads}) have the shapes of
 * the reference vectors, and the responder answers them as it answers the vectors: the simulator
 * and the tests cannot drift apart.
 */
class EntraPayloadsTest {

  private static final String CODE = "extension_5c8e1a3f7b9d4e2a8c6f0b1d3e5a7c9f_InviteCode";
  private static final String COHORT = "extension_5c8e1a3f7b9d4e2a8c6f0b1d3e5a7c9f_CohortYear";
  private static final String TERMS = "extension_5c8e1a3f7b9d4e2a8c6f0b1d3e5a7c9f_AcceptedTerms";

  private static EntraPayloads call(Event event) {
    return EntraPayloads.call(event, TestTokens.TENANT);
  }

  static Stream<Arguments> vectorsAndTheirSimulatedCalls() {
    Map<String, Supplier<EntraPayloads>> calls =
        Map.of(
            "01-start-otp-invited",
            () ->
                call(Event.START)
                    .signUp(new SignUp.EmailOtp("Alice@Example.com"))
                    .attribute("displayName", "")
                    .attribute(CODE, ""),
            "02-start-otp-not-invited",
            () -> call(Event.START).signUp(new SignUp.EmailOtp("bob@example.com")),
            "03-start-google-invited-prefill",
            () ->
                call(Event.START)
                    .signUp(SignUp.Federated.google("109876543210987654321", "carol@example.com")),
            "04-start-facebook-not-invited",
            () ->
                call(Event.START)
                    .signUp(SignUp.Federated.facebook("10223344556677889", "mallory@example.com")),
            "05-start-federated-mail-invited",
            () -> call(Event.START).signUp(SignUp.Federated.mail("dave@example.com")),
            "06-start-oidc-no-email",
            () ->
                call(Event.START)
                    .signUp(
                        SignUp.Federated.oidc(
                            "https://idp.example.com", "a1b2c3d4e5", Optional.empty()))
                    .attribute("displayName", "Sam Nomail"),
            "07-submit-invited-code-matches",
            () -> submitAlice(" k7q2-m9xd "),
            "08-submit-invited-wrong-code",
            () -> submitAlice("ZZZZ-0000"),
            "09-submit-google-not-invited",
            () ->
                call(Event.SUBMIT)
                    .signUp(new SignUp.EmailOtp("erin@example.com"))
                    .withoutIdentities()
                    .attribute("displayName", "Erin")
                    .attribute(CODE, ""),
            "10-token-issuance-invited",
            () -> call(Event.TOKEN).user("Carol Example", Optional.of("carol@example.com")));
    return TestResources.vectors().stream().map(vector -> Arguments.of(vector, calls.get(vector)));
  }

  private static EntraPayloads submitAlice(String code) {
    return call(Event.SUBMIT)
        .signUp(new SignUp.EmailOtp("alice@example.com"))
        .attribute("displayName", "alice example")
        .attribute(CODE, code)
        .attribute(COHORT, 2025L)
        .attribute(TERMS, true);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectorsAndTheirSimulatedCalls")
  void simulatedCall_hasTheVectorsShape_andTheVectorsAnswer(
      String vector, Supplier<EntraPayloads> call) {
    assertThat(call).as("a simulated call for every vector").isNotNull();
    JsonNode reference = TestResources.json("vectors/" + vector + "/request.json");
    JsonNode simulated = call.get().build();
    assertThat(EntraPayloads.shape(simulated)).isEqualTo(EntraPayloads.shape(reference));
    assertThat(answer(vector, call.get().bytes()))
        .isEqualTo(answer(vector, TestResources.bytes("vectors/" + vector + "/request.json")));
  }

  private static JsonNode answer(String vector, byte[] body) {
    SignUpGate gate =
        new SignUpGate(
            new InMemoryInvitations(TestResources.invitations(vector)),
            EntraVectorsTest.CLOCK,
            Messages.defaults(),
            new InviteCodeAttribute("InviteCode"));
    var parsed = (ParsedEvent.Parsed) new EntraEventParser().parse(body);
    var decision = gate.decide(parsed.event().request(), Duration.ofMillis(500));
    return new EntraResponses().render(parsed.event().request().kind(), decision.action()).body();
  }
}
