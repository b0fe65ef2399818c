// Invite Gate on Azure: Service Bus, Cosmos DB, Container Apps, identities, roles and alerts, for one environment.
// Deploy per environment with its parameter file: az deployment group create -g RG -p infra/azure/dev.bicepparam
// (docs/deploy.md walks through it).
//
// Written in a regular style that infra/azure/src/test checks by text, so that nothing here drifts from what the
// services read (README configuration table), from each other, or from the roles each service needs:
// - the environment of every container is a `var <name>Env` list, one `{ name: '...', value: ... }` (or
//   `secretRef: '...'`) entry per line; lists are joined with concat() and referenced by name;
// - every role assignment names its role through `roles.<key>` or `cosmosRoles.<key>`, its principal as
//   `<identity>.properties.principalId` (or the operators' group parameter) and its scope on one line;
// - probes are one line each, `httpGet: { path: '...', port: <var> }`.
targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------------------------

@description('Short name of the environment, part of every resource name.')
@allowed([
  'dev'
  'prod'
])
param environmentName string

@description('Prefix of every resource name.')
@minLength(3)
@maxLength(12)
param baseName string = 'invitegate'

@description('Region of every resource.')
param location string = resourceGroup().location

@description('Service Bus tier: Standard is enough for one queue with duplicate detection; Premium adds isolation.')
@allowed([
  'Standard'
  'Premium'
])
param serviceBusSku string = 'Standard'

@description('Queue the upstream systems publish invitation events to (INVITEGATE_SERVICEBUS_QUEUE).')
param queueName string = 'invitation-events'

@description('Cosmos DB database (INVITEGATE_COSMOS_DATABASE).')
param databaseName string = 'invitegate'

@description('Cosmos DB container, partitioned on /id (INVITEGATE_COSMOS_CONTAINER).')
param containerName string = 'invitations'

@description('serverless (pay per request, the default) or provisioned (autoscale throughput on the container).')
@allowed([
  'serverless'
  'provisioned'
])
param cosmosCapacityMode string = 'serverless'

@description('Autoscale maximum RU/s of the container when cosmosCapacityMode is provisioned (scales down to 10 %).')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('External (customer) tenant ID; empty until the Entra registration has run (see docs/deploy.md).')
param entraTenantId string = ''

@description('Client ID of the API app registration, printed by infra/azure/register-entra.sh; empty until then.')
param entraClientId string = ''

@description('Tag of both service images in the registry; empty deploys the platform only (no apps yet).')
param imageTag string = ''

@description('Secret keying the email hash in both services\' logs (at least 16 characters); empty: random per process.')
@secure()
param logHashKey string = ''

@description('Responder replicas always running; at least one, because a cold start would miss Entra\'s deadline.')
@minValue(1)
param responderMinReplicas int = 1

@description('Responder replicas at most.')
@minValue(1)
param responderMaxReplicas int = 4

@description('Worker replicas always running; 0 lets KEDA start one when events arrive.')
@minValue(0)
param workerMinReplicas int = 0

@description('Worker replicas at most; conditional writes keep concurrent replicas correct.')
@minValue(1)
param workerMaxReplicas int = 4

@description('Messages waiting per worker replica before KEDA adds one.')
@minValue(1)
param workerMessagesPerReplica int = 100

@description('Object ID of an Entra group whose members run the operators\' CLI from their own machines; empty: none.')
param operatorsGroupObjectId string = ''

@description('Also grant the operators write access to the invitation container (direct repairs); the CLI\'s import publishes events and needs no write access.')
param operatorsCanWriteStore bool = false

@description('Dead-lettered messages above which the dead-letter alert fires.')
@minValue(0)
param deadLetterAlertThreshold int = 0

@description('E-mail address for alerts; empty: alerts only show in the portal.')
param alertEmail string = ''

@description('OpenTelemetry Collector (contrib) image of the metrics sidecar; pin a version, or import it into the registry.')
param collectorImage string = 'docker.io/otel/opentelemetry-collector-contrib:0.120.0'

// ---------------------------------------------------------------------------------------------------------------
// Names and fixed values
// ---------------------------------------------------------------------------------------------------------------

var suffix = take(uniqueString(resourceGroup().id, environmentName), 6)
var serviceBusName = 'sb-${baseName}-${environmentName}-${suffix}'
var cosmosName = 'cosmos-${baseName}-${environmentName}-${suffix}'
var registryName = 'acr${baseName}${environmentName}${suffix}'
var workspaceName = 'log-${baseName}-${environmentName}'
var appInsightsName = 'appi-${baseName}-${environmentName}'
var environmentResourceName = 'cae-${baseName}-${environmentName}'
var responderAppName = '${baseName}-responder-${environmentName}'
var workerAppName = '${baseName}-worker-${environmentName}'
var operatorsJobName = '${baseName}-ops-${environmentName}'

