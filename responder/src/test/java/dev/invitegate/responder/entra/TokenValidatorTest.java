package dev.invitegate.responder.entra;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.invitegate.responder.JwksServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenValidatorTest {

  private static final URI CIAM_KEYS = URI.create("https://ciam.test/keys");
  private static final URI WORKFORCE_KEYS = URI.create("https://workforce.test/keys");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final TestTokens entra = new TestTokens("entra-key-1");
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicReference<String> ciamSet = new AtomicReference<>(entra.jwks());
  private final AtomicReference<String> workforceSet =
      new AtomicReference<>(new TestTokens("workforce-key").jwks());

  private final SigningKeys keys =
      new SigningKeys(
          List.of(CIAM_KEYS, WORKFORCE_KEYS),
          url -> {
            fetches.incrementAndGet();
            String set =
                url.toString().equals(CIAM_KEYS.toString()) ? ciamSet.get() : workforceSet.get();
            return new Resource(set, "application/json");
          },
          Duration.ofMillis(300));

  private final TokenValidator validator =
      new TokenValidator(
          new TokenPolicy(
              TestTokens.TENANT,
              TestTokens.CLIENT_ID,
              Set.copyOf(TokenPolicy.defaultIssuers(TestTokens.TENANT)),
              Duration.ofSeconds(60)),
          keys,
          clock,
          16);

  private TokenCheck check(String token) {
    return validator.check(Optional.of("Bearer " + token));
  }

  private void assertRejected(String token, String reason) {
    assertThat(check(token)).isEqualTo(new TokenCheck.Refused(reason));
  }

  @AfterEach
  void closeKeys() {
    keys.close();
  }

  @Test
  void acceptsVector11Token_signedByAKeyOfEitherSet() {
    assertThat(keys.load()).isTrue();
    assertThat(check(entra.mint(clock.instant())))
        .isEqualTo(new TokenCheck.Accepted(TestTokens.TENANT));
    TestTokens workforce = new TestTokens("workforce-2");
    workforceSet.set(workforce.jwks());
    assertThat(check(workforce.mint(clock.instant())))
        .isEqualTo(new TokenCheck.Accepted(TestTokens.TENANT));
  }

  @Test
  void acceptsTheAlternateIssuer() {
    assertThat(
            check(
                entra.mint(
                    clock.instant(),
                    c -> {
                      c.put("iss", TestTokens.WORKFORCE_ISSUER);
                      return c;
                    })))
        .isInstanceOf(TokenCheck.Accepted.class);
  }

  @Test
  void rejectsMissingAuthorizationHeader() {
    assertThat(validator.check(Optional.empty()))
        .isEqualTo(new TokenCheck.Refused("missing_authorization"));
  }

  @Test
  void rejectsMalformedAuthorizationHeaders() {
    String token = entra.mint(clock.instant());
    for (String header :
        List.of("", "Bearer", "Bearer ", "Basic " + token, token, "Bearer a b", "Bearer ###")) {
      assertThat(validator.check(Optional.of(header)))
          .as(header)
          .isEqualTo(new TokenCheck.Refused("malformed_authorization"));
    }
    assertRejected("abc.def.ghi", "malformed_token");
  }

  @Test
  void readsTheBearerTokenOfWellShapedHeadersOnly() {
    assertThat(TokenValidator.bearerToken("Bearer a.b.c")).contains("a.b.c");
    assertThat(TokenValidator.bearerToken("bEARER   a-_9.B.  ")).contains("a-_9.B.");
    assertThat(TokenValidator.bearerToken("Bearer x..")).contains("x..");
    for (String header :
        List.of(
            "Bearer .b.c",
            "Bearer a.b.c.d",
            "Bearer a.b",
            "Bearer\ta.b.c",
            "Bearera.b.c",
            "Bearer a.b.c\n",
            "Bearer a.b+/.c",
            "Bearer a.b.c=",
            " Bearer a.b.c",
            "Bear a.b.c")) {
      assertThat(TokenValidator.bearerToken(header)).as(header).isEmpty();
    }
  }

  @Test
  void rejectsAlgNone() {
    String unsigned =
        new PlainJWT(TestTokens.toClaims(TestTokens.validClaims(clock.instant()))).serialize();
    assertRejected(unsigned, "unsupported_algorithm");
  }

  @Test
  void rejectsHs256SignedWithThePublicKeyBytes() throws JOSEException {
    keys.load();
    byte[] publicKey = entra.key().toRSAPublicKey().getEncoded();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(entra.key().getKeyID()).build(),
            TestTokens.toClaims(TestTokens.validClaims(clock.instant())));
    jwt.sign(new MACSigner(publicKey));
    assertRejected(jwt.serialize(), "unsupported_algorithm");
  }

  @Test
  void rejectsUnknownKey_afterOneRateLimitedRefresh() {
    keys.load();
    int before = fetches.get();
    RSAKey stranger = TestTokens.generate("stranger");
    String token = TestTokens.sign(stranger, TestTokens.validClaims(clock.instant()));

    assertRejected(token, "unknown_signing_key");
    assertThat(fetches.get()).as("one refresh of both sets").isEqualTo(before + 2);
    for (int i = 0; i < 10; i++) {
      assertRejected(
          TestTokens.sign(
              TestTokens.generate("stranger-" + i), TestTokens.validClaims(clock.instant())),
          "unknown_signing_key");
    }
    assertThat(fetches.get()).as("no further refresh within 30 s").isEqualTo(before + 2);
  }

  @Test
  void acceptsARotatedKey_byRefreshingOnItsUnknownKeyId() {
    keys.load();
    TestTokens rotated = new TestTokens("entra-key-2");
    ciamSet.set(rotated.jwks());
    assertThat(check(rotated.mint(clock.instant()))).isInstanceOf(TokenCheck.Accepted.class);
  }

  @Test
  void rejectsAForgedSignature_underAKnownKeyId() {
    RSAKey impostor = TestTokens.generate(entra.key().getKeyID());
    assertRejected(
        TestTokens.sign(impostor, TestTokens.validClaims(clock.instant())), "bad_signature");
  }

  @Test
  void rejectsExpiredToken_beyondTheSkew() {
    String token =
        entra.mint(
            clock.instant(),
            c -> {
              c.put("exp", Date.from(clock.instant().minusSeconds(61)));
              return c;
            });
    assertRejected(token, "expired");
  }

  @Test
  void acceptsJustExpiredToken_withinTheSkew() {
    String token =
        entra.mint(
            clock.instant(),
            c -> {
              c.put("exp", Date.from(clock.instant().minusSeconds(30)));
              return c;
            });
    assertThat(check(token)).isInstanceOf(TokenCheck.Accepted.class);
  }

  @Test
  void rejectsTokenWithoutExpiry() {
    String token =
        entra.mint(
            clock.instant(),
            c -> {
              c.remove("exp");
              return c;
            });
    assertRejected(token, "expired");
  }

  @Test
  void rejectsTokenNotYetValid() {
    String token =
        entra.mint(
            clock.instant(),
            c -> {
              c.put("nbf", Date.from(clock.instant().plusSeconds(120)));
              return c;
            });
    assertRejected(token, "not_yet_valid");
  }

  @Test
  void rejectsWrongAudience_includingTheV1StyleAppIdUri() {
    for (String audience :
        List.of(
            "00000000-0000-0000-0000-000000000000",
            "api://gate.example.com/" + TestTokens.CLIENT_ID)) {
      String token =
          entra.mint(
              clock.instant(),
              c -> {
                c.put("aud", audience);
                return c;
              });
      assertRejected(token, "wrong_audience");
    }
  }

  @Test
  void rejectsWrongAuthorizedParty() {
    String token =
        entra.mint(
            clock.instant(),
            c -> {
              c.put("azp", "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917");
              return c;
            });
    assertRejected(token, "wrong_authorized_party");
  }

  @Test
  void rejectsV1Token_whoseAppIdIsNotTheEventsService() {
    String token =
        entra.mint(
            clock.instant(),
            c -> {
              c.put("ver", "1.0");
              c.remove("azp");
              c.put("appid", "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917");
              return c;
            });
    assertRejected(token, "wrong_authorized_party");
  }

  @Test
  void rejectsTokenWithoutVersion() {
    String token =
        entra.mint(
            clock.instant(),
            c -> {
              c.remove("ver");
              return c;
            });
    assertRejected(token, "unsupported_token_version");
  }

  @Test
  void rejectsWrongIssuer_includingAnotherTenantsIssuer() {
    for (String issuer :
        List.of(
            "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0",
            "https://sts.windows.net/" + TestTokens.TENANT + "/",
            "https://evil.example/" + TestTokens.TENANT + "/v2.0")) {
      String token =
          entra.mint(
              clock.instant(),
              c -> {
                c.put("iss", issuer);
                return c;
              });
      assertRejected(token, "wrong_issuer");
    }
  }

  @Test
  void rejectsWrongTenant() {
    String token =
        entra.mint(
            clock.instant(),
            c -> {
              c.put("tid", "11111111-2222-3333-4444-555555555555");
              return c;
            });
    assertRejected(token, "wrong_tenant");
  }

  @Test
  void reusesAValidatedToken_withoutFetchingOrVerifyingAgain_untilItExpires() {
    keys.load();
    String token =
        entra.mint(
            clock.instant(),
            c -> {
              c.put("exp", Date.from(clock.instant().plusSeconds(600)));
              return c;
            });
    assertThat(check(token)).isInstanceOf(TokenCheck.Accepted.class);
    int fetched = fetches.get();
    clock.advance(Duration.ofMinutes(5));
    assertThat(check(token)).as("served from the cache").isInstanceOf(TokenCheck.Accepted.class);
    assertThat(fetches.get()).isEqualTo(fetched);

    clock.advance(Duration.ofMinutes(6));
    assertRejected(token, "expired");
  }

  @Test
  void keepsTheLastGoodKeys_whenASetCannotBeFetched() {
    keys.load();
    ciamSet.set("not json");
    workforceSet.set(new TestTokens("workforce-3").jwks());
    // An unknown key ID forces a refresh of both sets; the CIAM set answers garbage.
    String stranger =
        TestTokens.sign(
            TestTokens.generate("workforce-3"), TestTokens.validClaims(clock.instant()));
    check(stranger);
    assertThat(check(entra.mint(clock.instant()))).isInstanceOf(TokenCheck.Accepted.class);
  }

  @Test
  void readsNoKeySet_throughARedirect_orLargerThanOneMebibyte() throws Exception {
    try (JwksServer elsewhere = new JwksServer(entra.jwks());
        JwksServer moved = new JwksServer(entra.jwks())) {
      moved.redirectTo(elsewhere.uri());
      try (SigningKeys redirected =
          SigningKeys.fetchedFrom(List.of(moved.uri()), Duration.ofMillis(500))) {
        assertThat(redirected.load()).isFalse();
      }
      moved.redirectTo(null);
      moved.serve(entra.jwks() + " ".repeat(SigningKeys.MAX_JWKS_BYTES));
      try (SigningKeys huge =
          SigningKeys.fetchedFrom(List.of(moved.uri()), Duration.ofMillis(500))) {
        assertThat(huge.load()).isFalse();
      }
      moved.serve(entra.jwks());
      try (SigningKeys plain =
          SigningKeys.fetchedFrom(List.of(moved.uri()), Duration.ofMillis(500))) {
        assertThat(plain.load()).as("the same server, answering plainly").isTrue();
      }
    }
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
