/**
 * Applies fixes to every finding on one line (what `credential-hygiene fix FILE --line N` does), re-scanning
 * between fixes so that offsets stay valid. Findings are tracked by fingerprint, which survives edits and moves.
 * Pure: takes and returns text.
 */
import { revealSecret, scan } from '../engine';
import type { Finding } from '../engine/types';
import type { Fix, FixKind } from './types';
import { applyEdits } from './edits';
import { awsPartners, getFixes } from './index';
import { detectLanguage } from './language';
import { lex } from '../syntax/lexer';

export interface FixLineOptions { path?: string; languageId?: string; action?: FixKind; secretId?: string }
export interface FixLineResult {
  text: string;
  /** Findings on the line before any fix. */
  targets: Finding[];
  applied: Fix[];
  /**
   * Occurrences of targeted values still in `text`. The targeted values are those of the line's findings and of
   * the other halves of their AWS key pairs; every occurrence in the file counts (it is the same secret). A fix is
   * complete only when this is 0: callers must not write a partial result.
   */
  left: number;
  /** 1-based lines of those occurrences, to tell the user where they are (never the values). */
  leftLines: number[];
}

function findingsOnLine(findings: Finding[], line: number): Finding[] {
  return findings.filter((f) => f.start.line <= line && line <= f.end.line);
}

function choose(fixes: Fix[], action: FixKind | undefined): Fix | undefined {
  if (action) return fixes.find((f) => f.kind === action);
  return fixes.find((f) => f.preferred) ?? fixes[0];
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - nl };
}

/**
 * `finding` moved to another occurrence of its value. A value can stop being *detected* once its partner is gone
 * (the unnamed secret key needs a key id nearby) while still being *there*: it must still be fixable.
 */
function movedTo(finding: Finding, text: string, at: number, length: number): Finding {
  return { ...finding, startOffset: at, endOffset: at + length, start: positionOf(text, at), end: positionOf(text, at + length) };
}

function occurrences(text: string, value: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(value); i !== -1; i = text.indexOf(value, i + value.length)) out.push(i);
  return out;
}

export function fixLine(original: string, line: number, opts: FixLineOptions = {}): FixLineResult {
  const scanOpts = { path: opts.path, languageId: opts.languageId };
  const all = scan(original, scanOpts);
  const targets = findingsOnLine(all, line);
  // the values to clear: the line's findings and the other halves of their key pairs, wherever they occur
  const lang = detectLanguage(opts.languageId, opts.path);
  const lx = lex(original, lang);
  const wanted = new Map<string, Finding>();
  for (const t of targets) {
    for (const f of [t, ...awsPartners(original, lang, t, all, lx)]) {
      const v = revealSecret(f, original);
      if (v.length >= 4 && !wanted.has(v)) wanted.set(v, f);
    }
  }
  const applied: Fix[] = [];
  let text = original;
  let failed = new Set<number>(); // offsets (in the current text) where no fix applied
  for (let round = 0; round < 24; round++) {
    const findings = scan(text, scanOpts);
    let next: Finding | undefined;
    for (const [v, rep] of wanted) {
      next = findings.find((f) => !failed.has(f.startOffset) && f.endOffset - f.startOffset === v.length && text.startsWith(v, f.startOffset));
      const at = next ? -1 : occurrences(text, v).find((o) => !failed.has(o));
      if (!next && at !== undefined && at >= 0) next = movedTo(rep, text, at, v.length);
      if (next) break;
    }
    if (!next) break;
    const others = findings.includes(next) ? findings : [...findings, next];
    const fix = choose(getFixes({ text, path: opts.path, languageId: opts.languageId, finding: next, findings: others, secretId: opts.secretId }), opts.action);
    if (!fix) { failed.add(next.startOffset); continue; }
    text = applyEdits(text, fix.edits);
    applied.push(fix);
    failed = new Set();
  }
  const remaining = [...wanted.keys()].flatMap((v) => occurrences(text, v));
  const leftLines = [...new Set(remaining.map((o) => positionOf(text, o).line))].sort((a, b) => a - b);
  return { text, targets, applied, left: remaining.length, leftLines };
}

/**
 * Applies the preferred (or `action`) fix to every finding of the document, one at a time with a re-scan in
 * between — the "fix all in file" source action. Returns the final text (one undoable replacement for adapters).
 */
export function fixAll(original: string, opts: FixLineOptions = {}): { text: string; applied: Fix[] } {
  const scanOpts = { path: opts.path, languageId: opts.languageId };
  const tried = new Set<string>();
  const applied: Fix[] = [];
  let text = original;
  for (let round = 0; round < 200; round++) {
    const findings = scan(text, scanOpts);
    const next = findings.find((f) => !tried.has(f.fingerprint));
    if (!next) break;
    tried.add(next.fingerprint);
    const fix = choose(getFixes({ text, path: opts.path, languageId: opts.languageId, finding: next, findings, secretId: opts.secretId }), opts.action);
    if (!fix) continue;
    text = applyEdits(text, fix.edits);
    applied.push(fix);
  }
  return { text, applied };
}
