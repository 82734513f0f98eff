/**
 * Azure key formats beyond cloud.ts (connection strings, SAS, Entra client secrets, DevOps PATs): 64-byte
 * storage / Cosmos DB / Communication Services keys named in code, AI Search admin keys, API Management
 * subscription keys, Function keys, Event Grid keys, Container Registry passwords and Entra refresh tokens.
 * All examples are generated fakes.
 */
import type { RuleSpec } from '../types';
import { contextRule } from './provider-context';

export const RULES: RuleSpec[] = [
  contextRule({
    id: 'azure-account-key-named',
    kind: 'azure-key',
    title: 'Azure storage / Cosmos DB account key',
    description:
      'A 64-byte Azure account key (88 base64 characters) next to a storage, Cosmos DB or account-key name, outside a ' +
      'connection string. Rotate it in the portal and prefer managed identity / Entra ID auth.',
    keywords: ['azure', 'azurite', 'storage', 'cosmos', 'accountkey', 'account_key', 'account-key', 'accesskey', 'masterkey', 'primarykey', 'primary_key'],
    value: '[A-Za-z0-9+/]{86}==',
    valueEnd: { literal: '==', length: 88 },
    entropy: 4.5,
    needsCredentialWord: false,
    examples: {
      positive: [
        'public static final String DEFAULT_ACCOUNT_KEY\n    = "ESutRv6FdWtu0WeKvOWaoJ9bziz9EgeWQsAgOJKqRGYl46tTlRQYOkhbTOf402qvUu7yvE9NrXn7cUo8GuyxQA==";',
        'cosmosKey: 3g/qDnGmOTj8HOmt/ngA7D17TqxseGXQpibKEJ8SKoF5maZKxfLmbMosVqd55HwE8SM3xrO8tj8rDR1WhscsIG==',
        'AzureStorageCleanup.exe -storagename acme -storagekey ESutRv6FdWtu0WeKvOWaoJ9bziz9EgeWQsAgOJKqRGYl46tTlRQYOkhbTOf402qvUu7yvE9NrXn7cUo8GuyxQA==',
      ],
      negative: ['STORAGE_KEY=ESutRv6FdWtu0WeKvOWaoJ9bziz9EgeWQsAgOJKqRGYl46tTlRQYOkhbTOf402qvUu7yvE9NrXn7cU==', 'storage_checksum = "sha512-ESutRv6FdWtu0WeKvOWaoJ9bziz9EgeWQsAgOJKqRGYl46tTlRQYOkhbTOf402qvUu7yvE9NrXn7cUo8GuyxQA=="'],
    },
  }),
  contextRule({
    id: 'azure-search-admin-key',
    kind: 'azure-key',
    title: 'Azure AI Search admin or query key',
    description: 'An Azure AI (Cognitive) Search API key (52 characters) next to an Azure or search-service name. Regenerate it under Keys.',
    keywords: ['azure', 'search.windows.net', 'searchservice', 'search_service', 'search_admin', 'search-admin', 'searchadmin', 'search_api', 'search-api'],
    value: '[A-Za-z0-9]{52}',
    entropy: 4,
    examples: {
      positive: ['azure:\n  azureKey: 56LoqRyIgUp6ZAvuQyAMqsEkvrVr8v8HZj0SJ2fAsoe2us6E63Av', 'AZURE_SEARCH_ADMIN_KEY=vjG9idwqE6anQC7MlhKEOcdIjXWohhMqjtvjRDBteVAzSeDpGJ9b'],
      negative: ['AZURE_SEARCH_INDEX=56LoqRyIgUp6ZAvuQyAMqsEkvrVr8v8HZj0SJ2fAsoe2us6E63Av', 'AZURE_SEARCH_ADMIN_KEY=56LoqRyIgUp6ZAvuQyAMqsEkvrVr8v8HZj0SJ2fAsoe2us6E6'],
    },
  }),
  contextRule({
    id: 'azure-apim-subscription-key',
    kind: 'azure-key',
    title: 'Azure API Management subscription key',
    description: 'An Azure API Management subscription key (32 characters) next to an APIM name or header. Regenerate it in the APIM instance.',
    keywords: ['apim', 'azure-api.net', 'api_management', 'apimanagement', 'api-management'],
    value: '[A-Za-z0-9_-]{32}',
    entropy: 3,
    examples: {
      positive: ['AZURE_API_MANAGEMENT_SUBSCRIPTION_KEY=d7bd7f6e4c8ceb7e08c6fc66d1de6695', "headers: { 'Ocp-Apim-Subscription-Key': 'd7bd7f6e4c8ceb7e08c6fc66d1de6695' }"],
      negative: ['AZURE_API_MANAGEMENT_GATEWAY_URL=https://acme.azure-api.net', 'APIM_SUBSCRIPTION_ID=d7bd7f6e4c8ceb7e08c6fc66d1de66'],
    },
  }),
  contextRule({
    id: 'azure-function-key',
    kind: 'azure-key',
    title: 'Azure Functions access key',
    description: 'An Azure Functions function/host key (`?code=` on an azurewebsites.net URL, or an x-functions-key value). Renew it under App keys.',
    keywords: ['azurewebsites.net', 'x-functions-key', 'functionkey', 'function_key', 'functions_key'],
    value: '[A-Za-z0-9_-]{40,60}={0,2}',
    entropy: 4,
    needsCredentialWord: false,
    examples: {
      positive: ['FUNC_URL=https://acme-fn.azurewebsites.net/api/HttpTrigger1?code=Y5omHcHkCqE7Bs1p-MQdxSE06TDQ8CtkEZPyNyiNuLwh3w21qxhwTo==', "headers: { 'x-functions-key': 'Y5omHcHkCqE7Bs1p-MQdxSE06TDQ8CtkEZPyNyiNuLwh3w21qxhwTo==' }"],
      negative: ['FUNC_URL=https://acme-fn.azurewebsites.net/api/HttpTrigger1', 'https://acme-fn.azurewebsites.net/api/Y5omHcHkCqE7Bs1p-MQdxSE06TDQ8CtkEZPyNyiNuLwh3w21qxhwTo'],
    },
  }),
  contextRule({
    id: 'azure-event-grid-key',
    kind: 'azure-key',
    title: 'Azure Event Grid access key',
    description: 'An Azure Event Grid topic/domain access key (44 base64 characters) next to an Event Grid name or the aeg-sas-key header.',
    keywords: ['aeg-sas-key', 'eventgrid', 'event_grid', 'event-grid'],
    value: '[A-Za-z0-9+/]{43}=',
    entropy: 4,
    needsCredentialWord: false,
    examples: {
      positive: ['EVENTGRID_TOPIC_KEY=lAWQcRBr8OEmuJT0GDFxHuZ1Qof3UisVlGuKAyWHl6l=', "headers: { 'aeg-sas-key': 'lAWQcRBr8OEmuJT0GDFxHuZ1Qof3UisVlGuKAyWHl6l=' }"],
      negative: ['EVENTGRID_TOPIC_ENDPOINT=https://acme.westeurope-1.eventgrid.azure.net/api/events', 'EVENTGRID_TOPIC_KEY=lAWQcRBr8OEmuJT0GDFxHuZ1Qof3UisVlGu='],
    },
  }),
  {
    id: 'azure-container-registry-password',
    kind: 'azure-key',
    severity: 'error',
    title: 'Azure Container Registry password',
    description: 'An Azure Container Registry access key or token password (52 characters with the +ACR marker). Regenerate it under Access keys.',
    keywords: ['+acr'],
    pattern: /(?:^|[^A-Za-z0-9+/])(?<secret>[A-Za-z0-9+/]{42}\+ACR[A-Za-z0-9]{6})(?![A-Za-z0-9+/=])/,
    entropy: 4,
    examples: {
      positive: ['docker login acme.azurecr.io -u acme -p RU7M5E1Gfyi0cXMvyh9kAM61Aw1PP/Ov1tfTblg4YQ+ACRcvIgyh'],
      negative: ['ACR_NAME=acme+ACR', 'ACR_PASSWORD=RU7M5E1Gfyi0cXMvyh9kAM61Aw1PP+ACRcvIgyh'],
    },
  },
  {
    id: 'azure-entra-refresh-token',
    kind: 'azure-key',
    severity: 'error',
    title: 'Microsoft Entra ID refresh token',
    description: 'A Microsoft Entra ID (Azure AD) refresh token (`0.A…`/`1.A…` then `.AgAB…`). It mints access tokens for days; revoke the user\'s sessions.',
    keywords: ['.agab'],
    pattern: /(?:^|[^A-Za-z0-9_.-])(?<secret>[01]\.A[A-Za-z0-9_-]{40,400}\.AgAB[A-Za-z0-9_.-]{100,3000})(?![A-Za-z0-9_.-])/,
    entropy: 4.5,
    examples: {
      positive: ['"refresh_token": "0.AS_5FcjbIVuxZs3f_WyEgfzoMx1ppoL2_bbV3mL6lWLjIdRKkqkN3y7lkzgU2.AgABAAAAAADepuLZfya3YZtQF96kN0zRCru6xK7V0_3GVWuBWRPFpEtlh24sd6m7BeaLz8yrobr8-HEuE5z12wGmkX8zXRA6MR8o0hnKOkqFe-X-ORPKkJgDyVfd-pv9xp"'],
      negative: ['"refresh_token": "0.AS_5FcjbIVuxZs3f.AgAB"', 'version 1.A.AgAB'],
    },
  },
];
