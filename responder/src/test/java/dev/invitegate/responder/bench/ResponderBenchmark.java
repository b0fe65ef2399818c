package dev.invitegate.responder.bench;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationDocumentCodec;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.responder.JwksServer;
import dev.invitegate.responder.TestResources;
import dev.invitegate.responder.entra.SigningKeys;
import dev.invitegate.responder.entra.TestTokens;
import dev.invitegate.responder.entra.TokenPolicy;
import dev.invitegate.responder.entra.TokenValidator;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load run: the responder (a separate {@code java -jar} process, like production) against the local
 * Cosmos stand-in, a bare Helidon endpoint that only validates the token and echoes, and a direct
 * point-read loop, each open-loop at 50 and 1,000 requests/s. Prints latency percentiles, errors,
 * the differences, time from process start to ready, and resident memory under load.
 *
 * <p>Run: {@code ./mvnw -B -pl responder -am -Pbench -DskipTests verify}. Options (system
 * properties): {@code bench.seconds} (per run, default 10), {@code bench.jvmArgs} (for the
 * responder, default {@code -Xmx128m}).
 */
public final class ResponderBenchmark {

  private static final String DATABASE = "bench";
  private static final String CONTAINER = "invitations";
  private static final String VECTOR = "01-start-otp-invited";
  private static final int[] RATES = {50, 1000};

