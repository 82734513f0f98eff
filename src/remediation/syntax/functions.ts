/** Which kind of function encloses an offset in C-like code: top level, a sync function, or an async one. */
import type { Lexed } from '../../syntax/lexer';
import { enclosingOpen } from './brackets';

export type FunctionContext = 'top' | 'sync' | 'async';

const CONTROL = /\b(if|for|while|switch|catch|with|foreach|using|lock|fixed|synchronized|elseif|else\s+if)\s*$/;

/** Offset of the bracket opening the one that closes at `close`, scanning backwards, or -1. */
export function matchOpenBack(lx: Lexed, close: number): number {
  const t = lx.text;
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{', '>': '<' };
  const want = pairs[t[close]];
  if (!want) return -1;
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (lx.mask[i] !== 0) continue;
    const c = t[i];
    if (c === t[close]) depth++;
    else if (c === want) { depth--; if (depth === 0) return i; }
  }
  return -1;
}

function trimEnd(t: string, end: number): number {
  while (end > 0 && /\s/.test(t[end - 1])) end--;
  return end;
}

/** For an arrow at `arrow` (offset of `=>`): is it `async`? */
function arrowIsAsync(lx: Lexed, arrow: number): boolean {
  const t = lx.text;
  let e = trimEnd(t, arrow);
  // return type annotation `(): Promise<T> =>`
  const ann = /\)\s*:\s*[^=()]*$/.exec(t.slice(Math.max(0, e - 200), e));
  if (ann) e = e - ann[0].length + 1;
  let start: number;
  if (t[e - 1] === ')') start = matchOpenBack(lx, e - 1);
  else { start = e; while (start > 0 && /[\w$]/.test(t[start - 1])) start--; }
  if (start < 0) return false;
  return /\basync\s*$/.test(t.slice(Math.max(0, start - 20), start));
}

/** Finds a top-level `=>` of the bracket `open` (or of the file when open < 0) between open and `at`. */
function arrowBetween(lx: Lexed, open: number, at: number): number {
  const t = lx.text;
  let depth = 0;
  let found = -1;
  for (let i = open + 1; i < at; i++) {
    if (lx.mask[i] !== 0) continue;
    const c = t[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && c === '=' && t[i + 1] === '>') found = i;
    else if (depth === 0 && (c === ';' || c === ',')) found = -1;
    else if (depth === 0 && c === '\n' && found >= 0) {
      let k = i - 1;
      while (k > 0 && /[ \t\r]/.test(t[k])) k--;
      if (!/[=>,(+\-*/?:&|]/.test(t[k])) found = -1;
    }
  }
  return found;
}

export function functionContext(lx: Lexed, at: number): FunctionContext {
  const t = lx.text;
  let pos = at;
  for (;;) {
    const o = enclosingOpen(lx, pos);
    const arrow = arrowBetween(lx, o, pos);
    if (arrow >= 0) return arrowIsAsync(lx, arrow) ? 'async' : 'sync';
    if (o < 0) return 'top';
    if (t[o] === '{') {
      let e = trimEnd(t, o);
      const head = t.slice(Math.max(0, e - 300), e);
      if (/=>$/.test(head)) return arrowIsAsync(lx, e - 2) ? 'async' : 'sync';
      const ann = /\)\s*(?::\s*[^{}()=;]*|throws\s+[\w.,\s]+)$/.exec(head);
      if (ann) e = e - ann[0].length + 1;
      if (t[e - 1] === ')') {
        const p = matchOpenBack(lx, e - 1);
        const before = t.slice(Math.max(0, p - 200), p);
        if (CONTROL.test(before)) { pos = o; continue; }
        if (/\basync\b[^;{}()=]*$/.test(before)) return 'async';
        if (/\bsuspend\b[^;{}()=]*$/.test(before)) return 'async';
        return 'sync';
      }
      if (/\b(class|interface|enum|struct|record|object|impl|trait)\b[^;{}()]*$/.test(head)) return 'sync';
      pos = o;
      continue;
    }
    pos = o;
  }
}
