/**
 * The project's one tokenizer: classifies every character of a source text as code, string or comment and lists
 * the string literals, per language (the table in ./syntax-rules). Remediation uses the mask to keep brackets
 * and commas inside literals out of its edits; the report uses the derived views (`codeView`: comments blanked,
 * `shapeView`: literal contents replaced) so that no pattern ever reads a literal's value.
 *
 * It is not a parser: on input it does not understand it degrades to "code", and callers verify what they find.
 * Linear in the text length; every look-ahead is bounded.
 */
import { rulesFor, type InterpolationRule, type SyntaxRules } from './syntax-rules';


export const CODE = 0;
export const STRING = 1;
export const COMMENT = 2;

export interface StringLiteral {
  /** Offset of the first character: the prefix (`r`, `f`, `@`, `$`, `%Q`, `<<<`) or the opening quote. */
  start: number;
  /** Offset just past the closing delimiter. */
  end: number;
  /** Offsets of the raw content between the delimiters. */
  contentStart: number;
  contentEnd: number;
  /** Opening delimiter without prefix: `"`, `'`, `` ` ``, `"""`, `'''`, `r#"`, `<<<`, `%(`… */
  quote: string;
  /** Content length (0 = empty literal). */
  length: number;
  /** The literal interpolates code here (`${x}` in a JS template, `#{x}` in a Ruby double-quoted string…). */
  interpolated: boolean;
}

export interface Lexed {
  text: string;
  /** One of CODE / STRING / COMMENT per UTF-16 unit. Regex literals are STRING without a `strings` entry. */
  mask: Uint8Array;
  /** Every string literal, sorted by offset. */
  strings: StringLiteral[];
}

const REGEX_PREV = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
const REGEX_KEYWORD = /^(return|typeof|case|in|of|void|throw|yield|await|delete|instanceof|new)$/;
const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

/** [A-Za-z0-9_$] */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}

function interpolates(rule: InterpolationRule | undefined, content: string): boolean {
  return !!rule && rule.test(content);
}

