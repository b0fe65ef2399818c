package dev.invitegate.local.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The bodies Entra External ID posts to a custom authentication extension, built in the shapes of
 * the protocol: the attribute collection events (Start, Submit) with the identities of each kind of
 * sign-up, and token issuance. The local system's simulator builds its calls here, and the
 * responder's tests hold these shapes against the reference vectors, so the two cannot drift.
 */
public final class EntraPayloads {

  /** The events. */
  public enum Event {
    START("attributeCollectionStart", "onAttributeCollectionStartCalloutData"),
    SUBMIT("attributeCollectionSubmit", "onAttributeCollectionSubmitCalloutData"),
    TOKEN("tokenIssuanceStart", "onTokenIssuanceStartCalloutData");

    private final String type;
    private final String dataType;

    Event(String type, String dataType) {
      this.type = type;
      this.dataType = dataType;
    }

    String type() {
      return "microsoft.graph.authenticationEvent." + type;
    }

    String dataType() {
      return "microsoft.graph." + dataType;
    }
  }

  /** How the user signs up, which decides the identity Entra reports and where the email is. */
  public sealed interface SignUp {

    /** Email with a one-time code: a verified email identity, {@code signInType} {@code email}. */
    record EmailOtp(String email) implements SignUp {}

    /** Email with a password: verified the same way; {@code signInType} {@code emailAddress}. */
    record EmailPassword(String email) implements SignUp {}

