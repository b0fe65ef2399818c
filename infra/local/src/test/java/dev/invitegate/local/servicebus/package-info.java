/**
 * Integration tests driving the real Azure Service Bus SDK against the local Service Bus stand-in.
 */
package dev.invitegate.local.servicebus;
