/**
 * The pure core of the worker: turns one invitation event into at most one conditional write on the
 * invitation ledger, order-independently and without losing concurrent updates.
 */
package dev.invitegate.worker.projection;
