package dev.invitegate.deploy;

/**
 * The two programs that read {@code INVITEGATE_*} variables; the operators' CLI is the worker's
 * jar.
 */
enum Service {
  WORKER,
  RESPONDER
}