    /**
     * A social or OpenID Connect provider: a federated identity carrying the provider's subject
     * (for issuer {@code mail}, a one-time code sign-up reported as federated, the email itself),
     * and the email (if the provider gives one) as the attribute {@code emailAttribute}.
     *
     * @param issuer {@code google.com}, {@code facebook.com}, or the provider's issuer URL
     */
    record Federated(String issuer, String subject, Optional<String> email, String emailAttribute)
        implements SignUp {

      public static Federated google(String subject, String email) {
        return new Federated("google.com", subject, Optional.of(email), "EmailAddress");
      }

      public static Federated facebook(String subject, String email) {
        return new Federated("facebook.com", subject, Optional.of(email), "email");
      }

      public static Federated oidc(String issuer, String subject, Optional<String> email) {
        return new Federated(issuer, subject, email, "email");
      }

      /** A one-time code sign-up as some tenants report it: federated, issuer {@code mail}. */
      public static Federated mail(String email) {
        return new Federated("mail", email, Optional.of(email), "EmailAddress");
      }
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
  private static final String STRING_VALUE = "microsoft.graph.stringDirectoryAttributeValue";
  private static final String INT64_VALUE = "microsoft.graph.int64DirectoryAttributeValue";
  private static final String BOOLEAN_VALUE = "microsoft.graph.booleanDirectoryAttributeValue";

  private final Event event;
  private final String tenantId;
  private String applicationId = "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917";
  private String applicationName = "Example Portal";
  private String tenantDomain = "exampleinvites.onmicrosoft.com";
  private String correlationId = UUID.randomUUID().toString();
  private String clientIp = "203.0.113.24";
  private Optional<SignUp> signUp = Optional.empty();
  private boolean identitiesSent = true;
  private final Map<String, Object> attributes = new LinkedHashMap<>();
  private String userDisplayName = "";
  private Optional<String> userMail = Optional.empty();

  private EntraPayloads(Event event, String tenantId) {
    this.event = Objects.requireNonNull(event, "event");
    this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
  }

  /** A call of {@code event} from the external tenant {@code tenantId}. */
  public static EntraPayloads call(Event event, String tenantId) {
    return new EntraPayloads(event, tenantId);
  }

  /** The client application the user signs up to (its client ID and display name). */
  public EntraPayloads application(String appId, String displayName) {
    this.applicationId = appId;
    this.applicationName = displayName;
    return this;
  }

  /** The tenant's default domain, the issuer of local identities. */
  public EntraPayloads tenantDomain(String domain) {
    this.tenantDomain = domain;
    return this;
  }

  public EntraPayloads correlationId(String id) {
    this.correlationId = id;
    return this;
  }

  public EntraPayloads clientIp(String ip) {
    this.clientIp = ip;
    return this;
  }

  /**
   * How the user signs up. For an email sign-up the email is also the {@code email} attribute, as
   * the flow collects it; for a federated one, the provider's email is the attribute its provider
   * fills.
   */
  public EntraPayloads signUp(SignUp how) {
    this.signUp = Optional.of(how);
    switch (how) {
      case SignUp.EmailOtp otp -> attributes.putIfAbsent("email", otp.email());
      case SignUp.EmailPassword password -> attributes.putIfAbsent("email", password.email());
      case SignUp.Federated federated ->
          federated
              .email()
              .ifPresent(email -> attributes.putIfAbsent(federated.emailAttribute(), email));
    }
    return this;
  }

  /** Leaves {@code identities} out, as some Submit calls do. */
  public EntraPayloads withoutIdentities() {
    this.identitiesSent = false;
    return this;
  }

  /**
   * An attribute the flow collects, with its value: a String, a Long (int64) or a Boolean. Names
   * are Entra's: built-in ({@code displayName}) or {@code extension_<appId>_<name>}.
   */
  public EntraPayloads attribute(String name, Object value) {
    if (!(value instanceof String || value instanceof Long || value instanceof Boolean)) {
      throw new IllegalArgumentException("attribute " + name + ": a String, Long or Boolean");
    }
    attributes.put(name, value);
    return this;
  }

  /**
   * Token issuance: the user's profile, with its {@code mail} (missing for some local accounts).
   */
  public EntraPayloads user(String displayName, Optional<String> mail) {
    this.userDisplayName = displayName;
    this.userMail = mail;
    return this;
  }

  public ObjectNode build() {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", event.type());
    String resource = event == Event.TOKEN ? applicationId : GRAPH_APP_ID;
    root.put("source", "/tenants/" + tenantId + "/applications/" + resource);
    ObjectNode data = root.putObject("data");
    data.put("@odata.type", event.dataType());
    data.put("tenantId", tenantId);
    data.put(
        "authenticationEventListenerId",
        UUID.nameUUIDFromBytes(("listener-" + event).getBytes()).toString());
    data.put(
        "customAuthenticationExtensionId",
        UUID.nameUUIDFromBytes(("extension-" + event).getBytes()).toString());
    ObjectNode context = data.putObject("authenticationContext");
    context.put("correlationId", correlationId);
    ObjectNode client = context.putObject("client");
    client.put("ip", clientIp);
    client.put("locale", "en-us");
    client.put("market", "en-us");
    context.put("protocol", "OAUTH2.0");
    servicePrincipal(context.putObject("clientServicePrincipal"), applicationId, applicationName);
    if (event == Event.TOKEN) {
      servicePrincipal(
          context.putObject("resourceServicePrincipal"), applicationId, applicationName);
      ObjectNode user = context.putObject("user");
      user.put("displayName", userDisplayName);
      user.put("id", UUID.nameUUIDFromBytes(userMail.orElse("").getBytes()).toString());
      userMail.ifPresent(mail -> user.put("mail", mail));
      user.put("userType", "Member");
      return root;
    }
    servicePrincipal(
        context.putObject("resourceServicePrincipal"), GRAPH_APP_ID, "Microsoft Graph");
    ObjectNode info = data.putObject("userSignUpInfo");
    ObjectNode values = info.putObject("attributes");
    attributes.forEach((name, value) -> values.set(name, attributeValue(name, value)));
    if (identitiesSent && signUp.isPresent()) {
      identity(info.putArray("identities"), signUp.get());
    }
    return root;
  }

  /** {@link #build()} as bytes, as they go on the wire. */
  public byte[] bytes() {
    try {
      return JSON.writeValueAsBytes(build());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always writes", e);
    }
  }

  private void identity(ArrayNode identities, SignUp how) {
    ObjectNode identity = identities.addObject();
    switch (how) {
      case SignUp.EmailOtp otp -> {
        identity.put("signInType", "email");
        identity.put("issuer", tenantDomain);
        identity.put("issuerAssignedId", otp.email());
      }
      case SignUp.EmailPassword password -> {
        identity.put("signInType", "emailAddress");
        identity.put("issuer", tenantDomain);
        identity.put("issuerAssignedId", password.email());
      }
      case SignUp.Federated federated -> {
        identity.put("signInType", "federated");
        identity.put("issuer", federated.issuer());
        identity.put("issuerAssignedId", federated.subject());
      }
    }
  }

  private static void servicePrincipal(ObjectNode node, String appId, String name) {
    node.put("id", UUID.nameUUIDFromBytes(("sp-" + appId).getBytes()).toString());
    node.put("appId", appId);
    node.put("appDisplayName", name);
    node.put("displayName", name);
  }

  private static JsonNode attributeValue(String name, Object value) {
    ObjectNode node = JSON.createObjectNode();
    switch (value) {
      case String text -> {
        node.put("@odata.type", STRING_VALUE);
        node.put("value", text);
      }
      case Long number -> {
        node.put("@odata.type", INT64_VALUE);
        node.put("value", number);
      }
      case Boolean flag -> {
        node.put("@odata.type", BOOLEAN_VALUE);
        node.put("value", flag);
      }
      default -> throw new IllegalStateException("checked when added");
    }
    node.put(
        "attributeType", name.startsWith("extension_") ? "directorySchemaExtension" : "builtIn");
    return node;
  }

  /**
   * The shape of a payload: the path of every value in it, attribute names generalised to {@code
   * <attribute>}, for tests that hold two payloads' shapes against each other.
   */
  public static Set<String> shape(JsonNode node) {
    Set<String> paths = new TreeSet<>();
    collect(node, "$", paths);
    return paths;
  }

  private static void collect(JsonNode node, String path, Set<String> paths) {
    if (node.isObject()) {
      boolean attributes = path.endsWith(".attributes");
      node.properties()
          .forEach(
              field ->
                  collect(
                      field.getValue(),
                      path + "." + (attributes ? "<attribute>" : field.getKey()),
                      paths));
    } else if (node.isArray()) {
      node.forEach(item -> collect(item, path + "[]", paths));
    } else {
      paths.add(path);
    }
  }
}
