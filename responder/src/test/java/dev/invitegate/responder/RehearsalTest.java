package dev.invitegate.responder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitegate.contracts.EmailKey;
import dev.invitegate.responder.entra.EntraEventParser;
import dev.invitegate.responder.entra.EntraResponses;
import dev.invitegate.responder.entra.ParsedEvent;
import dev.invitegate.responder.entra.SigningKeys;
import dev.invitegate.responder.entra.TestTokens;
import dev.invitegate.responder.entra.TokenPolicy;
import dev.invitegate.responder.entra.TokenValidator;
import dev.invitegate.responder.http.EntraEventsService;
import dev.invitegate.responder.http.ResponderMetrics;
import dev.invitegate.responder.signup.EventKind;
import dev.invitegate.responder.signup.InvitationLookup;
import dev.invitegate.responder.signup.InviteCodeAttribute;
import dev.invitegate.responder.signup.LookupResult;
import dev.invitegate.responder.signup.Messages;
import dev.invitegate.responder.signup.SignUpGate;
import dev.invitegate.runtime.logging.EmailHasher;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RehearsalTest {

  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");

  private final List<EmailKey> reads = Collections.synchronizedList(new ArrayList<>());
  private final List<LogRecord> audited = Collections.synchronizedList(new ArrayList<>());
  private final Logger audit = Logger.getLogger("dev.invitegate.responder.audit");
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          audited.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final SigningKeys keys =
      SigningKeys.fetchedFrom(
          List.of(URI.create("http://127.0.0.1:9/keys")), Duration.ofSeconds(1));
  private final ResponderMetrics metrics = new ResponderMetrics();

  @AfterEach
  void release() {
    audit.removeHandler(capture);
    keys.close();
    metrics.close();
  }

  @Test
  void carriedCalls_areEntraEventsOfEveryKind_forAddressesNoOneCanBeInvitedUnder() {
    EntraEventParser parser = new EntraEventParser();
    Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
    for (byte[] body : Rehearsal.carriedBodies()) {
      ParsedEvent parsed = parser.parse(body);
      assertThat(parsed).isInstanceOf(ParsedEvent.Parsed.class);
      var request = ((ParsedEvent.Parsed) parsed).event().request();
      kinds.add(request.kind());
      assertThat(request.email())
          .hasValueSatisfying(email -> assertThat(email.value()).endsWith("@rehearsal.invalid"));
      Matcher address = ADDRESS.matcher(new String(body, StandardCharsets.UTF_8));
      while (address.find()) {
        assertThat(address.group()).endsWith("@rehearsal.invalid");
      }
    }
    assertThat(kinds).isEqualTo(EnumSet.allOf(EventKind.class));
  }

  @Test
  void makesEachCall_throughTheWholeGate_withoutAuditingIt_andIsReadyOnlyAfterwards() {
    audit.addHandler(capture);
    Rehearsal rehearsal = new Rehearsal(Rehearsal.carriedBodies(), 12, Duration.ofSeconds(30));
    assertThat(rehearsal.problem()).contains("rehearsing the request path");

    int made = rehearsal.run(events(notFound()));

    assertThat(made).isEqualTo(12);
    assertThat(reads).hasSize(12).allSatisfy(key -> assertThat(key.value()).endsWith(".invalid"));
    assertThat(audited).isEmpty();
    assertThat(rehearsal.problem()).isEmpty();
  }

  @Test
  void stopsAtItsTimeLimit_whenTheStoreIsSlow_andIsReadyThen() {
    InvitationLookup slow =
        (email, budget) -> {
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return notFound().find(email, budget);
        };
    Rehearsal rehearsal = new Rehearsal(Rehearsal.carriedBodies(), 1_000, Duration.ofMillis(300));

    long started = System.nanoTime();
    int made = rehearsal.run(events(slow));

    assertThat(made).isBetween(1, 20);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(rehearsal.problem()).isEmpty();
  }

  @Test
  void endsAtTheFirstCallItCannotMake_andIsReadyThen() {
    Rehearsal rehearsal =
        new Rehearsal(
            List.of("{\"not\":\"an event\"}".getBytes(StandardCharsets.UTF_8)),
            5,
            Duration.ofSeconds(30));

    assertThat(rehearsal.run(events(notFound()))).isZero();
    assertThat(reads).isEmpty();
    assertThat(rehearsal.problem()).isEmpty();
  }

  private InvitationLookup notFound() {
    return (email, budget) -> {
      reads.add(email);
      return new LookupResult.Read(Optional.empty(), Duration.ofMillis(1));
    };
  }

  private EntraEventsService events(InvitationLookup lookup) {
    Clock clock = Clock.systemUTC();
    return new EntraEventsService(
        new TokenValidator(
            new TokenPolicy(
                TestTokens.TENANT,
                TestTokens.CLIENT_ID,
                Set.of(TestTokens.CIAM_ISSUER),
                TokenPolicy.DEFAULT_CLOCK_SKEW),
            keys,
            clock,
            16),
        new EntraEventParser(),
        new SignUpGate(
            lookup,
            clock,
            Messages.withNotInvited("Not invited."),
            new InviteCodeAttribute("InviteCode")),
        new EntraResponses(),
        Duration.ofMillis(800),
        EmailHasher.withRandomKey(),
        metrics);
  }
}
