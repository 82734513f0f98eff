/**
 * Secrets in git history. One streamed `git log -p -U0 --topo-order` over the chosen refs: only ADDED lines
 * are scanned (a secret enters history exactly where a commit adds it), file by file, in batches on the
 * scan workers. Each distinct secret is kept once per file, at its introducing commit: the occurrence with the
 * earliest committer date, and on a tie the one later in topological order (parents come after children). Afterwards one `git grep -F`
 * over HEAD's tree tells which secrets are still there.
 *
 * Memory stays flat in the number of commits: git streams, the parser holds one file diff, and only
 * findings (few) are kept. Used by `scan --history`, `report --history` and the editor's history scan;
 * `scanGitHistory` is the reusable entry point (e.g. for trends over commit dates).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { revealSecret, scan, type Finding, type ScanOptions } from '../engine';
import { DEFAULT_EXCLUDE_DIRS, isExcludedFileName } from './default-excludes';
import { git, GitError } from './git';
import { GitPatchParser, LOG_FORMAT, type AddedText, type CommitMeta } from './git-history-parse';
import { ruleSetFor } from '../engine/rule-set';
import type { HistoryReport } from '../report/types';
import { ScanPool } from './scan-pool';



export interface HistoryScanOptions {
  /** Any directory inside the work tree; a subdirectory limits the walk to paths below it. */
  cwd: string;
  /** Refs to walk (`--branch`); default every ref (`--all`). */
  refs?: string[];
  /** Skip commits reachable from this revision (CI: only what is new since the last scan). */
  since?: string;
  scan?: ScanOptions;
  /** A file diff whose added text is larger than this is skipped (default 2 MB). */
  maxFileBytes?: number;
  threads?: number;
  /**
   * CLI only (no UI thread to keep free): scan the first 1 MB of candidate text on this thread, which is idle
   * waiting for git anyway, and use workers beyond it; starting a worker costs more than a small history's
   * whole scan. Default false: everything on workers (the extension host must never scan).
   */
  inlineSmall?: boolean;
  /** A pool to reuse (the extension's); otherwise one is created and disposed. */
  pool?: ScanPool;
  /** Config excludes: return false to skip a path (relative to the top level). Default excludes always apply. */
  include?: (file: string) => boolean | Promise<boolean>;
  /**
   * Policy for one occurrence (inline ignores, allowlists, baseline): returns the findings to keep. `text` is
   * the added text the findings' offsets refer to.
   */
  policy?: (file: string, text: string, findings: Finding[]) => Finding[] | Promise<Finding[]>;
  onProgress?: (p: { commits: number; files: number }) => void;
  signal?: AbortSignal;
}

export interface HistoryFinding {
  /** Path at the introducing commit, relative to the repository top level ('/'-separated). */
  file: string;
  /** Lines and columns are those in the file at the introducing commit. */
  finding: Finding;
  commit: CommitMeta;
  /** The secret still occurs somewhere in HEAD's tree. */
  inHead: boolean;
  /** AWS access key ids only: the id itself (an identifier, needed for rotation commands; shown masked). */
  keyId?: string;
}

export interface HistoryScanResult {
  top: string;
  findings: HistoryFinding[];
  commits: number;
  /** File diffs scanned and their added bytes. */
  files: number;
  bytes: number;
  skipped: { file: string; commit: string; reason: string }[];
  /** Why the history is incomplete (shallow clone), if it is. */
  partial?: string;
}

const BATCH_BYTES = 256 * 1024;
const BATCH_ITEMS = 512;
const INCLUDE_CACHE_MAX = 50_000;
const INLINE_BYTES = 1024 * 1024;

interface Kept extends HistoryFinding {
  seq: number;
  /** Raw probe for the HEAD check (the secret, or its longest line); in memory only, dropped before returning. */
  probe: string;
}

/** Repository top level for `cwd`, or a clear GitError (no git, not a work tree). */
export async function gitTopLevel(cwd: string): Promise<string> {
  try {
    return (await git(cwd, ['rev-parse', '--show-toplevel'])).toString('utf8').trim();
  } catch (e) {
    const msg = (e as Error).message;
    if (/not installed/.test(msg)) throw e;
    throw new GitError(`not a git work tree: ${cwd} (${msg})`);
  }
}

async function verifyCommitish(top: string, rev: string, what: string): Promise<void> {
  if (!rev || rev.startsWith('-')) throw new GitError(`invalid ${what} '${rev}'`);
  try {
    await git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  } catch {
    throw new GitError(`unknown ${what} '${rev}'`);
  }
}

async function isShallow(top: string): Promise<boolean> {
  return (await git(top, ['rev-parse', '--is-shallow-repository'])).toString('utf8').trim() === 'true';
}

