// Production: two responder replicas (an upgrade or a lost replica never leaves Entra without an answer), one worker
// always running (revocations apply within seconds), provisioned autoscale throughput on the container.
// The Entra settings, the image tag and the log hash key come from the deploying shell (docs/deploy.md).
using './main.bicep'

param environmentName = 'prod'
param serviceBusSku = 'Standard'
param queueName = 'invitation-events'
param databaseName = 'invitegate'
param containerName = 'invitations'
param cosmosCapacityMode = 'provisioned'
param cosmosAutoscaleMaxThroughput = 1000
param responderMinReplicas = 2
param responderMaxReplicas = 4
param workerMinReplicas = 1
param workerMaxReplicas = 4
param operatorsCanWriteStore = false
param entraTenantId = readEnvironmentVariable('INVITEGATE_ENTRA_TENANT_ID', '')
param entraClientId = readEnvironmentVariable('INVITEGATE_ENTRA_CLIENT_ID', '')
param imageTag = readEnvironmentVariable('INVITEGATE_IMAGE_TAG', '')
param logHashKey = readEnvironmentVariable('INVITEGATE_LOG_HASH_KEY', '')
param operatorsGroupObjectId = readEnvironmentVariable('INVITEGATE_OPERATORS_GROUP_ID', '')
param alertEmail = readEnvironmentVariable('INVITEGATE_ALERT_EMAIL', '')
