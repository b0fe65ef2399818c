package dev.invitegate.responder.http;

/**
 * A call answered with an error status instead of an Entra action. Mapped to JSON once, on the
 * routing; carries no stack trace because it is an expected outcome, not a fault.
 */
final class RequestRejected extends RuntimeException {

  private final int status;
  private final String error;

  private RequestRejected(int status, String error, String description) {
    super(description, null, false, false);
    this.status = status;
    this.error = error;
  }

  /** 401: the token reason goes to the log and metrics only, never to the caller. */
  static RequestRejected unauthorized(String reason) {
    return new RequestRejected(401, "invalid_token", reason);
  }

  static RequestRejected badRequest(String error, String description) {
    return new RequestRejected(400, error, description);
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }
}
