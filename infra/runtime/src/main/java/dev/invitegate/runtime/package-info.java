/**
 * The plumbing both services run on, written once: settings, the Cosmos DB client and its failure
 * rules, health and metrics, logging, start-up failures.
 */
package dev.invitegate.runtime;
