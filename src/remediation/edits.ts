/** Text-edit primitives shared by all recipes: apply, normalise, remove list items and whole statements. */
import type { TextEdit } from './types';
import type { Lexed } from '../syntax/lexer';
import { lineEnd, lineStart, startsLine, type ListItem } from './syntax/brackets';

/** Applies non-overlapping edits (offsets into `text`). Throws on overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start < sorted[i - 1].end) throw new Error('overlapping edits');
  }
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Sorts, drops duplicates and merges overlapping pure deletions. Returns undefined when two edits conflict
 * (overlapping and at least one inserts text), so the caller can refuse the fix.
 */
export function normalizeEdits(edits: readonly TextEdit[]): TextEdit[] | undefined {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && last.start === e.start && last.end === e.end && last.newText === e.newText) continue;
    if (last && last.newText === '' && e.newText === '' && e.start <= last.end && e.end > e.start && last.end > last.start) {
      last.end = Math.max(last.end, e.end);
      continue;
    }
    if (last && e.start < last.end) {
      if (e.start === e.end && e.start >= last.start && e.start <= last.end && last.newText === '') {
        // insertion inside a deleted range: keep it at the deletion start
        out.push({ start: last.end, end: last.end, newText: e.newText });
        continue;
      }
      return undefined;
    }
    // insertions at the very same point: concatenate in order
    if (last && e.start === e.end && last.start === last.end && last.start === e.start) {
      last.newText += e.newText;
      continue;
    }
    out.push({ ...e });
  }
  return out;
}

/** Deletes whole lines [lineStart(start) .. end of the line holding end-1], and a now-doubled blank line. */
export function deleteLines(text: string, start: number, end: number): TextEdit {
  const ls = lineStart(text, start);
  let le = lineEnd(text, Math.max(start, end - 1));
  le = le < text.length ? le + 1 : le;
  const before = text.slice(lineStart(text, Math.max(0, ls - 1)), ls);
  const after = text.slice(le, lineEnd(text, le) + 1);
  const blank = (s: string) => /^[ \t]*\r?\n?$/.test(s) && s.length > 0;
  if ((ls === 0 || blank(before)) && blank(after) && le < text.length) {
    let le2 = lineEnd(text, le);
    le2 = le2 < text.length ? le2 + 1 : le2;
    return { start: ls, end: le2, newText: '' };
  }
  return { start: ls, end: le, newText: '' };
}

/**
 * Deletes the statement text [start, end) (end includes its terminator). Whole lines when the statement is alone on
 * its lines, otherwise just the span plus following blanks.
 */
export function deleteStatement(text: string, start: number, end: number): TextEdit {
  const rest = text.slice(end, lineEnd(text, end));
  if (startsLine(text, start) && /^[ \t]*\r?$/.test(rest)) return deleteLines(text, start, end);
  let e = end;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  return { start, end: e, newText: '' };
}

/**
 * Removes the items at `remove` from a bracketed list, keeping the list's formatting (one-per-line lists lose
 * whole lines, inline lists lose `item, `). `open`/`close` are the bracket offsets.
 */
export function removeListItems(lx: Lexed, open: number, close: number, items: ListItem[], remove: Set<number>): TextEdit[] {
  const text = lx.text;
  if (remove.size === 0) return [];
  if (items.every((_, i) => remove.has(i))) return [{ start: open + 1, end: close, newText: '' }];
  const edits: TextEdit[] = [];
  let i = 0;
  while (i < items.length) {
    if (!remove.has(i)) { i++; continue; }
    let j = i;
    while (j + 1 < items.length && remove.has(j + 1)) j++;
    const first = items[i];
    const lastRemoved = items[j];
    if (j + 1 < items.length) {
      const next = items[j + 1];
      if (startsLine(text, first.start) && startsLine(text, next.start)) {
        edits.push({ start: lineStart(text, first.start), end: lineStart(text, next.start), newText: '' });
      } else {
        edits.push({ start: first.start, end: next.start, newText: '' });
      }
    } else {
      const prev = items[i - 1];
      const trailingSep = lastRemoved.sep >= 0;
      const closeOnOwnLine = startsLine(text, close);
      if (trailingSep && startsLine(text, first.start) && closeOnOwnLine) {
        edits.push({ start: lineStart(text, first.start), end: lineStart(text, close), newText: '' });
      } else {
        edits.push({ start: prev.end, end: lastRemoved.end, newText: '' });
      }
    }
    i = j + 1;
  }
  return edits;
}

/**
 * After whole-line deletions: drop a comment block that described only the deleted lines (blank line above it
 * and below the deletion), and avoid leaving two blank lines in a row.
 */
export function tidyDeletions(text: string, edits: TextEdit[]): TextEdit[] {
  const isBlank = (l: string) => /^[ \t]*\r?$/.test(l);
  const isComment = (l: string) => /^[ \t]*(\/\/|#(?!!)|--)/.test(l);
  return edits.map((e) => {
    if (e.newText !== '' || e.start !== lineStart(text, e.start) || (e.end !== text.length && e.end !== lineStart(text, e.end))) return e;
    if (e.end <= e.start) return e;
    let start = e.start;
    let end = e.end;
    // comment lines directly above
    let s = start;
    while (s > 0) {
      const ps = lineStart(text, s - 1);
      const line = text.slice(ps, s - 1);
      if (!isComment(line)) break;
      s = ps;
    }
    const aboveBlank = s === 0 || isBlank(text.slice(lineStart(text, s - 1), s - 1));
    const nextLine = text.slice(end, lineEnd(text, end));
    const belowBlank = end >= text.length || isBlank(nextLine);
    if (s < start && aboveBlank && belowBlank) start = s;
    // collapse a doubled blank line
    const prevLine = start === 0 ? '' : text.slice(lineStart(text, start - 1), start - 1);
    const prevBlank = start === 0 || isBlank(prevLine) || /[{[(]\s*$/.test(prevLine);
    if (prevBlank && end < text.length && isBlank(nextLine)) {
      const le = lineEnd(text, end);
      end = le < text.length ? le + 1 : le;
    }
    return { start, end, newText: '' };
  });
}
