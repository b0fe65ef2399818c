package dev.invitegate.local.system;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import dev.invitegate.local.entra.EntraPayloads;
import dev.invitegate.local.entra.EntraPayloads.Event;
import dev.invitegate.local.entra.EntraPayloads.SignUp;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The story the local system tells once it runs: invitations and a revocation published through
 * Service Bus with the operators' commands, a poison event, the worker projecting them, and then
 * Entra's calls for each kind of person, each answer printed with what it means.
 */
final class Demo {

  /** The application the demo's users sign up to, and another one. */
  static final String PORTAL = "6e4c2a08-9d1f-4b7e-8c35-a2f0d6b4e917";

  static final String OTHER_APP = "0f3b8c1e-5a27-4d6b-9e80-3c4f1a2b7d65";

  private static final Duration PROJECTION_TIMEOUT = Duration.ofSeconds(60);
  private static final int PUBLISHED = 6;

  /** One row of the table: a call and the action it must get. */
  private record Case(String name, String call, Supplier<EntraPayloads> payload, String expected) {}

  private final LocalSystemParts parts;
  private final PrintWriter out;

  Demo(LocalSystemParts parts, PrintWriter out) {
    this.parts = parts;
    this.out = out;
  }

  /** Tells the story; returns whether every answer was the one expected. */
  boolean run() throws IOException {
    out.println();
    out.println("Publishing invitations through Service Bus (java -jar sync-worker.jar ...):");
    out.flush();
    publish("invite", "alice@example.com", "--attribute", "displayName=Alice Example");
    publish(
        "invite",
        "carol@example.com",
        "--application",
        PORTAL,
        "--attribute",
        "displayName=Carol Example",
        "--lock",
        "displayName");
    publish("invite", "frank@example.com", "--application", OTHER_APP);
    publish("invite", "bob@example.com");
    publish("revoke", "bob@example.com");
    out.println("Published straight to the queue, as an upstream system does:");
    sendEvent(
        "demo-expired",
        "{\"email\":\"erin@example.com\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}",
        "an invitation for erin@example.com that expired on 2020-01-01");
    sendEvent(
        "demo-poison",
        "{\"email\":\"not an email\"}",
        "a poison event: an invitation for \"not an email\"");
    out.flush();
    awaitProjection();

    List<Case> cases =
        List.of(
            new Case(
                "invited (all applications)",
                "Start  alice@example.com",
                () -> start(new SignUp.EmailOtp("alice@example.com")),
                "setPrefillValues"),
            new Case(
                "not invited",
                "Start  mallory@example.com",
                () -> start(new SignUp.EmailOtp("mallory@example.com")),
                "showBlockPage"),
            new Case(
                "revoked",
                "Start  bob@example.com",
                () -> start(new SignUp.EmailOtp("bob@example.com")),
                "showBlockPage"),
            new Case(
                "invited to another application",
                "Start  frank@example.com",
                () -> start(new SignUp.EmailOtp("frank@example.com")),
                "showBlockPage"),
            new Case(
                "expired",
                "Start  erin@example.com",
                () -> start(new SignUp.EmailOtp("erin@example.com")),
                "showBlockPage"),
            new Case(
                "locked attribute restored",
                "Submit carol@example.com, displayName=Mallory",
                () ->
                    EntraPayloads.call(Event.SUBMIT, DevTokenIssuer.TENANT_ID)
                        .application(PORTAL, "Local Portal")
                        .signUp(
                            SignUp.Federated.google("109876543210987654321", "carol@example.com"))
                        .attribute("displayName", "Mallory"),
                "modifyAttributeValues"));

    out.println();
    out.println("Entra's calls to the responder, as Entra makes them (signed tokens):");
    List<List<String>> rows = new ArrayList<>();
    int asExpected = 0;
    for (Case c : cases) {
      EntraCall.Answer answer =
          EntraCall.post(parts.entraEndpoint(), parts.token(), c.payload().get().bytes());
      boolean ok = answer.status() == 200 && answer.action().equals(c.expected());
      asExpected += ok ? 1 : 0;
      rows.add(List.of(c.name(), c.call(), shortened(answer.meaning()), ok ? "ok" : "FAILED"));
    }
    String deadLettered = parts.commands().require(List.of("dlq", "list", "--json"));
    boolean poisonSeen = deadLettered.contains("InvalidEvent");
    asExpected += poisonSeen ? 1 : 0;
    rows.add(
        List.of(
            "poison event",
            "dlq list",
            poisonSeen
                ? "dead-lettered with reason InvalidEvent (data.email is not an email)"
                : "not in the dead-letter queue",
            poisonSeen ? "ok" : "FAILED"));
    table(rows);
    int total = cases.size() + 1;
    out.printf(Locale.ROOT, "demo: %d of %d as expected%n", asExpected, total);
    out.flush();
    return asExpected == total;
  }

