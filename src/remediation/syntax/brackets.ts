/** Bracket matching, argument/element lists and identifier references on top of the lexer's code mask. */
import { CODE, type Lexed } from '../../syntax/lexer';

const OPEN = '([{';
const CLOSE = ')]}';

/** Offset of the bracket closing the one at `open`, or -1. */
export function matchClose(lx: Lexed, open: number): number {
  const t = lx.text;
  const stack: string[] = [];
  for (let i = open; i < t.length; i++) {
    if (lx.mask[i] !== CODE) continue;
    const c = t[i];
    if (OPEN.includes(c)) stack.push(CLOSE[OPEN.indexOf(c)]);
    else if (CLOSE.includes(c)) {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** Offset of the innermost bracket (one of `kinds`) that encloses `offset`, or -1. */
export function enclosingOpen(lx: Lexed, offset: number, kinds = OPEN): number {
  const t = lx.text;
  let depth = 0;
  for (let i = offset - 1; i >= 0; i--) {
    if (lx.mask[i] !== CODE) continue;
    const c = t[i];
    if (CLOSE.includes(c)) depth++;
    else if (OPEN.includes(c)) {
      if (depth === 0) {
        if (kinds.includes(c)) return i;
        // a bracket of another kind encloses us: keep looking outward
        continue;
      }
      depth--;
    }
  }
  return -1;
}

/** All enclosing open brackets from innermost to outermost. */
export function enclosingChain(lx: Lexed, offset: number): number[] {
  const out: number[] = [];
  let at = offset;
  for (;;) {
    const o = enclosingOpen(lx, at);
    if (o < 0) return out;
    out.push(o);
    at = o;
  }
}

export interface ListItem {
  /** First non-blank offset of the item. */
  start: number;
  /** Just past the last non-blank character of the item. */
  end: number;
  /** Offset of the separator after the item, or -1. */
  sep: number;
}

/** Splits the content between `open` and its matching close on top-level separators. */
export function splitList(lx: Lexed, open: number, close = matchClose(lx, open), seps = ','): ListItem[] {
  const t = lx.text;
  const items: ListItem[] = [];
  let depth = 0;
  let segStart = open + 1;
  const push = (a: number, b: number, sep: number) => {
    let s = a;
    let e = b;
    while (s < e && (/\s/.test(t[s]) || lx.mask[s] === 2)) s++;
    while (e > s && (/\s/.test(t[e - 1]) || lx.mask[e - 1] === 2)) e--;
    if (e > s) items.push({ start: s, end: e, sep });
  };
  for (let i = open + 1; i < close; i++) {
    if (lx.mask[i] !== CODE) continue;
    const c = t[i];
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth--;
    else if (depth === 0 && seps.includes(c)) { push(segStart, i, i); segStart = i + 1; }
  }
  push(segStart, close, -1);
  return items;
}

export function lineStart(text: string, off: number): number {
  return text.lastIndexOf('\n', off - 1) + 1;
}

export function lineEnd(text: string, off: number): number {
  const j = text.indexOf('\n', off);
  return j < 0 ? text.length : j;
}

export function indentOf(text: string, off: number): string {
  const ls = lineStart(text, off);
  return /^[ \t]*/.exec(text.slice(ls))![0];
}

/** True when only blanks precede `off` on its line. */
export function startsLine(text: string, off: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, off), off));
}

export function skipBlanks(text: string, off: number): number {
  while (off < text.length && /[ \t\r\n]/.test(text[off])) off++;
  return off;
}

export function skipBlanksBack(text: string, off: number): number {
  while (off > 0 && /[ \t\r\n]/.test(text[off - 1])) off--;
  return off;
}

/** Code occurrences of identifier `name` (word boundaries; not a member access `x.name` unless allowMember). */
export function identifierRefs(lx: Lexed, name: string, allowMember = false): number[] {
  const t = lx.text;
  const out: number[] = [];
  const isWord = (ch: string | undefined) => ch !== undefined && /[\w$]/.test(ch);
  let i = t.indexOf(name);
  while (i >= 0) {
    if (lx.mask[i] === CODE && !isWord(t[i - 1]) && !isWord(t[i + name.length]) && !(name.startsWith('$') === false && t[i - 1] === '$')) {
      const before = t.slice(Math.max(0, i - 2), i);
      const member = /[^.]\.$|^\.$/.test(before) || before.endsWith('?.') || before.endsWith('->') || before.endsWith('::');
      if (allowMember || !member) out.push(i);
    }
    i = t.indexOf(name, i + 1);
  }
  return out;
}
