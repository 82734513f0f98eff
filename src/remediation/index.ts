/**
 * Public remediation API (package export `credential-hygiene/remediation`). Pure: no I/O, no `vscode`.
 *
 * `getFixes` returns the fixes that apply to one finding: "use the default credential chain" for AWS keys,
 * "load from AWS Secrets Manager" for other secrets, and "read from an environment variable" as the fallback.
 * Every fix is verified before it is offered: its edits must not overlap, must remove the secret from the text,
 * and must keep the brackets of the file balanced.
 */
import type { Finding } from '../engine/types';
import { revealSecret, ruleById } from '../engine';
import type { Fix, FixInput, LanguageFamily } from './types';
import { detectLanguage } from './language';
import { lex } from '../syntax/lexer';
import { analyzeSite } from './context';
import { statementSpan } from './syntax/statement';
import { envSetterFix } from './env-setter';
import { applyEdits, normalizeEdits, tidyDeletions } from './edits';
import { AWS_KINDS, type Recipe, type RecipeContext } from './recipes/recipe';
import { javascriptRecipe } from './recipes/javascript';
import { RECIPES } from './recipes';

export type { Fix, FixInput, FixKind, TextEdit, LanguageFamily } from './types';
export { applyEdits } from './edits';
export { detectLanguage } from './language';

const LITERAL_LANGS = new Set<LanguageFamily>(['javascript', 'typescript', 'python', 'java', 'kotlin', 'go', 'csharp', 'php', 'rust', 'ruby', 'terraform']);

function recipeFor(lang: LanguageFamily): Recipe | undefined {
  if (lang === 'javascript' || lang === 'typescript') return javascriptRecipe;
  return RECIPES[lang];
}

function balanced(text: string, lang: LanguageFamily): boolean {
  const lx = lex(text, lang);
  const stack: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (lx.mask[i] !== 0) continue;
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') stack.push(c);
    else if (c === ')' || c === ']' || c === '}') {
      const o = stack.pop();
      if (!o || '([{'.indexOf(o) !== ')]}'.indexOf(c)) return false;
    }
  }
  return stack.length === 0;
}

function verified(fix: Fix | undefined, text: string, secrets: string[], lang: LanguageFamily, wasBalanced: boolean): Fix | undefined {
  if (!fix || fix.edits.length === 0) return undefined;
  const merged = normalizeEdits(fix.edits);
  if (!merged) return undefined;
  const edits = normalizeEdits(tidyDeletions(text, merged));
  if (!edits) return undefined;
  let out: string;
  try { out = applyEdits(text, edits); } catch { return undefined; }
  if (out === text) return undefined;
  // the values themselves must be gone, not merely undetected (copies elsewhere in the file are other findings)
  const wanted = new Map<string, number>();
  for (const s of secrets) if (s.length >= 4) wanted.set(s, (wanted.get(s) ?? 0) + 1);
  for (const [s, n] of wanted) if (count(out, s) > count(text, s) - n) return undefined;
  if (LITERAL_LANGS.has(lang) && wasBalanced && !balanced(out, lang)) return undefined;
  return { ...fix, edits };
}

function count(text: string, value: string): number {
  let n = 0;
  for (let i = text.indexOf(value); i !== -1; i = text.indexOf(value, i + value.length)) n++;
  return n;
}

function secretOf(f: Finding, text: string): string | undefined {
  try {
    const s = revealSecret(f, text);
    return s && s.length === f.endOffset - f.startOffset ? s : undefined;
  } catch { return undefined; }
}

/**
 * The other halves of an AWS key pair in the same statement (key id, secret key, session token of one call,
 * object or block): a fix for one of them must clear them all, or the rest is left behind undetectable.
 */
export function awsPartners(text: string, lang: LanguageFamily, finding: Finding, findings: Finding[], lx = lex(text, lang)): Finding[] {
  if (!AWS_KINDS.has(finding.kind)) return [];
  const [a, b] = LITERAL_LANGS.has(lang)
    ? statementSpan(lx, finding.startOffset)
    : [lineStartOf(text, finding.startOffset), lineEndOf(text, finding.endOffset)];
  const lo = Math.min(a, finding.startOffset);
  const hi = Math.max(b, finding.endOffset);
  const others = findings.filter((f) => f !== finding && f.fingerprint !== finding.fingerprint)
    .map((f) => (AWS_KINDS.has(f.kind) ? f : secretKeyShaped(f, text)))
    .filter((f): f is Finding => !!f);
  const inStatement = others.filter((f) => f.startOffset >= lo && f.endOffset <= hi);
  // a dependent only counts when the statement has no value of its kind already (else it belongs to another pair)
  const dependents = others.filter((f) => !inStatement.includes(f) && dependsOn(f, finding)
    && !inStatement.some((g) => g.kind === f.kind) && f.kind !== finding.kind);
  const found = [...inStatement, ...dependents];
  const pair = [...found, ...adjacentHalves(lx, finding, others.filter((f) => !found.includes(f)), [finding, ...found])];
  if (finding.kind !== 'aws-access-key-id' || pair.some((f) => f.kind === 'aws-secret-access-key') || !LITERAL_LANGS.has(lang)) return pair;
  const unseen = unseenSecretKey(lx, finding, findings, lo, hi);
  return unseen ? [...pair, unseen] : pair;
}

