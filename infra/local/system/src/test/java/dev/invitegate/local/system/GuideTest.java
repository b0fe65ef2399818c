package dev.invitegate.local.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class GuideTest {

  @Test
  void theReadmeShowsTheCommandsTheGuidePrints_forTheDefaultPorts() throws Exception {
    String readme = Files.readString(Repository.find().root().resolve("README.md"));
    URI workerAdmin = URI.create("http://127.0.0.1:" + UpCommand.DEFAULT_WORKER_ADMIN_PORT);
    assertThat(Guide.tryCommands(workerAdmin))
        .isNotEmpty()
        .allSatisfy(command -> assertThat(readme).contains("\n" + command + "\n"));
  }
}
