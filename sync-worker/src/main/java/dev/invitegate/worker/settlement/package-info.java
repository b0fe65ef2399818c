/**
 * Decides, in one place, what happens to a received message after projection (complete,
 * dead-letter, abandon after a backoff, or stop the worker) and carries that decision out.
 */
package dev.invitegate.worker.settlement;
