package dev.invitegate.responder.http;

import dev.invitegate.responder.entra.EntraEvent;
import dev.invitegate.responder.entra.EntraEventParser;
import dev.invitegate.responder.entra.EntraResponses;
import dev.invitegate.responder.entra.ParsedEvent;
import dev.invitegate.responder.entra.TokenCheck;
import dev.invitegate.responder.entra.TokenValidator;
import dev.invitegate.responder.signup.SignUpDecision;
import dev.invitegate.responder.signup.SignUpGate;
import dev.invitegate.runtime.logging.EmailHasher;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code POST /entra/events}: authenticate, parse, decide within the deadline, answer. Errors are
 * mapped to JSON once, on the routing ({@link ResponderServer}).
 */
public final class EntraEventsService implements HttpService {

  static final String PATH = "/entra/events";

  /**
   * The share of the deadline kept back from the store read for answering: on a busy machine a
   * timed wait wakes up late, most of all while the SDK is fighting a failing store.
   */
  private static final int ANSWER_RESERVE_PERCENT = 20;

  private final TokenValidator tokens;
  private final EntraEventParser parser;
  private final SignUpGate gate;
  private final EntraResponses responses;
  private final Duration storeDeadline;
  private final AuditLog audit;
  private final ResponderMetrics metrics;

  public EntraEventsService(
      TokenValidator tokens,
      EntraEventParser parser,
      SignUpGate gate,
      EntraResponses responses,
      Duration deadline,
      EmailHasher hasher,
      ResponderMetrics metrics) {
    this.tokens = tokens;
    this.parser = parser;
    this.gate = gate;
    this.responses = responses;
    this.storeDeadline =
        deadline.minus(deadline.multipliedBy(ANSWER_RESERVE_PERCENT).dividedBy(100));
    this.audit = new AuditLog(hasher);
    this.metrics = metrics;
  }

  /**
   * The body's bytes, which the parser reads with the wire's strict mapper. Not read through
   * Helidon's Jackson media support: its reader decodes through an {@code InputStreamReader}, which
   * replaces malformed UTF-8 instead of refusing it (found by the fuzz test), and a body that is
   * not UTF-8 JSON must be refused. With a declared length, exactly that many bytes are read into
   * one array: {@code as(byte[].class)} reads through a 16 KiB buffer and copies, a fifth of all
   * the responder allocated per call (allocation profile in responder/README.md).
   */
  private static byte[] body(ServerRequest request) {
    // Helidon has no entity to read from a call without a body, and throws if asked for one; such
    // a call is a malformed event like any other.
    if (!request.content().hasEntity()) {
      return new byte[0];
    }
    OptionalLong declared = request.headers().contentLength();
    // Helidon has refused a declared length above the server's payload limit before this point.
    if (declared.isEmpty() || declared.getAsLong() > ResponderServer.MAX_PAYLOAD_BYTES) {
      return request.content().as(byte[].class);
    }
    try (InputStream in = request.content().inputStream()) {
      return in.readNBytes((int) declared.getAsLong());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The one {@code Authorization} value; several are refused, not "first wins": a proxy and the
   * application could each read a different one.
   */
  private Optional<String> authorization(ServerRequestHeaders headers) {
    if (!headers.contains(HeaderNames.AUTHORIZATION)) {
      return Optional.empty();
    }
    Header header = headers.get(HeaderNames.AUTHORIZATION);
    if (header.valueCount() != 1) {
      metrics.tokenRejected("several_authorizations");
      throw RequestRejected.unauthorized("several_authorizations");
    }
    return Optional.of(header.get());
  }

  @Override
  public void routing(HttpRules rules) {
    rules.post(PATH, this::handle);
  }

  private void handle(ServerRequest request, ServerResponse response) {
    long started = System.nanoTime();
    TokenCheck check = tokens.check(authorization(request.headers()));
    if (check instanceof TokenCheck.Refused rejected) {
      metrics.tokenRejected(rejected.reason());
      throw RequestRejected.unauthorized(rejected.reason());
    }
    String callerTenant = ((TokenCheck.Accepted) check).tenantId();
    EntraEvent event = event(body(request));
    if (!event.tenantId().equals(callerTenant)) {
      metrics.tokenRejected("tenant_mismatch");
      throw RequestRejected.unauthorized("tenant_mismatch");
    }
    Answer answer = answer(event, started);
    audit.decided(event.request(), answer.decision(), answer.rendered().claimValuesOmitted());
    metrics.decision(event.request().kind(), answer.decision());
    // Written here as bytes, not through the media support: one array, no content negotiation
    // and no buffered stream per call.
    response.headers().contentType(MediaTypes.APPLICATION_JSON);
    response.send(answer.rendered().bytes());
    metrics.request(200, Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * Answers {@code body} the way a call past its token check is answered (parse, decision with its
   * one point read, answer's bytes, audit line built), without sending, writing or counting
   * anything: the start-up's rehearsal of the request path.
   *
   * @return the answer's bytes
   * @throws RuntimeException if {@code body} is not an event this service answers
   */
  public byte[] rehearse(byte[] body) {
    long started = System.nanoTime();
    EntraEvent event = event(body);
    Answer answer = answer(event, started);
    audit.line(event.request(), answer.decision(), answer.rendered().claimValuesOmitted());
    return answer.rendered().bytes();
  }

  private record Answer(SignUpDecision decision, EntraResponses.Rendered rendered) {}

  private EntraEvent event(byte[] body) {
    return switch (parser.parse(body)) {
      case ParsedEvent.Parsed parsed -> parsed.event();
      case ParsedEvent.Unusable rejected ->
          throw RequestRejected.badRequest(
              rejected.problem() == ParsedEvent.Problem.MALFORMED
                  ? "malformed_event"
                  : "unsupported_event_type",
              rejected.detail());
    };
  }

  private Answer answer(EntraEvent event, long started) {
    Duration budget = storeDeadline.minusNanos(System.nanoTime() - started);
    SignUpDecision decision = gate.decide(event.request(), budget);
    return new Answer(decision, responses.render(event.request().kind(), decision.action()));
  }
}