// Ports the services listen on; the same values go into their environment, the ingress and the probes.
var responderHttpPort = 8080
var responderAdminPort = 9090
var workerAdminPort = 8081

var deployWorker = !empty(imageTag)
var deployResponder = !empty(imageTag) && !empty(entraTenantId) && !empty(entraClientId)

// Azure built-in roles (Microsoft.Authorization/roleDefinitions).
var roles = {
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
}

// Cosmos DB built-in data-plane roles (sqlRoleDefinitions).
var cosmosRoles = {
  dataReader: '00000000-0000-0000-0000-000000000001'
  dataContributor: '00000000-0000-0000-0000-000000000002'
}

// ---------------------------------------------------------------------------------------------------------------
// Identities: one per role, user-assigned so that roles exist before the apps start
// ---------------------------------------------------------------------------------------------------------------

resource responderIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${baseName}-responder-${environmentName}'
  location: location
}

resource workerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${baseName}-worker-${environmentName}'
  location: location
}

// KEDA reads the queue length through Service Bus management operations, which need the Manage right (Data Owner).
// That right goes to this identity, used by the scale rule only, not to the one the worker's code signs in with.
resource scalerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${baseName}-scaler-${environmentName}'
  location: location
}

resource operatorsIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${baseName}-operators-${environmentName}'
  location: location
}

// ---------------------------------------------------------------------------------------------------------------
// Service Bus: the queue of invitation events
// ---------------------------------------------------------------------------------------------------------------

resource serviceBus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: serviceBusName
  location: location
  sku: {
    name: serviceBusSku
    tier: serviceBusSku
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = {
  parent: serviceBus
  name: queueName
  properties: {
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT10M'
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: 'P14D'
    requiresSession: false
    enablePartitioning: false
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cosmos DB: one document per email, point reads only
// ---------------------------------------------------------------------------------------------------------------

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: cosmosName
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: cosmosCapacityMode == 'serverless' ? [{ name: 'EnableServerless' }] : []
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: 'Continuous7Days'
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: containerName
  properties: {
    resource: {
      id: containerName
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
      // Point reads and writes by id need no index; the operators' export scans the whole container.
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: []
        excludedPaths: [
          {
            path: '/*'
          }
        ]
      }
    }
    options: cosmosCapacityMode == 'provisioned' ? { autoscaleSettings: { maxThroughput: cosmosAutoscaleMaxThroughput } } : {}
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Registry, logs and the Container Apps environment
// ---------------------------------------------------------------------------------------------------------------

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: false
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'other'
    WorkspaceResourceId: workspace.id
  }
}

resource containerAppsEnvironment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: environmentResourceName
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Environment of each container (names and meanings: README, "Configuration")
// ---------------------------------------------------------------------------------------------------------------

var cosmosEnv = [
  { name: 'INVITEGATE_COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
  { name: 'INVITEGATE_COSMOS_DATABASE', value: databaseName }
  { name: 'INVITEGATE_COSMOS_CONTAINER', value: containerName }
]

var serviceBusEnv = [
  { name: 'INVITEGATE_SERVICEBUS_NAMESPACE', value: '${serviceBus.name}.servicebus.windows.net' }
  { name: 'INVITEGATE_SERVICEBUS_QUEUE', value: queueName }
]

var logHashKeyEnv = empty(logHashKey) ? [] : [
  { name: 'INVITEGATE_LOG_HASH_KEY', secretRef: 'log-hash-key' }
]

var logHashKeySecrets = empty(logHashKey) ? [] : [
  { name: 'log-hash-key', value: logHashKey }
]

var responderEnv = concat(cosmosEnv, logHashKeyEnv, [
  { name: 'INVITEGATE_HTTP_PORT', value: string(responderHttpPort) }
  { name: 'INVITEGATE_ADMIN_PORT', value: string(responderAdminPort) }
  { name: 'INVITEGATE_ENTRA_TENANT_ID', value: entraTenantId }
  { name: 'INVITEGATE_ENTRA_CLIENT_ID', value: entraClientId }
  { name: 'AZURE_CLIENT_ID', value: responderIdentity.properties.clientId }
])

var workerEnv = concat(cosmosEnv, serviceBusEnv, logHashKeyEnv, [
  { name: 'INVITEGATE_ADMIN_PORT', value: string(workerAdminPort) }
  { name: 'AZURE_CLIENT_ID', value: workerIdentity.properties.clientId }
])

// The operators' commands are subcommands of the worker jar and read the worker's variables.
var operatorsEnv = concat(cosmosEnv, serviceBusEnv, logHashKeyEnv, [
  { name: 'AZURE_CLIENT_ID', value: operatorsIdentity.properties.clientId }
])

// The metrics sidecar scrapes the service's /metrics on the replica's loopback and sends the values to Application
// Insights, where the store-failure alert reads them. Cumulative Prometheus counters become deltas on the way.
var collectorConfig = '''
receivers:
  prometheus:
    config:
      scrape_configs:
        - job_name: invitegate
          scrape_interval: 30s
          metrics_path: /metrics
          static_configs:
            - targets: ['127.0.0.1:ADMIN_PORT']
processors:
  cumulativetodelta: {}
  batch: {}
exporters:
  azuremonitor:
    connection_string: ${env:APPLICATIONINSIGHTS_CONNECTION_STRING}
service:
  pipelines:
    metrics:
      receivers: [prometheus]
      processors: [cumulativetodelta, batch]
      exporters: [azuremonitor]
'''

var responderCollectorEnv = [
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
  { name: 'OTELCOL_CONFIG', value: replace(collectorConfig, 'ADMIN_PORT', string(responderAdminPort)) }
]

var workerCollectorEnv = [
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
  { name: 'OTELCOL_CONFIG', value: replace(collectorConfig, 'ADMIN_PORT', string(workerAdminPort)) }
]

// ---------------------------------------------------------------------------------------------------------------
// Role assignments: least privilege per identity
// ---------------------------------------------------------------------------------------------------------------

// Responder: reads the invitation container, nothing else.
resource responderReadsStore 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(container.id, responderIdentity.id, cosmosRoles.dataReader)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosRoles.dataReader}'
    principalId: responderIdentity.properties.principalId
    scope: '${cosmos.id}/dbs/${databaseName}/colls/${containerName}'
  }
}

