package dev.invitegate.responder.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The tenant's RSA signing keys from several JWK sets, cached. An unknown key ID triggers a
 * refresh, at most once per {@code minRefreshInterval}, so forged key IDs cannot turn into a fetch
 * storm.
 */
public final class SigningKeys {

  private static final System.Logger LOG = System.getLogger(SigningKeys.class.getName());

  private final List<URI> uris;
  private final JwksFetch fetch;
  private final Clock clock;
  private final Duration minRefreshInterval;

  /** Keys per source, so one failing source keeps its last good keys. */
  private final Map<URI, Map<String, JWSVerifier>> keysBySource = new HashMap<>();

  private volatile Map<String, JWSVerifier> verifiers = Map.of();
  private Instant lastRefresh = Instant.MIN;

  public SigningKeys(List<URI> uris, JwksFetch fetch, Clock clock, Duration minRefreshInterval) {
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("at least one JWKS URI is needed");
    }
    this.uris = List.copyOf(uris);
    this.fetch = fetch;
    this.clock = clock;
    this.minRefreshInterval = minRefreshInterval;
  }

  /** Whether any key is known; readiness waits for it. */
  public boolean loaded() {
    return !verifiers.isEmpty();
  }

  public int size() {
    return verifiers.size();
  }

  /** Fetches every source now, in parallel. Returns whether at least one answered. */
  public synchronized boolean refresh() {
    lastRefresh = clock.instant();
    Map<URI, CompletableFuture<Map<String, JWSVerifier>>> pending = new LinkedHashMap<>();
    for (URI uri : uris) {
      pending.put(
          uri,
          CompletableFuture.supplyAsync(() -> load(uri), task -> Thread.ofVirtual().start(task)));
    }
    boolean any = false;
    for (var entry : pending.entrySet()) {
      Map<String, JWSVerifier> loaded = entry.getValue().join();
      if (loaded != null) {
        keysBySource.put(entry.getKey(), loaded);
        any = true;
      }
    }
    Map<String, JWSVerifier> merged = new HashMap<>();
    keysBySource.values().forEach(merged::putAll);
    verifiers = Map.copyOf(merged);
    return any;
  }

  /** The verifier for {@code keyId}, refreshing once if it is unknown and a refresh is due. */
  Optional<JWSVerifier> verifierFor(String keyId) {
    JWSVerifier verifier = verifiers.get(keyId);
    if (verifier != null) {
      return Optional.of(verifier);
    }
    synchronized (this) {
      verifier = verifiers.get(keyId);
      if (verifier == null && refreshAllowed()) {
        refresh();
        verifier = verifiers.get(keyId);
      }
    }
    return Optional.ofNullable(verifier);
  }

  private boolean refreshAllowed() {
    return !lastRefresh.plus(minRefreshInterval).isAfter(clock.instant());
  }

  private Map<String, JWSVerifier> load(URI uri) {
    try {
      JWKSet set = JWKSet.parse(fetch.fetch(uri));
      Map<String, JWSVerifier> loaded = new HashMap<>();
      for (JWK key : set.getKeys()) {
        if (key instanceof RSAKey rsa
            && key.getKeyID() != null
            && (key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))) {
          loaded.put(key.getKeyID(), new RSASSAVerifier(rsa.toRSAPublicKey()));
        }
      }
      return Map.copyOf(loaded);
    } catch (IOException | ParseException | JOSEException | RuntimeException e) {
      LOG.log(Level.WARNING, "Could not load signing keys from {0}: {1}", uri, e.toString());
      return null;
    }
  }
}
