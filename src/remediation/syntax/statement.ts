/**
 * The statement around an offset: the span a fix must treat as one unit (a key id and its secret key in one call,
 * one object literal, one `provider` block). Works on the lexer's code mask, so brackets in strings and comments
 * do not count. Heuristic but bounded: it never grows past a function/class body or MAX_LINES lines.
 */
import { CODE, STRING, type Lexed } from '../../syntax/lexer';

const OPEN = '([{';
const CLOSE = ')]}';
const MAX_LINES = 40;

/** A line ending at depth 0 ends the statement unless the code around it says the expression continues. */
const CONTINUES_AFTER = /(?:[,(\[{=+\-*/.|&?:\\]|=>|->|\b(?:and|or|not|in|new|return))\s*$/;
const CONTINUES_BEFORE = /^\s*(?:[.)\]}?:+\-*/|&,]|=>)/;
/** Text before a `{` that makes it a function/class/control body, where a statement stops. */
const BODY_HEAD = /(?:\)|=>|->\s*[\w:<>&,()\[\] ]+|\b(?:else|try|do|finally|class|interface|namespace|struct|impl|enum|trait|module|object|fn|func|function|def|fun|sub|switch|match|loop|unsafe)\b[^{;]*)\s*$/;

function codeAt(lx: Lexed, i: number): boolean { return lx.mask[i] === CODE; }

/** The code text of a line fragment with strings/comments blanked, for the continuation checks. */
function codeSlice(lx: Lexed, a: number, b: number): string {
  let s = '';
  for (let i = a; i < b; i++) s += codeAt(lx, i) ? lx.text[i] : lx.mask[i] === STRING ? '_' : ' ';
  return s;
}

function isBodyBrace(lx: Lexed, brace: number): boolean {
  const ls = lx.text.lastIndexOf('\n', brace - 1) + 1;
  return BODY_HEAD.test(codeSlice(lx, ls, brace));
}

/** [start, end) of the statement containing `offset`. */
export function statementSpan(lx: Lexed, offset: number): [number, number] {
  const t = lx.text;
  // climb out of the enclosing groups (a call, an object literal, a DSL block) up to a function/class body
  let anchor = offset;
  for (const open of enclosingOpens(lx, offset)) {
    if (t[open] === '{' && isBodyBrace(lx, open)) break;
    anchor = open;
  }
  const endsHere = (nl: number) => {
    const prevLine = codeSlice(lx, t.lastIndexOf('\n', nl - 1) + 1, nl);
    const nextLine = codeSlice(lx, nl + 1, Math.min(t.length, nl + 200)).split('\n')[0];
    return !CONTINUES_AFTER.test(prevLine) && !CONTINUES_BEFORE.test(nextLine);
  };
  // backward from the anchor at depth 0: to the previous statement boundary
  let depth = 0;
  let start = 0;
  for (let i = anchor - 1; i >= 0; i--) {
    const c = t[i];
    if (c === '\n') {
      if (depth === 0 && endsHere(i)) { start = i + 1; break; }
      continue;
    }
    if (!codeAt(lx, i)) continue;
    if (CLOSE.includes(c)) depth++;
    else if (OPEN.includes(c)) {
      if (depth === 0) { start = i + 1; break; }
      depth--;
    } else if (depth === 0 && c === ';') { start = i + 1; break; }
  }
  // forward from the anchor: through its group, then to the end of the statement at depth 0
  depth = 0;
  let end = t.length;
  for (let i = anchor; i < t.length; i++) {
    const c = t[i];
    if (c === '\n') {
      if (depth === 0 && i >= offset && endsHere(i)) { end = i; break; }
      if (lineCount(t, offset, i) > MAX_LINES) { end = i; break; }
      continue;
    }
    if (!codeAt(lx, i)) continue;
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) {
      if (depth === 0) { end = i; break; }
      depth--;
    } else if (depth === 0 && c === ';' && i >= offset) { end = i + 1; break; }
  }
  return [start, Math.max(end, offset)];
}

/** Unmatched open brackets before `offset`, innermost first, looking back at most MAX_LINES lines. */
function enclosingOpens(lx: Lexed, offset: number): number[] {
  const t = lx.text;
  const out: number[] = [];
  let depth = 0;
  let lines = 0;
  for (let i = offset - 1; i >= 0; i--) {
    const c = t[i];
    if (c === '\n' && ++lines > MAX_LINES) break;
    if (!codeAt(lx, i)) continue;
    if (CLOSE.includes(c)) depth++;
    else if (OPEN.includes(c)) {
      if (depth === 0) out.push(i);
      else depth--;
    }
  }
  return out;
}

function lineCount(t: string, a: number, b: number): number {
  let n = 0;
  for (let i = t.indexOf('\n', a); i !== -1 && i < b; i = t.indexOf('\n', i + 1)) n++;
  return n;
}
