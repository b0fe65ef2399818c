package dev.invitegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The responder's image starts the JVM exactly as responder/README.md recommends, trains its AOT
 * cache with the same options and the runtime image's own JVM, and the deployment neither overrides
 * the start nor under-sizes it.
 */
class ResponderImageTest {

  private static final String DOCKERFILE = "responder/Dockerfile";
  private static final String WORKER_DOCKERFILE = "sync-worker/Dockerfile";

  /**
   * The recommended start: the variables before {@code java} and the options up to {@code -jar}.
   */
  record Recommended(Map<String, String> environment, List<String> options) {}

  static Recommended recommended() {
    String readme = Repository.read("responder/README.md");
    int section = readme.indexOf("## Start-up and memory");
    assertThat(section)
        .as("responder/README.md has a 'Start-up and memory' section")
        .isNotNegative();
    Matcher block = Pattern.compile("```\\n([\\s\\S]*?)```").matcher(readme.substring(section));
    assertThat(block.find()).as("a code block in 'Start-up and memory'").isTrue();
    String command = block.group(1).replace("\\\n", " ");
    List<String> tokens = List.of(command.strip().split("\\s+"));
    int java = tokens.indexOf("java");
    int jar = tokens.indexOf("-jar");
    assertThat(java).as("the recommended command runs java").isNotNegative();
    Map<String, String> environment =
        tokens.subList(0, java).stream()
            .map(t -> t.split("=", 2))
            .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
    List<String> options = new ArrayList<>(tokens.subList(java + 1, jar));
    assertThat(options)
        .as("the recommended options use an AOT cache")
        .anyMatch(o -> o.startsWith("-XX:AOTCache="));
    options.removeIf(o -> o.startsWith("-XX:AOTCache="));
    return new Recommended(environment, options);
  }

  private static String dockerfile() {
    return Repository.read(DOCKERFILE);
  }

  private static List<String> entrypoint(String dockerfile) throws Exception {
    Matcher m = Pattern.compile("^ENTRYPOINT (\\[.*\\])$", Pattern.MULTILINE).matcher(dockerfile);
    assertThat(m.find()).as("an exec-form ENTRYPOINT").isTrue();
    JsonNode array = new ObjectMapper().readTree(m.group(1));
    List<String> tokens = new ArrayList<>();
    array.forEach(n -> tokens.add(n.asText()));
    return tokens;
  }

  @Test
  void optionsFile_holdsExactlyTheRecommendedOptions() {
    Matcher m =
        Pattern.compile("^ARG JVM_OPTIONS=\"([^\"]*)\"$", Pattern.MULTILINE).matcher(dockerfile());
    assertThat(m.find()).as("%s declares ARG JVM_OPTIONS=\"...\"", DOCKERFILE).isTrue();
    assertThat(Arrays.asList(m.group(1).strip().split("\\s+")))
        .as("JVM_OPTIONS in %s against responder/README.md, 'Start-up and memory'", DOCKERFILE)
        .containsExactlyElementsOf(recommended().options());
    assertThat(dockerfile()).contains("printf '%s\\n' \"$JVM_OPTIONS\" > /app/jvm.options");
  }

  @Test
  void runtime_startsWithTheOptionsFile_theCache_andTheRecommendedEnvironment() throws Exception {
    assertThat(entrypoint(dockerfile()))
        .containsExactly(
            "java",
            "@/app/jvm.options",
            "-XX:AOTCache=/app/responder.aot",
            "-jar",
            "/app/responder.jar");
    assertThat(Deployments.imageEnvironment(DOCKERFILE))
        .as("ENV of the runtime stage against the variables of the recommended command")
        .containsAllEntriesOf(recommended().environment());
    assertThat(dockerfile())
        .as("the image does not run as root")
        .containsPattern("(?m)^USER 10001:10001$");
  }

