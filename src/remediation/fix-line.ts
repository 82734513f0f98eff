/**
 * Applies fixes to every finding on one line (what `credential-hygiene fix FILE --line N` does), re-scanning
 * between fixes so that offsets stay valid. Findings are tracked by fingerprint, which survives edits and moves.
 * Pure: takes and returns text.
 */
import { scan } from '../engine';
import type { Finding } from '../engine/types';
import type { Fix, FixKind } from './types';
import { applyEdits } from './edits';
import { getFixes } from './index';

export interface FixLineOptions { path?: string; languageId?: string; action?: FixKind; secretId?: string }
export interface FixLineResult {
  text: string;
  /** Findings on the line before any fix. */
  targets: Finding[];
  applied: Fix[];
}

export function findingsOnLine(findings: Finding[], line: number): Finding[] {
  return findings.filter((f) => f.start.line <= line && line <= f.end.line);
}

function choose(fixes: Fix[], action: FixKind | undefined): Fix | undefined {
  if (action) return fixes.find((f) => f.kind === action);
  return fixes.find((f) => f.preferred) ?? fixes[0];
}

export function fixLine(original: string, line: number, opts: FixLineOptions = {}): FixLineResult {
  const scanOpts = { path: opts.path, languageId: opts.languageId };
  const targets = findingsOnLine(scan(original, scanOpts), line);
  const wanted = new Set(targets.map((f) => f.fingerprint));
  const done = new Set<string>();
  const applied: Fix[] = [];
  let text = original;
  for (let round = 0; round < 12 && done.size < wanted.size; round++) {
    const findings = scan(text, scanOpts);
    const next = findings.find((f) => wanted.has(f.fingerprint) && !done.has(f.fingerprint));
    if (!next) break;
    done.add(next.fingerprint);
    const fix = choose(getFixes({ text, path: opts.path, languageId: opts.languageId, finding: next, findings, secretId: opts.secretId }), opts.action);
    if (!fix) continue;
    text = applyEdits(text, fix.edits);
    applied.push(fix);
    const still = new Set(scan(text, scanOpts).map((f) => f.fingerprint));
    for (const fp of wanted) if (!still.has(fp)) done.add(fp);
  }
  return { text, targets, applied };
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
