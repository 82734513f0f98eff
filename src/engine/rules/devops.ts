/**
 * Cloud hosting, CI/CD, feature-flag, observability and identity providers: Scaleway, Vultr, Aiven, Yandex Cloud,
 * Fastly, ngrok, CircleCI, Travis CI, LaunchDarkly, Bugsnag, Couchbase, OneLogin, Salesforce; Jenkins credential files.
 * Keys without a prefix are found next to the provider's name (contextRule). All examples are generated fakes.
 */
import type { RuleSpec } from '../types';
import { contextRule } from './provider-context';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export const RULES: RuleSpec[] = [
  contextRule({
    id: 'scaleway-secret-key',
    title: 'Scaleway API secret key',
    description: 'A Scaleway API secret key (a UUID) next to a Scaleway/SCW name. Delete the API key in the Scaleway console.',
    keywords: ['scaleway', 'scw_secret', 'scw-secret'],
    value: UUID,
    examples: {
      positive: ['SCW_SECRET_KEY=bb8a4b6c-83b3-fcde-52ba-e3e35916ef3f', 'scaleway:\n  secret_key: bedfeeab-528d-a440-f301-b8f6deb9a107'],
      negative: ['SCW_DEFAULT_PROJECT_ID=bb8a4b6c-83b3-fcde-52ba-e3e35916ef3f', 'scaleway_instance_id = "bb8a4b6c-83b3-fcde-52ba-e3e35916ef3f"'],
    },
  }),
  contextRule({
    id: 'vultr-api-key',
    title: 'Vultr API key',
    description: 'A Vultr API key (36 upper-case letters and digits) next to a Vultr name. Regenerate it under Account > API.',
    keywords: ['vultr'],
    value: '[A-Z0-9]{36}',
    entropy: 3.8,
    examples: {
      positive: ['VULTR_API_KEY=ECEUVO6YJ0JTKUW3FOZ7GZZ5UWEY6KXWE3ZS', 'provider "vultr" {\n  api_key = "ECEUVO6YJ0JTKUW3FOZ7GZZ5UWEY6KXWE3ZS"'],
      negative: ['VULTR_API_KEY=ECEUVO6YJ0JTKUW3FOZ7GZZ5UWEY6KXWE3Z', 'VULTR_API_KEY=ecEUVO6YJ0JTKUW3FOZ7GZZ5UWEY6KXWE3ZS'],
    },
  }),
  contextRule({
    id: 'aiven-api-token',
    title: 'Aiven API token',
    description: 'An Aiven authentication token (long base64) next to an Aiven name. Revoke it under User profile > Tokens.',
    keywords: ['aiven'],
    value: '[A-Za-z0-9+/]{300,400}={0,2}',
    entropy: 4.5,
    examples: {
      positive: ['AIVEN_TOKEN=YtAhKnmytby2+NWtEg6sHIXPUgInL7+LTeUvwgGzMPBQYO7fY/oe33hb3TF93aOZkSax/2xyetHTGMUPihKCORRZIj2QPtfrTZecxkSht/ejWCT0Cu3hUsAtOrSJcfILNvbR8t53+kNqMH8nZw4lw8VQuZYjEQZYiqdTIamwjCG5ZicOGnoWvge9B0EzwAtHkJYtAhKnmytby2+NWtEg6sHIXPUgInL7+LTeUvwgGzMPBQYO7fY/oe33hb3TF93aOZkSax/2xyetHTGMUPihKCORRZIj2QPtfrTZecxkSht/ejWCT0Cu3hUsAtOrSJcfILNvbR8t53+kNqMH8nZw4lw8VQuZYjEQZYiqdTI'],
      negative: ['AIVEN_TOKEN=YtAhKnmytby2+NWtEg6sHIXPUgInL7+LTeUvwgGzMPBQYO7fY', 'aiven_project = "my-project"'],
    },
  }),
  {
    id: 'yandex-cloud-api-key',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Yandex Cloud API key',
    description: 'A Yandex Cloud service-account API key (AQVN…). Delete it in the service account settings.',
    keywords: ['aqvn'],
    pattern: /(?:^|[^A-Za-z0-9_-])(?<secret>AQVN[A-Za-z0-9_-]{35,38})(?![A-Za-z0-9_-])/,
    entropy: 3.5,
    examples: {
      positive: ['YC_API_KEY=AQVNYVTszd9oHUcLdJsACCNROVVYDL1CpeUbqFff'],
      negative: ['YC_API_KEY=AQVN', 'YC_API_KEY=AQVNYVTszd9oHUcLdJs'],
    },
  },
  {
    id: 'yandex-cloud-iam-token',
    kind: 'other-provider-token',
    severity: 'warning',
    title: 'Yandex Cloud IAM token',
    description: 'A Yandex Cloud IAM token (t1.…). Short-lived, but valid for hours once leaked.',
    keywords: ['t1.'],
    pattern: /(?:^|[^A-Za-z0-9_.-])(?<secret>t1\.[A-Za-z0-9_-]{20,100}={0,2}\.[A-Za-z0-9_-]{86}={0,2})(?![A-Za-z0-9_.-])/,
    entropy: 4,
    examples: {
      positive: ['YC_TOKEN=t1.EE2YJB7_fH1RfRup9iOfS8EGil7ngGcp7kZo9BVG.3Q1E3bPAEpnCisVrYtr_m9YK3YfuLR1_8iWDcpbR2rKBEgp1BhP9F6t2Hm6IHJcTI-KYTQv-fh8yorjrCna4Qb'],
      negative: ['version = "t1.2.3"', 'YC_TOKEN=t1.EE2YJB7_fH1RfRup9iOfS8EGil7ngGcp7kZo9BVG.short'],
    },
  },
  contextRule({
    id: 'yandex-cloud-static-secret',
    title: 'Yandex Cloud static access key secret',
    description: 'The secret of a Yandex Cloud static access key (YC… 40 characters) next to a Yandex name.',
    keywords: ['yandex', 'yc_secret', 'yc-secret'],
    value: 'YC[A-Za-z0-9_-]{38}',
    entropy: 3.8,
    examples: {
      positive: ['YANDEX_SECRET_ACCESS_KEY=YCJbp-aLMFKbJoFRuBLenCvylWBxVOR0J5gGpzkZ'],
      negative: ['YANDEX_ACCESS_KEY_ID=YCAJEbp-aLMFKbJoFRuBLe', 'YANDEX_SECRET_ACCESS_KEY=YCJbp-aLMFKbJoFRuBLenCvylW'],
    },
  }),
  contextRule({
    id: 'fastly-api-token',
    title: 'Fastly API token',
    description: 'A Fastly API token (32 characters) next to a Fastly name. Revoke it under Account > API tokens.',
    keywords: ['fastly'],
    value: '[A-Za-z0-9_-]{32}',
    entropy: 3.8,
    examples: {
      positive: ['FASTLY_API_TOKEN=QB3lQ-MBeHMpu9QCNAnC43yqR0THjTyQ', "headers: { 'Fastly-Key': 'QB3lQ-MBeHMpu9QCNAnC43yqR0THjTyQ' }"],
      negative: ['FASTLY_SERVICE_ID=QB3lQMBeHMpu9QCN', 'fastly_service_version = "QB3lQ-MBeHMpu9QCNAnC43yqR0THjTyQ"'],
    },
  }),
  contextRule({
    id: 'ngrok-authtoken',
    title: 'ngrok authtoken or API key',
    description: 'An ngrok authtoken or API key (`<27 chars>_<21 chars>`) next to an ngrok name. Reset it in the ngrok dashboard.',
    keywords: ['ngrok'],
    value: '[0-9][A-Za-z0-9]{24,28}_[A-Za-z0-9]{19,23}',
    entropy: 4,
    needsCredentialWord: false,
    examples: {
      positive: ['NGROK_AUTHTOKEN=2ziPuM83Q8AuPTbByEpjPJYgJcp_efXNlnYVbQ0edxlRb6SR5', 'ngrok config add-authtoken 2ziPuM83Q8AuPTbByEpjPJYgJcp_efXNlnYVbQ0edxlRb6SR5'],
      negative: ['ngrok http 8080', 'NGROK_AUTHTOKEN=2ziPuM83Q8AuPTbByEpjPJYgJcp'],
    },
  }),
  {
    id: 'circleci-personal-token',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'CircleCI personal API token',
    description: 'A CircleCI personal API token (CCIPAT_…). Delete it under User settings > Personal API Tokens.',
    keywords: ['ccipat_'],
    pattern: /\b(?<secret>CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40})(?![A-Za-z0-9_])/,
    entropy: 3.5,
    examples: {
      positive: ['CIRCLECI_TOKEN=CCIPAT_AijyVrNWEVtGy6xgJ4q6uP_ec562139ed0bfac2b8fb2ee409061de4771aeb46'],
      negative: ['CIRCLECI_TOKEN=CCIPAT_', 'CIRCLECI_TOKEN=CCIPAT_AijyVrNWEVtGy6xgJ4q6uP'],
    },
  },
  contextRule({
    id: 'circleci-legacy-token',
    title: 'CircleCI API token (legacy)',
    description: 'A CircleCI personal or project API token (40 hex) next to a CircleCI name.',
    keywords: ['circleci', 'circle_token', 'circle-token'],
    value: '[a-f0-9]{40}',
    examples: {
      positive: ['CIRCLE_TOKEN=5795558ec34d5e4ecc06969e5bf5406804788cc7', 'circleci_api_token: "17ae5ab958f0cbf136014e054cd8aa88d13e567f"'],
      negative: ['CIRCLE_SHA1=5795558ec34d5e4ecc06969e5bf5406804788cc7', 'circleci_build_sha = "17ae5ab958f0cbf136014e054cd8aa88d13e567f"'],
    },
  }),
  contextRule({
    id: 'travis-ci-token',
    title: 'Travis CI API token',
    description: 'A Travis CI API token (22 characters) next to a Travis name. Regenerate it in Travis settings.',
    keywords: ['travis'],
    value: '[A-Za-z0-9_-]{22}',
    entropy: 3.8,
    examples: {
      positive: ['TRAVIS_API_TOKEN=zUExFAu4A1nl544RpCXddE', 'travis login --github-token x && travis_token: zUExFAu4A1nl544RpCXddE'],
      negative: ['TRAVIS_BUILD_ID=123456789', 'travis_branch = "zUExFAu4A1nl544RpCXddE"'],
    },
  }),
  {
    id: 'launchdarkly-key',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'LaunchDarkly SDK key or API access token',
    description: 'A LaunchDarkly server-side SDK key (sdk-…) or API access token (api-…). Rotate it under Account settings.',
    // An `api-`/`sdk-` prefixed UUID is only a LaunchDarkly key within a few lines of LaunchDarkly or its SDK.
    keywords: ['launchdarkly', 'ldclient', 'ld_sdk', 'ld_api', 'ld-sdk', 'ld-api', 'ld-relay', 'ldsdk', 'ldapikey'],
    spanLines: 3,
    pattern: /(?:^|[^A-Za-z0-9_.-])(?<secret>(?:sdk|api)-[a-z0-9]{8}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{12})(?![A-Za-z0-9_-])/,
    entropy: 3.3,
    examples: {
      positive: ['LAUNCHDARKLY_SDK_KEY=sdk-ec5777b5-0597-1c05-9418-8ca532c85012', 'ldclient.set_config(Config("api-ad779ad3-0135-9f13-9e93-645c9aa1c833"))'],
      negative: ['request_id = "api-ad779ad3-0135-9f13-9e93-645c9aa1c833"', 'LAUNCHDARKLY_CLIENT_ID=5f1c2a3b4d5e6f7a8b9c0d1e'],
    },
  },
  contextRule({
    id: 'bugsnag-api-key',
    title: 'Bugsnag API key or auth token',
    description: 'A Bugsnag notifier API key or data-access token (32 hex) next to a Bugsnag name.',
    keywords: ['bugsnag'],
    value: '[a-f0-9]{32}',
    severity: 'warning',
    examples: {
      positive: ['BUGSNAG_API_KEY=64e3a79f1ae81d40a187fa286c7fa5b7', "Bugsnag.start({ apiKey: 'dd1e5927330b9e16c7fdbb777c6d3626' })"],
      negative: ['bugsnag_release_hash = "64e3a79f1ae81d40a187fa286c7fa5b7"', 'BUGSNAG_API_KEY=64e3a79f1ae81d40'],
    },
  }),
  {
    id: 'couchbase-connection-credentials',
    kind: 'db-connection-string',
    severity: 'error',
    title: 'Couchbase connection string with password',
    description: 'A couchbase:// or couchbases:// connection string with an embedded password. Use a secret store for the password.',
    keywords: ['couchbase://', 'couchbases://'],
    pattern: /couchbases?:\/\/[^\s:@/'"`]{1,64}:(?<secret>[^\s@/'"`]{4,128})@[A-Za-z0-9.-]{1,253}/i,
    placeholderFilter: true,
    examples: {
      positive: ['CB_URL=couchbases://appuser:Zk4Pq8Wn2Rt6@cb.abcd1234.cloud.couchbase.com'],
      negative: ['CB_URL=couchbases://cb.abcd1234.cloud.couchbase.com', 'CB_URL=couchbase://appuser:${CB_PASSWORD}@localhost'],
    },
  },
  contextRule({
    id: 'onelogin-client-secret',
    title: 'OneLogin API client secret',
    description: 'A OneLogin API client secret (64 hex) next to a OneLogin name. Delete the API credential in OneLogin.',
    keywords: ['onelogin'],
    value: '[a-f0-9]{64}',
    examples: {
      positive: ['ONELOGIN_CLIENT_SECRET=0eb9085eb6602274940feac68639f8c31ed77fcf80680ba60cbeb3f9906faaee'],
      negative: ['onelogin_image_digest = "0eb9085eb6602274940feac68639f8c31ed77fcf80680ba60cbeb3f9906faaee"', 'ONELOGIN_CLIENT_SECRET=0eb9085eb6602274'],
    },
  }),
  {
    id: 'salesforce-access-token',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Salesforce access token (session id)',
    description: 'A Salesforce OAuth access token / session id (`00D…!…`). Revoke the session and use a connected app flow.',
    // `00d` alone occurs in every hex dump; route on Salesforce words and look a few lines around them.
    keywords: ['salesforce', 'sfdc', 'force.com', 'sessionid', 'session_id', 'sf_access', 'sf_token'],
    spanLines: 3,
    pattern: /(?:^|[^A-Za-z0-9_!.-])(?<secret>00D[A-Za-z0-9]{12,15}![A-Za-z0-9_.]{80,120})(?![A-Za-z0-9_.!])/,
    entropy: 4,
    examples: {
      positive: ['SF_ACCESS_TOKEN=00DSoPhflBj2WcY!auRnZtFQijRUWzW962GcW5G6CYVgRFprKKrY3vg6gvahI.GPSayNpzskViulBSQBSGOOOOBMjH56imfTL3t.QFd8Pb3Rk9AS', '# Salesforce session\nconn = Salesforce(instance_url=url, session_id="00DSoPhflBj2WcY!auRnZtFQijRUWzW962GcW5G6CYVgRFprKKrY3vg6gvahI.GPSayNpzskViulBSQBSGOOOOBMjH56imfTL3t.QFd8Pb3Rk9AS")'],
      negative: ['SF_ORG_ID=00DSoPhflBj2WcY', 'SF_ACCESS_TOKEN=00DSoPhflBj2WcY!short'],
    },
  },
  {
    id: 'salesforce-refresh-token',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Salesforce refresh token',
    description: 'A Salesforce OAuth refresh token (5Aep8…). It mints new sessions until revoked in Connected Apps OAuth Usage.',
    keywords: ['5aep8'],
    pattern: /(?:^|[^A-Za-z0-9_.-])(?<secret>5Aep8[A-Za-z0-9._]{80,90})(?![A-Za-z0-9_.])/,
    entropy: 4,
    examples: {
      positive: ['SF_REFRESH_TOKEN=5Aep861M6Uw6ADmutZSJTNkSaY31XNKScN8cVIjiS40gK211Ak.46gyRyeq6hyf8Rc4SnPxINraXd9xTsuIdY34'],
      negative: ['SF_REFRESH_TOKEN=5Aep861M6Uw6ADmut', 'SF_REFRESH_TOKEN=5Aep8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    },
  },
  {
    id: 'jenkins-credential-plaintext',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Jenkins credential stored in plain text',
    description:
      'A secret, password or token element of a Jenkins credentials / job XML file that holds plain text instead of ' +
      'Jenkins ciphertext ({AQAAABAAAA…}). Re-enter it through the Jenkins credentials UI so it is stored encrypted.',
    keywords: ['<secret>', '<password>', '<apitoken>', '<passphrase>', '<token>'],
    pattern: /<(?<el>secret|password|apiToken|passphrase|token)>\s{0,8}\{?(?:[^<>{}\n]{0,60}\s)?(?<secret>[^\s<>{}]{8,300})\}?\s{0,8}<\/\k<el>>/,
    fileContext: /com\.cloudbees\.plugins\.credentials|<hudson\.|<jenkins\.|org\.jenkinsci\.plugins/,
    entropy: 3,
    placeholderFilter: true,
    // Jenkins ciphertext is one base64 blob starting AQAAABAAAA (format version + IV length); that is not a leak.
    validate: (secret, ctx) => !(/^AQAAABAAAA[A-Za-z0-9+/=]{16,}$/.test(secret) && !/\s\S/.test(ctx.match.slice(ctx.match.indexOf('>') + 1, ctx.match.lastIndexOf(secret)))),
    examples: {
      positive: [
        '<com.cloudbees.plugins.credentials.impl.StringCredentialsImpl>\n  <id>deploy-token</id>\n  <secret>Zk4Pq8Wn2Rt6Yv0Xs3Ud7Gf1Hj5Lm9Cb</secret>',
        '<com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n  <password>{AQAAABAAA Qm7xR2tV9wL4kZ8pN3cF}</password>',
      ],
      negative: [
        '<com.cloudbees.plugins.credentials.impl.StringCredentialsImpl>\n  <secret>{AQAAABAAAAAgPT7JbBVgyWiivobt0CJEduLyP0lB3uyTj+D5WBvVk6jyG6BQFPYGN4Z3VcN2LuqM}</secret>',
        '<com.cloudbees.plugins.credentials.impl.StringCredentialsImpl>\n  <secret>${DEPLOY_TOKEN}</secret>',
        '<config><secret>Zk4Pq8Wn2Rt6Yv0Xs3Ud7Gf1Hj5Lm9Cb</secret></config>',
      ],
    },
  },
];
