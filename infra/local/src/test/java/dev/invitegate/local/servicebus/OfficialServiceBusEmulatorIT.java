package dev.invitegate.local.servicebus;

import dev.invitegate.local.RequiresDocker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.azure.ServiceBusEmulatorContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/**
 * The same Service Bus scenarios against Microsoft's Service Bus emulator (with its SQL Server),
 * where Docker is available. Its queues are declared up front in its configuration, so each
 * scenario takes the next unused one.
 */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficialServiceBusEmulatorIT extends ServiceBusScenarios {

  private static final int QUEUES_PER_SPEC = 8;

  private final Map<QueueSpec, List<String>> unused = new EnumMap<>(QueueSpec.class);
  private Network network;
  private MSSQLServerContainer sql;
  private ServiceBusEmulatorContainer emulator;

  @BeforeAll
  void start() {
    StringBuilder queues = new StringBuilder();
    for (QueueSpec spec : QueueSpec.values()) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < QUEUES_PER_SPEC; i++) {
        String name = spec.name().toLowerCase().replace('_', '-') + "-" + i;
        names.add(name);
        if (!queues.isEmpty()) {
          queues.append(',');
        }
        queues.append(
            """
            {"Name":"%s","Properties":{"DeadLetteringOnMessageExpiration":false,"DefaultMessageTimeToLive":"PT1H",\
            "DuplicateDetectionHistoryTimeWindow":"PT20S","ForwardDeadLetteredMessagesTo":"","ForwardTo":"",\
            "LockDuration":"PT%dS","MaxDeliveryCount":%d,"RequiresDuplicateDetection":false,"RequiresSession":false}}"""
                .formatted(name, spec.lockDuration.toSeconds(), spec.maxDeliveryCount));
      }
      unused.put(spec, names);
    }
    String config =
        """
        {"UserConfig":{"Namespaces":[{"Name":"sbemulatorns","Queues":[%s],"Topics":[]}],"Logging":{"Type":"File"}}}"""
            .formatted(queues);

    network = Network.newNetwork();
    sql =
        new MSSQLServerContainer("mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04")
            .acceptLicense()
            .withNetwork(network);
    emulator =
        new ServiceBusEmulatorContainer(
                "mcr.microsoft.com/azure-messaging/servicebus-emulator:1.1.2")
            .acceptLicense()
            .withConfig(Transferable.of(config.getBytes(StandardCharsets.UTF_8)))
            .withNetwork(network)
            .withMsSqlServerContainer(sql);
    emulator.start();
  }

  @AfterAll
  void stop() {
    if (emulator != null) {
      emulator.stop();
    }
    if (sql != null) {
      sql.stop();
    }
    if (network != null) {
      network.close();
    }
  }

  @Override
  String connectionString() {
    return emulator.getConnectionString();
  }

  @Override
  String queue(QueueSpec spec) {
    List<String> names = unused.get(spec);
    if (names.isEmpty()) {
      throw new IllegalStateException(
          "declare more " + spec + " queues in the emulator configuration");
    }
    return names.removeFirst();
  }
}
