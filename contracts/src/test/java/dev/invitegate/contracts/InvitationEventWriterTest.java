package dev.invitegate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invitegate.contracts.samples.GoldenSamples;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InvitationEventWriterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP = "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917";

  private final InvitationEventWriter writer = new InvitationEventWriter();
  private final InvitationEventParser parser = new InvitationEventParser();

  static Stream<String> validSamples() {
    return GoldenSamples.list("events/valid").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validSamples")
  void writesEachGoldenEvent_soThatItParsesBackToTheSameEvent(String path) {
    InvitationEvent event = parsed(GoldenSamples.read(path).getBytes());

    assertThat(parsed(writer.write(event))).isEqualTo(event);
  }

  @Property(tries = 300)
  void everyWrittenEvent_parsesBackToItself(@ForAll("events") InvitationEvent event) {
    assertThat(parsed(writer.write(event))).isEqualTo(event);
  }

  @Test
  void writesAStructuredModeCloudEvent_withTheContractsFieldsOnly() throws IOException {
    var grant =
        new InvitationGranted(
            "evt-1",
            "/crm/contacts",
            Instant.parse("2026-03-01T09:30:00Z"),
            EmailKey.of("Alice@Example.com"),
            Optional.of(APP),
            Optional.of(Instant.parse("2026-06-01T00:00:00Z")),
            Map.of("displayName", "Alice", "CohortYear", 2025L, "IsAlumnus", true),
            List.of("displayName"),
            List.of("beta"));

    JsonNode body = JSON.readTree(writer.write(grant));

    assertThat(body.get("specversion").asText()).isEqualTo("1.0");
    assertThat(body.get("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(body.get("time").asText()).isEqualTo("2026-03-01T09:30:00Z");
    assertThat(body.at("/data/email").asText()).isEqualTo("alice@example.com");
    assertThat(body.at("/data/attributes/CohortYear").isIntegralNumber()).isTrue();
    assertThat(body.at("/data/attributes/IsAlumnus").isBoolean()).isTrue();
    assertThat(InvitationEventWriter.CONTENT_TYPE).isEqualTo("application/cloudevents+json");
  }

  @Test
  void leavesOutWhatARevokeOrAnEmptyGrantDoesNotCarry() throws IOException {
    var revoke =
        new InvitationRevoked(
            "evt-2",
            "/crm",
            Instant.parse("2026-03-01T09:30:00Z"),
            EmailKey.of("a@b.c"),
            Optional.empty());

    JsonNode data = JSON.readTree(writer.write(revoke)).get("data");

    assertThat(data.properties()).extracting(Map.Entry::getKey).containsExactly("email");
  }

  @Test
  void refusesATimeNoRfc3339DateTimeCanHold_namingTheField() {
    var farFuture =
        new InvitationRevoked(
            "evt-3",
            "/crm",
            Instant.parse("+10000-01-01T00:00:00Z"),
            EmailKey.of("a@b.c"),
            Optional.empty());

    assertThatThrownBy(() -> writer.write(farFuture))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time: not an RFC 3339 date-time");
  }

  @Test
  void refusesASourceThatIsNoUriReference() {
    var badSource =
        new InvitationRevoked(
            "evt-4",
            "not a uri",
            Instant.parse("2026-01-01T00:00:00Z"),
            EmailKey.of("a@b.c"),
            Optional.empty());

    assertThatThrownBy(() -> writer.write(badSource))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source: not a URI-reference");
  }

  private InvitationEvent parsed(byte[] body) {
    return switch (parser.parse(body)) {
      case ParseResult.Parsed parsed -> parsed.event();
      case ParseResult.Invalid invalid -> throw new AssertionError(invalid.description());
    };
  }

  @Provide
  Arbitrary<InvitationEvent> events() {
    Arbitrary<EmailKey> emails =
        Combinators.combine(
                Arbitraries.strings()
                    .alpha()
                    .numeric()
                    .withChars(".+-_'é")
                    .ofMinLength(1)
                    .ofMaxLength(20),
                Arbitraries.strings()
                    .alpha()
                    .numeric()
                    .withChars(".-")
                    .ofMinLength(1)
                    .ofMaxLength(20))
            .as((local, domain) -> EmailKey.of(local + "@" + domain));
    Arbitrary<Instant> instants =
        Arbitraries.longs()
            .between(
                Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("9999-12-31T23:59:59Z").getEpochSecond())
            .flatMap(
                seconds ->
                    Arbitraries.of(0, 1_000, 120_000_000, 123_456_789)
                        .map(nanos -> Instant.ofEpochSecond(seconds, nanos)));
    Arbitrary<String> texts =
        Arbitraries.strings().ofMinLength(1).ofMaxLength(30).filter(s -> !s.isBlank());
    Arbitrary<Object> values =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(40).map(Object.class::cast),
            Arbitraries.longs().map(Object.class::cast),
            Arbitraries.of(true, false).map(Object.class::cast));
    Arbitrary<Optional<String>> applications =
        Arbitraries.of(Optional.<String>empty(), Optional.of(APP));
    Arbitrary<InvitationEvent> revokes =
        Combinators.combine(texts, instants, emails, applications)
            .as((id, time, email, app) -> new InvitationRevoked(id, "/tests", time, email, app));
    Arbitrary<InvitationEvent> grants =
        Combinators.combine(
                texts,
                instants,
                emails,
                applications,
                instants.optional(),
                Arbitraries.maps(texts, values).ofMaxSize(5),
                Arbitraries.integers().between(0, 5),
                texts.list().ofMaxSize(4))
            .as(
                (id, time, email, app, expiresAt, attributes, lockedCount, roles) -> {
                  var locked =
                      new ArrayList<>(attributes.keySet())
                          .subList(0, Math.min(lockedCount, attributes.size()));
                  return new InvitationGranted(
                      id, "/tests", time, email, app, expiresAt, attributes, locked, roles);
                });
    return Arbitraries.oneOf(revokes, grants);
  }
}
