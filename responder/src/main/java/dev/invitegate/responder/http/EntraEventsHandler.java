package dev.invitegate.responder.http;

import dev.invitegate.contracts.EmailHasher;
import dev.invitegate.responder.entra.EntraEvent;
import dev.invitegate.responder.entra.EntraEventParser;
import dev.invitegate.responder.entra.EntraResponses;
import dev.invitegate.responder.entra.ParsedEvent;
import dev.invitegate.responder.entra.TokenCheck;
import dev.invitegate.responder.entra.TokenValidator;
import dev.invitegate.responder.signup.Ruling;
import dev.invitegate.responder.signup.SignUpGate;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;

/** {@code POST /entra/events}: authenticate, parse, decide within the deadline, answer. */
public final class EntraEventsHandler implements Handler {

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

  public EntraEventsHandler(
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

  @Override
  public void handle(ServerRequest request, ServerResponse response) {
    long started = System.nanoTime();
    TokenCheck check = tokens.check(request.headers().first(HeaderNames.AUTHORIZATION));
    if (check instanceof TokenCheck.Rejected rejected) {
      metrics.tokenRejected(rejected.reason());
      throw RequestRejected.unauthorized(rejected.reason());
    }
    String callerTenant = ((TokenCheck.Accepted) check).tenantId();
    // Helidon has no entity to read from a call without a body, and throws if asked for one; such
    // a call is a malformed event like any other.
    byte[] content =
        request.content().hasEntity() ? request.content().as(byte[].class) : new byte[0];
    EntraEvent event =
        switch (parser.parse(content)) {
          case ParsedEvent.Parsed parsed -> parsed.event();
          case ParsedEvent.Rejected rejected ->
              throw RequestRejected.badRequest(
                  rejected.problem() == ParsedEvent.Problem.MALFORMED
                      ? "malformed_event"
                      : "unsupported_event_type",
                  rejected.detail());
        };
    if (!event.tenantId().equals(callerTenant)) {
      metrics.tokenRejected("tenant_mismatch");
      throw RequestRejected.unauthorized("tenant_mismatch");
    }
    Duration budget = storeDeadline.minusNanos(System.nanoTime() - started);
    Ruling ruling = gate.decide(event.request(), budget);
    byte[] body = responses.render(event.request().kind(), ruling.verdict());
    audit.decided(event.request(), ruling);
    metrics.decision(event.request().kind(), ruling);
    response.header(HeaderValues.CONTENT_TYPE_JSON);
    response.send(body);
    metrics.request(200, Duration.ofNanos(System.nanoTime() - started));
  }
}
