/** Consumes invitation events from a Service Bus queue in peek-lock mode and settles them. */
package dev.invitegate.worker.servicebus;
