/** The Cosmos DB client, its warm-up and what its failures mean, for both services. */
package dev.invitegate.runtime.cosmos;
