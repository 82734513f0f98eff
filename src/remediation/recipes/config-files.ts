/**
 * Line-oriented configuration formats: `.env`, docker-compose, GitHub Actions workflows, `~/.aws/credentials`-style
 * INI files and Dockerfiles. Values may be unquoted, so these recipes work on the finding's line.
 */
import type { Fix, TextEdit } from '../types';
import type { Recipe, RecipeContext } from './recipe';
import { AWS_KINDS } from './recipe';
import { lineEnd, lineStart } from '../syntax/brackets';
import { deleteLines } from '../edits';
import { defaultChainFix, envVarFix, eol, secretsManagerFix } from './shared';
import { accountIdFromKeyId } from '../../engine/aws-account';
import { toEnvName, proposeSecret, deriveNames } from '../naming';

const AWS_VAR = /^(AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_SECURITY_TOKEN)$/i;

function lineOf(text: string, off: number): { start: number; end: number; line: string } {
  const start = lineStart(text, off);
  const end = lineEnd(text, off);
  return { start, end, line: text.slice(start, end).replace(/\r$/, '') };
}

function eachLine(text: string, fn: (start: number, end: number, line: string) => void): void {
  let i = 0;
  while (i <= text.length) {
    const e = lineEnd(text, i);
    fn(i, e, text.slice(i, e).replace(/\r$/, ''));
    if (e >= text.length) break;
    i = e + 1;
  }
}

