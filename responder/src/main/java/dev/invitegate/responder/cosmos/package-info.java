/** The invitation read on Azure Cosmos DB: one point read, bounded by the deadline. */
package dev.invitegate.responder.cosmos;