resource responderPullsImages 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, responderIdentity.id, roles.acrPull)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
    principalId: responderIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Worker: receives from the queue (peek-lock, complete, abandon, dead-letter) and writes the container.
resource workerReceivesQueue 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(queue.id, workerIdentity.id, roles.serviceBusDataReceiver)
  scope: queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
    principalId: workerIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource workerWritesStore 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(container.id, workerIdentity.id, cosmosRoles.dataContributor)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosRoles.dataContributor}'
    principalId: workerIdentity.properties.principalId
    scope: '${cosmos.id}/dbs/${databaseName}/colls/${containerName}'
  }
}

resource workerPullsImages 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, workerIdentity.id, roles.acrPull)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
    principalId: workerIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Scaler: reads the queue length for KEDA (Manage right on this one queue).
resource scalerReadsQueueLength 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(queue.id, scalerIdentity.id, roles.serviceBusDataOwner)
  scope: queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataOwner)
    principalId: scalerIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Operators: the queue and its dead-letter queue (list, replay, purge, invite, revoke, import) and reading the store
// (export, lookup); writing the store only when operatorsCanWriteStore is set.
resource operatorsOwnQueue 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(queue.id, operatorsIdentity.id, roles.serviceBusDataOwner)
  scope: queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataOwner)
    principalId: operatorsIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource operatorsReadStore 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(container.id, operatorsIdentity.id, cosmosRoles.dataReader)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosRoles.dataReader}'
    principalId: operatorsIdentity.properties.principalId
    scope: '${cosmos.id}/dbs/${databaseName}/colls/${containerName}'
  }
}

resource operatorsWriteStore 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = if (operatorsCanWriteStore) {
  parent: cosmos
  name: guid(container.id, operatorsIdentity.id, cosmosRoles.dataContributor)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosRoles.dataContributor}'
    principalId: operatorsIdentity.properties.principalId
    scope: '${cosmos.id}/dbs/${databaseName}/colls/${containerName}'
  }
}

resource operatorsPullImages 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, operatorsIdentity.id, roles.acrPull)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
    principalId: operatorsIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The same operator rights for a group of people running the CLI from their own machines (az login).
resource operatorsGroupOwnsQueue 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorsGroupObjectId)) {
  name: guid(queue.id, operatorsGroupObjectId, roles.serviceBusDataOwner)
  scope: queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataOwner)
    principalId: operatorsGroupObjectId
    principalType: 'Group'
  }
}

