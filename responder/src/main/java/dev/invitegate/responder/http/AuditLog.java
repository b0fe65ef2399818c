package dev.invitegate.responder.http;

import dev.invitegate.responder.signup.SignUpDecision;
import dev.invitegate.responder.signup.SignUpRequest;
import dev.invitegate.runtime.logging.EmailHasher;
import dev.invitegate.runtime.logging.LogValues;
import java.lang.System.Logger.Level;

/**
 * One JSON line per answer: enough to explain it, with the email only as a keyed hash. Built by
 * hand rather than through a JSON tree: it is written for every call.
 */
final class AuditLog {

  static final String LOGGER_NAME = "dev.invitegate.responder.audit";
  private static final System.Logger LOG = System.getLogger(LOGGER_NAME);

  private final EmailHasher hasher;

  AuditLog(EmailHasher hasher) {
    this.hasher = hasher;
  }

  /**
   * @param rolesOmitted roles left out of the token claims to fit Entra's limit
   */
  void decided(SignUpRequest request, SignUpDecision decision, int rolesOmitted) {
    if (LOG.isLoggable(Level.INFO)) {
      LOG.log(Level.INFO, line(request, decision, rolesOmitted));
    }
  }

  String line(SignUpRequest request, SignUpDecision decision, int rolesOmitted) {
    StringBuilder line = new StringBuilder(256).append("{\"audit\":\"decision\"");
    field(line, "correlationId", request.correlationId());
    field(line, "event", request.kind().label());
    field(line, "application", request.applicationId().orElse(""));
    field(line, "emailHash", request.email().map(hasher::hash).orElse(""));
    field(line, "action", ResponderMetrics.action(decision.action()));
    field(line, "reason", decision.reason());
    line.append(",\"storeMs\":");
    decision
        .storeLatency()
        .ifPresentOrElse(
            latency -> line.append(latency.toNanos() / 1e6), () -> line.append("null"));
    if (rolesOmitted > 0) {
      // Which roles the token lacks is in the stored document; the count says to look there.
      line.append(",\"rolesOmitted\":").append(rolesOmitted);
    }
    return line.append('}').toString();
  }

  private static void field(StringBuilder line, String name, String value) {
    LogValues.appendJsonString(line.append(",\"").append(name).append("\":"), value);
  }
}