const SECRET_KEY_SHAPE = (v: string) => /^[A-Za-z0-9/+]{40}$/.test(v) && /[a-z]/.test(v) && /[A-Z]/.test(v) && /\d/.test(v);

/**
 * The secret key of a key id's statement that no rule reported (`Aws::Credentials.new('AKIA…', '…')`: a positional
 * argument without a telling name): a literal of the secret-key shape in the same statement. It is fixed together
 * with the key id, so no fix can leave it behind (a rescan would not see it either).
 */
function unseenSecretKey(lx: ReturnType<typeof lex>, finding: Finding, findings: Finding[], lo: number, hi: number): Finding | undefined {
  for (const s of lx.strings) {
    if (s.contentStart < lo || s.contentEnd > hi || s.interpolated) continue;
    const v = lx.text.slice(s.contentStart, s.contentEnd);
    if (!SECRET_KEY_SHAPE(v) || findings.some((f) => f.startOffset < s.contentEnd && f.endOffset > s.contentStart)) continue;
    const pos = (off: number) => { const before = lx.text.slice(0, off); return { line: before.split('\n').length, column: off - before.lastIndexOf('\n') }; };
    return {
      ...finding, kind: 'aws-secret-access-key', message: 'AWS secret access key beside the key id',
      startOffset: s.contentStart, endOffset: s.contentEnd, start: pos(s.contentStart), end: pos(s.contentEnd),
      secretMasked: `${v.slice(0, 4)}…`, fingerprint: `${finding.fingerprint}:secret-key`,
    };
  }
  return undefined;
}

/**
 * A value reported by a generic rule (`'secret' => '…'` as an API key) that has the shape of an AWS secret access
 * key (40 base64 characters, mixed case and digits) is the secret half of a pair when it sits with a key id: it is
 * treated as one, so every fix clears it together with the key id and names it `AWS_SECRET_ACCESS_KEY`.
 */
function secretKeyShaped(f: Finding, text: string): Finding | undefined {
  const v = text.slice(f.startOffset, f.endOffset);
  if (!SECRET_KEY_SHAPE(v)) return undefined;
  return { ...f, kind: 'aws-secret-access-key' };
}

/** How far (in lines) a key pair split over separate statements (`var keyId = "…"; var secret = "…";`) may reach. */
const PAIR_LINES = 3;

/**
 * The other halves of a key pair declared in neighbouring statements (one constant or variable each): for each
 * kind the pair still lacks, the nearest finding of that kind within PAIR_LINES lines, unless its own statement
 * already holds a value of the kind being fixed (then it is the half of another pair).
 */
function adjacentHalves(lx: ReturnType<typeof lex>, finding: Finding, candidates: Finding[], have: Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const kind of AWS_KINDS) {
    if (have.some((f) => f.kind === kind) || out.some((f) => f.kind === kind)) continue;
    const near = candidates
      .filter((f) => f.kind === kind && Math.abs(f.start.line - finding.start.line) <= PAIR_LINES)
      .sort((a, b) => Math.abs(a.start.line - finding.start.line) - Math.abs(b.start.line - finding.start.line));
    for (const f of near) {
      const [a, b] = statementSpan(lx, f.startOffset);
      const ownPair = candidates.concat(have).some((g) => g !== f && g.kind === finding.kind && g !== finding && g.startOffset >= a && g.endOffset <= b);
      if (!ownPair) { out.push(f); break; }
    }
  }
  return out;
}

/**
 * A finding reported only because `other` is near (the unnamed secret key beside a key id): once `other` is
 * rewritten it can no longer be detected, so it must be fixed together with it or it would be left behind unseen.
 */
function dependsOn(f: Finding, other: Finding): boolean {
  const near = ruleById(f.ruleId)?.requiresNearby;
  if (!near || !near.kinds.includes(other.kind)) return false;
  return Math.abs(f.start.line - other.start.line) <= near.withinLines;
}

function lineStartOf(text: string, off: number): number { return text.lastIndexOf('\n', off - 1) + 1; }
function lineEndOf(text: string, off: number): number { const e = text.indexOf('\n', off); return e < 0 ? text.length : e; }