/** Walks history and returns each distinct secret once per file, at its introducing commit. */
export async function scanGitHistory(opts: HistoryScanOptions): Promise<HistoryScanResult> {
  const top = await gitTopLevel(opts.cwd);
  for (const r of opts.refs ?? []) await verifyCommitish(top, r, 'branch or ref');
  if (opts.since !== undefined) await verifyCommitish(top, opts.since, 'revision');
  const result: HistoryScanResult = { top, findings: [], commits: 0, files: 0, bytes: 0, skipped: [] };
  if (await isShallow(top)) result.partial = 'shallow clone: commits before the shallow boundary were not scanned';

  const rel = path.relative(top, path.resolve(opts.cwd)).split(path.sep).join('/');
  const args = [
    '-c', 'diff.noprefix=false', '-c', 'core.quotepath=off',
    'log', '-p', '-U0', '--topo-order', '--full-history', '-M', '--no-color', '--no-ext-diff', '--no-textconv',
    '--ignore-submodules', '--src-prefix=a/', '--dst-prefix=b/', LOG_FORMAT,
    ...(opts.refs?.length ? opts.refs : ['--all']),
    ...(opts.since !== undefined ? ['--not', opts.since] : []),
    '--',
    ...(rel && !rel.startsWith('..') ? [rel] : []),
  ];

  const ownPool = !opts.pool;
  const pool = opts.pool ?? new ScanPool({ threads: opts.threads });
  const scanOpts = opts.scan ?? {};
  const maxBytes = opts.maxFileBytes ?? 2 * 1024 * 1024;
  // The engine's own keyword prefilter, run here: a file diff without any rule keyword cannot produce a finding
  // (exact, not a heuristic), so only candidates cross to the workers, and none start for a clean history.
  const automaton = ruleSetFor(scanOpts).automaton;
  const mayMatch = (text: string): boolean => {
    let hit = false;
    automaton.scan(text, () => {
      hit = true;
    });
    return hit;
  };
  const kept = new Map<string, Kept>();
  const includeCache = new Map<string, boolean>();
  const inflight = new Set<Promise<void>>();
  let batch: { item: AddedText; seq: number }[] = [];
  let batchBytes = 0;
  let seq = 0;
  let failure: Error | undefined;

  const included = async (file: string): Promise<boolean> => {
    let ok = includeCache.get(file);
    if (ok !== undefined) return ok;
    const segs = file.split('/');
    ok = !segs.slice(0, -1).some((s) => DEFAULT_EXCLUDE_DIRS.has(s)) && !isExcludedFileName(segs[segs.length - 1]);
    if (ok && opts.include) ok = await opts.include(file);
    if (includeCache.size >= INCLUDE_CACHE_MAX) includeCache.clear();
    includeCache.set(file, ok);
    return ok;
  };

  const record = async (item: AddedText, itemSeq: number, raw: Finding[]): Promise<void> => {
    const mapped = raw.map((f) => mapToFile(f, item.lineNumbers));
    const findings = opts.policy ? await opts.policy(item.path, item.text, mapped) : mapped;
    for (const f of findings) {
      const key = `${f.fingerprint}\0${item.path}`;
      const prev = kept.get(key);
      if (prev && !introducedEarlier(item.commit.commitTime, itemSeq, f.start.line, prev)) continue;
      const secret = revealSecret(f, item.text);
      kept.set(key, {
        file: item.path,
        finding: f,
        commit: item.commit,
        inHead: false,
        keyId: f.kind === 'aws-access-key-id' ? secret : undefined,
        seq: itemSeq,
        probe: probeOf(secret),
      });
    }
  };

  let inlineLeft = opts.inlineSmall ? INLINE_BYTES : 0;
  const dispatch = (items: { item: AddedText; seq: number }[], bytes: number): void => {
    if (bytes <= inlineLeft) {
      inlineLeft -= bytes;
      const p = (async () => {
        for (const b of items) {
          const found = scan(b.item.text, { ...scanOpts, path: b.item.path });
          if (found.length) await record(b.item, b.seq, found);
        }
      })().catch((e: Error) => {
        failure ??= e;
      });
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
      return;
    }
    const p = pool
      .scanTexts(items.map((b) => ({ path: b.item.path, text: b.item.text })), scanOpts, opts.signal)
      .then(async (found) => {
        for (let i = 0; i < items.length; i++) if (found[i].length) await record(items[i].item, items[i].seq, found[i]);
      })
      .catch((e: Error) => {
        failure ??= e;
      });
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  };

  const pending: AddedText[] = [];
  const parser = new GitPatchParser((f) => pending.push(f), maxBytes);
  // GIT_FLUSH=0: fully buffered output instead of a flush per commit (a pipe wake-up per tiny write).
  const child = spawn('git', args, { cwd: top, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, env: { ...process.env, GIT_FLUSH: '0' } });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    stderr = (stderr + d).slice(-4096);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', (e: NodeJS.ErrnoException) => reject(new GitError(e.code === 'ENOENT' ? 'git is not installed or not on PATH' : e.message)));
    child.on('close', (code) => resolve(code));
  });
  const onAbort = (): void => void child.kill();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  let lastProgress = 0;
  try {
    child.stdout.setEncoding('utf8');
    for await (const chunk of child.stdout as AsyncIterable<string>) {
      if (opts.signal?.aborted || failure) break;
      parser.push(chunk);
      for (const item of pending) {
        seq++;
        if (!(await included(item.path))) continue;
        if (item.skipped) {
          result.skipped.push({ file: item.path, commit: item.commit.sha, reason: item.skipped });
          continue;
        }
        result.files++;
        result.bytes += item.bytes;
        if (!mayMatch(item.text)) continue;
        batch.push({ item, seq });
        batchBytes += item.text.length;
        if (batchBytes >= BATCH_BYTES || batch.length >= BATCH_ITEMS) {
          dispatch(batch, batchBytes);
          batch = [];
          batchBytes = 0;
          // Back-pressure: at most two batches per worker in flight; git waits meanwhile.
          while (inflight.size >= Math.max(2, (opts.threads ?? 4) * 2)) await Promise.race(inflight);
        }
      }
      pending.length = 0;
      if (opts.onProgress && Date.now() - lastProgress > 100) {
        lastProgress = Date.now();
        opts.onProgress({ commits: parser.commits, files: result.files });
      }
    }
    if (!opts.signal?.aborted && !failure) {
      parser.end();
      for (const item of pending) {
        seq++;
        if (!(await included(item.path))) continue;
        if (item.skipped) result.skipped.push({ file: item.path, commit: item.commit.sha, reason: item.skipped });
        else {
          result.files++;
          result.bytes += item.bytes;
          if (mayMatch(item.text)) batch.push({ item, seq });
        }
      }
      if (batch.length) dispatch(batch, batch.reduce((n, b) => n + b.item.text.length, 0));
    }
    await Promise.all(inflight);
    const code = await exited;
    if (opts.signal?.aborted) throw abortError();
    if (failure) throw failure;
    if (code !== 0) throw new GitError(`git log failed: ${stderr.trim().split('\n').pop() || `exit ${code}`}`);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    if (child.exitCode === null) child.kill();
    if (ownPool) await pool.dispose();
  }
  result.commits = parser.commits;

  const inHead = await probesInHead(top, [...new Set([...kept.values()].map((k) => k.probe).filter(Boolean))]);
  result.findings = [...kept.values()]
    .map(({ seq: _s, probe, ...f }) => ({ ...f, inHead: inHead.has(probe) }))
    .sort((a, b) => Date.parse(a.commit.date) - Date.parse(b.commit.date) || cmp(a.file, b.file) || a.finding.start.line - b.finding.start.line);
  return result;
}

