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
   * How many targeted values (the line's findings plus the other halves of their AWS key pairs) are still in
   * `text`. A fix is complete only when this is 0; callers must not write a partial result.
   */
  left: number;
}

export function findingsOnLine(findings: Finding[], line: number): Finding[] {
  return findings.filter((f) => f.start.line <= line && line <= f.end.line);
}

function choose(fixes: Fix[], action: FixKind | undefined): Fix | undefined {
  if (action) return fixes.find((f) => f.kind === action);
  return fixes.find((f) => f.preferred) ?? fixes[0];
}

function count(text: string, value: string): number {
  let n = 0;
  for (let i = text.indexOf(value); i !== -1; i = text.indexOf(value, i + value.length)) n++;
  return n;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - nl };
}

/**
 * The finding for a targeted value in the current text. A value can stop being *detected* once its partner is
 * gone (the secret-key rule needs a key id nearby) while still being *there*: then the original finding is moved
 * to the occurrence of the value closest to where it was, so it can still be fixed.
 */
function locate(text: string, findings: Finding[], target: Finding, value: string, shift: number): Finding | undefined {
  const seen = findings.find((f) => f.fingerprint === target.fingerprint);
  if (seen) return seen;
  if (value.length < 4 || !text.includes(value)) return undefined;
  const want = target.startOffset + shift;
  let best = -1;
  for (let i = text.indexOf(value); i !== -1; i = text.indexOf(value, i + 1)) {
    if (best < 0 || Math.abs(i - want) < Math.abs(best - want)) best = i;
  }
  const startOffset = best;
  const endOffset = best + value.length;
  return { ...target, startOffset, endOffset, start: positionOf(text, startOffset), end: positionOf(text, endOffset) };
}

export function fixLine(original: string, line: number, opts: FixLineOptions = {}): FixLineResult {
  const scanOpts = { path: opts.path, languageId: opts.languageId };
  const all = scan(original, scanOpts);
  const targets = findingsOnLine(all, line);
  // the line's findings and the other halves of their key pairs: all of them must go
  const lang = detectLanguage(opts.languageId, opts.path);
  const lx = lex(original, lang);
  const wanted = new Map<string, Finding>();
  for (const t of targets) {
    wanted.set(t.fingerprint, t);
    for (const p of awsPartners(original, lang, t, all, lx)) wanted.set(p.fingerprint, p);
  }
  const value = new Map([...wanted.values()].map((f) => [f.fingerprint, revealSecret(f, original)]));
  const tried = new Set<string>();
  const applied: Fix[] = [];
  let text = original;
  for (let round = 0; round < 12; round++) {
    const findings = scan(text, scanOpts);
    let next: Finding | undefined;
    for (const t of wanted.values()) {
      if (tried.has(t.fingerprint) || !text.includes(value.get(t.fingerprint)!)) continue;
      next = locate(text, findings, t, value.get(t.fingerprint)!, text.length - original.length);
      if (next) break;
    }
    if (!next) break;
    tried.add(next.fingerprint);
    const others = findings.includes(next) ? findings : [...findings, next];
    const fix = choose(getFixes({ text, path: opts.path, languageId: opts.languageId, finding: next, findings: others, secretId: opts.secretId }), opts.action);
    if (!fix) continue;
    text = applyEdits(text, fix.edits);
    applied.push(fix);
  }
  // each targeted occurrence must be gone: compare counts, so the same value elsewhere in the file is not blamed
  let left = 0;
  const perValue = new Map<string, number>();
  for (const f of wanted.values()) { const v = value.get(f.fingerprint)!; perValue.set(v, (perValue.get(v) ?? 0) + 1); }
  for (const [v, n] of perValue) left += Math.max(0, Math.min(n, count(text, v) - (count(original, v) - n)));
  return { text, targets, applied, left };
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
