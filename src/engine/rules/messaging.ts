/**
 * Messaging, e-mail, SMS and social providers: Twitter/X, Facebook, Vonage (Nexmo), Telnyx, Plivo, MessageBird,
 * Postmark, SparkPost, Mandrill. Keys without a prefix are found next to the provider's name (contextRule).
 * All examples are generated fakes.
 */
import type { RuleSpec } from '../types';
import { shannonEntropy } from '../entropy';
import { contextRule } from './provider-context';

export const RULES: RuleSpec[] = [
  {
    id: 'twitter-bearer-token',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Twitter/X app bearer token',
    description: 'A Twitter/X app-only bearer token (a run of `A`s, then URL-encoded base64). Regenerate it in the developer portal.',
    keywords: ['aaaaaaaaaaaaaaaaaaaaa'],
    pattern: /(?:^|[^A-Za-z0-9%])(?<secret>A{20,24}[A-Za-z0-9][A-Za-z0-9%]{50,160})(?![A-Za-z0-9%])/,
    // The leading `A`s are constant: judge the randomness of the rest.
    validate: (secret) => shannonEntropy(secret.replace(/^A+/, '')) >= 4,
    examples: {
      positive: ['TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAA6OoCYSAAAAAAArt5ZGXHONfNVbqpt9skQSGl%4DCPJCT%xaSKXIj9HLjxswuVf7E3SnwihAew'],
      negative: ['TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAA...'],
    },
  },
  contextRule({
    id: 'twitter-consumer-secret',
    title: 'Twitter/X API key secret',
    description: 'A Twitter/X API (consumer) secret: 50 characters next to a Twitter name. Regenerate the app keys.',
    keywords: ['twitter', 'twttr'],
    value: '[A-Za-z0-9]{50}',
    entropy: 4,
    examples: {
      positive: ['TWITTER_CONSUMER_SECRET=g6r2D1yhLxHT8BAJLFdTKynbFetW2sTaFa7K5iM9Gbj2HmGcjg', "twitter:\n  api_secret: 'g6r2D1yhLxHT8BAJLFdTKynbFetW2sTaFa7K5iM9Gbj2HmGcjg'"],
      negative: ['TWITTER_CONSUMER_SECRET=g6r2D1yhLxHT8BAJLFdTKynbFetW2sTaFa7K5iM9Gbj2HmGc', 'twitter_handle = "g6r2D1yhLxHT8BAJLFdTKynbFetW2sTaFa7K5iM9Gbj2HmGcjg"'],
    },
  }),
  contextRule({
    id: 'twitter-consumer-key',
    title: 'Twitter/X API key',
    description: 'A Twitter/X API (consumer) key: 25 characters next to a Twitter name. It identifies the app; rotate it with its secret.',
    keywords: ['twitter', 'twttr'],
    value: '[A-Za-z0-9]{25}',
    entropy: 3.8,
    severity: 'warning',
    examples: {
      positive: ['TWITTER_API_KEY=uf6gmWOUOS40EmFVgQmlDgKHV', 'twitterConsumerKey: "KcD79cciUCsKbnKYxuATM8C8U"'],
      negative: ['TWITTER_API_KEY=uf6gmWOUOS40EmFVgQmlDgKH', 'TWITTER_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAA'],
    },
  }),
  contextRule({
    id: 'twitter-access-token',
    title: 'Twitter/X user access token',
    description: 'A Twitter/X OAuth 1.0a access token (`<user id>-<random>`) next to a Twitter name.',
    keywords: ['twitter', 'twttr'],
    value: '[0-9]{6,20}-[A-Za-z0-9]{20,40}',
    entropy: 3.5,
    examples: {
      positive: ['TWITTER_ACCESS_TOKEN=069386180737244563-LlXWyX8fCegpwIxHsI6cCkmKhLDVQIR'],
      negative: ['TWITTER_ACCESS_TOKEN=069386180737244563', 'twitter_status_url = "069386180737244563-LlXWyX8fCegpwIxHsI6cCkmKhLDVQIR"'],
    },
  }),
  {
    id: 'facebook-access-token',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Facebook/Meta access token',
    description: 'A Facebook Graph API user, page or system-user access token (EAA…). Revoke it in Meta for Developers.',
    keywords: ['eaa'],
    pattern: /(?:^|[^A-Za-z0-9_-])(?<secret>EAA[A-Za-z0-9]{100,400})(?![A-Za-z0-9_-])/,
    entropy: 4.5,
    examples: {
      positive: ['FB_PAGE_TOKEN=EAAGjc55hvHV5F7rIWC3VrO22CGZtVpY75HVjBV1xGFVGwPUWsVTHUyVzqKJFS5SVUGy83JTRxpCskPjpxqduMm0Rynkyyy4zVAPEBsmQCTs9PP8fezQbgC3B0oQupo28PH9GjMQVDhJwRxof29cqH2DMT'],
      negative: ['SQUARE_ACCESS_TOKEN=EAAAOoTpR442jx-aTIyO18GVRrywzbl5G2ornU4sOs1zlj5b_gyacOwtHdt-v4z6', 'FB_PAGE_TOKEN=EAAG'],
    },
  },
  contextRule({
    id: 'facebook-app-secret',
    title: 'Facebook/Meta app secret',
    description: 'A Facebook/Meta app secret (32 hex) next to a Facebook or Meta name. Reset it under App settings > Basic.',
    keywords: ['facebook', 'fb_app', 'fb_secret', 'fbapp', 'meta_app'],
    value: '[a-f0-9]{32}',
    examples: {
      positive: ['FACEBOOK_APP_SECRET=64e3a79f1ae81d40a187fa286c7fa5b7', "'facebook' => ['client_secret' => 'dd1e5927330b9e16c7fdbb777c6d3626']"],
      negative: ['FACEBOOK_APP_ID=1234567890123456', 'facebook_pixel_hash = "64e3a79f1ae81d40a187fa286c7fa5b7"'],
    },
  }),
  contextRule({
    id: 'vonage-api-secret',
    title: 'Vonage (Nexmo) API secret',
    description: 'A Vonage/Nexmo API secret (16 characters) next to a Vonage or Nexmo name. Rotate it in the Vonage dashboard.',
    keywords: ['vonage', 'nexmo'],
    value: '[A-Za-z0-9]{16}',
    entropy: 3.2,
    examples: {
      positive: ['NEXMO_API_SECRET=HXMtniqVM0ob0CQU', 'vonage:\n  api_key: 4f1c22ab\n  api_secret: "HXMtniqVM0ob0CQU"'],
      negative: ['NEXMO_API_KEY=4f1c22ab', 'VONAGE_API_SECRET=HXMtniqVM0ob0CQUxyz'],
    },
  }),
  {
    id: 'telnyx-api-key',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Telnyx API key',
    description: 'A Telnyx API v2 key (KEY0… with an underscore-separated secret). Delete it in the Telnyx portal.',
    keywords: ['key0'],
    pattern: /\b(?<secret>KEY0[0-9A-F]{32}_[A-Za-z0-9]{22})(?![A-Za-z0-9_-])/,
    entropy: 3.5,
    examples: {
      positive: ['TELNYX_API_KEY=KEY0C29E928A5C99ADACF3E7E12A9D402F56_holJhh2rrc43i4ht4Ad3vd'],
      negative: ['TELNYX_API_KEY=KEY0C29E928A5C99ADACF3E7E12A9D402F56', 'KEY01234'],
    },
  },
  contextRule({
    id: 'plivo-auth-token',
    title: 'Plivo auth token',
    description: 'A Plivo auth token (40 characters) next to a Plivo name. Regenerate it in the Plivo console.',
    keywords: ['plivo'],
    value: '[A-Za-z0-9]{40}',
    entropy: 3.8,
    examples: {
      positive: ['PLIVO_AUTH_TOKEN=N1TXax0YfnrlAZ9uw3kFkdipc8lVifuVzcxxiynC', 'plivo_auth_token: "N1TXax0YfnrlAZ9uw3kFkdipc8lVifuVzcxxiynC"'],
      negative: ['PLIVO_AUTH_ID=MAXXY1234567890ABCDE', 'PLIVO_AUTH_TOKEN=N1TXax0YfnrlAZ9uw3kFkdipc8lVifuVzcxxiy'],
    },
  }),
  contextRule({
    id: 'messagebird-access-key',
    title: 'MessageBird (Bird) access key',
    description: 'A MessageBird REST access key (25 characters) next to a MessageBird name. Remove it in the dashboard.',
    keywords: ['messagebird', 'message_bird', 'message-bird'],
    value: '[A-Za-z0-9]{25}',
    entropy: 3.8,
    examples: {
      positive: ['MESSAGEBIRD_ACCESS_KEY=KcD79cciUCsKbnKYxuATM8C8U', "messagebird_key: 'KcD79cciUCsKbnKYxuATM8C8U'"],
      negative: ['MESSAGEBIRD_ACCESS_KEY=KcD79cciUCsKbnKYxuATM8C8', 'messagebird_originator = "KcD79cciUCsKbnKYxuATM8C8U"'],
    },
  }),
  contextRule({
    id: 'postmark-server-token',
    title: 'Postmark server or account token',
    description: 'A Postmark server/account API token (a UUID) next to a Postmark name. Regenerate it under API Tokens.',
    keywords: ['postmark'],
    value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    examples: {
      positive: ['POSTMARK_SERVER_TOKEN=bb8a4b6c-83b3-fcde-52ba-e3e35916ef3f', "// Postmark server token\nconst client = new postmark.ServerClient('bedfeeab-528d-a440-f301-b8f6deb9a107');"],
      negative: ['postmark_message_id: "bb8a4b6c-83b3-fcde-52ba-e3e35916ef3f"', 'POSTMARK_SERVER_TOKEN=bb8a4b6c-83b3-fcde-52ba'],
    },
  }),
  contextRule({
    id: 'sparkpost-api-key',
    title: 'SparkPost API key',
    description: 'A SparkPost API key (40 hex) next to a SparkPost name. Delete it under Account > API Keys.',
    keywords: ['sparkpost'],
    value: '[a-f0-9]{40}',
    examples: {
      positive: ['SPARKPOST_API_KEY=5795558ec34d5e4ecc06969e5bf5406804788cc7', "sparkpost_key: '17ae5ab958f0cbf136014e054cd8aa88d13e567f'"],
      negative: ['sparkpost_commit = "5795558ec34d5e4ecc06969e5bf5406804788cc7"', 'SPARKPOST_API_KEY=5795558ec34d5e4ecc06969e5bf54068'],
    },
  }),
  contextRule({
    id: 'mandrill-api-key',
    title: 'Mandrill (Mailchimp Transactional) API key',
    description: 'A Mandrill API key (22 characters, or md-…) next to a Mandrill name. Delete it in Mandrill settings.',
    keywords: ['mandrill'],
    value: '(?:md-)?[A-Za-z0-9_-]{22}',
    entropy: 3.5,
    examples: {
      positive: ['MANDRILL_API_KEY=80dkC7zKqyt6H2nRYJxyhP', "mandrill_api_key: 'md-80dkC7zKqyt6H2nRYJxyhP'"],
      negative: ['MANDRILL_API_KEY=80dkC7zKqyt6H2nRYJxy', 'mandrill_template = "80dkC7zKqyt6H2nRYJxyhP"'],
    },
  }),
];
