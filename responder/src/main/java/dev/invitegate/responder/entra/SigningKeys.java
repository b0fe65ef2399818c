package dev.invitegate.responder.entra;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Entra's signing keys from one or more JWK sets, through nimbus-jose-jwt's JWK source: a cache
 * refreshed ahead of its expiry in the background, a refresh on an unknown key ID at most twice per
 * {@link #MIN_REFRESH_INTERVAL} (so forged key IDs cannot become a fetch storm), and each set's
 * last good keys kept through an outage of its endpoint. A call that finds a refresh under way
 * waits for it at most the fetch timeout, then is refused; the fetch itself is bounded by the same
 * timeout. Nimbus waits on {@code java.util.concurrent} locks, never on a monitor around I/O, so a
 * slow key endpoint cannot pin the virtual threads that serve calls.
 */
public final class SigningKeys implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SigningKeys.class.getName());

  /** Entra publishes a new key weeks before it signs with it, so a quarter-hour cache is fresh. */
  static final Duration CACHE_TIME_TO_LIVE = Duration.ofMinutes(15);

  static final Duration REFRESH_AHEAD = Duration.ofMinutes(1);
  static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);

  /** How long a set's last good keys are used while its endpoint cannot be reached. */
  static final Duration OUTAGE_TOLERANCE = Duration.ofHours(24);

  /**
   * The first load has no deadline to keep (the process is not ready before it) and pays for the
   * JVM's first TLS handshake, so it may take longer than a refresh on a call's path.
   */
  static final Duration FIRST_LOAD_TIMEOUT = Duration.ofSeconds(5);

  /** Entra's key sets are a few kilobytes. */
  static final int MAX_JWKS_BYTES = 1024 * 1024;

  private static final ThreadFactory DAEMON =
      Thread.ofPlatform().name("signing-keys-refresh").daemon().factory();

  private final JWKSource<SecurityContext> source;
  private volatile int size;
  private volatile String problem = "";

  /**
   * @param retriever fetches one JWK set document, in bounded time
   * @param fetchTimeout bound on waiting for a refresh another call runs; with the retriever's own
   *     bound it must leave a call time to be answered within its deadline
   */
  SigningKeys(List<URI> uris, ResourceRetriever retriever, Duration fetchTimeout) {
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("at least one JWK set URI is needed");
    }
    List<JWKSetSource<SecurityContext>> each = new ArrayList<>();
    for (URI uri : uris) {
      each.add(
          new OutageTolerantJWKSetSource<>(
              new URLBasedJWKSetSource<>(url(uri), retriever), OUTAGE_TOLERANCE.toMillis(), null));
    }
    this.source =
        JWKSourceBuilder.create((JWKSetSource<SecurityContext>) new AllSets(each, uris))
            .cache(CACHE_TIME_TO_LIVE.toMillis(), fetchTimeout.toMillis())
            // Daemon threads: a key refresh must never keep a stopping process alive.
            .refreshAheadCache(
                REFRESH_AHEAD.toMillis(),
                null,
                Executors.newSingleThreadExecutor(DAEMON),
                true,
                Executors.newSingleThreadScheduledExecutor(DAEMON),
                true)
            .rateLimited(MIN_REFRESH_INTERVAL.toMillis())
            .retrying(false)
            .outageTolerant(false)
            .build();
  }

  /**
   * Over HTTPS (HTTP for loopback), each fetch bounded by {@code fetchTimeout} once keys are known,
   * by {@link #FIRST_LOAD_TIMEOUT} before.
   */
  public static SigningKeys fetchedFrom(List<URI> uris, Duration fetchTimeout) {
    return new SigningKeys(uris, new BoundedRetriever(fetchTimeout), fetchTimeout);
  }

  /** Loads the keys now if none are cached; returns whether any key is known. */
  public boolean load() {
    try {
      List<JWK> keys = source.get(new JWKSelector(new JWKMatcher.Builder().build()), null);
      size = keys.size();
      problem = keys.isEmpty() ? "the key sets hold no key" : "";
      return !keys.isEmpty();
    } catch (RateLimitReachedException e) {
      problem = "fetched twice in the last " + MIN_REFRESH_INTERVAL.toSeconds() + " s already";
      return false;
    } catch (KeySourceException e) {
      problem = e.getMessage();
      return false;
    }
  }

  /** Why the last {@link #load} found no key; empty after one that did. */
  public String problem() {
    return problem;
  }

  /** Whether keys were loaded; readiness waits for it. */
  public boolean loaded() {
    return size > 0;
  }

  /** Keys known at the last {@link #load}. */
  public int size() {
    return size;
  }

  JWKSource<SecurityContext> source() {
    return source;
  }

  @Override
  public void close() {
    try {
      if (source instanceof AutoCloseable closeable) {
        closeable.close();
      }
    } catch (Exception e) {
      LOG.log(Level.DEBUG, "Closing the JWK source failed", e);
    }
  }

  private static URL url(URI uri) {
    try {
      return uri.toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a URL: " + uri, e);
    }
  }

  /**
   * Every configured set at once, merged: a key may be published in only one of them. The sets are
   * fetched in parallel, and those that answered are enough (each keeps its last good keys through
   * an outage). Nimbus has no merging source; this is the only part of the key handling written
   * here.
   */
  private static final class AllSets implements JWKSetSource<SecurityContext> {

    private final List<JWKSetSource<SecurityContext>> sets;
    private final List<URI> uris;

    AllSets(List<JWKSetSource<SecurityContext>> sets, List<URI> uris) {
      this.sets = List.copyOf(sets);
      this.uris = List.copyOf(uris);
    }

    @Override
    public JWKSet getJWKSet(
        JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
        throws KeySourceException {
      List<Callable<JWKSet>> fetches = new ArrayList<>();
      for (JWKSetSource<SecurityContext> set : sets) {
        fetches.add(() -> set.getJWKSet(refreshEvaluator, currentTime, context));
      }
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        // Each fetch is bounded by the retriever, so this wait is too.
        List<Future<JWKSet>> results = threads.invokeAll(fetches);
        List<JWK> keys = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
          try {
            keys.addAll(results.get(i).get().getKeys());
          } catch (ExecutionException e) {
            failures.add(uris.get(i) + ": " + e.getCause().getMessage());
          }
        }
        if (failures.size() == sets.size()) {
          throw new JWKSetUnavailableException(String.join("; ", failures), null);
        }
        // Some sets answered; the others keep their last good keys, if they had any.
        failures.forEach(
            failure -> LOG.log(Level.WARNING, "Could not load a signing key set: {0}", failure));
        return new JWKSet(keys);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JWKSetUnavailableException("interrupted while loading signing keys", e);
      }
    }

    @Override
    public void close() throws IOException {
      for (JWKSetSource<SecurityContext> set : sets) {
        set.close();
      }
    }
  }

  /**
   * Fetches one set with nimbus's retriever, following no redirect (keys come from where we say)
   * and reading at most {@link #MAX_JWKS_BYTES}, and bounds the fetch as a whole, which nimbus's
   * retriever does not (it bounds each read): by {@link #FIRST_LOAD_TIMEOUT} until a fetch has
   * succeeded, by the refresh timeout after. A fetch not done in time fails like an unreachable
   * endpoint, so the set's last good keys stay in use.
   */
  private static final class BoundedRetriever implements ResourceRetriever {

    private final DefaultResourceRetriever http;
    private final Duration refreshTimeout;
    private volatile boolean answered;

    BoundedRetriever(Duration refreshTimeout) {
      int readMillis = Math.toIntExact(FIRST_LOAD_TIMEOUT.toMillis());
      this.http =
          new DefaultResourceRetriever(readMillis, readMillis, MAX_JWKS_BYTES) {
            @Override
            protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
              HttpURLConnection connection = super.openHTTPConnection(url);
              connection.setInstanceFollowRedirects(false);
              connection.setRequestProperty("Accept", "application/json");
              return connection;
            }
          };
      this.refreshTimeout = refreshTimeout;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
      FutureTask<Resource> fetch = new FutureTask<>(() -> http.retrieveResource(url));
      Thread.ofVirtual().name("signing-keys-fetch").start(fetch);
      Duration bound = answered ? refreshTimeout : FIRST_LOAD_TIMEOUT;
      try {
        Resource resource = fetch.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        answered = true;
        return resource;
      } catch (TimeoutException e) {
        fetch.cancel(true);
        throw new IOException("no answer within " + bound.toMillis() + " ms");
      } catch (ExecutionException e) {
        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      } catch (InterruptedException e) {
        fetch.cancel(true);
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      }
    }
  }
}
