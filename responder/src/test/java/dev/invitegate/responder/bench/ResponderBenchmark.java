package dev.invitegate.responder.bench;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.GatewayConnectionConfig;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import dev.invitegate.contracts.InvitationDocument;
import dev.invitegate.contracts.InvitationDocumentCodec;
import dev.invitegate.local.LocalEmulators;
import dev.invitegate.responder.JwksServer;
import dev.invitegate.responder.TestResources;
import dev.invitegate.responder.entra.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load run: the responder (a separate {@code java -jar} process, like production) against the local
 * Cosmos stand-in, a bare Helidon endpoint (its own process, same JVM options) that only validates
 * the token and echoes, and a direct point-read loop, each open-loop at 50 and 1,000 requests/s.
 * Prints latency percentiles, errors, the differences, time from process start to ready, and
 * resident memory under load. All traffic stays on 127.0.0.1; every phase is bounded in calls and
 * time, so the run ends by itself.
 *
 * <p>Run: {@code ./mvnw -B -pl responder -am -Pbench -DskipTests verify}. Options (system
 * properties): {@code bench.seconds} (per measured run, default 20), {@code bench.warmUpSeconds}
 * (per target, default 10), {@code bench.jvmArgs} (for the responder and the bare endpoint), {@code
 * bench.responderJvmArgs} (added for the responder only).
 */
public final class ResponderBenchmark {

  private static final String DATABASE = "bench";

  /** Where the training run writes the AOT cache ({@code -Daot} writes only that). */
  static final Path AOT_CACHE = Path.of("target", "responder.aot");

  private static final String CONTAINER = "invitations";
  private static final String VECTOR = "01-start-otp-invited";
  private static final String INVITED_ID = "alice@example.com";
  private static final int[] RATES = {50, 1000};

  /** The rate the latency target applies to. */
  private static final int TARGET_RATE = 1000;

  /** Enough calls for the JIT to compile the hot paths, without overloading a shared box. */
  private static final int WARM_UP_RATE = 200;

  /** Calls right after each timed start: Entra's tenant-wide cap, for a few seconds. */
  private static final int FIRST_CALLS_RATE = 50;

  private static final Duration FIRST_CALLS = Duration.ofSeconds(3);

  /** Entra's longest extension timeout: an answer later than this is no answer. */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

  /** Bounds the load generator's own memory and connections if a target stalls. */
  private static final int MAX_IN_FLIGHT = 512;

