package dev.invitegate.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CodecPropertiesTest {

  private static final List<String> SCOPES =
      List.of(
          InvitationDocument.ALL_APPLICATIONS,
          "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917",
          "0f3b8c1e-5a27-4d6b-9e80-3c4f1a2b7d65",
          "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");

  @Property(tries = 500)
  void decodingAnEncodedDocumentGivesItBack(@ForAll("documents") InvitationDocument document) {
    assertThat(InvitationDocumentCodec.fromJson(InvitationDocumentCodec.toJson(document)))
        .isEqualTo(document);
    assertThat(InvitationDocumentCodec.fromJson(InvitationDocumentCodec.toJsonString(document)))
        .isEqualTo(document);
  }

  @Provide
  Arbitrary<InvitationDocument> documents() {
    Arbitrary<EmailKey> emails =
        Combinators.combine(
                Arbitraries.strings()
                    .alpha()
                    .numeric()
                    .withChars(".+-_'éÅ")
                    .ofMinLength(1)
                    .ofMaxLength(30),
                Arbitraries.strings()
                    .alpha()
                    .numeric()
                    .withChars(".-")
                    .ofMinLength(1)
                    .ofMaxLength(30))
            .as((local, domain) -> EmailKey.of(local + "@" + domain));
    Arbitrary<Map<String, ScopeEntry>> scopes =
        Arbitraries.maps(Arbitraries.of(SCOPES), entries()).ofMaxSize(SCOPES.size());
    return Combinators.combine(emails, scopes).as(InvitationDocument::new);
  }

  private static Arbitrary<ScopeEntry> entries() {
    Arbitrary<Instant> instants =
        Arbitraries.longs()
            .between(
                Instant.parse("2000-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2199-12-31T00:00:00Z").getEpochSecond())
            .flatMap(
                seconds ->
                    Arbitraries.of(0, 1_000_000, 123_456_789)
                        .map(nanos -> Instant.ofEpochSecond(seconds, nanos)));
    Arbitrary<String> texts =
        Arbitraries.strings().ofMinLength(1).ofMaxLength(40).filter(s -> !s.isBlank());
    Arbitrary<Object> values =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(60).map(Object.class::cast),
            Arbitraries.longs().map(Object.class::cast),
            Arbitraries.of(true, false).map(Object.class::cast));
    Arbitrary<Map<String, Object>> attributes = Arbitraries.maps(texts, values).ofMaxSize(6);
    Arbitrary<ScopeEntry> revokes =
        Combinators.combine(texts, instants)
            .as(
                (id, time) ->
                    new ScopeEntry(
                        id, time, false, Optional.empty(), Map.of(), List.of(), List.of()));
    Arbitrary<ScopeEntry> grants =
        Combinators.combine(
                texts,
                instants,
                instants.optional(),
                attributes,
                Arbitraries.integers().between(0, 6),
                texts.list().ofMaxSize(4))
            .as(
                (id, time, expiresAt, attrs, lockedCount, roles) -> {
                  var locked =
                      new ArrayList<>(attrs.keySet())
                          .subList(0, Math.min(lockedCount, attrs.size()));
                  return new ScopeEntry(id, time, true, expiresAt, attrs, locked, roles);
                });
    return Arbitraries.oneOf(revokes, grants);
  }
}
