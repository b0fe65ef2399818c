package dev.invitegate.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The dlq commands the module README shows are ones the jar accepts. */
class ReadmeDlqCommandsTest {

  private static final String PREFIX = "java -jar sync-worker/target/sync-worker.jar ";

  @Test
  void everyDlqCommandInTheReadmeParses() throws IOException {
    List<String> commands = new ArrayList<>();
    boolean inCode = false;
    for (String line : Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        inCode = !inCode;
        continue;
      }
      String command = line.startsWith("$ ") ? line.substring(2) : line;
      if (inCode && command.startsWith(PREFIX + "dlq ")) {
        commands.add(command.substring(PREFIX.length()));
      }
    }
    assertThat(commands).hasSizeGreaterThanOrEqualTo(10);
    assertThat(String.join("\n", commands))
        .contains("dlq list", "dlq show", "dlq replay", "dlq purge");

    for (String command : commands) {
      CommandLine commandLine =
          new CommandLine(
                  new WorkerCommand(
                      new CliContext(
                          Map.of(),
                          Clock.systemUTC(),
                          new PrintWriter(new StringWriter()),
                          new PrintWriter(new StringWriter()),
                          false)))
              .setCaseInsensitiveEnumValuesAllowed(true);
      ParseResult parsed = commandLine.parseArgs(command.split(" "));
      assertThat(parsed.subcommand().subcommand()).as(command).isNotNull();
    }
  }
}
