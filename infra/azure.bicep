// TAP Helpdesk in Azure: the bot's identity is a user-assigned managed identity (no password anywhere), it runs on App
// Service (Linux, Node 22 LTS) behind an Azure Bot with the Teams channel, keeps state in Storage, any secret in Key
// Vault, and logs to Application Insights. Deployed by m365agents.yml (arm/deploy); the outputs become env/.env.<env> keys.

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name (letters and digits).')
param resourceBaseName string

@description('App Service plan SKU (B1 is the smallest with Always On).')
param webAppSKU string = 'B1'

@maxLength(42)
@description('Name of the bot in Azure and in the Bot Framework.')
param botDisplayName string

@description('Object id of the Entra group whose members are helpdesk agents (may check others, issue passes). Empty: nobody.')
param helpdeskAgentsGroupId string = ''

@description('Object id of the Entra group whose members are helpdesk admins (connect the channel, read the audit). Empty: nobody.')
param helpdeskAdminsGroupId string = ''

@description('IANA time zone used when Teams does not report one.')
param defaultTimeZone string = 'UTC'

@allowed([
  'F0'
  'S1'
])
@description('Azure Bot SKU: F0 (free) is enough for the Teams channel.')
param botServiceSku string = 'F0'

@description('Days Log Analytics keeps logs.')
param logRetentionInDays int = 30

param location string = resourceGroup().location

// Global names (web app host, storage, key vault) must be unique in Azure: add a hash of the resource group.
var uniqueSuffix = uniqueString(resourceGroup().id, resourceBaseName)
var baseName = toLower(resourceBaseName)
var webAppName = '${baseName}-${take(uniqueSuffix, 6)}'
var storageAccountName = take('${replace(baseName, '-', '')}${uniqueSuffix}', 24)
var keyVaultName = 'kv${take(replace(baseName, '-', ''), 12)}${take(uniqueSuffix, 10)}'
var stateContainerName = 'state'

// Built-in role definition ids.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

// The bot's identity: Bot Framework tokens, Microsoft Graph, Storage and Key Vault all use it; it has no secret.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-identity'
  location: location
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${baseName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: false
  }
}

// State for the scale-out store: blobs only, reached with the managed identity (no account keys, no public access).
resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = {
  parent: blobService
  name: stateContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource storageRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, storageBlobDataContributorRoleId)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
  }
}

// For any secret the bot needs later (e.g. an SSO client secret); access by Azure RBAC, not access policies.
resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource keyVaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
  }
}

resource serverfarm 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: '${baseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSKU
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-01-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node lib/src/index.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        // The deployment uploads lib/ + package.json + lockfile; App Service installs production dependencies on
        // Linux for Node 22, so native modules (better-sqlite3) match the runtime.
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'true'
        }
        {
          name: 'CUSTOM_BUILD_COMMAND'
          value: 'npm ci --omit=dev --no-audit --no-fund'
        }
        {
          name: 'NPM_CONFIG_YES'
          value: 'true'
        }
        // Bot identity: src/config reads these names. No MicrosoftAppPassword: the managed identity has none.
        {
          name: 'MicrosoftAppId'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppTenantId'
          value: identity.properties.tenantId
        }
        // Microsoft Graph with the same managed identity (grant its service principal the README's permissions).
        {
          name: 'GRAPH_BASE_URL'
          value: 'https://graph.microsoft.com'
        }
        {
          name: 'GRAPH_AUTH'
          value: 'app'
        }
        {
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'HELPDESK_AGENTS_GROUP_ID'
          value: helpdeskAgentsGroupId
        }
        {
          name: 'HELPDESK_ADMINS_GROUP_ID'
          value: helpdeskAdminsGroupId
        }
        {
          name: 'DEFAULT_TIME_ZONE'
          value: defaultTimeZone
        }
        // State: the embedded store lives on the persistent /home share until the Azure store adapter lands; the
        // storage account below is where that adapter keeps its documents.
        {
          name: 'STATE_DB_PATH'
          value: '/home/data/state.sqlite'
        }
        {
          name: 'STATE_STORAGE_BLOB_URL'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'STATE_STORAGE_CONTAINER'
          value: stateContainerName
        }
        {
          name: 'KEY_VAULT_URL'
          value: keyVault.properties.vaultUri
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
      ]
    }
  }
}

// Register the web app as a bot: single tenant, identified by the managed identity.
resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${baseName}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Persisted into env/.env.<env> by arm/deploy (names as the toolkit's bot template uses them).
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_AZURE_APP_SERVICE_NAME string = webApp.name
output BOT_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output KEY_VAULT_NAME string = keyVault.name
output STATE_STORAGE_ACCOUNT_NAME string = storage.name
