package dev.invitegate.local.system;

import com.nimbusds.jose.jwk.RSAKey;
import dev.invitegate.local.entra.EntraPayloads;
import dev.invitegate.local.entra.EntraPayloads.Event;
import dev.invitegate.local.entra.EntraPayloads.SignUp;
import dev.invitegate.local.entra.EntraTokens;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code simulate}: plays Entra against a responder, one call, and says what Entra would do. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Make one call as Entra External ID makes it (the body of the event, signed with a bearer"
          + " token) and say what Entra would do with the answer.",
      "Against the local system by default (./run-local): its responder, tenant and signing key."
    },
    footer = {
      "",
      "Examples:",
      "  simulate start --email alice@example.com",
      "  simulate start --email carol@example.com --sign-up google",
      "  simulate submit --email carol@example.com --attribute displayName=Mallory",
      "  simulate submit --email alice@example.com --attribute InviteCode=K7Q2-M9XD",
      "  simulate token --email alice@example.com --json",
      "  simulate start --email x@example.com --url https://gate.example.com/entra/events \\",
      "      --key key.jwk --tenant <tenant id> --client <API app client id>",
      "",
      "Attribute values: a whole number is sent as int64, true/false as a boolean, anything else"
          + " as a string; prefix string: to send a number as a string (--attribute"
          + " Code=string:1234).",
      "Exit codes: 0 answered with one valid action, 1 anything else, 2 usage error."
    })
final class SimulateCommand implements Callable<Integer> {

  enum EventName {
    start,
    submit,
    token
  }

  enum SignUpKind {
    otp,
    password,
    google,
    facebook,
    oidc
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "The event: ${COMPLETION-CANDIDATES}.")
  EventName event;

  @Option(names = "--email", required = true, description = "The user's email address.")
  String email;

  @Option(
      names = "--sign-up",
      defaultValue = "otp",
      description =
          "How the user signs up: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). otp and"
              + " password report a verified email identity; google, facebook and oidc a"
              + " federated one, the email as an attribute.")
  SignUpKind signUp;

  @Option(
      names = "--application",
      defaultValue = "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917",
      description = "The application (client) ID the user signs up to (default: ${DEFAULT-VALUE}).")
  String application;

  @Option(
      names = "--attribute",
      paramLabel = "NAME=VALUE",
      description = "An attribute of the form, as the user filled it in (repeatable).")
  List<String> attributes = new ArrayList<>();

  @Option(names = "--no-identities", description = "Send no identities (as some Submits come).")
  boolean noIdentities;

  @Option(names = "--url", description = "The responder's /entra/events URL.")
  Optional<URI> url;

  @Option(names = "--key", description = "A private JWK (JSON) to sign the token with.")
  Optional<Path> keyFile;

  @Option(names = "--tenant", description = "The external tenant ID the token and body name.")
  Optional<String> tenant;

  @Option(names = "--client", description = "The API app registration's client ID (audience).")
  Optional<String> client;

  @Option(names = "--issuer", description = "The token's issuer (default: the tenant's CIAM one).")
  Optional<String> issuer;

  @Option(names = "--json", description = "Print the answer's body as it came.")
  boolean json;

  @Override
  public Integer call() throws IOException, ParseException {
    PrintWriter out = spec.commandLine().getOut();
    Optional<LocalState> local = localState();
    URI target = url.or(() -> local.map(LocalState::responder)).orElseThrow(() -> missing("--url"));
    Path key = keyFile.or(() -> local.map(LocalState::keyFile)).orElseThrow(() -> missing("--key"));
    String tenantId =
        tenant.or(() -> local.map(LocalState::tenantId)).orElseThrow(() -> missing("--tenant"));
    String clientId =
        client.or(() -> local.map(LocalState::clientId)).orElseThrow(() -> missing("--client"));
    String tokenIssuer =
        issuer
            .or(() -> local.map(LocalState::issuer).filter(i -> tenant.isEmpty()))
            .orElse(EntraTokens.ciamIssuer(tenantId));
    RSAKey signingKey = RSAKey.parse(Files.readString(key, StandardCharsets.UTF_8));
    String token =
        EntraTokens.sign(
            signingKey, EntraTokens.claims(tenantId, clientId, tokenIssuer, Instant.now()));
    byte[] body = payload(tenantId).bytes();
    EntraCall.Answer answer = EntraCall.post(target, token, body);
    if (json) {
      out.println(answer.body());
    } else {
      out.printf(
          Locale.ROOT,
          "%s for %s (%s) to %s: HTTP %d in %d ms%n  Entra %s%n",
          event,
          email,
          signUp,
          application,
          answer.status(),
          answer.took().toMillis(),
          answer.meaning());
    }
    out.flush();
    return answer.status() == 200 && !answer.action().isEmpty() ? 0 : 1;
  }

  EntraPayloads payload(String tenantId) {
    Event kind =
        switch (event) {
          case start -> Event.START;
          case submit -> Event.SUBMIT;
          case token -> Event.TOKEN;
        };
    EntraPayloads call =
        EntraPayloads.call(kind, tenantId)
            .application(application, "Local Portal")
            .correlationId(UUID.randomUUID().toString());
    if (kind == Event.TOKEN) {
      return call.user("", Optional.of(email));
    }
    call.signUp(
        switch (signUp) {
          case otp -> new SignUp.EmailOtp(email);
          case password -> new SignUp.EmailPassword(email);
          case google -> SignUp.Federated.google("1" + Math.abs(email.hashCode()), email);
          case facebook -> SignUp.Federated.facebook("2" + Math.abs(email.hashCode()), email);
          case oidc ->
              SignUp.Federated.oidc(
                  "https://idp.example.com", "3" + Math.abs(email.hashCode()), Optional.of(email));
        });
    if (noIdentities) {
      call.withoutIdentities();
    }
    for (String attribute : attributes) {
      int equals = attribute.indexOf('=');
      if (equals <= 0) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--attribute must be NAME=VALUE: " + attribute);
      }
      call.attribute(attribute.substring(0, equals), value(attribute.substring(equals + 1)));
    }
    return call;
  }

  /** A whole number is int64, true/false a boolean, {@code string:...} and anything else text. */
  static Object value(String text) {
    if (text.startsWith("string:")) {
      return text.substring("string:".length());
    }
    if (text.equals("true") || text.equals("false")) {
      return Boolean.valueOf(text);
    }
    if (text.matches("-?[0-9]{1,18}")) {
      return Long.valueOf(text);
    }
    return text;
  }

  private Optional<LocalState> localState() throws IOException {
    Path file = Repository.located().map(Repository::stateFile).orElse(null);
    return file != null && Files.isRegularFile(file)
        ? Optional.of(LocalState.read(file))
        : Optional.empty();
  }

  private picocli.CommandLine.ParameterException missing(String option) {
    return new picocli.CommandLine.ParameterException(
        spec.commandLine(),
        "no local system is running here (start it with ./run-local), so give " + option);
  }
}