resource operatorsGroupReadsStore 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = if (!empty(operatorsGroupObjectId)) {
  parent: cosmos
  name: guid(container.id, operatorsGroupObjectId, cosmosRoles.dataReader)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosRoles.dataReader}'
    principalId: operatorsGroupObjectId
    scope: '${cosmos.id}/dbs/${databaseName}/colls/${containerName}'
  }
}

resource operatorsGroupWritesStore 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = if (!empty(operatorsGroupObjectId) && operatorsCanWriteStore) {
  parent: cosmos
  name: guid(container.id, operatorsGroupObjectId, cosmosRoles.dataContributor)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosRoles.dataContributor}'
    principalId: operatorsGroupObjectId
    scope: '${cosmos.id}/dbs/${databaseName}/colls/${containerName}'
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Apps
// ---------------------------------------------------------------------------------------------------------------

// Sized from the responder's benchmark (responder/README.md): at most 245 MiB resident at 1,000 calls/s with its
// 80 MiB heap, and about 4.8 ms of CPU per call at Entra's 50 calls/s, a quarter of a core; half a core leaves
// twice that. 0.5 vCPU comes with 1 GiB on Container Apps; the sidecar adds 0.25 vCPU and 0.5 GiB.
resource responderApp 'Microsoft.App/containerApps@2025-01-01' = if (deployResponder) {
  name: responderAppName
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${responderIdentity.id}': {}
    }
  }
  dependsOn: [
    responderReadsStore
    responderPullsImages
  ]
  properties: {
    environmentId: containerAppsEnvironment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: responderHttpPort
        transport: 'http'
        allowInsecure: false
      }
      registries: [
        {
          server: registry.properties.loginServer
          identity: responderIdentity.id
        }
      ]
      secrets: logHashKeySecrets
    }
    template: {
      terminationGracePeriodSeconds: 30
      containers: [
        {
          name: 'responder'
          image: '${registry.properties.loginServer}/invitegate-responder:${imageTag}'
          env: responderEnv
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          probes: [
            {
              type: 'Startup'
              httpGet: { path: '/health/live', port: responderAdminPort }
              periodSeconds: 2
              failureThreshold: 30
            }
            {
              type: 'Liveness'
              httpGet: { path: '/health/live', port: responderAdminPort }
              periodSeconds: 10
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: { path: '/health/ready', port: responderAdminPort }
              periodSeconds: 2
              failureThreshold: 2
            }
          ]
        }
        {
          name: 'metrics'
          image: collectorImage
          args: [
            '--config=env:OTELCOL_CONFIG'
          ]
          env: responderCollectorEnv
          resources: {
            cpu: json('0.25')
            memory: '0.5Gi'
          }
        }
      ]
      scale: {
        minReplicas: responderMinReplicas
        maxReplicas: responderMaxReplicas
        rules: [
          {
            name: 'concurrent-calls'
            http: {
              metadata: {
                concurrentRequests: '50'
              }
            }
          }
        ]
      }
    }
  }
}

resource workerApp 'Microsoft.App/containerApps@2025-01-01' = if (deployWorker) {
  name: workerAppName
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${workerIdentity.id}': {}
      '${scalerIdentity.id}': {}
    }
  }
  dependsOn: [
    workerReceivesQueue
    workerWritesStore
    workerPullsImages
    scalerReadsQueueLength
  ]
  properties: {
    environmentId: containerAppsEnvironment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      registries: [
        {
          server: registry.properties.loginServer
          identity: workerIdentity.id
        }
      ]
      secrets: logHashKeySecrets
    }
    template: {
      // Longer than INVITEGATE_WORKER_SHUTDOWN_TIMEOUT_SECONDS (30 by default): a stop drains before the kill.
      terminationGracePeriodSeconds: 45
      containers: [
        {
          name: 'worker'
          image: '${registry.properties.loginServer}/invitegate-sync-worker:${imageTag}'
          env: workerEnv
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          probes: [
            {
              type: 'Startup'
              httpGet: { path: '/health/live', port: workerAdminPort }
              periodSeconds: 2
              failureThreshold: 30
            }
            {
              type: 'Liveness'
              httpGet: { path: '/health/live', port: workerAdminPort }
              periodSeconds: 10
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: { path: '/health/ready', port: workerAdminPort }
              periodSeconds: 5
              failureThreshold: 3
            }
          ]
        }
        {
          name: 'metrics'
          image: collectorImage
          args: [
            '--config=env:OTELCOL_CONFIG'
          ]
          env: workerCollectorEnv
          resources: {
            cpu: json('0.25')
            memory: '0.5Gi'
          }
        }
      ]
      scale: {
        minReplicas: workerMinReplicas
        maxReplicas: workerMaxReplicas
        rules: [
          {
            name: 'queue-length'
            custom: {
              type: 'azure-servicebus'
              identity: scalerIdentity.id
              metadata: {
                namespace: serviceBus.name
                queueName: queueName
                messageCount: string(workerMessagesPerReplica)
              }
            }
          }
        ]
      }
    }
  }
}

