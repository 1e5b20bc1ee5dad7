// Azure resources for Revisionsuppföljning, deployed into one resource group:
//
//   user-assigned managed identity  the bot's identity towards Teams and the Bot Framework: no password anywhere
//   App Service plan + Web App      Linux, Node 20, runs the compiled `dist/src/server/main.js`; scale out with
//                                   `instanceCount`
//   Storage account                 StorageV2; the app keeps everything in its Tables (state, actions, locks)
//   Azure Bot                       the registration Teams talks to, with the Microsoft Teams channel
//
// Deploy with the M365 Agents Toolkit (`m365agents.yml`, parameters from `main.parameters.json`) or directly:
//   az deployment group create -g <resource group> -f infra/main.bicep -p resourceBaseName=<name>
//
// A bot with a user-assigned managed identity is single-tenant: it serves the Entra tenant the identity lives in,
// which is the tenant of this subscription. If Teams runs in another tenant, use a single-tenant app registration
// instead (README, "Driftsätta i Azure").

@minLength(4)
@maxLength(20)
@description('Start of every resource name: lower-case letters and digits. Names that must be unique in all of Azure get a suffix derived from the resource group.')
param resourceBaseName string

@description('Region of everything but the bot registration, which is global. Default: the resource group\'s region.')
param location string = resourceGroup().location

@description('App Service plan SKU. B1 is the smallest with Always On (needed for reminders); P0v3 or P1v3 for production with autoscale and zone redundancy.')
param appServiceSku string = 'B1'

@minValue(1)
@maxValue(10)
@description('Number of App Service instances. Every instance serves any turn: state, locks and the scheduler\'s lease live in the one storage account.')
param instanceCount int = 1

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
@description('Storage redundancy. ZRS keeps three copies in different zones of the region; GRS/GZRS also copy to the paired region.')
param storageSku string = 'Standard_ZRS'

@maxLength(42)
@description('Name of the bot in the Azure portal. Teams shows the name from the app manifest instead.')
param botDisplayName string = 'Revisionsuppföljning'

@description('Comma list of Entra tenant ids whose users may use the bot (ALLOWED_TENANT_IDS). Default: this subscription\'s tenant, the only one a managed-identity bot can serve.')
param allowedTenantIds string = tenant().tenantId

@description('IANA time zone of the municipality (TIME_ZONE): deadlines and reminders are counted in it.')
param timeZone string = 'Europe/Stockholm'

@description('Comma list of Entra object ids that are admins from the start (ADMIN_AAD_IDS). Empty: grant roles with the CLI.')
param adminAadIds string = ''

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
])
@description('Log level of the app (LOG_LEVEL).')
param logLevel string = 'info'

@description('Client id of the dashboard tab\'s own Entra app registration (TAB_APP_CLIENT_ID), the audience of its Teams SSO tokens; aadApp/create in m365agents.yml makes it. Empty: the tab answers that it is not configured.')
param tabAppClientId string = ''

@description('Tags on every resource, e.g. { "kostnadsställe": "1234" }.')
param tags object = {}

var uniqueSuffix = uniqueString(resourceGroup().id)
// Host names and bot handles are global: <base>-<suffix>, e.g. revuppfdev-3fk2n7x5qhcoa.azurewebsites.net.
var webAppName = '${resourceBaseName}-${uniqueSuffix}'
// Storage account names: 3-24 lower-case letters and digits, unique in all of Azure.
var storageAccountName = take(toLower(replace('${resourceBaseName}${uniqueSuffix}', '-', '')), 24)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-identity'
  location: location
  tags: tags
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The app signs in with the account key in TABLES_CONNECTION_STRING; @azure/data-tables could use the managed
    // identity instead, but the app does not do that yet.
    allowSharedKeyAccess: true
    accessTier: 'Hot'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // No sticky sessions: any instance can take any turn, and the load balancer should spread them.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      // One Node process running the code compiled during deployment (CUSTOM_BUILD_COMMAND below): SIGTERM reaches
      // the app itself, which finishes the turn in flight.
      appCommandLine: 'node dist/src/server/main.js'
      // Reminders and the weekly digest run on a timer inside the app: it must not be unloaded when idle.
      alwaysOn: true
      // App Service takes an instance out of the load balancer while /healthz fails (storage unreachable).
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: [
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppId'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppTenantId'
          value: identity.properties.tenantId
        }
        {
          name: 'ALLOWED_TENANT_IDS'
          value: allowedTenantIds
        }
        {
          name: 'TABLES_CONNECTION_STRING'
          value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
        }
        {
          name: 'TIME_ZONE'
          value: timeZone
        }
        {
          name: 'ADMIN_AAD_IDS'
          value: adminAadIds
        }
        {
          name: 'LOG_LEVEL'
          value: logLevel
        }
        {
          name: 'TAB_APP_CLIENT_ID'
          value: tabAppClientId
        }
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          // Zip deploys upload the sources without node_modules and dist/; App Service installs and builds on Linux.
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'true'
        }
        {
          // Instead of Oryx's default `npm install && npm run build`: the exact versions of the lock file, the
          // TypeScript compiled to dist/ (which needs the dev dependencies), and then the dev dependencies (tsx,
          // Azurite, the compiler) removed again, so that only what runs in production stays on the server.
          name: 'CUSTOM_BUILD_COMMAND'
          value: 'npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev --no-audit --no-fund'
        }
      ]
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: webAppName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: 'F0' // Microsoft Teams is a standard channel: free on F0
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// The Toolkit writes these outputs into env/.env.<environment> under the same names (arm/deploy).
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output AZURE_STORAGE_ACCOUNT_NAME string = storage.name
