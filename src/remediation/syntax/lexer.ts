/**
 * A small, forgiving lexer: classifies every character of a source text as code, string or comment so that the
 * bracket/argument helpers can ignore brackets and commas inside literals. It is not a parser: on input it does
 * not understand it degrades to "code", and callers verify what they find before they edit.
 */
import type { LanguageFamily } from '../types';

export const CODE = 0;
export const STRING = 1;
export const COMMENT = 2;

export interface StringLiteral {
  /** Offset of the opening quote (or prefix such as `r`, `f`, `@`). */
  start: number;
  /** Offset just past the closing quote. */
  end: number;
  /** Offsets of the raw content between the quotes. */
  contentStart: number;
  contentEnd: number;
  quote: string;
  /** Contains interpolation syntax (`${…}` in JS templates, f-strings, `$x`…). */
  interpolated: boolean;
}

export interface Lexed {
  text: string;
  mask: Uint8Array;
  strings: StringLiteral[];
}

interface Flavor {
  line: string[];
  block: boolean;
  quotes: string;
  triple: boolean;
  jsTemplate: boolean;
  goRaw: boolean;
  pyPrefix: boolean;
  csVerbatim: boolean;
  rustRaw: boolean;
  rustChar: boolean;
  jsRegex: boolean;
}

const BASE: Flavor = {
  line: ['//'], block: true, quotes: '"\'', triple: false, jsTemplate: false, goRaw: false, pyPrefix: false,
  csVerbatim: false, rustRaw: false, rustChar: false, jsRegex: false,
};

export function flavorOf(lang: LanguageFamily): Flavor {
  switch (lang) {
    case 'javascript': case 'typescript': return { ...BASE, quotes: '"\'`', jsTemplate: true, jsRegex: true };
    case 'java': return { ...BASE, triple: true };
    case 'kotlin': return { ...BASE, quotes: '"\'', triple: true };
    case 'go': return { ...BASE, quotes: '"\'`', goRaw: true };
    case 'csharp': return { ...BASE, triple: true, csVerbatim: true };
    case 'rust': return { ...BASE, quotes: '"', rustRaw: true, rustChar: true };
    case 'php': return { ...BASE, line: ['//', '#'] };
    case 'terraform': return { ...BASE, line: ['//', '#'], quotes: '"' };
    case 'python': return { ...BASE, line: ['#'], block: false, triple: true, pyPrefix: true };
    case 'ruby': return { ...BASE, line: ['#'], block: false };
    default: return { ...BASE, line: ['#'], block: false };
  }
}

const REGEX_PREV = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);

