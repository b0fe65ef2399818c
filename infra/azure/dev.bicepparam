// Development: serverless Cosmos DB, one responder replica, the worker scaled to zero when the queue is empty.
// The Entra settings, the image tag and the log hash key come from the deploying shell (docs/deploy.md): empty
// values deploy the platform without the apps.
using './main.bicep'

param environmentName = 'dev'
param serviceBusSku = 'Standard'
param queueName = 'invitation-events'
param databaseName = 'invitegate'
param containerName = 'invitations'
param cosmosCapacityMode = 'serverless'
param responderMinReplicas = 1
param responderMaxReplicas = 2
param workerMinReplicas = 0
param workerMaxReplicas = 2
param operatorsCanWriteStore = false
param entraTenantId = readEnvironmentVariable('INVITEGATE_ENTRA_TENANT_ID', '')
param entraClientId = readEnvironmentVariable('INVITEGATE_ENTRA_CLIENT_ID', '')
param imageTag = readEnvironmentVariable('INVITEGATE_IMAGE_TAG', '')
param logHashKey = readEnvironmentVariable('INVITEGATE_LOG_HASH_KEY', '')
param operatorsGroupObjectId = readEnvironmentVariable('INVITEGATE_OPERATORS_GROUP_ID', '')
param alertEmail = readEnvironmentVariable('INVITEGATE_ALERT_EMAIL', '')
