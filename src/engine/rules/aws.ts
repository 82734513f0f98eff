import { accountIdFromKeyId } from '../aws-account';
import { isIdentifierOrHash, isPlaceholder } from '../placeholders';
import type { RuleSpec } from '../types';

/** AWS documentation example credentials: never flagged anywhere. */
const DOC_EXAMPLES = [/EXAMPLE$/, /^wJalrXUtnFEMI\/K7MDENG\/bPxRfiCYEXAMPLEKEY$/, /EXAMPLEKEY/];
const KEY_ID_PREFIXES = ['akia', 'asia', 'abia', 'acca', 'a3t'];
const B64 = 'A-Za-z0-9/+';

/** A real 40-char secret key is random base64: mixed case and digits, not a hex digest, not a path. */
function looksLikeSecretKey(s: string): boolean {
  if (!/[A-Z]/.test(s) || !/[a-z]/.test(s) || !/[0-9]/.test(s)) return false;
  if (/^[0-9a-fA-F]+$/.test(s)) return false;
  // A path (`com/acme/billing/Invoice2/…`): many slashes between word-like parts. A random key may also hold
  // several slashes, but its parts mix cases inside a part.
  const parts = s.split('/');
  if (parts.length > 4 && parts.every((p) => p === '' || /^[A-Za-z][a-z0-9]*$/.test(p))) return false;
  return !isPlaceholder(s) && !isIdentifierOrHash(s);
}

