/**
 * A small, bounded lexer for the SDK-client detector. It does not parse: it only tells comments and string
 * literals apart from code, so that construct patterns never match inside them, and so that the detector can ask
 * "is this expression a string literal?" without ever reading the literal's content.
 *
 * Output:
 *  - `code`:  the text with comments blanked (spaces; newlines kept) — used for import/key-name patterns.
 *  - `shape`: `code` with string contents replaced by `_` (or `$` when the string interpolates), newlines kept —
 *             the only text classification looks at, so no literal value can leak into a result.
 *  - `strings`: every string literal span (sorted), including its prefix (`r`, `f`, `@`, `$`…).
 * Offsets are identical in all three views.
 */
import type { SdkLanguage } from './types';

export interface StringToken {
  /** Offset of the first character (prefix or opening quote). */
  start: number;
  /** Offset just past the closing quote. */
  end: number;
  /** Content length (0 = empty literal). */
  length: number;
  /** Interpolates expressions (`${…}`, f-strings, `#{…}`, `$x`): not a constant. */
  interpolated: boolean;
}

export interface Lexed {
  text: string;
  code: string;
  shape: string;
  strings: StringToken[];
}

interface LexOptions {
  slashComments: boolean;
  hashComments: boolean;
  /** How `'` behaves: a string, a char literal (`'x'`) or Rust (char literal or lifetime). */
  single: 'string' | 'char' | 'rust';
  backtick: 'template' | 'raw' | 'none';
  tripleQuotes: boolean;
  /** Interpolation inside double-quoted strings. */
  dqInterp: RegExp | null;
  /** Single-quoted strings interpolate too (none of ours do). */
  csharp: boolean;
  rustRaw: boolean;
  pythonPrefixes: boolean;
  jsRegex: boolean;
}