  private EntraPayloads start(SignUp signUp) {
    return EntraPayloads.call(Event.START, DevTokenIssuer.TENANT_ID)
        .application(PORTAL, "Local Portal")
        .signUp(signUp);
  }

  private void publish(String... args) throws IOException {
    String printed = parts.commands().require(List.of(args));
    String eventId =
        printed
            .lines()
            .filter(line -> line.startsWith("eventId"))
            .map(line -> line.substring("eventId".length()).strip())
            .findFirst()
            .orElse("?");
    out.println("  " + String.join(" ", args) + "  ->  event " + eventId);
    out.flush();
  }

  /** Sends a granted event with {@code data} to the queue as a publisher would, not checked. */
  private void sendEvent(String idPrefix, String data, String what) {
    Instant now = Instant.now();
    String body =
        "{\"specversion\":\"1.0\",\"id\":\""
            + idPrefix
            + "-"
            + now.toEpochMilli()
            + "\",\"source\":\"/demo\",\"type\":\"dev.invitegate.invitation.granted\","
            + "\"time\":\""
            + now
            + "\",\"datacontenttype\":\"application/json\",\"data\":"
            + data
            + "}";
    try (ServiceBusSenderClient sender =
        new ServiceBusClientBuilder()
            .connectionString(parts.serviceBusConnectionString())
            .sender()
            .queueName(parts.queue())
            .buildClient()) {
      sender.sendMessage(
          new ServiceBusMessage(body).setContentType("application/cloudevents+json"));
    }
    out.println("  " + what);
    out.flush();
  }

  /** Waits until the worker has settled every event published: projected or dead-lettered. */
  private void awaitProjection() throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + PROJECTION_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String metrics;
      try {
        metrics =
            http.send(
                    HttpRequest.newBuilder(parts.workerAdmin().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      double settled =
          sum(metrics, "invitegate_worker_events_applied_total")
              + sum(metrics, "invitegate_worker_events_stale_total");
      double deadLettered = sum(metrics, "invitegate_worker_events_dead_lettered_total");
      if (settled >= PUBLISHED && deadLettered >= 1) {
        out.printf(
            Locale.ROOT,
            "The worker projected %.0f events and dead-lettered %.0f.%n",
            settled,
            deadLettered);
        return;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IllegalStateException(
        "the worker did not project the demo's events within "
            + PROJECTION_TIMEOUT.toSeconds()
            + " s; see "
            + parts.workerLog());
  }

  /** A table cell: a block page's long message cut after its first words. */
  static String shortened(String meaning) {
    int limit = 64;
    boolean quoted = meaning.endsWith("\"");
    return !quoted || meaning.length() <= limit
        ? meaning
        : meaning.substring(0, limit - 5).stripTrailing() + " ...\"";
  }

  /** The sum of every series of {@code name} in Prometheus text. */
  static double sum(String metrics, String name) {
    double total = 0;
    for (String line : metrics.lines().toList()) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  private void table(List<List<String>> rows) {
    List<String> header = List.of("case", "call", "what Entra does", "");
    int[] widths = new int[header.size()];
    for (List<String> row : concat(header, rows)) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : concat(header, rows)) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < widths.length; i++) {
        line.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length() + 2));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    return all;
  }
}
