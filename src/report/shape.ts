/**
 * Helpers over the tokenizer's no-literal view (`shapeView` in src/syntax/lexer): in `shape` strings and comments
 * are already inert, so brackets, commas and line ends can be read directly. All scans are bounded.
 */
const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSE = new Set([')', ']', '}']);

/** Bound on how far any bracket/expression scan may run (characters). */
export const MAX_SCAN = 20_000;

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
