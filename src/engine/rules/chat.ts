/**
 * Chat and notification platforms: Slack, Discord, Telegram, Microsoft Teams, Google Chat.
 * All example secrets below are generated fakes.
 */
import { shannonEntropy } from '../entropy';
import type { RuleSpec } from '../types';

/** The last path segment of a webhook URL is its secret; reject `XXXX` / repeated placeholders. */
const randomTail = (min: number) => (url: string): boolean => {
  const tail = url.slice(url.lastIndexOf('/') + 1);
  return shannonEntropy(tail) >= min && !/x{4,}/i.test(tail);
};

/** Discord bot tokens start with the base64 of the bot's numeric user id. */
function discordIdSegment(token: string): boolean {
  const first = token.slice(0, token.indexOf('.'));
  const decoded = Buffer.from(first.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
  return /^\d{17,20}$/.test(decoded);
}

export const RULES: RuleSpec[] = [
  {
    id: 'slack-bot-token',
    kind: 'slack-token',
    severity: 'error',
    title: 'Slack bot token',
    description: 'A Slack bot user OAuth token (xoxb-). Anyone holding it can post and read as the bot; revoke it in the Slack app settings.',
    keywords: ['xoxb-'],
    pattern: /\b(?<secret>xoxb-\d{8,14}-(?:\d{8,14}(?:-[A-Za-z0-9]{16,40})?|[A-Za-z0-9]{16,40}))(?![A-Za-z0-9-])/,
    examples: {
      positive: [
        'SLACK_BOT_TOKEN=xoxb-35807992158-0417897846401-vQuNQOmeN771HHocRGWsDeek',
        'client = WebClient(token="xoxb-054125625154-023112798711-v3LVYzWziEVVjMyEjmYCyqnV")',
        'bot-token=xoxb-49231450758-1695821030148',
      ],
      negative: ['SLACK_BOT_TOKEN=xoxb-your-token-here', 'SLACK_BOT_TOKEN=xoxb-'],
    },
  },
  {
    id: 'slack-user-token',
    kind: 'slack-token',
    severity: 'error',
    title: 'Slack user token',
    description: 'A Slack user OAuth token (xoxp-) that acts with the full rights of the user who installed the app.',
    keywords: ['xoxp-'],
    pattern: /\b(?<secret>xoxp-\d{8,14}-\d{8,14}-\d{8,14}-[A-Za-z0-9]{24,40})(?![A-Za-z0-9-])/,
    entropy: 3,
    examples: {
      positive: ['user-token="xoxp-42339205141-5714195580440-8275159238879-ab18a5bb49324be71e597443177ca4b9"'],
      negative: ['user-token="xoxp-07476756070-7107375562916"', 'token: xoxp-xxxxxxxxxx-xxxxxxxxxxxx'],
    },
  },
  {
    id: 'slack-legacy-token',
    kind: 'slack-token',
    severity: 'error',
    title: 'Slack legacy or workspace token',
    description: 'A Slack workspace/legacy token (xoxa-, xoxo-, xoxr-, xoxs-).',
    keywords: ['xoxa-', 'xoxo-', 'xoxr-', 'xoxs-'],
    pattern: /\b(?<secret>xox[aors]-(?:\d-)?\d{8,14}-[A-Za-z0-9]{8,14}(?:-[A-Za-z0-9]{8,64}){0,2})(?![A-Za-z0-9-])/,
    examples: {
      positive: ['token="xoxa-19472988384-6181956623754"', 'SLACK_TOKEN=xoxs-1434787081-260937573349-207317444535-6d94f61997f01e5fe25ed000f98ee5247abd35a2a6e3332e4c4fd4ca90e95368'],
      negative: ['token="xoxa-XXXXXXXX"', 'see https://api.slack.com/authentication/token-types#xoxa-'],
    },
  },
  {
    id: 'slack-config-token',
    kind: 'slack-token',
    severity: 'error',
    title: 'Slack configuration / rotating token',
    description: 'A Slack app configuration or rotating refresh token (xoxe.xoxp-, xoxe.xoxb-, xoxe-).',
    keywords: ['xoxe.', 'xoxe-'],
    pattern: /\b(?<secret>xoxe(?:\.xox[bp])?-\d-[A-Za-z0-9]{140,200})(?![A-Za-z0-9-])/,
    entropy: 3.5,
    examples: {
      positive: ['SLACK_CONFIG_TOKEN=xoxe.xoxp-1-DAZBQEB54H3UD1U1NM7ITDQ5PX96U0G1PO9QHW4DK77LNI0VSV7L3CMWNFJN5SF3OD4NJUOF19CNMXQCWM1H8947ZYWLHWZ7RRV5QF92UWAIS4DE0AGDU9KXUVFF2EM5HS31QPEX0MW9TB9L14RJ3BF3E8E3BD4L1EVTVW', 'refresh_token: xoxe-1-Rpr4pDndtw9U2CzIqgqmMRx6VDdzwb0fMd3nPZG50bqd2FnZDeBedFhmpsEI0gV6N0GagT0bZKuspdmJzv4I09SGobnl47lQf7dmNsWamv6qSEHuSsqKKO6nJNq5gG4wbf066t0tfcvYD1Tk5b'],
      negative: ['SLACK_CONFIG_TOKEN=xoxe.xoxp-1-OJ80FWYVAHQCFRR0IZMY27JCKCTR6C0XRM7364CN'],
    },
  },
  {
    id: 'slack-app-token',
    kind: 'slack-token',
    severity: 'error',
    title: 'Slack app-level token',
    description: 'A Slack app-level token (xapp-), used for Socket Mode connections.',
    keywords: ['xapp-'],
    pattern: /\b(?<secret>xapp-\d-[A-Z0-9]{9,12}-\d{10,14}-[A-Za-z0-9]{32,80})(?![A-Za-z0-9-])/,
    entropy: 3,
    examples: {
      positive: ['SLACK_APP_TOKEN=xapp-1-AG6D7980WZG-7260291549405-f824837f7c0fdd1f3c946ada07e4a84da750b5aeb0676b6816f392b303681cca'],
      negative: ['SLACK_APP_TOKEN=xapp-1-XXXXXXXXXXX-0000000000000'],
    },
  },
  {
    id: 'slack-webhook-url',
    kind: 'slack-webhook',
    severity: 'error',
    title: 'Slack incoming webhook URL',
    description: 'A Slack incoming webhook URL. Anyone with the URL can post to the channel; regenerate it in the Slack app settings.',
    keywords: ['hooks.slack.com/services/'],
    pattern: /(?<secret>https?:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32})(?![A-Za-z0-9])/,
    validate: randomTail(3),
    examples: {
      positive: [
        'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/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',
        'requests.post("https://hooks.slack.com/services/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", json=payload)',
      ],
      negative: [
        'webhook: https://hooks.slack.com/services/TXXXXX/BXXXXX/XXXXXXXXXX',
        'webhook: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      ],
    },
  },
  {
    id: 'slack-workflow-webhook-url',
    kind: 'slack-webhook',
    severity: 'error',
    title: 'Slack workflow webhook URL',
    description: 'A Slack Workflow Builder webhook / trigger URL.',
    keywords: ['hooks.slack.com/workflows/', 'hooks.slack.com/triggers/'],
    pattern: /(?<secret>https?:\/\/hooks\.slack\.com\/(?:workflows|triggers)\/T[A-Z0-9]{6,12}\/A[A-Z0-9]{6,12}\/\d{8,20}\/[A-Za-z0-9]{24,40})(?![A-Za-z0-9])/,
    validate: randomTail(3),
    examples: {
      positive: ['url: "https://hooks.slack.com/triggers/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"'],
      negative: ['url: "https://hooks.slack.com/workflows/T0000/A0000/123/abc"'],
    },
  },
  {
    id: 'discord-bot-token',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Discord bot token',
    description: 'A Discord bot token near a Discord reference. Reset it in the Discord developer portal.',
    keywords: ['discord', 'bot '],
    pattern: /(?:^|[^A-Za-z0-9_.-])(?<secret>[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40})(?![A-Za-z0-9_.-])/,
    spanLines: 2,
    entropy: 4,
    validate: discordIdSegment,
    examples: {
      positive: ['DISCORD_BOT_TOKEN="NzY2MzMzNjE4NDcxMjYxNDU5MA.cZgvft.c8RNEpqyeA6xMxMYqbpuMVDFia4V4HtaI8CasN"', "headers: { Authorization: 'Bot MTYxNzk3Mzg4Mjk5NDIzNjcwOA.eCFTRI.dS9a2cnFRrHnpaiGTaGPmLiRA4ciVUHZkqTozd' }"],
      negative: [
        'DISCORD_BOT_TOKEN="MTIzNDU2Nzg5MDEyMzQ1Njc4.XXXXXX.XXXXXXXXXXXXXXXXXXXXXXXXXXX"',
        'discord client id: "ABCDEFGHIJKLMNOPQRSTUVWX.abcdef.abcdefghijklmnopqrstuvwxyz0"',
      ],
    },
  },
  {
    id: 'discord-webhook-url',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Discord webhook URL',
    description: 'A Discord channel webhook URL with its token; anyone with it can post to the channel.',
    keywords: ['discord'],
    pattern: /(?<secret>https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,68})(?![A-Za-z0-9_-])/,
    validate: randomTail(4),
    examples: {
      positive: ['DISCORD_WEBHOOK=https://discord.com/api/webhooks/5190405182094060147/MwJmFyZqJr6bdUKwY9XWmv6eYQRnUczCn3_6mTJAHgQHB548k-hwuoXQJRfRCms6LyA6'],
      negative: ['DISCORD_WEBHOOK=https://discord.com/api/webhooks/123456789012345678/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'see https://discord.com/developers/docs/resources/webhook'],
    },
  },
  {
    id: 'telegram-bot-token',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Telegram bot token',
    description: 'A Telegram Bot API token (numeric bot id, colon, 35-character secret). Revoke it with @BotFather.',
    keywords: [':aa'],
    pattern: /(?:^|[^A-Za-z0-9_])(?<secret>\d{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/,
    entropy: 3.5,
    examples: {
      positive: ['TELEGRAM_BOT_TOKEN=7233416092:AAiDlFx0rkIc761vq6-IHlQVTaE3Fn3coV-', 'bot = telebot.TeleBot("711461122:AAKDFbyw2I69Byct9fIaLpLfQyaRiYqEv3z")'],
      negative: ['TELEGRAM_BOT_TOKEN=123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'time 12:AA not a token'],
    },
  },
  {
    id: 'teams-incoming-webhook-url',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Microsoft Teams incoming webhook URL',
    description: 'A Microsoft Teams (Office 365 connector) incoming webhook URL.',
    keywords: ['webhook.office.com', 'outlook.office.com/webhook'],
    // Ids are GUIDs and a hex hash in practice; any id characters are accepted, the URL shape is what identifies it.
    pattern: /(?<secret>https:\/\/(?:[A-Za-z0-9-]{1,60}\.webhook|outlook)\.office\.com\/webhook(?:b2)?\/[A-Za-z0-9-]{36}@[A-Za-z0-9-]{36}\/IncomingWebhook\/[A-Za-z0-9]{32}\/[A-Za-z0-9-]{36}(?:\/[A-Za-z0-9_-]{20,80})?)(?![A-Za-z0-9_-])/,
    examples: {
      positive: ['TEAMS_WEBHOOK="https://contoso.webhook.office.com/webhookb2/385af2ef-2b0f-44ed-ae35-618c0d53c418@adcf2797-a2db-4c76-a830-08495489813d/IncomingWebhook/804540861b57f283081e6cb541e7b906/c08ddba1-8fb0-4b87-ac4b-ee357d5e945b/V2vZ7ElhP2UxdRKVWhF6vJd1CBKK4dcc3M5sGNp-jWSaZ"'],
      negative: ['TEAMS_WEBHOOK="https://contoso.webhook.office.com/webhookb2/<group>@<tenant>/IncomingWebhook/<id>/<owner>"'],
    },
  },
  {
    id: 'teams-workflow-webhook-url',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Microsoft Teams / Power Automate workflow URL',
    description: 'A Power Automate (Teams Workflows) HTTP trigger URL with its signature; anyone with it can trigger the flow.',
    keywords: ['logic.azure.com', 'powerplatform.com'],
    // Logic Apps hosts, and the Power Platform hosts that Teams Workflows moved to.
    pattern: /(?<secret>https:\/\/[a-z0-9.-]{1,120}\.(?:logic\.azure\.com|environment\.api\.powerplatform\.com)(?::443)?\/(?:powerautomate\/automations\/direct\/)?workflows\/[0-9a-f]{32}\/triggers\/[A-Za-z0-9_-]{1,40}\/paths\/invoke\?[A-Za-z0-9%._=&-]{0,200}sig=[A-Za-z0-9_%-]{40,64})(?![A-Za-z0-9_%-])/,
    validate: (url) => shannonEntropy(url.slice(url.lastIndexOf('sig=') + 4)) >= 3.5,
    examples: {
      positive: [
        'TEAMS_FLOW_URL=https://prod-12.westeurope.logic.azure.com:443/workflows/7c2acc5c0f43be1752f9740c6f11af0c/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=bowrYQV0Sxh7ciDAo-TA_-wdgZ5cHExcPaOU2E6AFGQ',
        'TEAMS_FLOW_URL=https://default4b1c2d3e4f5a6b7c8d9e0f1a2b3c4d.5e.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/7c2acc5c0f43be1752f9740c6f11af0c/triggers/manual/paths/invoke?sig=bowrYQV0Sxh7ciDAo-TA_-wdgZ5cHExcPaOU2E6AFGQ&api-version=1',
      ],
      negative: ['TEAMS_FLOW_URL=https://prod-12.westeurope.logic.azure.com:443/workflows/1d6e32883958f003859edd25c86ab4b2/triggers/manual/paths/invoke?api-version=2016-06-01&sig=<signature>'],
    },
  },
  {
    id: 'google-chat-webhook-url',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Google Chat webhook URL',
    description: 'A Google Chat incoming webhook URL with its key and token.',
    keywords: ['chat.googleapis.com'],
    pattern: /(?<secret>https:\/\/chat\.googleapis\.com\/v1\/spaces\/[A-Za-z0-9_-]{8,16}\/messages\?key=[A-Za-z0-9_-]{39}&token=[A-Za-z0-9_%=-]{40,70})(?![A-Za-z0-9_%=-])/,
    validate: (url) => shannonEntropy(url.slice(url.lastIndexOf('token=') + 6)) >= 3.5,
    examples: {
      positive: ['GCHAT_WEBHOOK="https://chat.googleapis.com/v1/spaces/AAAA3vlBQI_/messages?key=AIzamMY7L3kZ3FmtbjTWeVl-Cv6KIyqogQLvM2f&token=s4CmzvtQUh7sJUmQ1b0eiWFNVh8iDQJ4SHl4Vy65cEV%3D"'],
      negative: ['GCHAT_WEBHOOK="https://chat.googleapis.com/v1/spaces/SPACE_ID/messages?key=KEY&token=TOKEN"'],
    },
  },
];
