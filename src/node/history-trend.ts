/**
 * The report's trend (assessment question 2): credentials newly committed per month over the last 12 months, and
 * how many were removed. Introductions come from the history scanner (each secret once per file, at its
 * introducing commit). A removal is the newest commit whose patch deletes a line holding a secret that is no
 * longer in HEAD: one more streamed `git log -p -U0` pass, run only when such secrets exist. Secret values stay
 * in memory: they are recovered from the introducing blob and never passed on a command line.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Finding } from '../engine';
import { monthlyTrend } from '../report/assessment';
import type { MonthCount } from '../report/types';
import { git } from './git';
import type { HistoryFinding, HistoryScanResult } from './git-history';

export interface TrendResult {
  months: MonthCount[];
  /** Set when history is partial (shallow clone). */
  partial?: string;
  /** Each history finding with its introducing and (if gone from HEAD) removing author dates. */
  events: { finding: HistoryFinding; added: string; removed: string | null }[];
}

/** The secret's longest line: what a deleted line must contain to count as its removal. */
function probeOf(secret: string): string {
  return secret
    .split(/\r?\n/)
    .map((l) => l.trim())
    .reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** The finding's text in the file as of its introducing commit (positions are file positions there). */
function secretAt(blob: string, f: Finding): string | undefined {
  const lines = blob.split('\n');
  if (f.start.line < 1 || f.end.line > lines.length) return undefined;
  if (f.start.line === f.end.line) return lines[f.start.line - 1].slice(f.start.column - 1, f.end.column - 1);
  const parts = [lines[f.start.line - 1].slice(f.start.column - 1), ...lines.slice(f.start.line, f.end.line - 1), lines[f.end.line - 1].slice(0, f.end.column - 1)];
  return parts.join('\n');
}

/** Newest author date of a commit deleting a line that holds each probe (`git log` lists newest first). */
async function removalDates(top: string, probes: Map<string, string[]>, refs: string[] | undefined): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (probes.size === 0) return found;
  const list = [...probes.keys()];
  const child = spawn('git', ['-c', 'core.quotepath=off', 'log', '-p', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--ignore-submodules', '--format=%x01%aI', ...(refs?.length ? refs : ['--all'])], {
    cwd: top,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let date = '';
  const rl = createInterface({ input: child.stdout, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.charCodeAt(0) === 1) date = line.slice(1);
    else if (line.charCodeAt(0) === 45 /* - */ && !line.startsWith('---')) {
      for (const p of list) if (!found.has(p) && line.includes(p)) found.set(p, date);
      if (found.size === list.length) {
        child.kill();
        break;
      }
    }
  }
  return found;
}

/** The trend of a history scan's findings: introductions from the scan, removals from one more log pass. */
export async function historyTrend(result: HistoryScanResult, now: Date, refs?: string[]): Promise<TrendResult> {
  const gone = result.findings.filter((f) => !f.inHead);
  const probeOfFinding = new Map<HistoryFinding, string>();
  const probes = new Map<string, string[]>();
  for (const h of gone) {
    let blob: string;
    try {
      blob = (await git(result.top, ['cat-file', 'blob', `${h.commit.sha}:${h.file}`])).toString('utf8');
    } catch {
      continue;
    }
    const secret = secretAt(blob, h.finding);
    if (!secret) continue;
    const probe = probeOf(secret);
    if (probe.length < 8) continue;
    probeOfFinding.set(h, probe);
    probes.set(probe, [...(probes.get(probe) ?? []), h.file]);
  }
  const removed = await removalDates(result.top, probes, refs);
  // One credential per AWS key pair: a secret key introduced with a key id (same commit and file) is its pair.
  const pairs = new Set(result.findings.filter((h) => h.finding.kind === 'aws-access-key-id').map((h) => `${h.commit.sha}\0${h.file}`));
  const credentials = result.findings.filter((h) => !(h.finding.kind === 'aws-secret-access-key' && pairs.has(`${h.commit.sha}\0${h.file}`)));
  const events = credentials.map((h) => {
    const p = probeOfFinding.get(h);
    return { finding: h, added: h.commit.date, removed: h.inHead ? null : (p && removed.get(p)) ?? null };
  });
  return { months: monthlyTrend(events, now), partial: result.partial, events };
}
