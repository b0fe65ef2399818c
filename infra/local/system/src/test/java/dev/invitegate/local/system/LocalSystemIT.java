package dev.invitegate.local.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local system as a user runs it: {@code up} as a child process, its decision table read and
 * checked row by row, then Ctrl-C (SIGINT): every process it started is gone and every port free; a
 * second start works; a port already taken is named in one clear line.
 */
class LocalSystemIT {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final Pattern DEMO_RESULT = Pattern.compile("demo: (\\d+) of (\\d+) as expected");

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    for (Process process : started) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static List<Integer> freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0);
        sockets.add(socket);
        ports.add(socket.getLocalPort());
      }
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
    return ports;
  }

  private static List<String> portOptions(List<Integer> ports) {
    return List.of(
        "--responder-port", ports.get(0).toString(),
        "--responder-admin-port", ports.get(1).toString(),
        "--worker-admin-port", ports.get(2).toString(),
        "--issuer-port", ports.get(3).toString(),
        "--cosmos-port", ports.get(4).toString(),
        "--servicebus-port", ports.get(5).toString());
  }

  private Process up(List<String> options) throws IOException {
    List<String> command =
        new ArrayList<>(
            ChildService.javaCommand(Path.of(System.getProperty("local.jar")), List.of("up")));
    command.addAll(options);
    Process process =
        new ProcessBuilder(command)
            .directory(Path.of(System.getProperty("repository.root")).toFile())
            .redirectErrorStream(true)
            .start();
    started.add(process);
    return process;
  }

  /** Lines of the system's output up to the one that says it is up (or its end). */
  private static List<String> readUntilUp(Process process) throws IOException {
    List<String> lines = new ArrayList<>();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      lines.add(line);
      if (line.startsWith("Ctrl-C stops everything")) {
        break;
      }
    }
    // Keep draining, so that the system never blocks on a full pipe.
    Thread.ofVirtual().start(() -> out.lines().forEach(ignored -> {}));
    return lines;
  }

  private static void interrupt(Process process) throws Exception {
    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
  }

  private static void assertStoppedAndFree(
      Process process, List<ProcessHandle> children, List<Integer> ports) throws Exception {
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
    for (ProcessHandle child : children) {
      assertThat(child.isAlive())
          .as("process %d (%s) gone", child.pid(), child.info().command())
          .isFalse();
    }
    for (int port : ports) {
      assertThat(Ports.isFree(port)).as("port %d free", port).isTrue();
    }
  }

  @Test
  void showsEveryDecision_thenStopsEverythingOnCtrlC_andStartsAgain() throws Exception {
    List<Integer> ports = freePorts(6);
    Process system = up(portOptions(ports));
    List<String> output = readUntilUp(system);
    String text = String.join("\n", output);

    Matcher result = DEMO_RESULT.matcher(text);
    assertThat(result.find()).as("the demo's summary line in:\n%s", text).isTrue();
    assertThat(result.group(1)).as("answers as expected:\n%s", text).isEqualTo(result.group(2));
    assertThat(Integer.parseInt(result.group(2))).isEqualTo(7);
    List<String> rows =
        output.stream().filter(l -> l.endsWith("  ok") || l.endsWith("FAILED")).toList();
    assertThat(rows).hasSize(7).allMatch(row -> row.endsWith("  ok"));
    assertThat(text)
        .contains("invited (all applications)")
        .contains("not invited")
        .contains("revoked")
        .contains("invited to another application")
        .contains("expired")
        .contains("locked attribute restored")
        .contains("poison event")
        .contains("export INVITEGATE_SERVICEBUS_CONNECTION_STRING=");

    List<ProcessHandle> children = system.descendants().toList();
    assertThat(children).as("stand-ins, worker and responder").hasSizeGreaterThanOrEqualTo(4);
    interrupt(system);
    assertStoppedAndFree(system, children, ports);

    Process again = up(new ArrayList<>(concat(portOptions(ports), List.of("--no-demo"))));
    assertThat(String.join("\n", readUntilUp(again)))
        .contains("Ready: worker and responder are up.");
    List<ProcessHandle> againChildren = again.descendants().toList();
    interrupt(again);
    assertStoppedAndFree(again, againChildren, ports);
  }

  @Test
  void namesThePortAlreadyTaken_andStartsNothing() throws Exception {
    List<Integer> ports = freePorts(6);
    try (ServerSocket taken = new ServerSocket(ports.get(1))) {
      assertThat(taken.isBound()).isTrue();
      Process system = up(portOptions(ports));
      String output = new String(system.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(system.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(system.exitValue()).isEqualTo(1);
      assertThat(output)
          .contains("responder admin port " + ports.get(1) + " is already in use")
          .doesNotContain("\tat ");
      assertThat(system.descendants().toList()).isEmpty();
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