  /** Held so the level sticks: the SDK's INFO lines would bury the figures; warnings still show. */
  private static final java.util.logging.Logger AZURE_LOGS =
      java.util.logging.Logger.getLogger("com.azure");

  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  /** Generous: a responder writing an AOT cache at exit takes a while; a wedged one is killed. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private static final Pattern RESPONDER_PORTS =
      Pattern.compile("Listening on port (\\d+) \\(Entra\\) and (\\d+) \\(admin\\)");
  private static final Pattern BARE_PORT = Pattern.compile("Listening on port (\\d+)");
  private static final Pattern SELF_REPORTED_READY =
      Pattern.compile("(\\d+) ms after process start");

  public static void main(String[] args) throws Exception {
    int seconds = Integer.getInteger("bench.seconds", 20);
    int warmUpSeconds = Integer.getInteger("bench.warmUpSeconds", 10);
    // The options recommended in the README (the pom passes the same by default).
    String jvmArgs =
        System.getProperty(
            "bench.jvmArgs",
            "-Xmx80m -XX:+UseSerialGC -XX:+UseCompactObjectHeaders -XX:ReservedCodeCacheSize=48m"
                + " -XX:MaxDirectMemorySize=32m -Xss512k -XX:TrimNativeHeapInterval=5000"
                + " -XX:+ExitOnOutOfMemoryError --sun-misc-unsafe-memory-access=allow");
    // Responder only, e.g. a JFR recording.
    String responderJvmArgs = System.getProperty("bench.responderJvmArgs", "");
    Path jar = Path.of(System.getProperty("bench.jar", "target/responder.jar")).toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException("build the jar first: " + jar);
    }
    long benchStarted = System.nanoTime();
    AZURE_LOGS.setLevel(java.util.logging.Level.WARNING);
    String loadBefore = loadAverage();
    List<Child> children = new ArrayList<>();
    List<RawHttpLoad> loads = new ArrayList<>();
    // If Maven's timeout or Ctrl-C ends this JVM, the children must not outlive it.
    Thread reaper = new Thread(() -> children.forEach(Child::kill), "bench-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);

    TestTokens entra = new TestTokens("bench-key");
    try (LocalEmulators emulators = LocalEmulators.start();
        JwksServer jwks = new JwksServer(entra.jwks());
        HttpClient http =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CALL_TIMEOUT)
                .build()) {
      CosmosAsyncClient cosmos =
          new CosmosClientBuilder()
              .endpoint(emulators.cosmosEndpoint())
              .key(emulators.cosmosKey())
              .gatewayMode(new GatewayConnectionConfig())
              .buildAsyncClient();
      try {
        CosmosAsyncContainer container = seed(cosmos);

        String token = "Bearer " + entra.mint(Instant.now());
        byte[] body = TestResources.bytes("vectors/" + VECTOR + "/request.json");
        Launcher launcher =
            new Launcher(
                http, jar, responderEnvironment(emulators, jwks.uri()), children, token, body);
        String responderOptions = jvmArgs + " " + responderJvmArgs;
        if (Boolean.getBoolean("bench.aotOnly")) {
          List<String> lines = new ArrayList<>();
          boolean written = train(launcher, responderOptions, AOT_CACHE.toAbsolutePath(), lines);
          lines.forEach(System.out::println);
          if (!written) {
            throw new IllegalStateException("no AOT cache was written");
          }
          return;
        }
        Startups startups = measureStartups(launcher, responderOptions);
        Child responder =
            launcher.start("responder", responderOptions + " " + startups.cacheOption());
        Ports responderPorts = responder.await(RESPONDER_PORTS, READY_TIMEOUT);
        long readyMs = awaitReady(http, responder, responderPorts.admin());
        Optional<Long> selfReportedMs = responder.find(SELF_REPORTED_READY, Duration.ofSeconds(2));
        Rss idle = Rss.of(responder.pid());

        Child bare =
            Child.start(
                "bare",
                javaCommand(
                    jvmArgs,
                    List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        BareEndpoint.class.getName(),
                        jwks.uri().toString())),
                nativeEnvironment(),
                children);
        int barePort = bare.await(BARE_PORT, READY_TIMEOUT).main();

        RawHttpLoad responderLoad = post(responderPorts.main(), token, body, true);
        RawHttpLoad bareLoad = post(barePort, token, body, false);
        loads.add(responderLoad);
        loads.add(bareLoad);
        OpenLoop.Call viaResponder = responderLoad::send;
        OpenLoop.Call viaBare = bareLoad::send;
        OpenLoop.Call pointRead =
            () ->
                container
                    .readItem(INVITED_ID, new PartitionKey(INVITED_ID), JsonNode.class)
                    .map(r -> r.getStatusCode() == 200)
                    .toFuture();

        System.out.printf(
            Locale.ROOT, "Warming up (%d s at %d req/s each)...%n", warmUpSeconds, WARM_UP_RATE);
        Duration warmUp = Duration.ofSeconds(warmUpSeconds);
        List<OpenLoop.Result> warmUps = new ArrayList<>();
        warmUps.add(run("warm-up responder", WARM_UP_RATE, warmUp, viaResponder));
        warmUps.add(run("warm-up bare", WARM_UP_RATE, warmUp, viaBare));
        warmUps.add(run("warm-up point read", WARM_UP_RATE, warmUp, pointRead));
        warmUps.forEach(r -> System.out.println("  " + r.line()));

        List<String> lines = new ArrayList<>();
        List<String> ramps = new ArrayList<>();
        List<String> memory = new ArrayList<>();
        int rampSeconds = Integer.getInteger("bench.rampSeconds", 5);
        for (int rate : rates()) {
          Duration length = Duration.ofSeconds(seconds);
          System.out.printf(
              Locale.ROOT,
              "Measuring at %d req/s (%d s of ramp, then %d s measured, each)...%n",
              rate,
              rampSeconds,
              seconds);
          RssSampler sampler = RssSampler.start(responder.pid());
          // The first seconds at a new rate are printed apart: each target opens connections and
          // compiles what the lower rate never needed, and the steady state is what the target is
          // about. Nothing is hidden: the ramp lines show those seconds, measured the same way.
          Duration ramp = Duration.ofSeconds(rampSeconds);
          ramps.add(run("responder ramp", rate, ramp, viaResponder).line());
          Duration responderCpu = responder.cpu();
          Duration generatorCpu = ownCpu();
          Duration standInCpu = emulators.cpuTime();
          OpenLoop.Result r = run("responder", rate, length, viaResponder);
          responderCpu = responder.cpu().minus(responderCpu);
          generatorCpu = ownCpu().minus(generatorCpu);
          standInCpu = emulators.cpuTime().minus(standInCpu);
          Rss underLoad = sampler.stop();
          ramps.add(run("bare ramp", rate, ramp, viaBare).line());
          Duration bareCpu = bare.cpu();
          OpenLoop.Result b = run("bare token+echo", rate, length, viaBare);
          bareCpu = bare.cpu().minus(bareCpu);
          // The loop runs in this JVM, so its figure includes the load generator's own work.
          ramps.add(run("point read ramp", rate, ramp, pointRead).line());
          Duration pointCpu = ownCpu();
          Duration pointStandInCpu = emulators.cpuTime();
          OpenLoop.Result p = run("direct point read", rate, length, pointRead);
          pointCpu = ownCpu().minus(pointCpu);
          pointStandInCpu = emulators.cpuTime().minus(pointStandInCpu);
          lines.add(
              r.line()
                  + cpuPerCall(responderCpu, r)
                  + " (load generator"
                  + cpuPerCall(generatorCpu, r).replace("  cpu/call=", " ")
                  + ", Cosmos stand-in"
                  + cpuPerCall(standInCpu, r).replace("  cpu/call=", " ")
                  + ")");
          lines.add(b.line() + cpuPerCall(bareCpu, b));
          lines.add(
              p.line()
                  + cpuPerCall(pointCpu, p)
                  + " (benchmark JVM; Cosmos stand-in"
                  + cpuPerCall(pointStandInCpu, p).replace("  cpu/call=", " ")
                  + ")");
          lines.add(differences(rate, r, b, p));
          memory.add(
              String.format(
                  Locale.ROOT,
                  "responder RSS under load at %d req/s: max %.1f MiB, last %.1f MiB (%d samples)",
                  rate,
                  underLoad.maxMiB(),
                  underLoad.lastMiB(),
                  underLoad.samples()));
        }

        System.out.println();
        System.out.printf(
            Locale.ROOT,
            "=== Invite Gate responder benchmark, %s, %d s per run after %d s warm-up ===%n",
            LocalDate.now(),
            seconds,
            warmUpSeconds);
        System.out.println(
            "JVM "
                + Runtime.version()
                + ", "
                + Runtime.getRuntime().availableProcessors()
                + " CPUs; responder and bare JVM args: "
                + jvmArgs
                + (responderJvmArgs.isBlank() ? "" : "; responder also: " + responderJvmArgs)
                + "; call timeout "
                + CALL_TIMEOUT.toMillis()
                + " ms, at most "
                + MAX_IN_FLIGHT
                + " in flight");
        System.out.println("load average before: " + loadBefore + "; after: " + loadAverage());
        lines.forEach(System.out::println);
        System.out.println(
            "first seconds at each rate (ramp, not in the figures above; the target is checked on"
                + " the steady state):");
        ramps.forEach(line -> System.out.println("  " + line));
        startups.lines().forEach(System.out::println);
        System.out.printf(
            Locale.ROOT,
            "time from process start to ready of the responder under load%s: %d ms (its own log:"
                + " %s ms; target <= 1500 ms)%n",
            startups.cacheOption().isEmpty() ? "" : " (AOT cache)",
            readyMs,
            selfReportedMs.map(String::valueOf).orElse("?"));
        System.out.printf(
            Locale.ROOT, "responder RSS idle after ready: %.1f MiB%n", idle.lastMiB());
        memory.forEach(System.out::println);
        System.out.println("(target: at most 256 MiB resident under load)");
        System.out.printf(
            Locale.ROOT,
            "total benchmark time: %d s%n",
            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - benchStarted));
      } finally {
        loads.forEach(RawHttpLoad::close);
        children.forEach(Child::stop);
        cosmos.close();
      }
    } finally {
      Runtime.getRuntime().removeShutdownHook(reaper);
    }
  }

  /**
   * Starts the responder {@code bench.startups} times (default 3) and times each to ready; on JDK
   * 25+, then once more writing an AOT cache while it serves a few seconds of calls (the training
   * run), and as many times again with that cache. Each start is stopped before the next.
   */
  private static Startups measureStartups(Launcher launcher, String jvmArgs) throws Exception {
    int count = Integer.getInteger("bench.startups", 3);
    List<String> lines = new ArrayList<>();
    if (count < 1) {
      return new Startups("", lines);
    }
    System.out.printf(Locale.ROOT, "Timing %d start-ups...%n", count);
    timeStartups(launcher, "without AOT cache", jvmArgs, count, lines);
    if (Runtime.version().feature() < 25) {
      lines.add(
          "(no AOT cache: JDK " + Runtime.version().feature() + "; -XX:AOTCacheOutput needs 25+)");
      return new Startups("", lines);
    }
    Path cache = AOT_CACHE.toAbsolutePath();
    if (!train(launcher, jvmArgs, cache, lines)) {
      return new Startups("", lines);
    }
    String option = "-XX:AOTCache=" + cache;
    timeStartups(
        launcher,
        String.format(Locale.ROOT, "with AOT cache (%.0f MiB)", Files.size(cache) / 1048576.0),
        jvmArgs + " " + option,
        count,
        lines);
    return new Startups(option, lines);
  }