export const RULES: RuleSpec[] = [
  {
    id: 'aws-access-key-id',
    kind: 'aws-access-key-id',
    severity: 'error',
    title: 'AWS access key id',
    description:
      'Long-term (AKIA) or temporary (ASIA) IAM access key id. Use roles and the SDK default credential chain instead; deactivate and rotate the key.',
    keywords: KEY_ID_PREFIXES,
    pattern: /(?<![A-Za-z0-9])(?<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9])/,
    entropy: 3,
    allow: DOC_EXAMPLES,
    describe: (s) => {
      const account = accountIdFromKeyId(s);
      const temp = s.startsWith('ASIA') ? 'temporary' : undefined;
      return [temp, account && `account ${account}`].filter(Boolean).join(', ') || undefined;
    },
    examples: {
      positive: [
        'aws_access_key_id = AKIA2OGYBAH6STMMNXNN',
        'const creds = { accessKeyId: "ASIAZQ4LMBXW7RTD5KPE", secretAccessKey: process.env.S };',
        'export AWS_ACCESS_KEY_ID=AKIAQYLPMN5HFIQRT6XV',
      ],
      negative: [
        'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
        'id = "AKIA0123456789ABCDEF"', // 0/1/8/9 are not in the base32 alphabet
        'xAKIA2OGYBAH6STMMNXNNy',
        'ref = "AKIA2OGYBAH6STMM"',
      ],
    },
  },
  {
    id: 'aws-secret-access-key',
    kind: 'aws-secret-access-key',
    severity: 'error',
    title: 'AWS secret access key',
    description: 'A 40-character AWS secret access key assigned to a secret-key-like name.',
    keywords: ['secret', 'aws_sk', 'awssk'],
    anchor: 'identifier',
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9])["'\[]?[\w.-]{0,30}?(?:secret[_.-]?access[_.-]?key|secret[_.-]?key|aws[_.-]?secret|aws[_.-]?sk|secretkey)[\w.-]{0,12}["'\]]?\s{0,5}(?::=|=>|=|:|,|\(|\s)\s{0,5}(?:\w{0,12}\(\s{0,3})?[@$]?["'\x60]?(?<secret>[${B64}]{40})(?![${B64}=])`,
      'i',
    ),
    allow: DOC_EXAMPLES,
    entropy: 3.5,
    validate: looksLikeSecretKey,
    examples: {
      positive: [
        'aws_secret_access_key = zjlOHu0+LCZBTS0vzaRQZBwgbx8Rb8+PNl2HvuBb',
        '"SecretAccessKey": "g3Kc5rUQbWzYmT0xq9FJ7PRNhL2aVd8sE1oBiC4u",',
        'AWS_SECRET_ACCESS_KEY: "k7Zb0Qy/3mN9xLpR2vT8wC5eJ1hF6gU4sA0dK+Yo"',
        'secretAccessKey: "g3Kc5rUQbWzYmT0xq9FJ7PRNhL2aVd8sE1oBiC4u"',
      ],
      negative: [
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'secret_key = "da39a3ee5e6b4b0d3255bfef95601890afd80709"',
        'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}',
        'secret_key_path = "/usr/local/share/credentials/aws/keyfile"',
      ],
    },
  },
  {
    id: 'aws-secret-access-key-near-key-id',
    kind: 'aws-secret-access-key',
    severity: 'error',
    title: 'AWS secret access key',
    description: 'An unnamed 40-character base64 value within a few lines of an AWS access key id: the pair is a usable credential.',
    keywords: KEY_ID_PREFIXES,
    spanLines: 5,
    pattern: new RegExp(String.raw`(?<![${B64}=])(?<secret>[${B64}]{40})(?![${B64}=])`),
    // Only a key id can satisfy requiresNearby: "Asia Pacific" in API docs opens no window.
    keywordShape: /(?:(?<=AKIA|ASIA|ABIA|ACCA)|(?<=A3T)[A-Z0-9])[A-Z2-7]{16}/,
    allow: DOC_EXAMPLES,
    entropy: 4,
    validate: looksLikeSecretKey,
    requiresNearby: { kinds: ['aws-access-key-id'], withinLines: 5 },
    examples: {
      positive: [
        'new AWS.Credentials("AKIA2OGYBAH6STMMNXNN", "zjlOHu0+LCZBTS0vzaRQZBwgbx8Rb8+PNl2HvuBb")',
        "Aws::Credentials.new('AKIA2OGYBAH6STMMNXNN', 'r8/2iQw/Lk7Zp/X3mNv/Tb9Hq4R/WcYs2DfGh6Jk')",
        'creds:\n  id: AKIA2OGYBAH6STMMNXNN\n  value: zjlOHu0+LCZBTS0vzaRQZBwgbx8Rb8+PNl2HvuBb',
      ],
      negative: [
        'commit = "da39a3ee5e6b4b0d3255bfef95601890afd80709" // near AKIA2OGYBAH6STMMNXNN',
        'blob = "zjlOHu0+LCZBTS0vzaRQZBwgbx8Rb8+PNl2HvuBb" // no key id anywhere near',
        'AKIA2OGYBAH6STMMNXNN is read by src/main/java/com/acme/Billing2/util/Keys',
      ],
    },
  },
  {
    id: 'aws-session-token',
    kind: 'aws-session-token',
    severity: 'error',
    title: 'AWS session token',
    description: 'A temporary-credential session token. Short-lived, but still grants access until it expires.',
    keywords: ['session_token', 'sessiontoken', 'session-token', 'security_token', 'securitytoken', 'security-token', 'iqojb3jpz2lu', 'fwogzxivyxdz', 'fqogzxivyxdz'],
    pattern: new RegExp(
      String.raw`(?<![${B64}=])(?<secret>(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz)[${B64}]{60,2000}={0,2}|(?<=(?:session|security)[_-]?token["']?\s{0,5}(?::=|=>|=|:)\s{0,5}["']?)[${B64}]{100,2000}={0,2})(?![${B64}=])`,
      'i',
    ),
    entropy: 4,
    placeholderFilter: true,
    examples: {
      positive: [
        'aws_session_token = IQoJb3JpZ2luX2VjEFcaCXVzLWVhc3QtMSJHMEUCIQDx7k2b4FQvQ9mZcX1pLr8sT0uYwE3jHn5aKd6gVbN2oAIgP9sRt4LmWq7XyZ1cVb0nJ8kEa3hGu6TfDd2oSiC5rYwqmQII0f//////////ARAAGgwxMjM0NTY3ODkwMTIiDHk3NmU2Zm',
        'sessionToken: "FwoGZXIvYXdzEJr//////////wEaDPSGhYnQ2c3Jt5vWkSKCAR7fX1zqTn5mB0oLk9cP4aV8rG6yHjE2wDuQ3sMxN7bLpZ0tKiF5vRcY8e1hUgO4nAqXWj9d"',
      ],
      negative: ['aws_session_token = ${AWS_SESSION_TOKEN}', 'sessionToken: process.env.AWS_SESSION_TOKEN'],
    },
  },
  {
    id: 'aws-bedrock-api-key',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Amazon Bedrock long-term API key',
    description: 'A long-term Bedrock API key (ABSK…). Prefer short-term keys or IAM roles.',
    keywords: ['absk'],
    pattern: /(?<![A-Za-z0-9])(?<secret>ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{80,200}={0,2})(?![A-Za-z0-9+/=])/,
    examples: {
      positive: [
        'BEDROCK_KEY=ABSKQmVkcm9ja0FQSUtleS1oaGJ3LWF0LTEyMzQ1Njc4OTAxMjpUcXZ3OHBLZk5tM3JZaEo1Q2dWczFkTHo3WGJRMmVBbkZrUjlvVXRZMGlNc1B3RzRoNnhKdQ==',
      ],
      negative: ['BEDROCK_KEY=ABSKQmVkcm9ja0FQSUtleS'],
    },
  },
  {
    id: 'aws-mws-auth-token',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Amazon MWS auth token',
    description: 'Amazon Marketplace Web Service auth token.',
    keywords: ['amzn.mws.'],
    pattern: /(?<secret>amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/,
    examples: {
      positive: ['mws_token = "amzn.mws.4ea38b7b-f563-7709-4bae-87aeaa4f0ab2"'],
      negative: ['mws_token = "amzn.mws.<token>"'],
    },
  },
];