// ------------------------------------------------------------------------------------------------- .env
const DOTENV_LINE = /^[ \t]*(export[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*=/;

function dotenvDefaultChain(ctx: RecipeContext): Fix | undefined {
  const { text } = ctx;
  const own = DOTENV_LINE.exec(lineOf(text, ctx.finding.startOffset).line);
  if (!own || !AWS_VAR.test(own[2])) return undefined;
  const edits: TextEdit[] = [];
  eachLine(text, (s, e, line) => {
    const m = DOTENV_LINE.exec(line);
    if (m && AWS_VAR.test(m[2])) edits.push(deleteLines(text, s, e));
  });
  return defaultChainFix(edits, 'Remove the static AWS keys (use a profile / SSO / role through the default chain)');
}

function dotenvSecretsManager(ctx: RecipeContext): Fix | undefined {
  const { text, finding } = ctx;
  const l = lineOf(text, finding.startOffset);
  const m = DOTENV_LINE.exec(l.line);
  if (!m || AWS_VAR.test(m[2])) return undefined;
  const name = m[2];
  const names = deriveNames({ kind: finding.kind, declName: name, ownerHints: [] });
  const { secretId, key } = proposeSecret(names, ctx.input.path, ctx.input.secretId);
  const idName = `${toEnvName(name)}_SECRET_ID`;
  if (new RegExp(`^[ \\t]*(export[ \\t]+)?${idName}[ \\t]*=`, 'm').test(text)) return undefined;
  const value = key ? `${secretId}#${key}` : secretId;
  return secretsManagerFix([{ start: l.start, end: l.start + l.line.length, newText: `${m[1] ?? ''}${idName}=${value}` }], secretId, key);
}

export const dotenvRecipe: Recipe = { defaultChain: dotenvDefaultChain, secretsManager: dotenvSecretsManager };

// ------------------------------------------------------------------------------------------------- YAML helpers
const YAML_MAP = /^([ \t]*)(-[ \t]+)?(["']?)([\w.-]+)\3[ \t]*:[ \t]*(.*)$/;
const YAML_LIST_ENV = /^([ \t]*)-[ \t]+(["']?)([A-Za-z_][\w.-]*)=(.*?)\2[ \t]*$/;

function yamlValueEdit(ctx: RecipeContext, make: (name: string) => string): { edit: TextEdit; name: string } | undefined {
  const { text, finding } = ctx;
  const l = lineOf(text, finding.startOffset);
  const list = YAML_LIST_ENV.exec(l.line);
  if (list) {
    const valStart = l.start + l.line.indexOf('=', l.line.indexOf(list[3])) + 1;
    const valEnd = l.start + l.line.replace(/[ \t]*$/, '').length - list[2].length;
    return { name: list[3], edit: { start: valStart, end: valEnd, newText: make(list[3]) } };
  }
  const map = YAML_MAP.exec(l.line);
  if (map && map[5].trim()) {
    const raw = map[5].replace(/[ \t]+#.*$/, '').trimEnd();
    const valStart = l.start + l.line.length - map[5].length;
    return { name: map[4], edit: { start: valStart, end: valStart + raw.length, newText: make(map[4]) } };
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------------- docker-compose
function composeEnvVar(ctx: RecipeContext): Fix | undefined {
  const make = (name: string) => `\${${/^[A-Z_][A-Z0-9_]*$/.test(name) ? name : toEnvName(name)}}`;
  const r = yamlValueEdit(ctx, make);
  if (!r) return undefined;
  const env = /^[A-Z_][A-Z0-9_]*$/.test(r.name) ? r.name : toEnvName(r.name);
  const edits = [r.edit];
  if (AWS_VAR.test(r.name)) {
    // move the key id and the secret key together
    for (const f of ctx.findings) {
      if (f === ctx.finding || !AWS_KINDS.has(f.kind)) continue;
      const o = yamlValueEdit({ ...ctx, finding: f }, make);
      if (o && AWS_VAR.test(o.name) && !edits.some((e) => e.start === o.edit.start)) edits.push(o.edit);
    }
  }
  const fix = envVarFix(edits, env);
  return { ...fix, title: `Take ${env} from the host environment (\${${env}})` };
}
export const composeRecipe: Recipe = { envVar: composeEnvVar };

// ------------------------------------------------------------------------------------------------- GitHub Actions
function indentOfLine(line: string): number { return /^[ \t]*/.exec(line)![0].length; }

function ghaDefaultChain(ctx: RecipeContext): Fix | undefined {
  const { text, finding } = ctx;
  const l = lineOf(text, finding.startOffset);
  const m = /^([ \t]*)(aws-access-key-id|aws-secret-access-key|aws-session-token)[ \t]*:/.exec(l.line);
  if (!m) return undefined;
  const ind = m[1].length;
  // the `with:` block of a configure-aws-credentials step
  const lines = text.split('\n');
  const row = text.slice(0, l.start).split('\n').length - 1;
  let withRow = -1;
  for (let r = row - 1; r >= 0; r--) {
    const t = lines[r].replace(/\r$/, '');
    if (!t.trim()) continue;
    if (indentOfLine(t) < ind) { if (/^\s*with\s*:\s*$/.test(t)) withRow = r; break; }
  }
  if (withRow < 0) return undefined;
  let stepUses = '';
  for (let r = withRow - 1; r >= 0 && r > withRow - 15; r--) {
    const t = lines[r];
    const u = /^\s*-?\s*uses\s*:\s*(\S+)/.exec(t);
    if (u) { stepUses = u[1]; break; }
    if (/^\s*-\s/.test(t)) { const u2 = /uses\s*:\s*(\S+)/.exec(t); if (u2) stepUses = u2[1]; break; }
  }
  if (!/aws-actions\/configure-aws-credentials/.test(stepUses)) return undefined;
  const nl = eol(text);
  const edits: TextEdit[] = [];
  let keyId = '';
  let offset = 0;
  const rowStart: number[] = [];
  for (const t of lines) { rowStart.push(offset); offset += t.length + 1; }
  let replaced = false;
  for (let r = withRow + 1; r < lines.length; r++) {
    const t = lines[r].replace(/\r$/, '');
    if (t.trim() && indentOfLine(t) < ind) break;
    const k = /^([ \t]*)(aws-access-key-id|aws-secret-access-key|aws-session-token)[ \t]*:[ \t]*(\S*)/.exec(t);
    if (!k) continue;
    if (k[2] === 'aws-access-key-id') keyId = k[3].replace(/^["']|["']$/g, '');
    const s = rowStart[r];
    const e = s + lines[r].length;
    if (!replaced) {
      replaced = true;
      edits.push({ start: s, end: e, newText: `${k[1]}role-to-assume: arn:aws:iam::ACCOUNT_ID:role/github-actions-deploy` });
    } else {
      edits.push(deleteLines(text, s, e));
    }
  }
  const account = keyId ? accountIdFromKeyId(keyId) : undefined;
  if (account) edits[0] = { ...edits[0], newText: edits[0].newText.replace('ACCOUNT_ID', account) };
  // permissions: id-token: write at the job level
  let jobRow = -1;
  for (let r = withRow - 1; r >= 0; r--) {
    const t = lines[r];
    if (/^\s{2}[\w-]+\s*:\s*$/.test(t) && indentOfLine(t) === 2 && /^\s*jobs\s*:/.test(lines.slice(0, r).reverse().find((x) => /^\S/.test(x)) ?? '')) { jobRow = r; break; }
  }
  const hasIdToken = /id-token\s*:\s*write/.test(text);
  if (!hasIdToken) {
    if (jobRow >= 0) {
      const at = rowStart[jobRow] + lines[jobRow].length + 1;
      edits.push({ start: at, end: at, newText: `    permissions:${nl}      id-token: write${nl}      contents: read${nl}` });
    } else {
      return undefined;
    }
  }
  const fix = defaultChainFix(edits, 'Use GitHub OIDC (configure-aws-credentials role-to-assume) instead of static keys');
  return { ...fix, notice: `${fix.notice} Create the IAM role trusted by token.actions.githubusercontent.com and set its ARN in role-to-assume.` };
}

function ghaEnvVar(ctx: RecipeContext): Fix | undefined {
  const r = yamlValueEdit(ctx, (name) => `\${{ secrets.${/^[A-Z_][A-Z0-9_]*$/.test(name) ? name : toEnvName(name)} }}`);
  if (!r) return undefined;
  const env = /^[A-Z_][A-Z0-9_]*$/.test(r.name) ? r.name : toEnvName(r.name);
  return { ...envVarFix([r.edit], env), title: `Use the repository secret ${env} (\${{ secrets.${env} }})` };
}
export const githubActionsRecipe: Recipe = { defaultChain: ghaDefaultChain, envVar: ghaEnvVar };

// ------------------------------------------------------------------------------------------------- ~/.aws/credentials
function iniDefaultChain(ctx: RecipeContext): Fix | undefined {
  const { text, finding } = ctx;
  if (!/^\s*aws_(access_key_id|secret_access_key|session_token|security_token)\s*=/.test(lineOf(text, finding.startOffset).line)) return undefined;
  const edits: TextEdit[] = [];
  let section: { start: number; end: number } | undefined;
  let keep = 0;
  let removed = 0;
  const flush = () => {
    if (section && removed > 0 && keep === 0) edits.push(deleteLines(text, section.start, section.end));
  };
  eachLine(text, (s, e, line) => {
    if (/^\s*\[.*\]\s*$/.test(line)) { flush(); section = { start: s, end: e }; keep = 0; removed = 0; return; }
    if (/^\s*aws_(access_key_id|secret_access_key|session_token|security_token)\s*=/.test(line)) { edits.push(deleteLines(text, s, e)); removed++; return; }
    if (/^\s*[\w.-]+\s*=/.test(line)) keep++;
  });
  flush();
  const fix = defaultChainFix(edits, 'Remove the static keys (use `aws configure sso`, credential_process or role_arn profiles)');
  return fix;
}
export const awsCredentialsRecipe: Recipe = { defaultChain: iniDefaultChain };

// ------------------------------------------------------------------------------------------------- Dockerfile
function dockerfileEdits(ctx: RecipeContext, pick: (name: string) => boolean): TextEdit[] {
  const { text } = ctx;
  const edits: TextEdit[] = [];
  eachLine(text, (s, e, line) => {
    const m = /^[ \t]*(ENV|ARG)[ \t]+(.*)$/i.exec(line);
    if (!m) return;
    const pairs = [...m[2].matchAll(/([A-Za-z_]\w*)(?:=("[^"]*"|'[^']*'|\S*)|[ \t]+(.*))?/g)];
    const legacy = !m[2].includes('=') || /^[A-Za-z_]\w*[ \t]+/.test(m[2]) && !/^[A-Za-z_]\w*=/.test(m[2]);
    if (legacy) { if (pick(/^([A-Za-z_]\w*)/.exec(m[2])![1])) edits.push(deleteLines(text, s, e)); return; }
    const hits = pairs.filter((p) => pick(p[1]));
    if (hits.length === 0) return;
    if (hits.length === pairs.length) { edits.push(deleteLines(text, s, e)); return; }
    const rest = pairs.filter((p) => !pick(p[1])).map((p) => p[0]).join(' ');
    edits.push({ start: s, end: s + line.length, newText: `${line.slice(0, line.indexOf(m[1]))}${m[1]} ${rest}` });
  });
  return edits;
}

function dockerDefaultChain(ctx: RecipeContext): Fix | undefined {
  if (!AWS_KINDS.has(ctx.finding.kind)) return undefined;
  const edits = dockerfileEdits(ctx, (n) => AWS_VAR.test(n));
  if (edits.length === 0) return undefined;
  const fix = defaultChainFix(edits, 'Remove the AWS keys from the image (use a task/instance role, or a BuildKit secret mount at build time)');
  return { ...fix, notice: `${fix.notice} At build time use RUN --mount=type=secret,id=aws,target=/root/.aws/credentials; at run time a task role or IRSA.` };
}

function dockerEnvVar(ctx: RecipeContext): Fix | undefined {
  const l = lineOf(ctx.text, ctx.finding.startOffset);
  const m = /^[ \t]*(?:ENV|ARG)[ \t]+([A-Za-z_]\w*)/i.exec(l.line);
  if (!m) return undefined;
  const before = ctx.text.slice(l.start, ctx.finding.startOffset);
  const name = [...before.matchAll(/([A-Za-z_]\w*)(?==|[ \t])/g)].pop()?.[1] ?? m[1];
  const edits = dockerfileEdits(ctx, (n) => n === name);
  if (edits.length === 0) return undefined;
  return { ...envVarFix(edits, name), title: `Remove ${name} from the image; pass it at run time (docker run -e ${name})` };
}
export const dockerfileRecipe: Recipe = { defaultChain: dockerDefaultChain, envVar: dockerEnvVar };

