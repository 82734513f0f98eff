/**
 * The Secrets Manager secret ids a file's code reads, when they are literals: the evidence for "secrets are in
 * Secrets Manager" and the list a rotation check asks AWS about. Ids are names, not secrets. Pure.
 */
import { codeView, lex } from '../syntax/lexer';
import { sdkLanguageOf } from './sdk-clients';

/** Each pattern captures one literal secret id (name or ARN). */
const ID_PATTERNS: RegExp[] = [
  // SDK request fields: SecretId: 'x' (JS/Go/C#/PHP/Ruby), SecretId="x" (boto3), secret_id: "x" (Rust/Ruby)
  /\b(?:SecretId|secret_id|secretId)\s*(?:=>|[:=])\s*(?:aws\.String\(\s*|&?)?["'`]([^"'`\s$]{1,512})["'`]/g,
  // Java/Kotlin builders: .secretId("x")
  /\.secretId\(\s*"([^"\s$]{1,512})"\s*\)/g,
  // caching clients and helpers that take the id first: getSecretString("x"), get_secret_value_cached("x"), getSecret("x")
  /\b(?:get_?[Ss]ecret(?:_?[Ss]tring|_?[Vv]alue|_?[Bb]inary|_?[Jj]son)?(?:_cached|Cached)?|load_?[Ss]ecret|read_?[Ss]ecret|fetch_?[Ss]ecret)\s*\(\s*["'`]([^"'`\s$]{1,512})["'`]/g,
  // Terraform data source / CloudFormation dynamic reference / Lambda extension / Serverless
  /\{\{resolve:secretsmanager:([^:}\s]{1,512})/g,
  /secretsmanager\/get\?secretId=([\w/+=.@%-]{1,512})/g,
  /\/aws\/reference\/secretsmanager\/([\w/+=.@-]{1,512})/g,
];

/** Literal secret ids in `text`, in order of appearance, without duplicates. Comments do not count. */
export function secretIdsIn(text: string, path?: string, languageId?: string): string[] {
  if (!/secret/i.test(text)) return [];
  const lang = sdkLanguageOf(path, languageId);
  // Strings must stay readable: blank comments only, keep literals.
  const source = lang ? codeView(lex(text, lang)) : text;
  const found: { at: number; id: string }[] = [];
  for (const re of ID_PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(source)) !== null) found.push({ at: m.index, id: decodeURIComponentSafe(m[1]) });
  }
  const seen = new Set<string>();
  return found
    .filter((f) => looksLikeSecretName(f.id))
    .sort((a, b) => a.at - b.at)
    .map((f) => f.id)
    .filter((id) => !seen.has(id) && (seen.add(id), true));
}

/**
 * A Secrets Manager name or ARN, not a credential that happens to sit in a `secret_id` field (Vault AppRole
 * `secret_id`s are UUIDs; tokens are long random runs): such values must never reach a report.
 */
function looksLikeSecretName(id: string): boolean {
  if (/^arn:aws[\w-]*:secretsmanager:/.test(id)) return true;
  if (!/^[\w/+=.@!-]{1,512}$/.test(id)) return false;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return false;
  // A long run mixing letters and digits is random material, not a name.
  return !(id.match(/[A-Za-z0-9]{16,}/g) ?? []).some((run) => /\d/.test(run) && /[A-Za-z]/.test(run));
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
