package dev.invitegate.worker.projection;

import dev.invitegate.local.LocalEmulators;
import dev.invitegate.worker.it.LocalWorld;
import java.util.UUID;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@link ProjectionProperties} on Cosmos DB (the local emulator) through the real adapter: the same
 * permutations must give the same documents with real ETags and real 409/412 answers.
 */
class CosmosProjectionPropertiesIT extends ProjectionProperties {

  // jqwik does not run JUnit extensions, so this container starts its own pair of stand-ins.
  private static LocalEmulators emulators;
  private static LocalWorld world;
  private static InvitationLedger ledger;

  @BeforeContainer
  static void startCosmos() {
    emulators = LocalEmulators.start();
    world = new LocalWorld(emulators);
    ledger = world.ledger("props-" + UUID.randomUUID());
  }

  @AfterContainer
  static void stopCosmos() {
    if (world != null) {
      world.close();
    }
    if (emulators != null) {
      emulators.close();
    }
  }

  @Override
  InvitationLedger ledger() {
    return ledger;
  }
}
