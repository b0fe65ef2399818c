package dev.invitegate.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dead-letter commands' help, usage errors and configuration errors, in-process: none of these
 * reach Service Bus.
 */
class DlqCommandLineTest {

  /** Settings that parse, pointing at a port nothing listens on. */
  private static final Map<String, String> ENV =
      Map.of(
          "INVITEGATE_SERVICEBUS_CONNECTION_STRING",
          "Endpoint=sb://localhost:1;SharedAccessKeyName=k;SharedAccessKey=v;"
              + "UseDevelopmentEmulator=true");

  record Run(int exitCode, String out, String err) {}

  static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            env,
            Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            false);
    int exitCode = Cli.execute(context, args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"list", "show", "replay", "purge"})
  void printsAUsageLineAndExamplesAndExitsZero_whenAskedForHelp(String command) {
    Run run = run(Map.of(), "dlq", command, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("Usage: java -jar sync-worker.jar dlq " + command)
        .contains("Examples:", "java -jar sync-worker.jar dlq " + command, "Exit codes:");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "dlq                                         | Missing required subcommand",
        "dlq replay                                  | (--all | SEQUENCE...)",
        "dlq replay --all 17                         | Unmatched argument",
        "dlq replay 17 --max-replays 0               | --max-replays must be at least 1",
        "dlq replay --all --max-replays lots         | '--max-replays'",
        "dlq show                                    | Missing required parameter: 'SEQUENCE'",
        "dlq show seventeen                          | 'seventeen'",
        "dlq list --type suspended                   | expected one of [GRANTED, REVOKED]",
        "dlq list --max 0                            | --max must be at least 1",
        "dlq list --email alice.example.org          | not an email address (missing '@')",
        "dlq list --since yesterday                  | 'yesterday' is not a time",
        "dlq list --since 2026-03-02 --until 2026-03-01 | --since must be before --until",
        "dlq purge --older-than 5x                   | '5x' is not a positive duration",
        "dlq purge --older-than 0s                   | '0s' is not a positive duration",
        "dlq purge --yes --no-such-option            | Unknown option: '--no-such-option'",
      })
  void saysWhatIsWrongAndExitsTwoWithoutAStackTrace_onAUsageError(String args, String message) {
    Run run = run(ENV, args.strip().split("\\s+"));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains(message);
    assertNoStackTrace(run);
  }

  @ParameterizedTest
  @ValueSource(strings = {"list", "show 17", "replay --all", "purge --yes"})
  void namesTheVariableAndExitsTwo_whenServiceBusIsNotConfigured(String command) {
    Run run = run(Map.of(), ("dlq " + command).split(" "));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("INVITEGATE_SERVICEBUS_CONNECTION_STRING");
    assertThat(run.out()).isEmpty();
    assertNoStackTrace(run);
  }

  @ParameterizedTest
  @ValueSource(strings = {"list", "replay --all --dry-run"})
  void namesBothVariablesAndExitsTwo_whenConnectionStringAndNamespaceAreBothSet(String command) {
    Map<String, String> env =
        Map.of(
            "INVITEGATE_SERVICEBUS_CONNECTION_STRING",
            ENV.get("INVITEGATE_SERVICEBUS_CONNECTION_STRING"),
            "INVITEGATE_SERVICEBUS_NAMESPACE",
            "example.servicebus.windows.net");

    Run run = run(env, ("dlq " + command).split(" "));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("INVITEGATE_SERVICEBUS_NAMESPACE");
    assertNoStackTrace(run);
  }

  static void assertNoStackTrace(Run run) {
    assertThat(run.err().lines())
        .noneMatch(line -> line.matches("\\s+at \\S+\\(.*") || line.startsWith("Caused by"));
  }
}
