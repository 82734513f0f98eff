/** Building blocks shared by the per-language recipes. */
import type { Fix, FixKind, TextEdit } from '../types';
import type { RecipeContext } from './recipe';
import { AWS_KINDS, ENV_NOTICE, ROTATE_NOTICE, SECRET_NOTICE } from './recipe';
import { analyzeSite, type Site } from '../context';
import { enclosingChain, identifierRefs, lineEnd, lineStart, matchClose } from '../syntax/brackets';
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

export function inside(off: number, ranges: Array<[number, number]>): boolean {
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

export function kindOfFix(f: Fix): FixKind { return f.kind; }

/** Proposed secret id + JSON key for the finding. */
export function proposal(ctx: RecipeContext): { secretId: string; key?: string } {
  return proposeSecret(ctx.site!.names, ctx.input.path, ctx.input.secretId);
}

/** Replaces the literal (whole string token) with `expr`. */
export function replaceLiteral(site: Site, expr: string): TextEdit {
  return { start: site.literal.start, end: site.literal.end, newText: expr };
}

/** A string literal in the language's usual quote style. */
export function quote(s: string, q = '"'): string {
  return q + s.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), '\\' + q) + q;
}

/** Offset just after the last line matching `re` (multiline regex, code positions), or -1. */
export function afterLastLine(text: string, re: RegExp, limit = text.length, mask?: Uint8Array): number {
  re.lastIndex = 0;
  let last = -1;
  let m: RegExpExecArray | null;
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  while ((m = g.exec(text)) && m.index < limit) {
    const at = m.index + m[0].search(/\S|$/);
    if (mask && mask[at] !== 0) continue;
    last = lineEnd(text, m.index + Math.max(0, m[0].length - 1));
  }
  return last < 0 ? -1 : Math.min(text.length, last + 1);
}

export function eol(text: string): string { return text.includes('\r\n') ? '\r\n' : '\n'; }

/** Removes the leading indentation-based line block statement helper: true when [start,end) fills its lines. */
export function ownLines(text: string, start: number, end: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, start), start)) && /^[ \t;,]*\r?$/.test(text.slice(end, lineEnd(text, end)));
}
