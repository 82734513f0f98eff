/**
 * Keeps formatter alignment after attribute removal: `terraform fmt` aligns `=` of consecutive attributes and
 * gofmt aligns values of consecutive `Key: value` lines. Only groups that were visibly aligned (some padding wider
 * than one space) are realigned, and only at the top level of the block.
 */
import type { TextEdit } from './types';
import { applyEdits } from './edits';

type Style = 'hcl' | 'go';

const LINE: Record<Style, RegExp> = {
  hcl: /^([ \t]*)([\w-]+)([ \t]*)=([ \t]*)(\S.*)$/,
  go: /^([ \t]*)(\w+):([ \t]*)(\S.*)$/,
};

function depthDelta(line: string): number {
  let d = 0;
  let q = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) { if (c === '\\') i++; else if (c === q) q = ''; continue; }
    if (c === '"' || c === '`') q = c;
    else if (c === '#' || (c === '/' && line[i + 1] === '/')) break;
    else if ('{[('.includes(c)) d++;
    else if ('}])'.includes(c)) d--;
  }
  return d;
}

function realign(body: string, style: Style): string {
  const lines = body.split('\n');
  let depth = 0;
  let group: number[] = [];
  const flush = () => {
    if (group.length > 0) {
      const parsed = group.map((i) => LINE[style].exec(lines[i].replace(/\r$/, ''))!);
      const padded = parsed.some((m) => (style === 'hcl' ? m[3].length > 1 : m[3].length > 1));
      if (padded) {
        const width = Math.max(...parsed.map((m) => m[2].length));
        group.forEach((i, k) => {
          const m = parsed[k];
          const cr = lines[i].endsWith('\r') ? '\r' : '';
          lines[i] = style === 'hcl'
            ? `${m[1]}${m[2]}${' '.repeat(width - m[2].length + 1)}=${m[4] || ' '}${m[5]}${cr}`
            : `${m[1]}${m[2]}:${' '.repeat(width - m[2].length + 1)}${m[4]}${cr}`;
        });
      }
    }
    group = [];
  };
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const m = depth === 0 ? LINE[style].exec(line) : null;
    const delta = depthDelta(line);
    if (m && delta === 0) group.push(i);
    else flush();
    depth += delta;
    if (depth < 0) depth = 0;
  });
  flush();
  return lines.join('\n');
}

/** Replaces the edits inside the block (open, close) by one edit rewriting the block body, realigned. */
export function realignBlock(text: string, edits: TextEdit[], open: number, close: number, style: Style): TextEdit[] {
  const inner = edits.filter((e) => e.start > open && e.end <= close);
  if (inner.length === 0) return edits;
  const others = edits.filter((e) => !inner.includes(e));
  if (others.some((e) => e.start < close && e.end > open + 1)) return edits;
  const body = text.slice(open + 1, close);
  const newBody = realign(applyEdits(body, inner.map((e) => ({ ...e, start: e.start - open - 1, end: e.end - open - 1 }))), style);
  return [...others, { start: open + 1, end: close, newText: newBody }];
}
