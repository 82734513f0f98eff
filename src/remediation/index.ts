/**
 * Public remediation API (package export `credential-hygiene/remediation`). Pure: no I/O, no `vscode`.
 *
 * `getFixes` returns the fixes that apply to one finding: "use the default credential chain" for AWS keys,
 * "load from AWS Secrets Manager" for other secrets, and "read from an environment variable" as the fallback.
 * Every fix is verified before it is offered: its edits must not overlap, must remove the secret from the text,
 * and must keep the brackets of the file balanced.
 */
import type { Finding } from '../engine/types';
import { revealSecret } from '../engine';
import type { Fix, FixInput, LanguageFamily } from './types';
import { detectLanguage } from './language';
import { lex } from './syntax/lexer';
import { analyzeSite } from './context';
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

function verified(fix: Fix | undefined, text: string, secret: string, lang: LanguageFamily, wasBalanced: boolean): Fix | undefined {
  if (!fix || fix.edits.length === 0) return undefined;
  const merged = normalizeEdits(fix.edits);
  if (!merged) return undefined;
  const edits = normalizeEdits(tidyDeletions(text, merged));
  if (!edits) return undefined;
  let out: string;
  try { out = applyEdits(text, edits); } catch { return undefined; }
  if (out === text) return undefined;
  if (secret.length >= 4 && out.includes(secret)) return undefined;
  if (LITERAL_LANGS.has(lang) && wasBalanced && !balanced(out, lang)) return undefined;
  return { ...fix, edits };
}

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
  const attempt = (f: ((c: RecipeContext) => Fix | undefined) | undefined): Fix | undefined => {
    if (!f) return undefined;
    try { return verified(f(ctx), text, secret, lang, wasBalanced); } catch { return undefined; }
  };
  const fixes: Fix[] = [];
  if (AWS_KINDS.has(finding.kind)) {
    const dc = attempt(recipe.defaultChain);
    if (dc) fixes.push({ ...dc, preferred: true });
  } else if (finding.kind !== 'private-key') {
    const sm = attempt(recipe.secretsManager);
    if (sm) fixes.push({ ...sm, preferred: true });
  }
  const env = attempt(recipe.envVar);
  if (env) fixes.push({ ...env, preferred: fixes.length === 0 });
  return fixes;
}

/** Convenience for adapters: the text after applying one fix. */
export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