  /**
   * The training run: the responder started with {@code -XX:AOTCacheOutput}, serving a few seconds
   * of calls, then stopped, when the JVM writes the cache. Returns whether it did.
   */
  private static boolean train(Launcher launcher, String jvmArgs, Path cache, List<String> lines)
      throws Exception {
    Files.deleteIfExists(cache);
    Child training = launcher.start("aot-training", jvmArgs + " -XX:AOTCacheOutput=" + cache);
    Ports ports = training.await(RESPONDER_PORTS, READY_TIMEOUT);
    awaitReady(launcher.http(), training, ports.admin());
    try (RawHttpLoad load = launcher.load(ports.main())) {
      OpenLoop.Result trained =
          run("AOT training run", FIRST_CALLS_RATE, Duration.ofSeconds(6), load::send);
      lines.add("  " + trained.line());
    }
    training.stop();
    if (!Files.exists(cache)) {
      lines.add("(the training run wrote no AOT cache; see " + training.log() + ")");
      return false;
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "AOT cache written: %s (%.0f MiB), for exactly these JVM options: %s",
            cache,
            Files.size(cache) / 1048576.0,
            jvmArgs.trim()));
    return true;
  }

  /**
   * Times {@code count} starts to ready; after each, sends {@link #FIRST_CALLS_RATE} calls/s for
   * {@link #FIRST_CALLS} (Entra's tenant-wide cap, right after ready: the JIT has compiled nothing
   * yet). Adds the start-up line, then those calls' lines, to {@code lines}.
   */
  private static void timeStartups(
      Launcher launcher, String label, String jvmArgs, int count, List<String> lines)
      throws Exception {
    long[] readyMs = new long[count];
    List<String> firstCalls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Child child = launcher.start("startup", jvmArgs);
      Ports ports = child.await(RESPONDER_PORTS, READY_TIMEOUT);
      readyMs[i] = awaitReady(launcher.http(), child, ports.admin());
      try (RawHttpLoad load = launcher.load(ports.main())) {
        firstCalls.add(
            "    "
                + run("first calls " + (i + 1), FIRST_CALLS_RATE, FIRST_CALLS, load::send).line());
      }
      child.stop();
    }
    lines.add(startupLine(label, readyMs));
    lines.add(
        String.format(
            Locale.ROOT,
            "  first %d s after ready at %d req/s, %s:",
            FIRST_CALLS.toSeconds(),
            FIRST_CALLS_RATE,
            label));
    lines.addAll(firstCalls);
  }

  private static String startupLine(String label, long[] readyMs) {
    long[] sorted = readyMs.clone();
    java.util.Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "time from process start to ready, %s: median %d ms, runs %s (target <= 1500 ms)",
        label,
        sorted[sorted.length / 2],
        java.util.Arrays.toString(readyMs));
  }

  /** What every start of the responder jar needs: where it is, its environment, a valid call. */
  private record Launcher(
      HttpClient http,
      Path jar,
      Map<String, String> environment,
      List<Child> children,
      String token,
      byte[] body) {

    Child start(String name, String jvmArgs) throws IOException {
      return Child.start(
          name, javaCommand(jvmArgs, List.of("-jar", jar.toString())), environment, children);
    }

    /** Calls that succeed only with the responder's decision for the seeded invitation. */
    RawHttpLoad load(int port) {
      return post(port, token, body, true);
    }
  }

  /** The JVM option that uses the AOT cache (empty without one) and the lines to print. */
  record Startups(String cacheOption, List<String> lines) {}

  /** {@code bench.rates}: comma-separated, default 50 and 1,000 requests/s. */
  private static int[] rates() {
    String rates = System.getProperty("bench.rates", "");
    if (rates.isBlank()) {
      return RATES.clone();
    }
    return java.util.Arrays.stream(rates.split(","))
        .map(String::trim)
        .mapToInt(Integer::parseInt)
        .toArray();
  }

  private static OpenLoop.Result run(String name, int rate, Duration length, OpenLoop.Call call) {
    return OpenLoop.run(name, rate, length, CALL_TIMEOUT, MAX_IN_FLIGHT, call);
  }

  /** The target process's CPU time (user + system) per scheduled call. */
  private static Duration ownCpu() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private static String cpuPerCall(Duration cpu, OpenLoop.Result result) {
    return String.format(
        Locale.ROOT,
        "  cpu/call=%4d us",
        cpu.toNanos() / 1000 / Math.max(1, result.latenciesNanos().length));
  }

  private static String differences(
      int rate, OpenLoop.Result responder, OpenLoop.Result bare, OpenLoop.Result read) {
    double budget = bare.percentileMs(99) + read.percentileMs(99) + 2.0;
    // Failed, timed-out or shed calls miss the target whatever their percentiles look like.
    String action =
        responder.errors() > 0
            ? "MISSED (" + responder.errors() + " errors)"
            : responder.percentileMs(99) <= budget ? "met" : "MISSED";
    return String.format(
        Locale.ROOT,
        "  differences at %d req/s: responder - bare: p50 %+.3f ms, p99 %+.3f ms, p99.9 %+.3f ms;"
            + " responder p99 - (bare p99 + point-read p99) = %+.3f ms;"
            + " target responder p99 <= bare p99 + point-read p99 + 2 ms = %.3f ms: %s",
        rate,
        responder.percentileMs(50) - bare.percentileMs(50),
        responder.percentileMs(99) - bare.percentileMs(99),
        responder.percentileMs(99.9) - bare.percentileMs(99.9),
        responder.percentileMs(99) - bare.percentileMs(99) - read.percentileMs(99),
        budget,
        rate == TARGET_RATE ? action : action + " (target applies at " + TARGET_RATE + " req/s)");
  }

  private static CosmosAsyncContainer seed(CosmosAsyncClient cosmos) {
    cosmos.createDatabaseIfNotExists(DATABASE).block(SETUP_TIMEOUT);
    cosmos
        .getDatabase(DATABASE)
        .createContainerIfNotExists(new CosmosContainerProperties(CONTAINER, "/id"))
        .block(SETUP_TIMEOUT);
    CosmosAsyncContainer container = cosmos.getDatabase(DATABASE).getContainer(CONTAINER);
    for (InvitationDocument document : TestResources.invitations(VECTOR)) {
      container.upsertItem(InvitationDocumentCodec.toJson(document)).block(SETUP_TIMEOUT);
    }
    return container;
  }

  /** Keep-alive connections per target at most; the open loop caps calls in flight anyway. */
  private static final int MAX_CONNECTIONS = 256;

  private static RawHttpLoad post(int port, String token, byte[] body, boolean requireDecision) {
    return new RawHttpLoad(
        port,
        "/entra/events",
        List.of("Authorization: " + token, "Content-Type: application/json"),
        body,
        requireDecision ? "continueWithDefault" : "",
        MAX_CONNECTIONS);
  }

  private static List<String> javaCommand(String jvmArgs, List<String> rest) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (!jvmArgs.isBlank()) {
      command.addAll(List.of(jvmArgs.trim().split("\\s+")));
    }
    command.add("-D" + LocalEmulators.COSMOS_CERT_VALIDATION_DISABLED + "=true");
    command.addAll(rest);
    return command;
  }

  /**
   * {@code bench.mallocArenaMax} (default 2, empty for glibc's default of 8 per core): glibc's
   * malloc arenas, set like a container would set it for both JVMs; part of the recommended setup.
   */
  private static Map<String, String> nativeEnvironment() {
    String arenas = System.getProperty("bench.mallocArenaMax", "2");
    return arenas.isBlank() ? Map.of() : Map.of("MALLOC_ARENA_MAX", arenas);
  }

  private static Map<String, String> responderEnvironment(LocalEmulators emulators, URI jwks) {
    Map<String, String> environment = new java.util.HashMap<>(nativeEnvironment());
    environment.putAll(responderVariables(emulators, jwks));
    return environment;
  }

  private static Map<String, String> responderVariables(LocalEmulators emulators, URI jwks) {
    return Map.of(
        "INVITEGATE_HTTP_PORT",
        "0",
        "INVITEGATE_ADMIN_PORT",
        "0",
        "INVITEGATE_COSMOS_ENDPOINT",
        emulators.cosmosEndpoint(),
        "INVITEGATE_COSMOS_KEY",
        emulators.cosmosKey(),
        "INVITEGATE_COSMOS_DATABASE",
        DATABASE,
        "INVITEGATE_COSMOS_CONTAINER",
        CONTAINER,
        "INVITEGATE_COSMOS_CONNECTION_MODE",
        "gateway",
        "INVITEGATE_ENTRA_TENANT_ID",
        TestTokens.TENANT,
        "INVITEGATE_ENTRA_CLIENT_ID",
        TestTokens.CLIENT_ID,
        "INVITEGATE_ENTRA_JWKS_URIS",
        jwks.toString());
  }

  /** Milliseconds from spawning the responder to its first 200 from {@code /health/ready}. */
  private static long awaitReady(HttpClient http, Child responder, int adminPort)
      throws InterruptedException {
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/health/ready"))
            .timeout(Duration.ofSeconds(1))
            .build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      responder.requireAlive();
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - responder.spawnedNanos());
        }
      } catch (IOException e) {
        // Not answering yet.
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("the responder was not ready within " + READY_TIMEOUT);
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "?";
    }
  }

  record Ports(int main, int admin) {}

  /** A child JVM with its output in {@code target/bench-<name>.log}; stopped within bounds. */
  private record Child(String name, Process process, Path log, long spawnedNanos) {

    static Child start(
        String name, List<String> command, Map<String, String> env, List<Child> children)
        throws IOException {
      Path log = Path.of("target", "bench-" + name + ".log");
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(env);
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
      long spawned = System.nanoTime();
      Child child = new Child(name, builder.start(), log, spawned);
      children.add(child);
      return child;
    }

    long pid() {
      return process.pid();
    }

    Duration cpu() {
      return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    void requireAlive() {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + "; see " + log);
      }
    }

    Ports await(Pattern listening, Duration timeout) throws InterruptedException, IOException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        requireAlive();
        Matcher m = listening.matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (m.find()) {
          int main = Integer.parseInt(m.group(1));
          return new Ports(main, m.groupCount() > 1 ? Integer.parseInt(m.group(2)) : -1);
        }
        Thread.sleep(5);
      }
      throw new IllegalStateException(name + " did not start listening within " + timeout);
    }

    Optional<Long> find(Pattern pattern, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      do {
        try {
          Matcher m = pattern.matcher(Files.readString(log, StandardCharsets.UTF_8));
          if (m.find()) {
            return Optional.of(Long.parseLong(m.group(1)));
          }
        } catch (IOException e) {
          return Optional.empty();
        }
        Thread.sleep(20);
      } while (System.nanoTime() < deadline);
      return Optional.empty();
    }

    /** SIGTERM, then SIGKILL: a JVM wedged by a full heap may never run its shutdown hooks. */
    void stop() {
      process.destroy();
      try {
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          System.out.println(name + " ignored SIGTERM for " + STOP_TIMEOUT + "; killing it");
          kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
      }
    }

    void kill() {
      process.destroyForcibly();
      try {
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Resident set size from {@code /proc/<pid>/status}: the largest and the last sample. */
  record Rss(long maxKiB, long lastKiB, int samples) {
    static Rss of(long pid) {
      long kib = read(pid);
      return new Rss(kib, kib, 1);
    }

    double maxMiB() {
      return maxKiB / 1024.0;
    }

    double lastMiB() {
      return lastKiB / 1024.0;
    }

    static long read(long pid) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
          if (line.startsWith("VmRSS:")) {
            return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
          }
        }
      } catch (IOException | NumberFormatException e) {
        return -1;
      }
      return -1;
    }
  }

  /** Samples RSS every 100 ms on its own thread until stopped. */
  private static final class RssSampler {
    private final AtomicLong max = new AtomicLong(-1);
    private final AtomicLong last = new AtomicLong(-1);
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;

    private RssSampler(long pid) {
      thread =
          Thread.ofPlatform()
              .daemon()
              .name("rss-sampler")
              .start(
                  () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                      long kib = Rss.read(pid);
                      if (kib >= 0) {
                        max.accumulateAndGet(kib, Math::max);
                        last.set(kib);
                        samples.incrementAndGet();
                      }
                      try {
                        Thread.sleep(100);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
    }

    static RssSampler start(long pid) {
      return new RssSampler(pid);
    }

    Rss stop() throws InterruptedException {
      thread.interrupt();
      thread.join(1000);
      return new Rss(max.get(), last.get(), (int) samples.get());
    }
  }

  private ResponderBenchmark() {}
}
