package dev.invitegate.worker.projection;

/** {@link ProjectionProperties} on the in-memory ledger. */
class InMemoryProjectionPropertiesTest extends ProjectionProperties {

  private final InMemoryInvitationLedger ledger = new InMemoryInvitationLedger();

  @Override
  InvitationLedger ledger() {
    return ledger;
  }
}
