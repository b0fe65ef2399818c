package dev.invitegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The GitHub workflow tests with the README's test command and builds what the deployment uses. */
class WorkflowTest {

  private static final String WORKFLOW = ".github/workflows/ci.yml";

  private static List<JsonNode> steps() {
    List<JsonNode> steps = new ArrayList<>();
    Deployments.yaml(WORKFLOW).path("jobs").forEach(job -> job.path("steps").forEach(steps::add));
    return steps;
  }

  private static List<String> runs() {
    return steps().stream()
        .filter(s -> s.has("run"))
        .map(s -> s.path("run").asText().strip())
        .toList();
  }

  /** The first command of the README's "## Test" code block. */
  private static String readmeTestCommand() {
    String readme = Repository.read("README.md");
    Matcher m = Pattern.compile("\\n## Test\\n[\\s\\S]*?```\\n([^\\n]+)\\n").matcher(readme);
    assertThat(m.find()).as("README has a '## Test' section with a code block").isTrue();
    return m.group(1).strip();
  }

  @Test
  void testStep_isTheReadmeTestCommand() {
    assertThat(runs()).as("steps of %s", WORKFLOW).contains(readmeTestCommand());
  }

  @Test
  void setsUpJava21OrNewer_andNode20() {
    List<JsonNode> steps = steps();
    JsonNode java =
        steps.stream()
            .filter(s -> s.path("uses").asText().startsWith("actions/setup-java@"))
            .findFirst()
            .orElseThrow();
    assertThat(Integer.parseInt(java.path("with").path("java-version").asText()))
        .isGreaterThanOrEqualTo(21);
    JsonNode node =
        steps.stream()
            .filter(s -> s.path("uses").asText().startsWith("actions/setup-node@"))
            .findFirst()
            .orElseThrow();
    assertThat(node.path("with").path("node-version").asText()).isEqualTo("20");
  }

  @Test
  void buildsBothImages_andCompilesTheBicep() {
    String all = String.join("\n", runs());
    for (String dockerfile : Deployments.DOCKERFILES.keySet()) {
      assertThat(all).contains("docker build -f " + dockerfile + " ");
    }
    assertThat(all).contains("az bicep build --file " + Deployments.BICEP);
    for (String environment : Deployments.ENVIRONMENTS) {
      assertThat(all)
          .contains("az bicep build-params --file infra/azure/" + environment + ".bicepparam");
    }
  }
}