/** Tokenizes `text`; `language` is a remediation family, a report language or a VS Code language id. */
export function lex(text: string, language: string): Lexed {
  const r: SyntaxRules = rulesFor(language);
  const n = text.length;
  const mask = new Uint8Array(n);
  const strings: StringLiteral[] = [];
  const mark = (a: number, b: number, v: number) => { mask.fill(v, a, Math.min(b, n)); };
  let i = 0;
  let lastSig = '';
  let lastWord = '';

  const push = (start: number, contentStart: number, contentEnd: number, end: number, quote: string, rule: InterpolationRule | undefined) => {
    const ce = Math.min(contentEnd, n);
    const e = Math.min(end, n);
    mark(start, e, STRING);
    strings.push({
      start, end: e, contentStart, contentEnd: ce, quote, length: ce - contentStart,
      interpolated: interpolates(rule, text.slice(contentStart, ce)),
    });
    lastSig = '"';
    lastWord = '';
    return e;
  };

  /** End of a quoted run from `from`: [contentEnd, end]. Unterminated single-line strings stop at the line end. */
  const scanQuoted = (from: number, close: string, escapes: boolean, multiline: boolean, doubledEscape = false): [number, number] => {
    let j = from;
    while (j < n) {
      const c = text[j];
      if (escapes && c === '\\') { j += 2; continue; }
      if (c === close[0] && text.startsWith(close, j)) {
        if (doubledEscape && text.startsWith(close, j + close.length)) { j += 2 * close.length; continue; }
        return [j, j + close.length];
      }
      if (c === '\n' && !multiline) return [j, j];
      j++;
    }
    return [n, n];
  };

  /** JS template literal: `${ … }` nests (with braces and inner strings/templates), all of it part of the token. */
  const scanTemplate = (from: number): [number, number] => {
    let j = from;
    const depth: number[] = [];
    while (j < n) {
      const c = text[j];
      if (c === '\\') { j += 2; continue; }
      if (depth.length === 0) {
        if (c === '`') return [j, j + 1];
        if (c === '$' && text[j + 1] === '{') { depth.push(0); j += 2; continue; }
      } else {
        if (c === '{') depth[depth.length - 1]++;
        else if (c === '}') { if (depth[depth.length - 1]-- === 0) depth.pop(); }
        else if (c === '"' || c === "'") { j = scanQuoted(j + 1, c, true, false)[1]; continue; }
        else if (c === '`') { j = scanTemplate(j + 1)[1]; continue; }
      }
      j++;
    }
    return [n, n];
  };

  /** A bracketed %-literal (`%Q(…)` in Ruby): nested brackets of the same kind balance. */
  const scanBracketed = (from: number, open: string): [number, number] => {
    const close = CLOSER[open] ?? open;
    let depth = 0;
    for (let j = from; j < n; j++) {
      const c = text[j];
      if (c === '\\') { j++; continue; }
      if (c === open && close !== open) depth++;
      else if (c === close) { if (depth === 0) return [j, j + 1]; depth--; }
    }
    return [n, n];
  };

  /** Heredoc body: from the line after `at` to the terminator line (`indented`: it may be indented). */
  const scanHeredoc = (at: number, id: string, indented: boolean): [number, number, number] => {
    const bodyStart = text.indexOf('\n', at);
    if (bodyStart === -1) return [n, n, n];
    const re = new RegExp(`^${indented ? '[ \\t]*' : ''}${id}\\b`, 'gm');
    re.lastIndex = bodyStart + 1;
    const m = re.exec(text);
    if (!m) return [bodyStart + 1, n, n];
    return [bodyStart + 1, m.index, m.index + m[0].length];
  };

  const commentStarts = new Set(r.lineComments.map((lc) => lc[0]));
  while (i < n) {
    const c = text[i];
    const c2 = text[i + 1];
    const wordBefore = i > 0 && isWordChar(text.charCodeAt(i - 1));

    // comments
    if (commentStarts.has(c) && r.lineComments.some((lc) => text.startsWith(lc, i)) && !(r.hashAttributes && text.startsWith('#[', i))
      && !(r.hashAtWordStart && c === '#' && i > 0 && !/\s/.test(text[i - 1]))) {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      mark(i, j, COMMENT);
      i = j;
      continue;
    }
    if (r.blockComments && c === '/' && c2 === '*') {
      let j = text.indexOf('*/', i + 2);
      j = j < 0 ? n : j + 2;
      mark(i, j, COMMENT);
      i = j;
      continue;
    }
    if (r.rubyBlockComments && c === '=' && text.startsWith('=begin', i) && (i === 0 || text[i - 1] === '\n')) {
      const e = text.indexOf('\n=end', i);
      const j = e === -1 ? n : e + 5;
      mark(i, j, COMMENT);
      i = j;
      continue;
    }

    // prefixed strings
    if (r.pythonPrefixes && /[rbfuRBFU]/.test(c) && !wordBefore) {
      const m = /^([rbfuRBFU]{1,2})('''|"""|'|")/.exec(text.slice(i, i + 5));
      if (m) {
        const prefix = m[1].toLowerCase();
        const q = m[2];
        const cs = i + m[0].length;
        const [ce, e] = scanQuoted(cs, q, !prefix.includes('r'), q.length === 3);
        i = push(i, cs, ce, e, q, prefix.includes('f') ? r.interpolation.prefixed : undefined);
        continue;
      }
    }
    if (r.csharpPrefixes && (c === '@' || c === '$') && (c2 === '"' || ((c2 === '@' || c2 === '$') && c2 !== c && text[i + 2] === '"'))) {
      const prefix = c2 === '"' ? c : c + c2;
      const cs = i + prefix.length + 1;
      const verbatim = prefix.includes('@');
      const [ce, e] = verbatim ? scanQuoted(cs, '"', false, true, true) : scanQuoted(cs, '"', true, false);
      i = push(i, cs, ce, e, '"', prefix.includes('$') ? r.interpolation.prefixed : undefined);
      continue;
    }
    if (r.rustRaw && c === 'r' && (c2 === '"' || c2 === '#') && !wordBefore) {
      const m = /^r(#*)"/.exec(text.slice(i, i + 12));
      if (m) {
        const close = '"' + m[1];
        const cs = i + m[0].length;
        const idx = text.indexOf(close, cs);
        i = push(i, cs, idx === -1 ? n : idx, idx === -1 ? n : idx + close.length, m[0], undefined);
        continue;
      }
    }
    if (r.heredoc && c === '<' && c2 === '<') {
      // PHP `<<<EOT` / `<<<"EOT"` / nowdoc `<<<'EOT'`; HCL `<<EOT` / `<<-EOT`: the body runs to the terminator line
      const m = r.heredoc === 'php'
        ? /^<<<[ \t]*(["']?)([A-Za-z_]\w*)\1[ \t]*\r?\n/.exec(text.slice(i, i + 80))
        : /^<<(-?)()([A-Za-z_]\w*)[ \t]*\r?\n/.exec(text.slice(i, i + 80));
      if (m) {
        const id = r.heredoc === 'php' ? m[2] : m[3];
        const indented = r.heredoc === 'php' || m[1] === '-';
        const [cs, ce, e] = scanHeredoc(i, id, indented);
        i = push(i, cs, ce, e, '<<', m[1] === "'" ? undefined : r.interpolation.double);
        continue;
      }
    }
    if (r.percentLiterals && c === '%' && /[qQwWiI]/.test(c2 ?? '') && /[([{<|!/]/.test(text[i + 2] ?? '') && !wordBefore) {
      const open = text[i + 2];
      const [ce, e] = scanBracketed(i + 3, open);
      i = push(i, i + 3, ce, e, '%' + open, c2 === 'Q' || c2 === 'W' || c2 === 'I' ? r.interpolation.double : undefined);
      continue;
    }

    // quotes
    if (c === '"') {
      if (r.tripleDouble && text.startsWith('"""', i)) {
        const [ce, e] = scanQuoted(i + 3, '"""', r.tripleDouble === 'escapes', true);
        i = push(i, i + 3, ce, e, '"""', r.interpolation.tripleDouble);
        continue;
      }
      const [ce, e] = scanQuoted(i + 1, '"', true, r.multilineStrings);
      i = push(i, i + 1, ce, e, '"', r.interpolation.double);
      continue;
    }
    if (c === "'" && r.single !== 'none') {
      if (r.single === 'string') {
        if (r.tripleSingle && text.startsWith("'''", i)) {
          const [ce, e] = scanQuoted(i + 3, "'''", true, true);
          i = push(i, i + 3, ce, e, "'''", r.interpolation.tripleSingle);
          continue;
        }
        const [ce, e] = scanQuoted(i + 1, "'", r.singleEscapes, r.multilineStrings);
        i = push(i, i + 1, ce, e, "'", r.interpolation.single);
        continue;
      }
      // a char literal 'x' / '\n' / '\u{1F600}'; otherwise (Rust) a lifetime, which is code
      const m = /^'(?:\\(?:u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)|[^\\'\n])'/.exec(text.slice(i, i + 12));
      if (m) { i = push(i, i + 1, i + m[0].length - 1, i + m[0].length, "'", undefined); continue; }
      i++;
      lastSig = c;
      continue;
    }
    if (c === '`' && r.backtick !== 'none') {
      if (r.backtick === 'template') {
        const [ce, e] = scanTemplate(i + 1);
        i = push(i, i + 1, ce, e, '`', r.interpolation.backtick);
      } else {
        const [ce, e] = scanQuoted(i + 1, '`', r.backtick === 'command', true);
        i = push(i, i + 1, ce, e, '`', r.interpolation.backtick);
      }
      continue;
    }
    if (r.jsRegex && c === '/' && c2 !== '/' && c2 !== '*' && (REGEX_PREV.has(lastSig) || REGEX_KEYWORD.test(lastWord))) {
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
        lastSig = ')';
        lastWord = '';
        continue;
      }
    }
    if (isWordChar(text.charCodeAt(i))) {
      let j = i;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      lastWord = text.slice(i, j);
      lastSig = 'a';
      i = j;
      continue;
    }
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') { lastSig = c; lastWord = ''; }
    i++;
  }
  return { text, mask, strings };
}

