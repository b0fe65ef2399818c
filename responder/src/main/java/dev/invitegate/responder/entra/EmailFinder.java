package dev.invitegate.responder.entra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.invitegate.contracts.EmailKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The tolerant, ordered email lookup. Docs, samples and real captures disagree on where Entra puts
 * the address, so every known shape is read, trusting verified identities over attributes.
 */
final class EmailFinder {

  /** Attribute keys that carry the email, compared case-insensitively, in order of preference. */
  private static final List<String> EMAIL_ATTRIBUTE_ALIASES =
      List.of("email", "emailaddress", "mail");

  private EmailFinder() {}

  /** Finds the email of an attribute collection event from {@code data.userSignUpInfo}. */
  static Optional<EmailKey> inSignUpInfo(JsonNode userSignUpInfo) {
    Set<EmailKey> verified = new LinkedHashSet<>();
    for (JsonNode identity : userSignUpInfo.path("identities")) {
      if (isVerifiedEmailIdentity(identity)) {
        parse(identity.path("issuerAssignedId")).ifPresent(verified::add);
      }
    }
    if (verified.size() > 1) {
      // Two different verified addresses: nothing says which one the invitation is for.
      return Optional.empty();
    }
    if (verified.size() == 1) {
      return Optional.of(verified.iterator().next());
    }
    return inAttributes(userSignUpInfo.path("attributes"));
  }

  /** Finds the email of a token issuance event from {@code data.authenticationContext.user}. */
  static Optional<EmailKey> inUser(JsonNode user) {
    return parse(user.path("mail"));
  }

  private static boolean isVerifiedEmailIdentity(JsonNode identity) {
    String signInType = identity.path("signInType").asText("").toLowerCase(Locale.ROOT);
    String issuer = identity.path("issuer").asText("");
    boolean emailType =
        signInType.equals("email")
            || signInType.equals("emailaddress")
            || (signInType.equals("federated") && issuer.equalsIgnoreCase("mail"));
    return emailType && identity.path("issuerAssignedId").asText("").contains("@");
  }

  private static Optional<EmailKey> inAttributes(JsonNode attributes) {
    if (!attributes.isObject()) {
      return Optional.empty();
    }
    for (String alias : EMAIL_ATTRIBUTE_ALIASES) {
      for (var entry : attributes.properties()) {
        if (entry.getKey().toLowerCase(Locale.ROOT).equals(alias)) {
          JsonNode value = entry.getValue();
          Optional<EmailKey> email = parse(value.isObject() ? value.path("value") : value);
          if (email.isPresent()) {
            return email;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<EmailKey> parse(JsonNode node) {
    if (!node.isTextual()) {
      return Optional.empty();
    }
    return switch (EmailKey.parse(node.textValue())) {
      case EmailKey.Result.Valid valid -> Optional.of(valid.key());
      case EmailKey.Result.Invalid ignored -> Optional.empty();
    };
  }
}
