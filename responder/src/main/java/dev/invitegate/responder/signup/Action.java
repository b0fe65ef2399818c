package dev.invitegate.responder.signup;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The one action the gate answers with. Which kinds are possible depends on the event. */
public sealed interface Action {

  /** Let Entra go on as usual. */
  record Continue() implements Action {}

  /** Start: prefill the form with the invitation's values. */
  record Prefill(Map<String, Object> inputs) implements Action {
    public Prefill {
      inputs = copy(inputs);
      if (inputs.isEmpty()) {
        throw new IllegalArgumentException("nothing to prefill");
      }
    }
  }

  /** Submit: silently put locked values back. */
  record Modify(Map<String, Object> attributes) implements Action {
    public Modify {
      attributes = copy(attributes);
      if (attributes.isEmpty()) {
        throw new IllegalArgumentException("nothing to modify");
      }
    }
  }

  /** Submit: show the form again with errors the user can fix. */
  record ShowValidationError(String message, Map<String, String> attributeErrors)
      implements Action {
    public ShowValidationError {
      Objects.requireNonNull(message, "message");
      attributeErrors = copy(attributeErrors);
    }
  }

  /** End the sign-up with a block page. */
  record Block(BlockCause cause, String message) implements Action {
    public Block {
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Token issuance: claims to add; values are strings or lists of strings. */
  record ProvideClaims(Map<String, Object> claims) implements Action {
    public ProvideClaims {
      claims = copy(claims);
      claims
          .values()
          .forEach(
              v -> {
                if (!(v instanceof String || v instanceof List<?>)) {
                  throw new IllegalArgumentException("claims are strings or string lists");
                }
              });
    }
  }

  /** Why sign-up was blocked; each cause has its own message. */
  enum BlockCause {
    NOT_INVITED,
    NO_EMAIL,
    TEMPORARILY_UNAVAILABLE
  }

  private static <V> Map<String, V> copy(Map<String, V> map) {
    // Map.copyOf would lose the order, which keeps answers readable and stable in logs and tests.
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
