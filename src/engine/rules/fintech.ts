/**
 * Payments, banking and crypto providers not covered by payments.ts: Coinbase, Paystack, GoCardless, Wise.
 * All examples are generated fakes.
 */
import type { RuleSpec } from '../types';
import { contextRule } from './provider-context';

export const RULES: RuleSpec[] = [
  contextRule({
    id: 'coinbase-api-secret',
    title: 'Coinbase API secret',
    description: 'A Coinbase (legacy) API secret (32 characters) next to a Coinbase name. Delete the API key in Coinbase settings.',
    keywords: ['coinbase'],
    value: '[A-Za-z0-9]{32}',
    entropy: 4,
    examples: {
      positive: ['COINBASE_API_SECRET=6XLrMdyfKqYE2XPbyOHLgOpDIC51caTv', 'coinbase:\n  api_secret: 6XLrMdyfKqYE2XPbyOHLgOpDIC51caTv'],
      negative: ['COINBASE_API_KEY=Me7tzcfrLHSID07S', 'coinbase_order_ref = "6XLrMdyfKqYE2XPbyOHLgOpDIC51caTv"'],
    },
  }),
  {
    id: 'coinbase-cdp-api-key-name',
    kind: 'other-provider-token',
    severity: 'warning',
    title: 'Coinbase Developer Platform API key name',
    description: 'A Coinbase CDP API key name (organizations/…/apiKeys/…); its EC private key is usually next to it. Delete the key in the CDP portal.',
    keywords: ['/apikeys/'],
    pattern: /(?<secret>organizations\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/apiKeys\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-f-])/,
    // A key name alone is not secret; it matters when a private key sits in the same file.
    fileContext: /PRIVATE KEY-----/,
    examples: {
      positive: ['{"name": "organizations/bb8a4b6c-83b3-fcde-52ba-e3e35916ef3f/apiKeys/bedfeeab-528d-a440-f301-b8f6deb9a107", "privateKey": "-----BEGIN EC PRIVATE KEY-----\\n…"}'],
      negative: ['{"name": "organizations/bb8a4b6c-83b3-fcde-52ba-e3e35916ef3f/apiKeys/bedfeeab-528d-a440-f301-b8f6deb9a107"}'],
    },
  },
  {
    id: 'paystack-secret-key',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Paystack secret key',
    description: 'A Paystack live or test secret key (sk_live_/sk_test_ + 40 hex). Regenerate it under Settings > API Keys.',
    keywords: ['sk_live_', 'sk_test_'],
    pattern: /\b(?<secret>sk_(?:live|test)_[a-f0-9]{40})(?![A-Za-z0-9_])/,
    entropy: 3.3,
    examples: {
      positive: ['PAYSTACK_SECRET_KEY=sk_live_8a78b2bdeb86ab2c9c7f45b358efe2304311cd52'],
      negative: ['PAYSTACK_PUBLIC_KEY=pk_live_8a78b2bdeb86ab2c9c7f45b358efe2304311cd52', 'PAYSTACK_SECRET_KEY=sk_live_0000000000000000000000000000000000000000'],
    },
  },
  contextRule({
    id: 'gocardless-access-token',
    title: 'GoCardless access token',
    description: 'A GoCardless live or sandbox access token (live_/sandbox_ + 40) next to a GoCardless name.',
    keywords: ['gocardless', 'go_cardless'],
    value: '(?:live|sandbox)_[A-Za-z0-9_-]{40}',
    entropy: 4,
    needsCredentialWord: false,
    examples: {
      positive: ['GOCARDLESS_ACCESS_TOKEN=live_NXhY0LML6kZ-DwKiFrnFOKOwNKz9jj_vRFe8rjmO'],
      negative: ['GOCARDLESS_ENVIRONMENT=live', 'GOCARDLESS_ACCESS_TOKEN=live_NXhY0LML6kZ'],
    },
  }),
  contextRule({
    id: 'wise-api-token',
    title: 'Wise (TransferWise) API token',
    description: 'A Wise personal or business API token (a UUID) next to a Wise/TransferWise name. Revoke it under Settings > API tokens.',
    keywords: ['wise_', 'wise-', 'wiseapi', 'transferwise'],
    value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    examples: {
      positive: ['WISE_API_TOKEN=bb8a4b6c-83b3-fcde-52ba-e3e35916ef3f', 'transferwise:\n  token: "bedfeeab-528d-a440-f301-b8f6deb9a107"'],
      negative: ['WISE_PROFILE_ID=bb8a4b6c-83b3-fcde-52ba-e3e35916ef3f', 'likewise_token_count = 3'],
    },
  }),
];
