/**
 * Starts the local Cosmos DB and Service Bus stand-ins for development and integration tests, never
 * production.
 */
package dev.invitegate.local;
