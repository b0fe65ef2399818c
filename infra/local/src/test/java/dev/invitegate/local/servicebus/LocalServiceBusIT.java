package dev.invitegate.local.servicebus;

import dev.invitegate.local.LocalAzureExtension;
import dev.invitegate.local.LocalEmulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Service Bus scenarios against the local stand-in; a fresh queue per test. */
@ExtendWith(LocalAzureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalServiceBusIT extends ServiceBusScenarios {

  private LocalEmulators emulators;

  @BeforeAll
  void useLocalEmulators(LocalEmulators emulators) {
    this.emulators = emulators;
  }

  @Override
  String connectionString() {
    return emulators.serviceBusConnectionString();
  }

  @Override
  String queue(QueueSpec spec) {
    return Sdk.newQueue(emulators, spec.lockDuration, spec.maxDeliveryCount);
  }
}
