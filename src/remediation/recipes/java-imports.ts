/** Adding imports / usings / uses to C-like files (Java, Kotlin, C#, PHP, Go, Rust) once. */
import type { TextEdit } from '../types';
import type { RecipeContext } from './recipe';
import { lineEnd } from '../syntax/brackets';
import { eol } from './shared';

function afterLast(ctx: RecipeContext, re: RegExp): number {
  const { text, lx } = ctx;
  const g = new RegExp(re.source, 'gm');
  let end = -1;
  let m: RegExpExecArray | null;
  while ((m = g.exec(text))) {
    const at = m.index + m[0].search(/\S/);
    if (lx.mask[at] !== 0) continue;
    const e = lineEnd(text, m.index + Math.max(0, m[0].length - 1));
    end = e < text.length ? e + 1 : e;
  }
  return end;
}

/**
 * Adds `lines` (full statements, e.g. `import a.b.C;`) that are not present yet, after the last existing line
 * matching `existing`, else after the line matching `anchor` (package/namespace), else at the top.
 */
export function ensureLines(ctx: RecipeContext, lines: string[], existing: RegExp, anchor?: RegExp): TextEdit[] {
  const { text } = ctx;
  const nl = eol(text);
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const present = new Set(text.split(/\r?\n/).map(norm));
  const missing = lines.filter((l) => !present.has(norm(l)));
  if (missing.length === 0) return [];
  let at = afterLast(ctx, existing);
  if (at >= 0) return [{ start: at, end: at, newText: missing.map((l) => l + nl).join('') }];
  at = anchor ? afterLast(ctx, anchor) : -1;
  if (at >= 0) return [{ start: at, end: at, newText: nl + missing.map((l) => l + nl).join('') }];
  return [{ start: 0, end: 0, newText: missing.map((l) => l + nl).join('') + nl }];
}