// The operators' CLI in Azure: `az containerapp job start -n <job> -g <rg> --args "dlq list"` (docs/deploy.md).
resource operatorsJob 'Microsoft.App/jobs@2025-01-01' = if (deployWorker) {
  name: operatorsJobName
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${operatorsIdentity.id}': {}
    }
  }
  dependsOn: [
    operatorsOwnQueue
    operatorsReadStore
    operatorsPullImages
  ]
  properties: {
    environmentId: containerAppsEnvironment.id
    workloadProfileName: 'Consumption'
    configuration: {
      triggerType: 'Manual'
      replicaTimeout: 3600
      replicaRetryLimit: 0
      manualTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
      }
      registries: [
        {
          server: registry.properties.loginServer
          identity: operatorsIdentity.id
        }
      ]
      secrets: logHashKeySecrets
    }
    template: {
      containers: [
        {
          name: 'operators'
          image: '${registry.properties.loginServer}/invitegate-sync-worker:${imageTag}'
          args: [
            'dlq'
            'list'
          ]
          env: operatorsEnv
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
        }
      ]
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Alerts: what the operations guide says to watch
// ---------------------------------------------------------------------------------------------------------------

resource alertAction 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: 'ag-${baseName}-${environmentName}'
  location: 'global'
  properties: {
    groupShortName: take('ig${environmentName}', 12)
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var alertActions = empty(alertEmail) ? [] : [
  { actionGroupId: alertAction.id }
]

// Sign-ups failing closed: the responder could not read the store (timeouts, throttling, outage).
resource storeFailuresAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: 'alert-${baseName}-store-failures-${environmentName}'
  location: location
  properties: {
    displayName: 'Invite Gate ${environmentName}: responder store failures'
    description: 'invitegate_store_failures_total grew: sign-ups were answered "temporarily unavailable".'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name in ("invitegate_store_failures_total", "invitegate_store_failures") | summarize failures = sum(valueSum)'
          timeAggregation: 'Total'
          metricMeasureColumn: 'failures'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: empty(alertEmail) ? [] : [
        alertAction.id
      ]
    }
  }
}

// Poison events or events that kept failing: the dead-letter queue holds more than the threshold.
resource deadLetterAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-${baseName}-dead-letters-${environmentName}'
  location: 'global'
  properties: {
    description: 'Dead-lettered invitation events on ${queueName}: list them with `dlq list` (docs/deploy.md).'
    severity: 2
    enabled: true
    scopes: [
      serviceBus.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'dead-letters'
          criterionType: 'StaticThresholdCriterion'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                queueName
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: deadLetterAlertThreshold
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: alertActions
  }
}

// The worker not live: its liveness probe failed or it exited (a fatal error), so Container Apps restarted it.
resource workerNotLiveAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = if (deployWorker) {
  name: 'alert-${baseName}-worker-not-live-${environmentName}'
  location: 'global'
  properties: {
    description: 'A sync-worker replica was restarted (liveness failed or fatal exit); see its log for the reason.'
    severity: 1
    enabled: true
    scopes: [
      workerApp.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'restarts'
          criterionType: 'StaticThresholdCriterion'
          metricNamespace: 'Microsoft.App/containerApps'
          metricName: 'RestartCount'
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: alertActions
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Outputs: what the next steps of docs/deploy.md need
// ---------------------------------------------------------------------------------------------------------------

@description('Host name the responder has (or will have) on its external ingress; the Entra registration needs it.')
output responderHost string = '${responderAppName}.${containerAppsEnvironment.properties.defaultDomain}'

@description('Registry to push the images to.')
output registryLoginServer string = registry.properties.loginServer

@description('Registry name, for az acr build.')
output registryName string = registry.name

@description('Service Bus namespace, fully qualified (INVITEGATE_SERVICEBUS_NAMESPACE for the CLI).')
output serviceBusNamespace string = '${serviceBus.name}.servicebus.windows.net'

@description('Cosmos DB endpoint (INVITEGATE_COSMOS_ENDPOINT for the CLI).')
output cosmosEndpoint string = cosmos.properties.documentEndpoint

@description('Container Apps job that runs the operators\' CLI.')
output operatorsJob string = operatorsJobName