  @Test
  void cache_isTrainedByTheRuntimeImage_withTheSameOptions_andCheckedToFit() {
    String text = dockerfile();
    assertThat(text)
        .as("the training stage is built on the runtime image")
        .contains("FROM ${RUNTIME_IMAGE} AS train");
    assertThat(text)
        .as("the runtime stage too")
        .containsPattern("(?m)^FROM \\$\\{RUNTIME_IMAGE\\}$");
    assertThat(text)
        .as("training uses the options file")
        .contains("-Dbench.jvmArgs=@/app/jvm.options");
    assertThat(text)
        .as("training runs the jar where the image runs it")
        .contains("-Dbench.jar=/app/responder.jar");
    assertThat(text)
        .as("the runtime stage copies what the training stage used")
        .contains("COPY --from=train /app /app");
    assertThat(text)
        .as("the last stage makes the JVM refuse a cache that does not fit")
        .contains("-XX:AOTMode=on -XX:AOTCache=/app/responder.aot -jar /app/responder.jar");
    Matcher runtime =
        Pattern.compile("^ARG RUNTIME_IMAGE=eclipse-temurin:(\\d+)-jre", Pattern.MULTILINE)
            .matcher(text);
    assertThat(runtime.find()).as("the runtime is a Temurin JRE").isTrue();
    assertThat(Integer.parseInt(runtime.group(1)))
        .as("JDK 25 or newer for the AOT cache")
        .isGreaterThanOrEqualTo(25);
  }

  @Test
  void worker_runsAsNonRoot_onJava21OrNewer_andStartsWithRun() throws Exception {
    String text = Repository.read(WORKER_DOCKERFILE);
    assertThat(text).containsPattern("(?m)^USER 10001:10001$");
    Matcher runtime =
        Pattern.compile("^ARG RUNTIME_IMAGE=eclipse-temurin:(\\d+)-jre", Pattern.MULTILINE)
            .matcher(text);
    assertThat(runtime.find()).isTrue();
    assertThat(Integer.parseInt(runtime.group(1))).isGreaterThanOrEqualTo(21);
    assertThat(entrypoint(text)).endsWith("-jar", "/app/sync-worker.jar");
    assertThat(text).containsPattern("(?m)^CMD \\[\"run\"\\]$");
  }

  @Test
  void bicep_neitherOverridesTheStart_norGivesLessMemoryThanMeasured() {
    BicepFile bicep = BicepFile.read(Deployments.BICEP);
    String responder = bicep.resource("responderApp").text();
    String container =
        responder.substring(
            responder.indexOf("name: 'responder'"), responder.indexOf("name: 'metrics'"));
    assertThat(container)
        .as("the responder container keeps the image's entrypoint")
        .doesNotContain("command:")
        .doesNotContain("args:");
    Matcher memory = Pattern.compile("memory: '([\\d.]+)Gi'").matcher(container);
    assertThat(memory.find()).isTrue();
    assertThat(Double.parseDouble(memory.group(1)) * 1024)
        .as(
            "memory of the responder container, MiB: above the 256 MiB the README's benchmark stays under")
        .isGreaterThanOrEqualTo(512);
    assertThat(responder)
        .as("at least one replica always running")
        .containsPattern("minReplicas: responderMinReplicas");
    assertThat(bicep.paramDefault("responderMinReplicas")).hasValue("1");
    assertThat(Repository.read(Deployments.BICEP))
        .contains("@minValue(1)\nparam responderMinReplicas int");
  }

  @Test
  void probes_useTheAdminHealthPaths_onThePortsTheServicesAreGiven() {
    String readmeAdmin = ConfigurationTable.fromReadme().require("INVITEGATE_ADMIN_PORT").meaning();
    BicepFile bicep = BicepFile.read(Deployments.BICEP);
    Map<String, String> adminPort =
        Map.of("responderApp", "responderAdminPort", "workerApp", "workerAdminPort");
    adminPort.forEach(
        (app, port) -> {
          Matcher probe =
              Pattern.compile("httpGet: \\{ path: '([^']+)', port: (\\w+) \\}")
                  .matcher(bicep.resource(app).text());
          List<String> paths = new ArrayList<>();
          while (probe.find()) {
            assertThat(probe.group(2)).as("probe port of %s", app).isEqualTo(port);
            assertThat(readmeAdmin)
                .as("README names the probe path %s", probe.group(1))
                .contains("`" + probe.group(1) + "`");
            paths.add(probe.group(1));
          }
          assertThat(paths).as("probes of %s", app).contains("/health/live", "/health/ready");
        });
    assertThat(bicep.varExpression("responderEnv"))
        .contains("{ name: 'INVITEGATE_ADMIN_PORT', value: string(responderAdminPort) }")
        .contains("{ name: 'INVITEGATE_HTTP_PORT', value: string(responderHttpPort) }");
    assertThat(bicep.varExpression("workerEnv"))
        .contains("{ name: 'INVITEGATE_ADMIN_PORT', value: string(workerAdminPort) }");
    assertThat(bicep.resource("responderApp").text())
        .contains("targetPort: responderHttpPort")
        .contains("external: true");
    assertThat(bicep.resource("workerApp").text())
        .as("the worker has no ingress")
        .doesNotContain("ingress:");
  }
}
