package dev.invitegate.responder.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invitegate.contracts.EmailHasher;
import dev.invitegate.responder.signup.Ruling;
import dev.invitegate.responder.signup.SignUpRequest;
import java.lang.System.Logger.Level;

/** One JSON line per answer: enough to explain it, with the email only as a keyed hash. */
final class AuditLog {

  static final String LOGGER_NAME = "dev.invitegate.responder.audit";
  private static final System.Logger LOG = System.getLogger(LOGGER_NAME);

  private final ObjectMapper mapper = new ObjectMapper();
  private final EmailHasher hasher;

  AuditLog(EmailHasher hasher) {
    this.hasher = hasher;
  }

  void decided(SignUpRequest request, Ruling ruling) {
    if (LOG.isLoggable(Level.INFO)) {
      LOG.log(Level.INFO, line(request, ruling));
    }
  }

  String line(SignUpRequest request, Ruling ruling) {
    ObjectNode line = mapper.createObjectNode();
    line.put("audit", "decision");
    line.put("correlationId", request.correlationId());
    line.put("event", request.kind().label());
    line.put("application", request.applicationId().orElse(""));
    line.put("emailHash", request.email().map(hasher::hash).orElse(""));
    line.put("action", ResponderMetrics.action(ruling.verdict()));
    line.put("reason", ruling.reason());
    ruling
        .storeLatency()
        .ifPresentOrElse(
            latency -> line.put("storeMs", latency.toNanos() / 1e6), () -> line.putNull("storeMs"));
    return line.toString();
  }
}
