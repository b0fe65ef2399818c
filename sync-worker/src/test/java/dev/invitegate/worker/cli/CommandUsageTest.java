package dev.invitegate.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Usage and configuration errors of the commands on events and on the store; no network. */
class CommandUsageTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
  private static final Map<String, String> SERVICE_BUS =
      Map.of(
          "INVITEGATE_SERVICEBUS_CONNECTION_STRING",
          "Endpoint=sb://localhost:1;SharedAccessKeyName=k;SharedAccessKey=v;"
              + "UseDevelopmentEmulator=true");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"invite", "revoke", "import", "export", "lookup"})
  void helpShowsTheUsageLineAndExamples(String command) {
    CommandLineRun run = CommandLineRun.run(Map.of(), CLOCK, command, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Usage: java -jar sync-worker.jar " + command)
        .contains("Examples:");
    assertThat(run.out()).contains("--json").contains("Exit codes:");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"invite a@example.com", "revoke a@example.com", "lookup a@example.com", "export"})
  void aMissingVariableIsNamed_withExit2AndNoStackTrace(String commandLine) {
    CommandLineRun run = CommandLineRun.run(Map.of(), CLOCK, commandLine.split(" "));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .containsAnyOf("INVITEGATE_SERVICEBUS_CONNECTION_STRING", "INVITEGATE_COSMOS_ENDPOINT");
    assertThat(run.printedAStackTrace()).isFalse();
  }

  @Test
  void aBadAddress_isAUsageErrorThatDoesNotRepeatIt() {
    CommandLineRun run = CommandLineRun.run(SERVICE_BUS, CLOCK, "invite", "alice.example.com");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("invite: EMAIL: not an email address (missing '@')");
    assertThat(run.err()).doesNotContain("alice");
  }

  @Test
  void inviteRefusesArgumentsTheContractRefuses_beforeSendingAnything() {
    assertUsage(
        CommandLineRun.run(SERVICE_BUS, CLOCK, "invite", "a@example.com", "--application", "app-1"),
        "--application: must be an application (client) ID");
    assertUsage(
        CommandLineRun.run(
            SERVICE_BUS,
            CLOCK,
            "invite",
            "a@example.com",
            "--expires-at",
            "2026-04-01",
            "--expires-in",
            "3d"),
        "mutually exclusive");
    assertUsage(
        CommandLineRun.run(
            SERVICE_BUS, CLOCK, "invite", "a@example.com", "--expires-at", "2026-01-01T00:00:00Z"),
        "is not in the future");
    assertUsage(
        CommandLineRun.run(SERVICE_BUS, CLOCK, "invite", "a@example.com", "--expires-in", "soon"),
        "'soon' is not a positive duration");
    assertUsage(
        CommandLineRun.run(SERVICE_BUS, CLOCK, "invite", "a@example.com", "--expires-in", "0d"),
        "'0d' is not a positive duration");
    assertUsage(
        CommandLineRun.run(
            SERVICE_BUS, CLOCK, "invite", "a@example.com", "--attribute", "Year:int64=MMXXV"),
        "--attribute: Year: not an int64");
    assertUsage(
        CommandLineRun.run(SERVICE_BUS, CLOCK, "invite", "a@example.com", "--lock", "displayName"),
        "locked attribute displayName is not in attributes");
    assertUsage(
        CommandLineRun.run(SERVICE_BUS, CLOCK, "invite", "a@example.com", "--no-such-option"),
        "Unknown option: '--no-such-option'");
  }

  @Test
  void exportRefusesAnUnknownStateOrFormat() {
    assertUsage(CommandLineRun.run(Map.of(), CLOCK, "export", "--state", "pending"), "--state");
    assertUsage(CommandLineRun.run(Map.of(), CLOCK, "export", "--format", "xlsx"), "--format");
    assertUsage(
        CommandLineRun.run(Map.of(), CLOCK, "export", "--application", "x"),
        "--application: must be an application (client) ID (a GUID), or *");
  }

  @Test
  void importRefusesAMissingFileAndABadHeader_sendingNothing() throws IOException {
    assertUsage(
        CommandLineRun.run(SERVICE_BUS, CLOCK, "import", dir.resolve("none.csv").toString()),
        "no such file");
    Path noHeader = write("no-header.csv", "alice@example.com,beta\n");
    CommandLineRun run = CommandLineRun.run(SERVICE_BUS, CLOCK, "import", noHeader.toString());
    assertUsage(run, "header row");
    assertThat(run.all()).doesNotContain("alice");
    assertUsage(
        CommandLineRun.run(
            SERVICE_BUS,
            CLOCK,
            "import",
            write("typo.csv", "email,role\na@example.com,x\n").toString()),
        "unknown column 'role'");
  }

  @Test
  void importDryRun_needsNoQueue_andReportsBadRowsByLineWithMaskedAddresses() throws IOException {
    Path file =
        write(
            "people.csv",
            "email,roles,attr.CohortYear:int64\n"
                + "alice@example.com,beta,2025\n"
                + "bob@example.org,beta,twenty\n"
                + "carol.example.net,x,\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-02-01T12:00:00.750Z")));

    CommandLineRun run =
        CommandLineRun.run(Map.of(), CLOCK, "import", file.toString(), "--dry-run");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("line 3  b***@example.org  attr.CohortYear:int64: not an int64")
        .contains("line 4  email: not an email address (missing '@')")
        .contains("1 (1 grants, 0 revokes): nothing sent (dry run)")
        .contains("2026-02-01T12:00:00Z for rows without a time (the file's last modification");
    assertThat(run.all()).doesNotContain("bob@").doesNotContain("carol");
  }

  @Test
  void importDryRun_inJson_writesOneLinePerProblemThenTheSummary() throws IOException {
    Path file = write("people.csv", "email\nalice@example.com\nnobody\n");

    CommandLineRun run =
        CommandLineRun.run(
            Map.of(),
            CLOCK,
            "import",
            file.toString(),
            "--dry-run",
            "--json",
            "--time",
            "2026-01-01T00:00:00Z");

    assertThat(run.out().lines())
        .containsExactly(
            "{\"line\":3,\"email\":\"\",\"problem\":\"email: not an email address (missing '@')\"}",
            "{\"summary\":{\"file\":\""
                + file
                + "\",\"dryRun\":true,\"rows\":2,\"valid\":1,\"grants\":1,\"revokes\":0,"
                + "\"invalid\":1,\"queue\":null,\"time\":\"2026-01-01T00:00:00Z\","
                + "\"timeFrom\":\"--time\",\"stoppedAtLine\":null,\"stopReason\":null,"
                + "\"notSent\":0}}");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static void assertUsage(CommandLineRun run, String message) {
    assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
    assertThat(run.err()).contains(message);
    assertThat(run.printedAStackTrace()).as(run.all()).isFalse();
  }
}
