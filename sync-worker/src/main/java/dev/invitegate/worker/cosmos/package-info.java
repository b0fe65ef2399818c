/** The invitation ledger on Azure Cosmos DB: point reads and ETag-conditional writes. */
package dev.invitegate.worker.cosmos;