/**
 * Whether an occurrence (commit time, walk position, line) predates the kept one: the earlier committer date wins
 * (it also orders unrelated branches); on a tie, the one later in topological order (an ancestor) wins; within
 * one file diff, the first line.
 */
function introducedEarlier(time: number, seq: number, line: number, prev: Kept): boolean {
  if (time !== prev.commit.commitTime) return time < prev.commit.commitTime;
  if (seq !== prev.seq) return seq > prev.seq;
  return line < prev.finding.start.line;
}

/** Re-bases a finding from the added-text coordinates to the file's line numbers at that commit. */
function mapToFile(f: Finding, lineNumbers: number[]): Finding {
  const start = lineNumbers[f.start.line - 1] || f.start.line;
  const end = lineNumbers[f.end.line - 1] || start + (f.end.line - f.start.line);
  return { ...f, start: { ...f.start, line: start }, end: { ...f.end, line: end } };
}

/** `git grep -F` matches within a line: a multi-line secret (PEM body) is probed by its longest line. */
function probeOf(secret: string): string {
  const lines = secret.split(/\r?\n/).map((l) => l.trim());
  return lines.reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** Which probes occur in HEAD's tree (one `git grep -F -o` with the probes on stdin; no HEAD → none). */
function probesInHead(top: string, probes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (!probes.length) return Promise.resolve(found);
  return new Promise((resolve) => {
    const child = spawn('git', ['grep', '-F', '-o', '-h', '-I', '--no-color', '-f', '-', 'HEAD', '--'], { cwd: top, stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
    let rest = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      const lines = (rest + d).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) found.add(l);
    });
    child.on('error', () => resolve(found));
    child.on('close', () => {
      if (rest) found.add(rest);
      resolve(found);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(probes.join('\n') + '\n');
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function abortError(): Error {
  const e = new Error('history scan cancelled');
  e.name = 'AbortError';
  return e;
}

/** The hygiene report's history section (`report --history`): counts and masked items, no secret. */
export function historyReportOf(result: HistoryScanResult): HistoryReport {
  const stillInHead = result.findings.filter((f) => f.inHead).length;
  return {
    commits: result.commits,
    secrets: result.findings.length,
    stillInHead,
    onlyInHistory: result.findings.length - stillInHead,
    partial: result.partial,
    items: result.findings.map((h) => ({
      path: h.file,
      line: h.finding.start.line,
      kind: h.finding.kind,
      ruleId: h.finding.ruleId,
      secretMasked: h.finding.secretMasked,
      commit: h.commit.sha,
      author: h.commit.author,
      date: h.commit.date,
      inHead: h.inHead,
    })),
  };
}