export function getFixes(input: FixInput): Fix[] {
  if (input.text.charCodeAt(0) === 0xfeff) {
    // Work on the text without its BOM (so "start of file" patterns match) and shift the edits back.
    const shift = (f: Finding): Finding => ({ ...f, startOffset: f.startOffset - 1, endOffset: f.endOffset - 1 });
    const finding = shift(input.finding);
    const findings = input.findings?.map((f) => (f === input.finding ? finding : shift(f)));
    return getFixesNoBom({ ...input, text: input.text.slice(1), finding, findings }).map((fx) => ({
      ...fx, edits: fx.edits.map((e) => ({ ...e, start: e.start + 1, end: e.end + 1 })),
    }));
  }
  return getFixesNoBom(input);
}

function getFixesNoBom(input: FixInput): Fix[] {
  const { text, finding } = input;
  const lang = detectLanguage(input.languageId, input.path);
  const recipe = recipeFor(lang);
  if (!recipe) return [];
  let secret: string;
  try { secret = revealSecret(finding, text); } catch { return []; }
  // stale finding (document changed since the scan): the masked prefix no longer matches
  const maskedPrefix = finding.secretMasked.replace(/…$/, '');
  if (!secret || secret.length !== finding.endOffset - finding.startOffset || !secret.startsWith(maskedPrefix)) return [];
  const lx = lex(text, lang);
  const findings: Finding[] = input.findings?.length ? input.findings : [finding];
  if (!findings.includes(finding)) findings.push(finding);
  const ctx: RecipeContext = {
    input, text, lang, lx, finding, findings,
    site: analyzeSite(text, lang, finding, lx, input.path),
  };
  const wasBalanced = !LITERAL_LANGS.has(lang) || balanced(text, lang);
  const partners = awsPartners(text, lang, finding, findings, lx);
  const partnerSecrets = partners.map((p) => secretOf(p, text)).filter((s): s is string => !!s);
  const attempt = (f: ((c: RecipeContext) => Fix | undefined) | undefined): Fix | undefined => {
    if (!f) return undefined;
    try { return verified(f(ctx), text, [secret, ...partnerSecrets], lang, wasBalanced); } catch { return undefined; }
  };
  // replacing an interpolated string by a lookup would drop the interpolated parts along with the secret
  const interpolated = LITERAL_LANGS.has(lang) && !!ctx.site?.literal.interpolated;
  const fixes: Fix[] = [];
  if (AWS_KINDS.has(finding.kind)) {
    const dc = attempt(recipe.defaultChain);
    if (dc) fixes.push({ ...dc, preferred: true });
  } else if (finding.kind !== 'private-key' && !interpolated) {
    const sm = attempt(recipe.secretsManager);
    if (sm) fixes.push({ ...sm, preferred: true });
  }
  // a statement that only sets the variable is deleted; otherwise the literal becomes an environment read
  const envFor = (c: RecipeContext) => envSetterFix(c) ?? (c.site?.literal.interpolated && LITERAL_LANGS.has(lang) ? undefined : recipe.envVar?.(c));
  const env = partners.length ? pairEnvVar(ctx, partners, envFor, (fx) => attempt(() => fx)) : attempt(envFor);
  if (env) fixes.push({ ...env, preferred: fixes.length === 0 });
  return fixes;
}

/**
 * One env-var fix for a whole key pair: each half gets its recipe's env-var rewrite (with the SDK's standard
 * variable name), the edits are merged, and the result must clear every value. Undefined when any half has none.
 */
function pairEnvVar(ctx: RecipeContext, partners: Finding[], envFor: (c: RecipeContext) => Fix | undefined, verify: (f: Fix) => Fix | undefined): Fix | undefined {
  const parts: Fix[] = [];
  for (const f of [ctx.finding, ...partners].sort((x, y) => x.startOffset - y.startOffset)) {
    const site = f === ctx.finding ? ctx.site : analyzeSite(ctx.text, ctx.lang, f, ctx.lx, ctx.input.path);
    let fx: Fix | undefined;
    try { fx = envFor({ ...ctx, finding: f, site }); } catch { fx = undefined; }
    if (!fx) return undefined;
    parts.push(fx);
  }
  const names = [...new Set(parts.map((p) => p.envVar).filter((n): n is string => !!n))];
  const removals = parts.every((p) => p.title.startsWith('Remove the hardcoded value'));
  const title = names.length < 2 ? parts[0].title
    : removals ? `Remove the hardcoded values: ${names.join(', ')} come from the environment`
      : `Read from environment variables ${names.join(', ')}`;
  return verify({
    ...parts[0],
    title,
    envVar: names[0],
    edits: parts.flatMap((p) => p.edits),
  });
}

/** Convenience for adapters: the text after applying one fix. */
export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

