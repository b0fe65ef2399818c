/**
 * Dead-lettered invitation events: what each one is (read by the contract's parser), which ones an
 * operator selected, and moving them back to the queue or deleting them without ever losing one.
 * Reaches Service Bus only through its {@link dev.invitegate.worker.deadletter.DeadLetterQueue}
 * port.
 */
package dev.invitegate.worker.deadletter;
