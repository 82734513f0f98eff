/** Building blocks shared by the per-language recipes. */
import type { Fix, TextEdit } from '../types';
import type { RecipeContext } from './recipe';
import { AWS_KINDS, ENV_NOTICE, ROTATE_NOTICE, SECRET_NOTICE } from './recipe';
import { analyzeSite, type Site } from '../context';
import { enclosingChain, identifierRefs, matchClose } from '../syntax/brackets';
import type { Lexed } from '../../syntax/lexer';
import { deleteStatement } from '../edits';
import { proposeSecret } from '../naming';

export interface Span { start: number; end: number }

/** Where the literal's value is used: the references of the declared name, or the literal itself. */
export function valueUses(site: Site): Span[] {
  if (site.decl && !site.decl.member) {
    const name = site.decl.name;
    const declAt = site.text.indexOf(name, site.decl.start);
    return scopedRefs(site.lx, name, declAt)
      .filter((r) => r !== declAt)
      .map((r) => ({ start: r, end: r + name.length }));
  }
  return [{ start: site.literal.start, end: site.literal.end }];
}

/**
 * References of a name declared at `declAt`, limited to the block that declares it: two functions may each have a
 * local of the same name (`val staticCredentials = …` in both), and the other one's uses are not ours.
 */
export function scopedRefs(lx: Lexed, name: string, declAt: number): number[] {
  const refs = identifierRefs(lx, name);
  const block = enclosingChain(lx, declAt).find((o) => lx.text[o] === '{');
  if (block === undefined) return refs;
  const close = matchClose(lx, block);
  return refs.filter((r) => r > block && (close < 0 || r < close));
}

function inside(off: number, ranges: Array<[number, number]>): boolean {
  return ranges.some(([a, b]) => off >= a && off < b);
}

export function rangesOf(edits: TextEdit[]): Array<[number, number]> {
  return edits.filter((e) => e.end > e.start).map((e) => [e.start, e.end]);
}

/**
 * Declarations (of this and the other AWS credential findings) whose every reference lies inside `removed`:
 * they become unused, so their statements are deleted too.
 */
export function unusedCredentialDecls(ctx: RecipeContext, removed: Array<[number, number]>): TextEdit[] {
  const edits: TextEdit[] = [];
  const seen = new Set<number>();
  for (const f of ctx.findings) {
    if (!AWS_KINDS.has(f.kind)) continue;
    const site = f === ctx.finding ? ctx.site : analyzeSite(ctx.text, ctx.lang, f, ctx.lx);
    if (!site?.decl || site.decl.member || seen.has(site.decl.start)) continue;
    if (inside(site.decl.start, removed)) continue;
    const uses = valueUses(site);
    if (uses.length === 0 || !uses.every((u) => inside(u.start, removed))) continue;
    seen.add(site.decl.start);
    edits.push(deleteStatement(ctx.text, site.decl.start, site.decl.end));
  }
  return edits;
}

export function defaultChainFix(edits: TextEdit[], title = 'Use the AWS default credential chain'): Fix {
  return { id: 'default-chain', kind: 'default-chain', title, edits, notice: ROTATE_NOTICE };
}

export function secretsManagerFix(edits: TextEdit[], secretId: string, secretKey?: string): Fix {
  const label = secretKey ? `${secretId} (key ${secretKey})` : secretId;
  return {
    id: 'secrets-manager', kind: 'secrets-manager', title: `Load from AWS Secrets Manager: ${label}`,
    edits, secretId, secretKey, notice: SECRET_NOTICE,
  };
}

export function envVarFix(edits: TextEdit[], envVar: string): Fix {
  return { id: 'env-var', kind: 'env-var', title: `Read from environment variable ${envVar}`, edits, envVar, notice: ENV_NOTICE };
}

/** Proposed secret id + JSON key for the finding. */
export function proposal(ctx: RecipeContext): { secretId: string; key?: string } {
  return proposeSecret(ctx.site!.names, ctx.input.path, ctx.input.secretId);
}

/** Replaces the literal (whole string token) with `expr`. */
export function replaceLiteral(site: Site, expr: string): TextEdit {
  return { start: site.literal.start, end: site.literal.end, newText: expr };
}

export function eol(text: string): string { return text.includes('\r\n') ? '\r\n' : '\n'; }
