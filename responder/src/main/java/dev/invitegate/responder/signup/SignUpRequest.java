package dev.invitegate.responder.signup;

import dev.invitegate.contracts.AttributeValues;
import dev.invitegate.contracts.EmailKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gate needs from one Entra call.
 *
 * @param applicationId lower-case client application ID the user signs up to; empty when Entra did
 *     not say, which leaves only invitations for every application
 * @param email the email the tolerant lookup found; empty when none was usable
 * @param submittedAttributes attribute name to value (String, Long or Boolean) as sent by Entra
 */
public record SignUpRequest(
    EventKind kind,
    String correlationId,
    Optional<String> applicationId,
    Optional<EmailKey> email,
    Map<String, Object> submittedAttributes) {

  public SignUpRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(email, "email");
    // Keeps Entra's order, and tolerates nothing but the three Entra value types.
    submittedAttributes =
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(submittedAttributes));
    submittedAttributes.forEach(
        (name, value) -> {
          if (!AttributeValues.isAllowed(value)) {
            throw new IllegalArgumentException("attribute " + name + " has an unsupported type");
          }
        });
  }
}
