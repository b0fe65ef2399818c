package dev.invitegate.responder.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.invitegate.contracts.EmailKey;
import java.util.ArrayList;
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

  /** Attribute keys that carry the email, compared case-insensitively. */
  private static final Set<String> EMAIL_ATTRIBUTE_ALIASES =
      Set.of("email", "emailaddress", "mail");

  private EmailFinder() {}

  /**
   * Finds the email of an attribute collection event from {@code data.userSignUpInfo}. An identity
   * whose sign-in type says it is a verified email decides alone: the form's attributes are not
   * read then, whatever they say, and an identity that is not a usable address, or two different
   * ones, leave no email (the gate blocks). Only without such an identity (social and custom OIDC
   * sign-ups, or a Submit that carries no identities) is the email taken from the attributes, and
   * only when they agree on one address.
   */
  static Optional<EmailKey> inSignUpInfo(JsonNode userSignUpInfo) {
    List<JsonNode> verified = new ArrayList<>();
    JsonNode identities = userSignUpInfo.path("identities");
    for (JsonNode identity : identities.isArray() ? identities : MissingNode.getInstance()) {
      if (isVerifiedEmailIdentity(identity)) {
        verified.add(identity.path("issuerAssignedId"));
      }
    }
    return verified.isEmpty() ? inAttributes(userSignUpInfo.path("attributes")) : onlyOne(verified);
  }

  /** Finds the email of a token issuance event from {@code data.authenticationContext.user}. */
  static Optional<EmailKey> inUser(JsonNode user) {
    return parse(user.path("mail"));
  }

  private static boolean isVerifiedEmailIdentity(JsonNode identity) {
    String signInType = identity.path("signInType").asText("").toLowerCase(Locale.ROOT);
    String issuer = identity.path("issuer").asText("");
    return signInType.equals("email")
        || signInType.equals("emailaddress")
        || (signInType.equals("federated") && issuer.equalsIgnoreCase("mail"));
  }

  private static Optional<EmailKey> inAttributes(JsonNode attributes) {
    if (!attributes.isObject()) {
      return Optional.empty();
    }
    List<JsonNode> values = new ArrayList<>();
    for (var entry : attributes.properties()) {
      if (EMAIL_ATTRIBUTE_ALIASES.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
        JsonNode holder = entry.getValue();
        JsonNode value = holder.isObject() ? holder.path("value") : holder;
        // At Start the form's fields are mostly empty: an empty one says nothing.
        if (!(value.isTextual() && value.textValue().isBlank()) && !value.isNull()) {
          values.add(value);
        }
      }
    }
    return onlyOne(values);
  }

  /** The one address all {@code candidates} name; empty if there is none, or any is not one. */
  private static Optional<EmailKey> onlyOne(List<JsonNode> candidates) {
    Set<EmailKey> keys = new LinkedHashSet<>();
    for (JsonNode candidate : candidates) {
      Optional<EmailKey> key = parse(candidate);
      if (key.isEmpty()) {
        return Optional.empty();
      }
      keys.add(key.get());
    }
    return keys.size() == 1 ? Optional.of(keys.iterator().next()) : Optional.empty();
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
