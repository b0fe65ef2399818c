package dev.invitegate.responder.signup;

/** The Entra events the gate answers. */
public enum EventKind {
  ATTRIBUTE_COLLECTION_START("attributeCollectionStart"),
  ATTRIBUTE_COLLECTION_SUBMIT("attributeCollectionSubmit"),
  TOKEN_ISSUANCE_START("tokenIssuanceStart");

  private final String label;

  EventKind(String label) {
    this.label = label;
  }

  /** A short stable name for logs and metrics. */
  public String label() {
    return label;
  }
}