/** The string literal whose span contains [start, end). */
export function literalAt(lx: Lexed, start: number, end = start): StringLiteral | undefined {
  const idx = stringAt(lx.strings, start);
  if (idx === -1) return undefined;
  const s = lx.strings[idx];
  return end <= s.end ? s : undefined;
}

/** Index of the string literal containing `offset` (start <= offset < end), or -1. Binary search. */
export function stringAt(strings: readonly StringLiteral[], offset: number): number {
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

/** The text with comments blanked (spaces; line breaks kept). Offsets are unchanged. */
export function codeView(lx: Lexed): string {
  const buf = codes(lx.text);
  for (let i = 0; i < buf.length; i++) if (lx.mask[i] === COMMENT && buf[i] !== NL) buf[i] = SPACE;
  return decode(buf);
}

/**
 * The no-literal view: `codeView` with every literal's content replaced by `_` (`$` when it interpolates) and
 * regex literals filled with `_`; delimiters, prefixes and line breaks kept. The only text the report's construct
 * patterns read, so no literal value can leak into a result. Offsets are unchanged.
 */
export function shapeView(lx: Lexed): string {
  const buf = codes(lx.text);
  for (let i = 0; i < buf.length; i++) {
    const m = lx.mask[i];
    if (m === COMMENT && buf[i] !== NL) buf[i] = SPACE;
    else if (m === STRING && buf[i] !== NL) buf[i] = UNDERSCORE;
  }
  for (const s of lx.strings) {
    for (let k = s.start; k < s.contentStart; k++) buf[k] = lx.text.charCodeAt(k);
    if (s.interpolated) for (let k = s.contentStart; k < s.contentEnd; k++) if (buf[k] !== NL) buf[k] = DOLLAR;
    for (let k = s.contentEnd; k < s.end; k++) buf[k] = lx.text.charCodeAt(k);
  }
  return decode(buf);
}

const NL = 10;
const SPACE = 32;
const UNDERSCORE = 95;
const DOLLAR = 36;

function codes(text: string): Uint16Array {
  const buf = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) buf[i] = text.charCodeAt(i);
  return buf;
}

/** Back to a string; UTF-16 code units are kept one for one (lone surrogates included: offsets must not move). */
function decode(buf: Uint16Array): string {
  let out = '';
  for (let i = 0; i < buf.length; i += 8192) out += String.fromCharCode.apply(null, buf.subarray(i, i + 8192) as unknown as number[]);
  return out;
}
