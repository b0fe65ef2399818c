package dev.invitegate.worker.projection;

/** What a conditional write on the ledger did: both outcomes are expected, neither is an error. */
public sealed interface WriteResult {

  /** The write took effect; the document now carries {@code etag}. */
  record Written(String etag) implements WriteResult {}

  /**
   * Someone else wrote first (the document exists on create, or the ETag is stale or the document
   * is gone on replace): re-read and decide again.
   */
  record Conflict() implements WriteResult {}
}
