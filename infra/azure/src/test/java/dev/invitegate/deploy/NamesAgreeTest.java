package dev.invitegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The queue, database and container names are the README's defaults everywhere: Bicep parameters
 * and parameter files, the resources and rules that use them, compose and the Service Bus
 * emulator's configuration; and the queue behaves the same in Azure, in the emulator and in the
 * local stand-in.
 */
class NamesAgreeTest {

  private static final ConfigurationTable TABLE = ConfigurationTable.fromReadme();
  private static final BicepFile BICEP = BicepFile.read(Deployments.BICEP);
  private static final List<String> ENVIRONMENTS = Deployments.ENVIRONMENTS;

  /** Bicep parameter to the variable that carries it to the services. */
  private static final Map<String, String> NAME_PARAMS =
      Map.of(
          "queueName", "INVITEGATE_SERVICEBUS_QUEUE",
          "databaseName", "INVITEGATE_COSMOS_DATABASE",
          "containerName", "INVITEGATE_COSMOS_CONTAINER");

  private static String readmeDefault(String variable) {
    return TABLE
        .require(variable)
        .literalDefault()
        .orElseThrow(() -> new AssertionError("README: " + variable + " has no `literal` default"));
  }

  @Test
  void readmeDefaults_areTheKnownNames() {
    assertThat(readmeDefault("INVITEGATE_SERVICEBUS_QUEUE")).isEqualTo("invitation-events");
    assertThat(readmeDefault("INVITEGATE_COSMOS_DATABASE")).isEqualTo("invitegate");
    assertThat(readmeDefault("INVITEGATE_COSMOS_CONTAINER")).isEqualTo("invitations");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("ENVIRONMENTS")
  void bicepParameters_andParameterFiles_useTheReadmeDefaults(String environment) {
    Map<String, String> parameters =
        BicepFile.parameterFile("infra/azure/" + environment + ".bicepparam");
    NAME_PARAMS.forEach(
        (param, variable) -> {
          assertThat(BICEP.paramDefault(param))
              .as("default of param %s in main.bicep", param)
              .hasValue("'" + readmeDefault(variable) + "'");
          assertThat(BICEP.evaluate(param, parameters).text())
              .as("%s in %s.bicepparam (the README's default of %s)", param, environment, variable)
              .isEqualTo(readmeDefault(variable));
        });
  }

  @Test
  void bicepResources_andRules_nameTheParameters() {
    assertThat(BICEP.resource("queue").text())
        .as("the queue resource")
        .containsPattern("\n  name: queueName\n");
    assertThat(BICEP.resource("database").text())
        .contains("name: databaseName")
        .contains("id: databaseName");
    assertThat(BICEP.resource("container").text())
        .contains("name: containerName")
        .contains("id: containerName");
    assertThat(BICEP.resource("workerApp").text())
        .as("the KEDA rule")
        .contains("queueName: queueName");
    assertThat(BICEP.resource("deadLetterAlert").text())
        .as("the dead-letter alert")
        .containsPattern("values: \\[\\s*queueName\\s*\\]");
    for (BicepFile.Resource assignment :
        BICEP.resourcesOfType("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments")) {
      assertThat(assignment.text())
          .as("scope of %s", assignment.name())
          .contains("scope: '${cosmos.id}/dbs/${databaseName}/colls/${containerName}'");
    }
    assertThat(BICEP.varExpression("serviceBusEnv"))
        .contains("{ name: 'INVITEGATE_SERVICEBUS_QUEUE', value: queueName }");
    assertThat(BICEP.varExpression("cosmosEnv"))
        .contains("{ name: 'INVITEGATE_COSMOS_DATABASE', value: databaseName }")
        .contains("{ name: 'INVITEGATE_COSMOS_CONTAINER', value: containerName }");
  }

  @Test
  void compose_andTheServiceBusEmulator_useTheReadmeDefaults() {
    JsonNode compose = Deployments.yaml(Deployments.COMPOSE);
    for (String service : Deployments.COMPOSE_SERVICES.keySet()) {
      Map<String, String> environment = Deployments.composeEnvironment(compose, service);
      for (String variable : NAME_PARAMS.values()) {
        if (environment.containsKey(variable)) {
          assertThat(environment.get(variable))
              .as("%s of compose service %s", variable, service)
              .isEqualTo(readmeDefault(variable));
        }
      }
    }
    JsonNode queues =
        Deployments.json(Deployments.SERVICEBUS_EMULATOR_CONFIG)
            .path("UserConfig")
            .path("Namespaces")
            .path(0)
            .path("Queues");
    assertThat(queues.size())
        .as("queues in %s", Deployments.SERVICEBUS_EMULATOR_CONFIG)
        .isEqualTo(1);
    assertThat(queues.path(0).path("Name").asText())
        .isEqualTo(readmeDefault("INVITEGATE_SERVICEBUS_QUEUE"));
  }

  @Test
  void theQueueBehavesAlike_inAzure_theEmulator_andTheLocalStandIn() {
    String queue = BICEP.resource("queue").text();
    JsonNode emulator =
        Deployments.json(Deployments.SERVICEBUS_EMULATOR_CONFIG)
            .path("UserConfig")
            .path("Namespaces")
            .path(0)
            .path("Queues")
            .path(0)
            .path("Properties");
    int standInDeliveries = Integer.parseInt(readmeOption("--max-delivery-count"));
    long standInLockMs = Long.parseLong(readmeOption("--lock-duration-ms"));

    assertThat(queue).contains("maxDeliveryCount: " + standInDeliveries);
    assertThat(emulator.path("MaxDeliveryCount").asInt()).isEqualTo(standInDeliveries);
    assertThat(standInLockMs).isEqualTo(60_000);
    assertThat(queue).contains("lockDuration: 'PT1M'");
    assertThat(emulator.path("LockDuration").asText()).isEqualTo("PT1M");
    assertThat(queue)
        .contains("requiresDuplicateDetection: true")
        .contains("deadLetteringOnMessageExpiration: true");
    assertThat(emulator.path("RequiresDuplicateDetection").asBoolean()).isTrue();
    assertThat(emulator.path("DeadLetteringOnMessageExpiration").asBoolean()).isTrue();
  }

  /** The default of a stand-in option as the README's "Local emulators" section states it. */
  private static String readmeOption(String option) {
    Matcher m =
        Pattern.compile("`" + Pattern.quote(option) + "` \\(default (\\d+)\\)")
            .matcher(Repository.read("README.md"));
    if (!m.find()) {
      throw new AssertionError(
          "README: no \"`" + option + "` (default N)\" in the local emulators section");
    }
    return m.group(1);
  }
}