const OPTIONS: Record<SdkLanguage, LexOptions> = {
  javascript: { slashComments: true, hashComments: false, single: 'string', backtick: 'template', tripleQuotes: false, dqInterp: null, csharp: false, rustRaw: false, pythonPrefixes: false, jsRegex: true },
  python: { slashComments: false, hashComments: true, single: 'string', backtick: 'none', tripleQuotes: true, dqInterp: null, csharp: false, rustRaw: false, pythonPrefixes: true, jsRegex: false },
  java: { slashComments: true, hashComments: false, single: 'char', backtick: 'none', tripleQuotes: true, dqInterp: null, csharp: false, rustRaw: false, pythonPrefixes: false, jsRegex: false },
  kotlin: { slashComments: true, hashComments: false, single: 'char', backtick: 'none', tripleQuotes: true, dqInterp: /\$[{A-Za-z_]/, csharp: false, rustRaw: false, pythonPrefixes: false, jsRegex: false },
  go: { slashComments: true, hashComments: false, single: 'char', backtick: 'raw', tripleQuotes: false, dqInterp: null, csharp: false, rustRaw: false, pythonPrefixes: false, jsRegex: false },
  csharp: { slashComments: true, hashComments: false, single: 'char', backtick: 'none', tripleQuotes: false, dqInterp: null, csharp: true, rustRaw: false, pythonPrefixes: false, jsRegex: false },
  ruby: { slashComments: false, hashComments: true, single: 'string', backtick: 'none', tripleQuotes: false, dqInterp: /#\{/, csharp: false, rustRaw: false, pythonPrefixes: false, jsRegex: false },
  php: { slashComments: true, hashComments: true, single: 'string', backtick: 'none', tripleQuotes: false, dqInterp: /\$[{A-Za-z_]|\{\$/, csharp: false, rustRaw: false, pythonPrefixes: false, jsRegex: false },
  rust: { slashComments: true, hashComments: false, single: 'rust', backtick: 'none', tripleQuotes: false, dqInterp: null, csharp: false, rustRaw: true, pythonPrefixes: false, jsRegex: false },
  terraform: { slashComments: true, hashComments: true, single: 'char', backtick: 'none', tripleQuotes: false, dqInterp: /\$\{|%\{/, csharp: false, rustRaw: false, pythonPrefixes: false, jsRegex: false },
};

/** Characters after which a `/` starts a regex literal in JavaScript (rather than a division). */
const REGEX_PRECEDERS = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', '']);

export function lex(text: string, language: SdkLanguage): Lexed {
  const o = OPTIONS[language];
  const n = text.length;
  const code: string[] = [];
  const shape: string[] = [];
  const strings: StringToken[] = [];
  let i = 0;
  let last = 0; // start of the pending verbatim chunk

  const flush = (to: number) => {
    if (to > last) {
      const chunk = text.slice(last, to);
      code.push(chunk);
      shape.push(chunk);
    }
  };
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  const fill = (s: string, ch: string) => s.replace(/[^\n]/g, ch);

  /** Emits a string token: prefix+open delimiter verbatim, content filled, close delimiter verbatim. */
  const emitString = (start: number, contentStart: number, contentEnd: number, end: number, interpolated: boolean) => {
    flush(start);
    const head = text.slice(start, contentStart);
    const content = text.slice(contentStart, contentEnd);
    const tail = text.slice(contentEnd, end);
    code.push(head, content, tail);
    shape.push(head, fill(content, interpolated ? '$' : '_'), tail);
    strings.push({ start, end, length: contentEnd - contentStart, interpolated });
    last = end;
    i = end;
  };
  const emitComment = (start: number, end: number) => {
    flush(start);
    const b = blank(text.slice(start, end));
    code.push(b);
    shape.push(b);
    last = end;
    i = end;
  };

  /** Finds the end of a quoted run; returns [contentEnd, end]. */
  const scanQuoted = (from: number, quote: string, escapes: boolean, multiline: boolean, doubledQuoteEscape = false): [number, number] => {
    let j = from;
    while (j < n) {
      const c = text[j];
      if (escapes && c === '\\') {
        j += 2;
        continue;
      }
      if (c === quote[0] && text.startsWith(quote, j)) {
        if (doubledQuoteEscape && text[j + 1] === quote) {
          j += 2;
          continue;
        }
        return [j, j + quote.length];
      }
      if (c === '\n' && !multiline) return [j, j]; // unterminated: stop at the line end
      j++;
    }
    return [n, n];
  };

  let prevSignificant = '';
  while (i < n) {
    const c = text[i];
    const c2 = text[i + 1];
    // comments
    if (o.slashComments && c === '/' && c2 === '/') {
      const e = text.indexOf('\n', i);
      emitComment(i, e === -1 ? n : e);
      continue;
    }
    if (o.slashComments && c === '/' && c2 === '*') {
      const e = text.indexOf('*/', i + 2);
      emitComment(i, e === -1 ? n : e + 2);
      continue;
    }
    if (o.hashComments && c === '#') {
      // Ruby `#{` only occurs inside strings (already consumed); PHP `#[Attr]` is an attribute, keep it.
      if (!(language === 'php' && c2 === '[')) {
        const e = text.indexOf('\n', i);
        emitComment(i, e === -1 ? n : e);
        continue;
      }
    }
    if (language === 'ruby' && c === '=' && text.startsWith('=begin', i) && (i === 0 || text[i - 1] === '\n')) {
      const e = text.indexOf('\n=end', i);
      emitComment(i, e === -1 ? n : e + 5);
      continue;
    }
    // strings
    if (o.pythonPrefixes && (c === '"' || c === "'" || /[rRbBfFuU]/.test(c))) {
      const m = /^([rRbBfFuU]{0,2})('''|"""|'|")/.exec(text.slice(i, i + 5));
      if (m && (m[1] === '' || i === 0 || !/[\w]/.test(text[i - 1]))) {
        const prefix = m[1].toLowerCase();
        const q = m[2];
        const contentStart = i + m[0].length;
        const [ce, e] = scanQuoted(contentStart, q, !prefix.includes('r'), q.length === 3);
        emitString(i, contentStart, ce, e, prefix.includes('f') && text.slice(contentStart, ce).includes('{'));
        prevSignificant = '"';
        continue;
      }
    }
    if (o.rustRaw && c === 'r' && (c2 === '"' || c2 === '#') && (i === 0 || !/\w/.test(text[i - 1]))) {
      const m = /^r(#*)"/.exec(text.slice(i, i + 12));
      if (m) {
        const close = '"' + m[1];
        const contentStart = i + m[0].length;
        const idx = text.indexOf(close, contentStart);
        const ce = idx === -1 ? n : idx;
        emitString(i, contentStart, ce, idx === -1 ? n : idx + close.length, false);
        prevSignificant = '"';
        continue;
      }
    }
    if (o.csharp && (c === '@' || c === '$') && (c2 === '"' || ((c2 === '@' || c2 === '$') && text[i + 2] === '"'))) {
      const prefix = c2 === '"' ? c : c + c2;
      const contentStart = i + prefix.length + 1;
      const verbatim = prefix.includes('@');
      const [ce, e] = verbatim ? scanQuoted(contentStart, '"', false, true, true) : scanQuoted(contentStart, '"', true, false);
      emitString(i, contentStart, ce, e, prefix.includes('$') && text.slice(contentStart, ce).includes('{'));
      prevSignificant = '"';
      continue;
    }
    if (c === '"') {
      if (o.tripleQuotes && text.startsWith('"""', i)) {
        const [ce, e] = scanQuoted(i + 3, '"""', language === 'python', true);
        const content = text.slice(i + 3, ce);
        emitString(i, i + 3, ce, e, !!o.dqInterp && o.dqInterp.test(content));
      } else {
        const [ce, e] = scanQuoted(i + 1, '"', true, language === 'rust' || language === 'php' || language === 'ruby');
        const content = text.slice(i + 1, ce);
        emitString(i, i + 1, ce, e, !!o.dqInterp && o.dqInterp.test(content));
      }
      prevSignificant = '"';
      continue;
    }
    if (c === "'") {
      if (o.single === 'string') {
        if (o.tripleQuotes && text.startsWith("'''", i)) {
          const [ce, e] = scanQuoted(i + 3, "'''", true, true);
          emitString(i, i + 3, ce, e, false);
        } else {
          const [ce, e] = scanQuoted(i + 1, "'", true, language === 'php' || language === 'ruby');
          emitString(i, i + 1, ce, e, false);
        }
        prevSignificant = '"';
        continue;
      }
      // char literal 'x' / '\n' / '\u{1F600}'; in Rust an unmatched quote is a lifetime
      const m = /^'(?:\\(?:u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)|[^\\'\n])'/.exec(text.slice(i, i + 12));
      if (m) {
        emitString(i, i + 1, i + m[0].length - 1, i + m[0].length, false);
        prevSignificant = '"';
        continue;
      }
      i++;
      continue;
    }
    if (c === '`' && o.backtick !== 'none') {
      const template = o.backtick === 'template';
      const [ce, e] = scanQuoted(i + 1, '`', template, true);
      emitString(i, i + 1, ce, e, template && text.slice(i + 1, ce).includes('${'));
      prevSignificant = '"';
      continue;
    }
    if (o.jsRegex && c === '/' && c2 !== '/' && c2 !== '*' && REGEX_PRECEDERS.has(prevSignificant)) {
      // a regex literal on this line: skip it as an (unlabelled) string so quotes inside do not confuse us
      let j = i + 1;
      let inClass = false;
      let ok = false;
      while (j < n && text[j] !== '\n') {
        const d = text[j];
        if (d === '\\') {
          j += 2;
          continue;
        }
        if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) {
          ok = true;
          break;
        }
        j++;
      }
      if (ok) {
        flush(i);
        const chunk = text.slice(i, j + 1);
        code.push(chunk);
        shape.push('/' + fill(chunk.slice(1, -1), '_') + '/');
        last = j + 1;
        i = j + 1;
        prevSignificant = ')';
        continue;
      }
    }
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') prevSignificant = /[\w$]/.test(c) ? 'a' : c;
    i++;
  }
  flush(n);
  return { text, code: code.join(''), shape: shape.join(''), strings };
}

/** Index of the string token containing `offset` (start <= offset < end), or -1. Binary search. */
export function stringAt(strings: StringToken[], offset: number): number {
  let lo = 0;
  let hi = strings.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = strings[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSE = new Set([')', ']', '}']);

/** Bound on how far any bracket/expression scan may run (characters). */
export const MAX_SCAN = 20_000;

/**
 * Offset of the bracket matching the one at `open` in `shape` (strings and comments are already inert there),
 * or -1 when it is unbalanced within MAX_SCAN characters.
 */
export function matchBracket(shape: string, open: number): number {
  const want: string[] = [];
  const limit = Math.min(shape.length, open + MAX_SCAN);
  for (let j = open; j < limit; j++) {
    const c = shape[j];
    if (OPEN[c]) want.push(OPEN[c]);
    else if (CLOSE.has(c)) {
      if (want.pop() !== c) return -1;
      if (!want.length) return j;
    }
  }
  return -1;
}

/** Splits shape[s, e) at top-level commas; returns trimmed [start, end) spans (empty spans dropped). */
export function splitTopLevel(shape: string, s: number, e: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let depth = 0;
  let from = s;
  for (let j = s; j <= e; j++) {
    const c = j < e ? shape[j] : ',';
    if (OPEN[c]) depth++;
    else if (CLOSE.has(c)) depth--;
    else if (c === ',' && depth === 0) {
      const span = trimSpan(shape, from, j);
      if (span[1] > span[0]) out.push(span);
      from = j + 1;
    }
  }
  return out;
}

export function trimSpan(shape: string, s: number, e: number): [number, number] {
  while (s < e && /\s/.test(shape[s])) s++;
  while (e > s && /\s/.test(shape[e - 1])) e--;
  return [s, e];
}

/**
 * Reads one expression starting at `s`: up to a top-level `,` `;` or closing bracket, or a line end at depth 0
 * (unless the expression so far is empty or ends with an operator that continues it). Bounded to 2,000 chars.
 */
export function readExpr(shape: string, s: number, limitEnd = shape.length): [number, number] {
  let depth = 0;
  const limit = Math.min(limitEnd, s + 2000);
  let j = s;
  for (; j < limit; j++) {
    const c = shape[j];
    if (OPEN[c]) depth++;
    else if (CLOSE.has(c)) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (c === ',' || c === ';')) break;
    else if (depth === 0 && c === '\n') {
      const sofar = shape.slice(s, j).trim();
      if (sofar && !/[+.=(\[{,:|&?]$|=>$/.test(sofar) && !/^\s*[.+]/.test(shape.slice(j + 1, j + 80))) break;
    }
  }
  return trimSpan(shape, s, j);
}

/** 1-based line and column of an offset, using a precomputed array of line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function positionAt(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/**
 * Matching-bracket table for `shape` in one linear pass: pairs[i] is the offset of the bracket matching the one at
 * i (both directions), or -1. A closing bracket that does not match the innermost open one is left unpaired.
 */
export function bracketPairs(shape: string): Int32Array {
  const pairs = new Int32Array(shape.length).fill(-1);
  const stack: number[] = [];
  for (let j = 0; j < shape.length; j++) {
    const c = shape[j];
    if (c === '(' || c === '[' || c === '{') stack.push(j);
    else if (c === ')' || c === ']' || c === '}') {
      const top = stack.length ? stack[stack.length - 1] : -1;
      if (top !== -1 && OPEN[shape[top]] === c) {
        stack.pop();
        pairs[top] = j;
        pairs[j] = top;
      }
    }
  }
  return pairs;
}
