package dev.invitegate.responder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.invitegate.responder.entra.EntraEventParser;
import dev.invitegate.responder.entra.EntraResponses;
import dev.invitegate.responder.entra.ParsedEvent;
import dev.invitegate.responder.signup.InMemoryInvitations;
import dev.invitegate.responder.signup.InviteCodeAttribute;
import dev.invitegate.responder.signup.Messages;
import dev.invitegate.responder.signup.SignUpDecision;
import dev.invitegate.responder.signup.SignUpGate;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every test vector of the protocol reference, from request body to response body. */
class EntraVectorsTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

  static Stream<String> vectors() {
    return TestResources.vectors().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void answersAsTheReferenceExpects(String vector) throws IOException {
    SignUpGate gate =
        new SignUpGate(
            new InMemoryInvitations(TestResources.invitations(vector)),
            CLOCK,
            Messages.defaults(),
            new InviteCodeAttribute("InviteCode"));

    ParsedEvent parsed =
        new EntraEventParser().parse(TestResources.bytes("vectors/" + vector + "/request.json"));

    assertThat(parsed).isInstanceOf(ParsedEvent.Parsed.class);
    var event = ((ParsedEvent.Parsed) parsed).event();
    assertThat(event.tenantId()).isEqualTo("4f1c2a9e-7b3d-4e8a-9c61-2d5b7e0f3a18");
    SignUpDecision decision = gate.decide(event.request(), Duration.ofMillis(500));
    JsonNode answer = new EntraResponses().render(event.request().kind(), decision.action()).body();
    assertThat(answer).isEqualTo(TestResources.json("vectors/" + vector + "/response.json"));
  }
}
