/**
 * Counts Secrets Manager lookups in a file: the places where a secret is already fetched at runtime instead of
 * living in the code. Pure. Comments do not count (for languages the detector lexes); each line counts at most once,
 * so `sm.getSecretValue(GetSecretValueRequest.builder()…)` is one lookup.
 *
 * Counted: SDK calls (`GetSecretValueCommand`, `.getSecretValue(`, `->getSecretValue(`, `.get_secret_value(`,
 * `.GetSecretValue(`/`GetSecretValueAsync(`/`GetSecretValueWithContext(`), caching clients (`SecretCache` and
 * friends: `.getSecretString(`, `.get_secret_string(`, `.GetSecretString(`, `…Binary(`), the Python caching
 * decorators (`@InjectSecretString`, `@InjectKeywordedSecretString`), Powertools (`getSecret(` when imported from
 * `@aws-lambda-powertools/parameters/secrets`, `parameters.get_secret(`), the Lambda extension endpoint
 * (`/secretsmanager/get?secretId`), Terraform `data "aws_secretsmanager_secret_version"`, CloudFormation
 * `{{resolve:secretsmanager:…}}`, Serverless `/aws/reference/secretsmanager/`, Spring `aws-secretsmanager:` imports.
 * Client constructions alone (`boto3.client("secretsmanager")`, `new SecretCache()`) are not lookups.
 */
import { codeView, lex } from '../syntax/lexer';
import { sdkLanguageOf } from './sdk-clients';

const LOOKUP = new RegExp(
  [
    '(?<![\\w$])GetSecretValueCommand(?![\\w$])',
    '(?:\\.|->)\\s*getSecretValue\\s*\\(',
    '\\.\\s*get_secret_value\\s*\\(',
    '\\.\\s*GetSecretValue(?:Async|WithContext)?\\s*\\(',
    '(?:\\.|->)\\s*(?:getSecretString|get_secret_string|GetSecretString|getSecretBinary|get_secret_binary|GetSecretBinary)\\s*\\(',
    '@Inject(?:Keyworded)?SecretString(?![\\w$])',
    '(?<![\\w$])parameters\\s*\\.\\s*get_secret\\s*\\(',
    'secretsmanager/get\\?secretId',
    'data\\s+"aws_secretsmanager_secret_version"',
    '\\{\\{resolve:secretsmanager:',
    '/aws/reference/secretsmanager/',
    '(?<![\\w-])aws-secretsmanager:',
  ].join('|'),
);
const POWERTOOLS_IMPORT = /@aws-lambda-powertools\/parameters\/secrets/;
const POWERTOOLS_CALL = /(?<![\w$.])getSecrets?\s*\(/;
const GATE = /secret/i;
/** Import/using lines name the API without calling it. */
const IMPORT_LINE = /^\s*(?:import\b|export\s*\{|from\s+[\w.]+\s+import\b|use\s+[\w\\:]|using\s+[\w.]+\s*;)|\brequire\s*\(/;

export function countSecretsManagerLookups(text: string, path?: string, languageId?: string): number {
  if (!GATE.test(text)) return 0;
  const lang = sdkLanguageOf(path, languageId);
  const code = lang ? codeView(lex(text, lang)) : text;
  const powertools = POWERTOOLS_IMPORT.test(code);
  let n = 0;
  let from = 0;
  while (from <= code.length) {
    let to = code.indexOf('\n', from);
    if (to === -1) to = code.length;
    const line = code.slice(from, to);
    if (!IMPORT_LINE.test(line) && (LOOKUP.test(line) || (powertools && POWERTOOLS_CALL.test(line)))) n++;
    from = to + 1;
  }
  return n;
}
