package dev.invitegate.responder.entra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invitegate.contracts.EmailKey;
import dev.invitegate.responder.TestResources;
import dev.invitegate.responder.signup.EventKind;
import dev.invitegate.responder.signup.SignUpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class EntraEventParserTest {

  private final EntraEventParser parser = new EntraEventParser();

  /** Vector 1 with a change applied. */
  private static byte[] vector1(Consumer<ObjectNode> change) {
    ObjectNode root = TestResources.json("vectors/01-start-otp-invited/request.json").deepCopy();
    change.accept(root);
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode signUpInfo(ObjectNode root) {
    return (ObjectNode) root.path("data").path("userSignUpInfo");
  }

  private SignUpRequest parsed(byte[] body) {
    ParsedEvent result = parser.parse(body);
    assertThat(result).isInstanceOf(ParsedEvent.Parsed.class);
    return ((ParsedEvent.Parsed) result).event().request();
  }

  private Optional<EmailKey> emailOf(byte[] body) {
    return parsed(body).email();
  }

  @Test
  void readsTheEnvelope() {
    SignUpRequest request = parsed(vector1(root -> {}));
    assertThat(request.kind()).isEqualTo(EventKind.ATTRIBUTE_COLLECTION_START);
    assertThat(request.correlationId()).isEqualTo("1f0e2d3c-4b5a-4697-8877-a6b5c4d3e2f1");
    assertThat(request.applicationId()).contains("6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917");
    assertThat(request.email()).contains(EmailKey.of("alice@example.com"));
  }

  @Test
  void prefersTheVerifiedIdentity_overAnAttribute() {
    byte[] body =
        vector1(
            root ->
                ((ObjectNode) signUpInfo(root).path("attributes").path("email"))
                    .put("value", "mallory@example.com"));
    assertThat(emailOf(body)).contains(EmailKey.of("alice@example.com"));
  }

  @Test
  void decidesOnTheVerifiedIdentity_whenASubmittedFormEmailDiffers() {
    ObjectNode root =
        TestResources.json("vectors/07-submit-invited-code-matches/request.json").deepCopy();
    ObjectNode attributes = (ObjectNode) signUpInfo(root).path("attributes");
    ((ObjectNode) attributes.path("email")).put("value", "mallory@example.com");
    attributes.putObject("EmailAddress").put("value", "mallory@example.com");
    SignUpRequest request = parsed(root.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(request.kind()).isEqualTo(EventKind.ATTRIBUTE_COLLECTION_SUBMIT);
    assertThat(request.email()).contains(EmailKey.of("alice@example.com"));
  }

  @Test
  void findsNoEmail_whenTheVerifiedIdentityIsNoAddress_evenIfTheFormHasOne() {
    for (String id : new String[] {"not-an-address", "two@at@example.com", "", " "}) {
      byte[] body =
          vector1(
              root ->
                  ((ObjectNode) signUpInfo(root).path("identities").get(0))
                      .put("issuerAssignedId", id));
      assertThat(emailOf(body)).as(id).isEmpty();
    }
    byte[] numeric =
        vector1(
            root ->
                ((ObjectNode) signUpInfo(root).path("identities").get(0))
                    .put("issuerAssignedId", 42));
    assertThat(emailOf(numeric)).isEmpty();
  }

  @Test
  void findsNoEmail_whenTheFormsEmailAttributesDisagree_withoutAVerifiedIdentity() {
    byte[] body =
        vector1(
            root -> {
              signUpInfo(root).remove("identities");
              ObjectNode attributes = signUpInfo(root).putObject("attributes");
              attributes.putObject("email").put("value", "alice@example.com");
              attributes.putObject("EmailAddress").put("value", "mallory@example.com");
            });
    assertThat(emailOf(body)).isEmpty();
    byte[] agreeing =
        vector1(
            root -> {
              signUpInfo(root).remove("identities");
              ObjectNode attributes = signUpInfo(root).putObject("attributes");
              attributes.putObject("email").put("value", "Alice@Example.com");
              attributes.putObject("EmailAddress").put("value", " alice@example.com");
              attributes.putObject("mail").put("value", "");
            });
    assertThat(emailOf(agreeing)).contains(EmailKey.of("alice@example.com"));
  }

  @Test
  void acceptsTheEmailAddressSignInType() {
    byte[] body =
        vector1(
            root -> {
              ObjectNode identity = (ObjectNode) signUpInfo(root).path("identities").get(0);
              identity
                  .put("signInType", "emailAddress")
                  .put("issuerAssignedId", "carol@example.com");
              signUpInfo(root).remove("attributes");
            });
    assertThat(emailOf(body)).contains(EmailKey.of("carol@example.com"));
  }

  @Test
  void findsNoEmail_whenTwoVerifiedIdentitiesDisagree() {
    byte[] body =
        vector1(
            root ->
                ((ArrayNode) signUpInfo(root).path("identities"))
                    .addObject()
                    .put("signInType", "email")
                    .put("issuer", "exampleinvites.onmicrosoft.com")
                    .put("issuerAssignedId", "bob@example.com"));
    assertThat(emailOf(body)).isEmpty();
  }

  @Test
  void ignoresTheSubjectOfSocialIdentities_andUsesTheEmailAttribute_inAnyCase() {
    byte[] body =
        vector1(
            root -> {
              ObjectNode info = signUpInfo(root);
              info.putArray("identities")
                  .addObject()
                  .put("signInType", "federated")
                  .put("issuer", "google.com")
                  .put("issuerAssignedId", "someone@google-subject");
              ObjectNode attributes = info.putObject("attributes");
              attributes.putObject("MAIL").put("value", " Dave@Example.com ");
            });
    assertThat(emailOf(body)).contains(EmailKey.of("dave@example.com"));
  }

  @Test
  void findsNoEmail_inImplausibleValuesOrOddShapes() {
    assertThat(
            emailOf(
                vector1(
                    root -> {
                      signUpInfo(root).put("identities", "not an array");
                      signUpInfo(root).putObject("attributes").putObject("email").put("value", 42);
                    })))
        .isEmpty();
    assertThat(
            emailOf(
                vector1(
                    root -> {
                      signUpInfo(root).remove("identities");
                      signUpInfo(root)
                          .putObject("attributes")
                          .putObject("email")
                          .put("value", "two@at@example.com");
                    })))
        .isEmpty();
    assertThat(emailOf(vector1(root -> ((ObjectNode) root.path("data")).remove("userSignUpInfo"))))
        .isEmpty();
  }

  @Test
  void keepsEntraValueTypes_andJoinsMultiSelectArrays() {
    byte[] body =
        vector1(
            root -> {
              ObjectNode attributes = (ObjectNode) signUpInfo(root).path("attributes");
              attributes.putObject("year").put("value", 2025);
              attributes.putObject("terms").put("value", true);
              attributes.putObject("groups").putArray("value").add("Alumni").add("Faculty");
              attributes.putObject("nested").putObject("value").put("x", 1);
            });
    SignUpRequest request = parsed(body);
    assertThat(request.submittedAttributes())
        .containsEntry("year", 2025L)
        .containsEntry("terms", true)
        .containsEntry("groups", "Alumni,Faculty")
        .as("a field without a usable value is an empty one")
        .containsEntry("nested", "");
  }

  @Test
  void dispatchesOnODataType_whenTypeIsAbsent() {
    byte[] body = vector1(root -> root.remove("type"));
    assertThat(parsed(body).kind()).isEqualTo(EventKind.ATTRIBUTE_COLLECTION_START);
  }

  @Test
  void rejectsAnODataTypeNamingNoEvent_whenTypeIsAbsent() {
    for (String odataType :
        new String[] {"microsoft.graph.onCalloutData", "#microsoft.graph.onCalloutData"}) {
      ParsedEvent result =
          parser.parse(
              vector1(
                  root -> {
                    root.remove("type");
                    ((ObjectNode) root.path("data")).put("@odata.type", odataType);
                  }));
      assertThat(result).as(odataType).isInstanceOf(ParsedEvent.Unusable.class);
      assertThat(((ParsedEvent.Unusable) result).problem())
          .as(odataType)
          .isEqualTo(ParsedEvent.Problem.UNSUPPORTED_TYPE);
    }
  }

  @Test
  void rejectsUnsupportedTypes() {
    for (String type :
        new String[] {"microsoft.graph.authenticationEvent.emailOtpSend", "something.else", ""}) {
      ParsedEvent result = parser.parse(vector1(root -> root.put("type", type)));
      assertThat(result).isInstanceOf(ParsedEvent.Unusable.class);
      assertThat(((ParsedEvent.Unusable) result).problem())
          .isEqualTo(ParsedEvent.Problem.UNSUPPORTED_TYPE);
    }
  }

  @Test
  void rejectsBodiesNestedDeeperThan64Levels() {
    String deep = "[".repeat(65) + "]".repeat(65);
    byte[] body = vector1(root -> {}).clone();
    String json = new String(body, StandardCharsets.UTF_8);
    String nested = json.replaceFirst("\\{", "{\"deep\":" + deep + ",");
    assertMalformed(nested);
    String shallow = json.replaceFirst("\\{", "{\"deep\":" + "[".repeat(60) + "]".repeat(60) + ",");
    assertThat(parser.parse(shallow.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ParsedEvent.Parsed.class);
  }

  @Test
  void rejectsStringsLongerThan64KiB() {
    String json = new String(vector1(root -> {}), StandardCharsets.UTF_8);
    assertMalformed(json.replaceFirst("\\{", "{\"long\":\"" + "x".repeat(64 * 1024 + 1) + "\","));
    String fits = json.replaceFirst("\\{", "{\"long\":\"" + "x".repeat(64 * 1024) + "\",");
    assertThat(parser.parse(fits.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ParsedEvent.Parsed.class);
  }

  @Test
  void rejectsDuplicateKeys_atAnyDepth() {
    String json = new String(vector1(root -> {}), StandardCharsets.UTF_8);
    assertMalformed(json.replaceFirst("\"tenantId\":", "\"tenantId\":\"x\",\"tenantId\":"));
    assertMalformed(
        json.replaceFirst(
            "\"issuerAssignedId\":",
            "\"issuerAssignedId\":\"m@example.com\",\"issuerAssignedId\":"));
  }

  private void assertMalformed(String body) {
    ParsedEvent result = parser.parse(body.getBytes(StandardCharsets.UTF_8));
    assertThat(result).isInstanceOf(ParsedEvent.Unusable.class);
    assertThat(((ParsedEvent.Unusable) result).problem()).isEqualTo(ParsedEvent.Problem.MALFORMED);
  }

  @Test
  void rejectsMalformedBodies() {
    for (String body :
        new String[] {
          "",
          "not json",
          "[]",
          "{\"type\":\"x\"",
          "{}",
          "{\"data\":\"text\"}",
          "{\"type\":\"microsoft.graph.authenticationEvent.attributeCollectionStart\",\"data\":{}}",
          "{\"a\":1,\"a\":2}"
        }) {
      ParsedEvent result = parser.parse(body.getBytes(StandardCharsets.UTF_8));
      assertThat(result).as(body).isInstanceOf(ParsedEvent.Unusable.class);
      assertThat(((ParsedEvent.Unusable) result).problem())
          .as(body)
          .isEqualTo(ParsedEvent.Problem.MALFORMED);
    }
  }
}
