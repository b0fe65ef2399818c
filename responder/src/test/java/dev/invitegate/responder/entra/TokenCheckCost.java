package dev.invitegate.responder.entra;

import com.nimbusds.jose.util.Resource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the validated-token cache saves: the time of one token check with the cache (Entra's token
 * seen before) against nimbus's full check (parse, key lookup, RSA, claims), measured in the same
 * run, in rounds, median and spread printed. Run: {@code java -cp <test classpath>
 * dev.invitegate.responder.entra.TokenCheckCost [rounds] [checks per round]}.
 */
public final class TokenCheckCost {

  private TokenCheckCost() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int checks = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    TestTokens entra = new TestTokens("cost-key");
    SigningKeys keys =
        new SigningKeys(
            List.of(URI.create("https://keys.test/keys")),
            url -> new Resource(entra.jwks(), "application/json"),
            Duration.ofMillis(300));
    keys.load();
    TokenValidator validator =
        new TokenValidator(
            new TokenPolicy(
                TestTokens.TENANT,
                TestTokens.CLIENT_ID,
                Set.copyOf(TokenPolicy.defaultIssuers(TestTokens.TENANT)),
                TokenPolicy.DEFAULT_CLOCK_SKEW),
            keys,
            Clock.systemUTC(),
            1024);
    String token = entra.mint(Instant.now());
    Optional<String> header = Optional.of("Bearer " + token);
    double[] cached = new double[rounds];
    double[] full = new double[rounds];
    for (int round = -2; round < rounds; round++) {
      // Interleaved, so that both see the same machine; the first two rounds only warm up.
      long started = System.nanoTime();
      for (int i = 0; i < checks; i++) {
        require(validator.check(header));
      }
      double cachedNs = (System.nanoTime() - started) / (double) checks;
      started = System.nanoTime();
      for (int i = 0; i < checks / 10; i++) {
        require(validator.validate(token, Instant.now()));
      }
      double fullNs = (System.nanoTime() - started) / (double) (checks / 10);
      if (round >= 0) {
        cached[round] = cachedNs;
        full[round] = fullNs;
      }
    }
    System.out.printf(
        "token check, with the cache: %s; full nimbus check: %s; ratio %.1f%n",
        describe(cached), describe(full), median(full) / median(cached));
    keys.close();
  }

  private static void require(TokenCheck check) {
    if (!(check instanceof TokenCheck.Accepted)) {
      throw new IllegalStateException("token refused: " + check);
    }
  }

  private static String describe(double[] nanos) {
    double[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(
        "median %.1f us (%.1f to %.1f)",
        median(nanos) / 1e3, sorted[0] / 1e3, sorted[sorted.length - 1] / 1e3);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
