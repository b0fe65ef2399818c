package dev.invitegate.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The event samples shown in the README are real: each one parses, and means what the README says.
 */
class ReadmeSampleTest {

  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyEventSampleInTheReadme_parses() throws IOException {
    List<String> events = eventSamples();
    assertThat(events).isNotEmpty();
    InvitationEventParser parser = new InvitationEventParser();
    for (String json : events) {
      assertThat(parser.parse(json)).isInstanceOf(ParseResult.Parsed.class);
    }
  }

  @Test
  void readmeGrantSample_invitesItsApplicationUntilItExpires() throws IOException {
    var parsed = (ParseResult.Parsed) new InvitationEventParser().parse(eventSamples().get(0));
    InvitationEvent event = parsed.event();
    var document =
        ((Projection.Applied) InvitationDocument.empty(event.email()).project(event)).document();
    String app = event.applicationId().orElseThrow();

    assertThat(document.decide(app, Instant.parse("2026-04-01T00:00:00Z")))
        .isInstanceOf(InvitationStatus.Invited.class);
    assertThat(document.decide(app, Instant.parse("2026-07-01T00:00:00Z")))
        .isEqualTo(new InvitationStatus.NotInvited(InvitationStatus.Reason.EXPIRED));
  }

  private static List<String> eventSamples() throws IOException {
    String readme = Files.readString(readme());
    List<String> samples = new ArrayList<>();
    Matcher m = JSON_BLOCK.matcher(readme);
    while (m.find()) {
      if (m.group(1).contains("\"specversion\"")) {
        samples.add(m.group(1));
      }
    }
    return samples;
  }

  private static Path readme() {
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("README.md"))
          && Files.isDirectory(p.resolve("contracts"))) {
        return p.resolve("README.md");
      }
    }
    throw new IllegalStateException("README.md not found above " + Paths.get("").toAbsolutePath());
  }
}
