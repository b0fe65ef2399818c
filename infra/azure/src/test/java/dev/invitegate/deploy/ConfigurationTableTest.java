package dev.invitegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitegate.deploy.ConfigurationTable.Setting;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table is read as the services' list of variables, rows added later
 * included.
 */
class ConfigurationTableTest {

  private static final String SAMPLE =
      """
      # Title

      ## Configuration

      | variable | service | default | meaning |
      | --- | --- | --- | --- |
      | `INVITEGATE_COSMOS_ENDPOINT` | both | required | Cosmos DB account endpoint. |
      | `INVITEGATE_ADMIN_HOST` | both | all interfaces | Address the admin port binds to. |
      | `INVITEGATE_SERVICEBUS_CONNECTION_STRING` | worker | one of these two | Connection string. |
      | `INVITEGATE_SERVICEBUS_NAMESPACE` | worker | one of these two | Namespace. |
      | `INVITEGATE_SERVICEBUS_QUEUE` | worker | `invitation-events` | Queue to consume. |
      | `INVITEGATE_DEADLINE_MS` | responder | `800` | Answer deadline (100 to 2000). |

      Text after the table.
      """;

  @Test
  void readsServices_defaults_ranges_andOneOfGroups() {
    ConfigurationTable table = ConfigurationTable.parse(SAMPLE);
    assertThat(table.require("INVITEGATE_COSMOS_ENDPOINT").required()).isTrue();
    assertThat(table.readBy(Service.RESPONDER))
        .extracting(Setting::name)
        .containsExactlyInAnyOrder(
            "INVITEGATE_COSMOS_ENDPOINT", "INVITEGATE_ADMIN_HOST", "INVITEGATE_DEADLINE_MS");
    assertThat(table.require("INVITEGATE_SERVICEBUS_QUEUE").literalDefault())
        .hasValue("invitation-events");
    assertThat(table.require("INVITEGATE_DEADLINE_MS").range())
        .hasValueSatisfying(r -> assertThat(r).containsExactly(100, 2000));
    assertThat(table.oneOfGroups(Service.WORKER))
        .containsExactly(
            List.of("INVITEGATE_SERVICEBUS_CONNECTION_STRING", "INVITEGATE_SERVICEBUS_NAMESPACE"));
    assertThat(table.oneOfGroups(Service.RESPONDER)).isEmpty();
  }

  @Test
  void adminHost_hasAValueRule_soDeploymentsMaySetIt() {
    Setting adminHost = ConfigurationTable.parse(SAMPLE).require("INVITEGATE_ADMIN_HOST");
    assertThat(ValueRules.problem(adminHost, "0.0.0.0")).isEmpty();
    assertThat(ValueRules.problem(adminHost, "::")).isEmpty();
    assertThat(ValueRules.problem(adminHost, "not an address!")).isPresent();
  }

  @Test
  void everyVariableOfTheReadme_hasAValueRule() {
    ConfigurationTable table = ConfigurationTable.fromReadme();
    for (Service service : Service.values()) {
      for (Setting setting : table.readBy(service)) {
        assertThat(ValueRules.problem(setting, "x").orElse(""))
            .as("value rule of %s", setting.name())
            .doesNotStartWith("no value rule");
      }
    }
  }

  @Test
  void unknownServiceCell_failsWithTheVariableNamed() {
    assertThatThrownBy(
            () ->
                ConfigurationTable.parse(
                    SAMPLE.replace("| responder | `800`", "| gateway | `800`")))
        .hasMessageContaining("INVITEGATE_DEADLINE_MS")
        .hasMessageContaining("gateway");
  }
}