export function lex(text: string, lang: LanguageFamily): Lexed {
  const f = flavorOf(lang);
  const n = text.length;
  const mask = new Uint8Array(n);
  const strings: StringLiteral[] = [];
  let i = 0;
  let lastSig = '';
  let lastWord = '';
  const mark = (a: number, b: number, v: number) => { for (let k = a; k < b && k < n; k++) mask[k] = v; };

  const readQuoted = (start: number, open: number, quote: string, escapes: boolean, multiline: boolean) => {
    // open = offset of the first content char
    let j = open;
    let interpolated = false;
    while (j < n) {
      const c = text[j];
      if (escapes && c === '\\') { j += 2; continue; }
      if (quote.length === 1 && !multiline && c === '\n') break;
      if (text.startsWith(quote, j)) {
        if (f.csVerbatim && quote === '"' && !escapes && text[j + 1] === '"') { j += 2; continue; }
        break;
      }
      if (c === '$' && (text[j + 1] === '{' || /[A-Za-z_]/.test(text[j + 1] ?? ''))) interpolated = true;
      if (c === '{' && quote.length === 1 && quote !== '`') { /* braces in plain strings are content */ }
      j++;
    }
    const contentEnd = Math.min(j, n);
    const end = Math.min(j + quote.length, n);
    mark(start, end, STRING);
    strings.push({ start, end, contentStart: open, contentEnd, quote, interpolated });
    return end;
  };

  const readTemplate = (start: number) => {
    // JS template literal with ${ … } nesting; nested code is treated as string too (good enough for our needs).
    let j = start + 1;
    let depth = 0;
    let interpolated = false;
    while (j < n) {
      const c = text[j];
      if (c === '\\') { j += 2; continue; }
      if (depth === 0 && c === '`') break;
      if (c === '$' && text[j + 1] === '{') { depth++; interpolated = true; j += 2; continue; }
      if (depth > 0 && c === '}') depth--;
      j++;
    }
    const end = Math.min(j + 1, n);
    mark(start, end, STRING);
    strings.push({ start, end, contentStart: start + 1, contentEnd: Math.min(j, n), quote: '`', interpolated });
    return end;
  };

  while (i < n) {
    const c = text[i];
    // comments
    let isLine = false;
    for (const lc of f.line) if (text.startsWith(lc, i)) { isLine = true; break; }
    if (isLine && !(lang === 'php' && text.startsWith('#[', i))) {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      mark(i, j, COMMENT);
      i = j;
      continue;
    }
    if (f.block && text.startsWith('/*', i)) {
      let j = text.indexOf('*/', i + 2);
      j = j < 0 ? n : j + 2;
      mark(i, j, COMMENT);
      i = j;
      continue;
    }
    // prefixed strings
    if (f.pyPrefix && /[rbfuRBFU]/.test(c) && !/[\w]/.test(text[i - 1] ?? '')) {
      const m = /^([rbfuRBFU]{1,2})(['"])/.exec(text.slice(i, i + 4));
      if (m) {
        const q = text.startsWith(m[2].repeat(3), i + m[1].length) ? m[2].repeat(3) : m[2];
        const raw = /r/i.test(m[1]);
        const start = i;
        i = readQuoted(start, i + m[1].length + q.length, q, !raw, q.length === 3);
        if (/f/i.test(m[1])) strings[strings.length - 1].interpolated = true;
        lastSig = '"'; lastWord = '';
        continue;
      }
    }
    if (f.csVerbatim && (c === '@' || c === '$') && (text[i + 1] === '"' || ((text[i + 1] === '@' || text[i + 1] === '$') && text[i + 2] === '"'))) {
      const pre = text[i + 1] === '"' ? 1 : 2;
      const prefix = text.slice(i, i + pre);
      const verbatim = prefix.includes('@');
      i = readQuoted(i, i + pre + 1, '"', !verbatim, verbatim);
      if (prefix.includes('$')) strings[strings.length - 1].interpolated = true;
      lastSig = '"'; lastWord = '';
      continue;
    }
    if (f.rustRaw && c === 'r' && /^r#*"/.test(text.slice(i, i + 8)) && !/\w/.test(text[i - 1] ?? '')) {
      const hashes = /^r(#*)"/.exec(text.slice(i, i + 8))![1];
      const close = '"' + hashes;
      i = readQuoted(i, i + 2 + hashes.length, close, false, true);
      lastSig = '"'; lastWord = '';
      continue;
    }
    if (f.rustChar && c === '\'') {
      // char literal 'a' / '\n' / '\u{..}', otherwise a lifetime
      const m = /^'(?:\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'/.exec(text.slice(i, i + 12));
      if (m) { mark(i, i + m[0].length, STRING); i += m[0].length; lastSig = '"'; continue; }
      i++; lastSig = c; continue;
    }
    if (f.quotes.includes(c)) {
      if (c === '`' && f.jsTemplate) { i = readTemplate(i); lastSig = '"'; lastWord = ''; continue; }
      if (c === '`' && f.goRaw) { i = readQuoted(i, i + 1, '`', false, true); lastSig = '"'; lastWord = ''; continue; }
      if (f.triple && text.startsWith(c.repeat(3), i) && c !== '`') {
        i = readQuoted(i, i + 3, c.repeat(3), lang !== 'kotlin', true);
        lastSig = '"'; lastWord = '';
        continue;
      }
      i = readQuoted(i, i + 1, c, true, lang === 'ruby' || lang === 'php');
      lastSig = '"'; lastWord = '';
      continue;
    }
    if (f.jsRegex && c === '/' && (REGEX_PREV.has(lastSig) || /^(return|typeof|case|in|of|void|throw|yield|await)$/.test(lastWord))) {
      let j = i + 1;
      let inClass = false;
      while (j < n && text[j] !== '\n') {
        const d = text[j];
        if (d === '\\') { j += 2; continue; }
        if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        j++;
      }
      if (j < n && text[j] === '/') {
        j++;
        while (j < n && /[a-z]/i.test(text[j])) j++;
        mark(i, j, STRING);
        i = j;
        lastSig = '"'; lastWord = '';
        continue;
      }
    }
    if (!/\s/.test(c)) {
      if (/[\w$]/.test(c)) {
        let j = i;
        while (j < n && /[\w$]/.test(text[j])) j++;
        lastWord = text.slice(i, j);
        lastSig = 'a';
        i = j;
        continue;
      }
      lastSig = c; lastWord = '';
    }
    i++;
  }
  return { text, mask, strings };
}

/** The string literal whose span contains [start, end). */
export function literalAt(lx: Lexed, start: number, end = start): StringLiteral | undefined {
  let lo = 0;
  let hi = lx.strings.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = lx.strings[mid];
    if (s.end <= start) lo = mid + 1;
    else if (s.start > start) hi = mid - 1;
    else return end <= s.end ? s : undefined;
  }
  return undefined;
}