  public static void main(String[] args) throws Exception {
    int seconds = Integer.getInteger("bench.seconds", 10);
    String jvmArgs = System.getProperty("bench.jvmArgs", "-Xmx128m");
    Path jar = Path.of(System.getProperty("bench.jar", "target/responder.jar")).toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException("build the jar first: " + jar);
    }
    try (LocalEmulators emulators = LocalEmulators.start();
        JwksServer jwks = new JwksServer(new TestTokens("bench-key").jwks())) {
      TestTokens entra = new TestTokens("bench-key");
      jwks.serve(entra.jwks());
      CosmosAsyncClient cosmos =
          new CosmosClientBuilder()
              .endpoint(emulators.cosmosEndpoint())
              .key(emulators.cosmosKey())
              .gatewayMode()
              .buildAsyncClient();
      cosmos.createDatabaseIfNotExists(DATABASE).block();
      cosmos
          .getDatabase(DATABASE)
          .createContainerIfNotExists(new CosmosContainerProperties(CONTAINER, "/id"))
          .block();
      CosmosAsyncContainer container = cosmos.getDatabase(DATABASE).getContainer(CONTAINER);
      for (InvitationDocument document : TestResources.invitations(VECTOR)) {
        container.upsertItem(InvitationDocumentCodec.toJson(document)).block();
      }

      Process responder = startResponder(jar, jvmArgs, emulators, jwks.uri());
      try {
        long readyMs = awaitReady(responder);
        String token = "Bearer " + entra.mint(Instant.now());
        byte[] body = TestResources.bytes("vectors/" + VECTOR + "/request.json");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int port = port(responder, "port");

        TokenValidator bareTokens =
            new TokenValidator(
                new TokenPolicy(
                    TestTokens.TENANT,
                    TestTokens.CLIENT_ID,
                    Set.copyOf(TokenPolicy.defaultIssuers(TestTokens.TENANT)),
                    TokenPolicy.DEFAULT_CLOCK_SKEW),
                new SigningKeys(
                    List.of(jwks.uri()),
                    dev.invitegate.responder.entra.JwksFetch.overHttp(Duration.ofSeconds(2)),
                    Clock.systemUTC(),
                    Duration.ofSeconds(30)),
                Clock.systemUTC(),
                1024);
        try (BareEndpoint bare = new BareEndpoint(bareTokens)) {
          OpenLoop.Call responderCall = post(http, port, token, body, true);
          OpenLoop.Call bareCall = post(http, bare.port(), token, body, false);
          String id = "alice@example.com";
          OpenLoop.Call pointRead =
              () ->
                  container
                      .readItem(id, new PartitionKey(id), JsonNode.class)
                      .map(r -> r.getStatusCode() == 200)
                      .toFuture();

          System.out.println("Warming up (5 s at 200 req/s each)...");
          OpenLoop.run("warm-up responder", 200, 5, responderCall);
          OpenLoop.run("warm-up bare", 200, 5, bareCall);
          OpenLoop.run("warm-up point read", 200, 5, pointRead);

          List<String> lines = new ArrayList<>();
          AtomicLong maxRss = new AtomicLong();
          for (int rate : RATES) {
            Thread sampler = Thread.ofVirtual().start(() -> sampleRss(responder.pid(), maxRss));
            OpenLoop.Result viaResponder = OpenLoop.run("responder", rate, seconds, responderCall);
            sampler.interrupt();
            OpenLoop.Result viaBare = OpenLoop.run("bare token+echo", rate, seconds, bareCall);
            OpenLoop.Result viaRead = OpenLoop.run("direct point read", rate, seconds, pointRead);
            lines.add(viaResponder.line());
            lines.add(viaBare.line());
            lines.add(viaRead.line());
            double budget = viaBare.percentileMs(99) + viaRead.percentileMs(99) + 2.0;
            lines.add(
                String.format(
                    Locale.ROOT,
                    "  at %d req/s: responder p50 - bare p50 = %+.3f ms; responder p99 - bare p99 ="
                        + " %+.3f ms; responder p99 - (bare p99 + point-read p99) = %+.3f ms;"
                        + " target p99 <= %.3f ms: %s",
                    rate,
                    viaResponder.percentileMs(50) - viaBare.percentileMs(50),
                    viaResponder.percentileMs(99) - viaBare.percentileMs(99),
                    viaResponder.percentileMs(99)
                        - viaBare.percentileMs(99)
                        - viaRead.percentileMs(99),
                    budget,
                    viaResponder.percentileMs(99) <= budget ? "met" : "MISSED"));
          }
          System.out.println();
          System.out.println("=== Invite Gate responder benchmark (" + seconds + " s per run) ===");
          System.out.println(
              "JVM: "
                  + Runtime.version()
                  + "; responder JVM args: "
                  + jvmArgs
                  + "; CPUs: "
                  + Runtime.getRuntime().availableProcessors());
          lines.forEach(System.out::println);
          System.out.printf(
              Locale.ROOT,
              "time from process start to ready: %d ms (target <= 1500 ms)%n",
              readyMs);
          System.out.printf(
              Locale.ROOT,
              "responder resident memory under load (max sampled): %.1f MiB (target <= 256 MiB)%n",
              maxRss.get() / 1024.0 / 1024.0);
        }
      } finally {
        responder.destroy();
        responder.waitFor();
        cosmos.close();
      }
    }
  }

  private static OpenLoop.Call post(
      HttpClient http, int port, String token, byte[] body, boolean requireDecision) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/entra/events"))
            .header("Authorization", token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return () ->
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
            .thenApply(
                response ->
                    response.statusCode() == 200
                        && (!requireDecision || response.body().contains("continueWithDefault")));
  }

  private static Process startResponder(
      Path jar, String jvmArgs, LocalEmulators emulators, URI jwks) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmArgs.trim().split("\\s+")));
    command.add("-D" + LocalEmulators.COSMOS_CERT_VALIDATION_DISABLED + "=true");
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("INVITEGATE_HTTP_PORT", "0");
    env.put("INVITEGATE_ADMIN_PORT", "0");
    env.put("INVITEGATE_COSMOS_ENDPOINT", emulators.cosmosEndpoint());
    env.put("INVITEGATE_COSMOS_KEY", emulators.cosmosKey());
    env.put("INVITEGATE_COSMOS_DATABASE", DATABASE);
    env.put("INVITEGATE_COSMOS_CONTAINER", CONTAINER);
    env.put("INVITEGATE_COSMOS_CONNECTION_MODE", "gateway");
    env.put("INVITEGATE_ENTRA_TENANT_ID", TestTokens.TENANT);
    env.put("INVITEGATE_ENTRA_CLIENT_ID", TestTokens.CLIENT_ID);
    env.put("INVITEGATE_ENTRA_JWKS_URIS", jwks.toString());
    File log = Path.of("target", "bench-responder.log").toFile();
    builder.redirectErrorStream(true).redirectOutput(log);
    return builder.start();
  }

  /** Milliseconds from the responder's process start to its first ready answer. */
  private static long awaitReady(Process responder) throws Exception {
    Instant started = responder.info().startInstant().orElse(Instant.now());
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!responder.isAlive()) {
        throw new IllegalStateException("the responder exited; see target/bench-responder.log");
      }
      try {
        int admin = port(responder, "admin");
        HttpResponse<Void> ready =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + "/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return Duration.between(started, Instant.now()).toMillis();
        }
      } catch (java.io.IOException | IllegalStateException e) {
        // not listening yet
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("the responder was not ready within 60 s");
  }

  /** Reads the ports from the start-up line of the responder's log. */
  private static int port(Process responder, String which) throws Exception {
    for (String line :
        Files.readAllLines(Path.of("target", "bench-responder.log"), StandardCharsets.UTF_8)) {
      int at = line.indexOf("Listening on port ");
      if (at >= 0) {
        String[] words = line.substring(at).split("\\s+");
        // "Listening on port <p> (Entra) and <a> (admin)"
        return Integer.parseInt(which.equals("port") ? words[3] : words[6]);
      }
    }
    throw new IllegalStateException("not listening yet");
  }

  private static void sampleRss(long pid, AtomicLong max) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    while (!Thread.currentThread().isInterrupted()) {
      try {
        for (String line : Files.readAllLines(status)) {
          if (line.startsWith("VmRSS:")) {
            long bytes = Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
            max.accumulateAndGet(bytes, Math::max);
          }
        }
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        return;
      }
    }
  }

  private ResponderBenchmark() {}
}
