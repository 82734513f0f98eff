/**
 * `Credential Hygiene: Scan Workspace`: every folder of a (multi-root) workspace, honouring `files.exclude`,
 * `.gitignore` and `credentialHygiene.exclude` (minimatch), files read from disk and scanned in worker threads,
 * with a cancellable progress notification, results in the Problems panel and a summary at the end.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import ignore, { type Ignore } from 'ignore';
import { braceExpand } from 'minimatch';
import type { FileScanResult } from '../node/scan-pool';
import type { FindingsStore } from './findings-store';
import { describeError, type Logger } from './log';
import type { PoolHolder } from './pool';
import { isExcludedBy, type ScanContext } from './scan-context';
import { ScanMemory, ago } from './scan-memory';
import { findingCounts } from './status';
import type { Finding } from '../engine';

interface WorkspaceScanProgress {
  total: number;
  done: number;
  findings: number;
}

export interface WorkspaceScanSummary {
  roots: number;
  /** Files enumerated after excludes. */
  files: number;
  scanned: number;
  skipped: number;
  errors: number;
  /** Removed by credentialHygiene.exclude or .gitignore (files.exclude is applied by the enumeration itself). */
  excluded: number;
  findings: number;
  filesWithFindings: number;
  cancelled: boolean;
  ms: number;
  /** Longest synchronous slice of this scan's own code on the extension host thread (ms). */
  longestSliceMs: number;
}

export interface WorkspaceScanOptions {
  /** Folders to scan; default all workspace folders. */
  roots?: readonly vscode.Uri[];
  token?: vscode.CancellationToken;
  onProgress?: (p: WorkspaceScanProgress) => void;
}

/** The last complete workspace scan (this session or restored from workspace state). */
export interface LastScan {
  at: number;
  files: number;
  restored: boolean;
  /** Files created, or changed without findings, since the scan (not rescanned: say so, offer a rescan). */
  changedSince: number;
}

/** At most this many files with findings are rescanned per burst of changes (a checkout can touch thousands). */
const MAX_RESCAN_BURST = 200;

export class WorkspaceScanner implements vscode.Disposable {
  private current: vscode.CancellationTokenSource | undefined;
  lastScan: LastScan | undefined;
  private readonly lastScanEmitter = new vscode.EventEmitter<LastScan | undefined>();
  readonly onDidChangeLastScan = this.lastScanEmitter.event;
  /** Raw (unfiltered) findings of the last scan per path, kept current by the watcher; persisted. */
  private raw = new Map<string, readonly Finding[]>();
  private readonly subs: vscode.Disposable[] = [];
  private pendingRescan = new Set<string>();
  private rescanTimer: ReturnType<typeof setTimeout> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: FindingsStore,
    private readonly ctx: ScanContext,
    private readonly pool: PoolHolder,
    private readonly log: Logger,
    private readonly memory?: ScanMemory,
  ) {
    // After a scan, file changes made in VS Code keep its set current: saved files are rescanned, deleted and
    // renamed ones follow. No `**/*` file system watcher: it floods the extension host with every event of a
    // checkout or a build (100,000 files stalled it). Changes made outside VS Code are caught at the next
    // start-up, where size and mtime decide what is rescanned (restore()).
    this.subs.push(
      vscode.workspace.onDidSaveTextDocument((d) => this.onFileEvent(d.uri, 'change')),
      vscode.workspace.onDidCreateFiles((e) => e.files.forEach((u) => this.onFileEvent(u, 'create'))),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((u) => this.onFileEvent(u, 'delete'))),
      vscode.workspace.onDidRenameFiles((e) =>
        e.files.forEach(({ oldUri, newUri }) => {
          this.onFileEvent(oldUri, 'delete');
          this.onFileEvent(newUri, 'create');
        }),
      ),
      this.lastScanEmitter,
    );
  }

  /**
   * Saved files are rescanned (a bounded burst); new files are counted, and the status bar says so (Scan
   * Workspace includes them).
   */
  private onFileEvent(uri: vscode.Uri, what: 'change' | 'create' | 'delete'): void {
    const last = this.lastScan;
    if (!last || uri.scheme !== 'file') return;
    const p = uri.fsPath;
    if (what === 'delete') {
      if (this.raw.delete(p)) {
        this.store.deleteDisk(uri);
        this.scheduleSave();
      }
      return;
    }
    if (what === 'create') {
      if (last.changedSince++ === 0) this.lastScanEmitter.fire(last);
      return;
    }
    if (!vscode.workspace.getWorkspaceFolder(uri) || !this.ctx.isScanned(uri)) return;
    this.pendingRescan.add(p);
    if (!this.rescanTimer) this.rescanTimer = setTimeout(() => void this.flushRescans(), 300);
  }

  private async flushRescans(): Promise<void> {
    this.rescanTimer = undefined;
    const paths = [...this.pendingRescan];
    this.pendingRescan.clear();
    if (paths.length > MAX_RESCAN_BURST && this.lastScan) {
      this.lastScan.changedSince += paths.length - MAX_RESCAN_BURST;
      this.lastScanEmitter.fire(this.lastScan);
    }
    if (paths.length) await this.rescanFiles(paths.slice(0, MAX_RESCAN_BURST).map((p) => vscode.Uri.file(p)));
  }

  /** Rescans single files on disk (after a change) and updates the disk layer and the saved scan. */
  async rescanFiles(uris: readonly vscode.Uri[]): Promise<void> {
    const byRoot = new Map<string, { root: vscode.Uri; paths: string[] }>();
    for (const u of uris) {
      const f = vscode.workspace.getWorkspaceFolder(u);
      if (!f || f.uri.scheme !== 'file') continue;
      const key = f.uri.toString();
      if (!byRoot.has(key)) byRoot.set(key, { root: f.uri, paths: [] });
      byRoot.get(key)!.paths.push(u.fsPath);
    }
    if (!byRoot.size) return;
    try {
      const pool = await this.pool.get();
      for (const { root, paths } of byRoot.values()) {
        const { disabledRules, customRules } = this.ctx.workerOptionsFor(root);
        const results: FileScanResult[] = [];
        await pool.scanFiles(paths, { scan: { disabledRules, customRules } }, (r) => results.push(r));
        this.store.batch(() => {
          for (const r of results) {
            const uri = vscode.Uri.file(r.path);
            if (r.error || r.skipped) continue;
            if (r.findings.length) this.raw.set(r.path, r.findings);
            else this.raw.delete(r.path);
            this.store.setDisk(uri, r.findings.length ? this.ctx.filter(uri, [...r.findings], undefined) : []);
          }
        });
      }
      this.scheduleSave();
    } catch (err) {
      this.log.warn(`rescan of changed files failed: ${describeError(err)}`);
    }
  }

  /** Restores the last workspace scan saved in workspace state (changed files are rescanned, not trusted). */
  async restore(): Promise<boolean> {
    const started = Date.now();
    const saved = this.memory?.load();
    if (!saved) return false;
    if (saved.truncated) {
      void vscode.window
        .showInformationMessage(`Credential Hygiene: the last workspace scan (${ago(saved.at)}) had too many findings to keep across reloads.`, 'Scan Workspace')
        .then((pick) => pick && vscode.commands.executeCommand('credentialHygiene.scanWorkspace'));
      return false;
    }
    const { valid, changed, gone } = await ScanMemory.validate(saved);
    if (this.lastScan && !this.lastScan.restored && this.lastScan.at >= started) return false; // a fresh scan finished meanwhile
    this.store.batch(() => {
      for (const e of valid) {
        const uri = vscode.Uri.file(e.path);
        if (!this.ctx.isScanned(uri)) continue;
        this.raw.set(e.path, e.findings);
        this.store.setDisk(uri, this.ctx.filter(uri, [...e.findings], undefined));
      }
    });
    this.setLastScan({ at: saved.at, files: saved.files, restored: true, changedSince: 0 });
    this.log.info(`restored the workspace scan of ${ago(saved.at)}: ${valid.length} files kept, ${changed.length} changed (rescanning), ${gone.length} gone`);
    if (changed.length) await this.rescanFiles(changed.map((p) => vscode.Uri.file(p)));
    return true;
  }

  private setLastScan(s: LastScan | undefined): void {
    this.lastScan = s;
    this.lastScanEmitter.fire(s);
  }

  private scheduleSave(): void {
    if (!this.memory || !this.lastScan) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), 1000);
  }

  /** Writes a pending save now (tests, and before a reload); resolves when workspace state holds the scan. */
  async persistNow(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    await this.save();
  }

  private async save(): Promise<void> {
    this.saveTimer = undefined;
    if (!this.memory || !this.lastScan) return;
    const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    await this.memory.save({ at: this.lastScan.at, files: this.lastScan.files, roots }, [...this.raw].map(([path, findings]) => ({ path, findings })));
  }

  /** Forgets the workspace scan (Clear Findings): open documents keep their own findings. */
  async forget(): Promise<void> {
    this.raw.clear();
    this.setLastScan(undefined);
    await this.memory?.clear();
  }

  /** The command: progress notification, then a summary message. */
  async command(): Promise<WorkspaceScanSummary | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      void vscode.window.showInformationMessage('Credential Hygiene: open a folder or workspace to scan it.');
      return undefined;
    }
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Credential Hygiene: scanning workspace', cancellable: true },
      async (progress, token) => {
        let reported = 0;
        return this.scan({
          token,
          onProgress: (p) => {
            const pct = p.total ? (p.done / p.total) * 100 : 0;
            progress.report({ message: `${p.done}/${p.total} files, ${p.findings} findings`, increment: pct - reported });
            reported = pct;
          },
        });
      },
    );
    const text = scanToast(summary, findingCounts(this.store, this.ctx));
    void vscode.window.showInformationMessage(text, ...(summary.findings || this.store.all().length ? ['Show Findings'] : [])).then((pick) => {
      if (pick) void vscode.commands.executeCommand('credentialHygiene.findings.focus');
    });
    return summary;
  }

  /** Scans the given roots (default: workspace folders). A new scan cancels a running one. */
  async scan(opts: WorkspaceScanOptions = {}): Promise<WorkspaceScanSummary> {
    this.current?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.current = cts;
    const outer = opts.token?.onCancellationRequested(() => cts.cancel());
    const token = cts.token;
    const started = Date.now();
    const roots = opts.roots ?? (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
    const sum: WorkspaceScanSummary = {
      roots: roots.length, files: 0, scanned: 0, skipped: 0, errors: 0, excluded: 0, findings: 0, filesWithFindings: 0, cancelled: false, ms: 0, longestSliceMs: 0,
    };
    const raw = new Map<string, readonly Finding[]>();
    try {
      // Enumerate everything first so progress has a total.
      const perRoot: { root: vscode.Uri; paths: string[] }[] = [];
      for (const root of roots) {
        if (token.isCancellationRequested) break;
        if (root.scheme !== 'file') {
          this.log.warn(`workspace scan: skipping ${root.toString()} (only local folders can be read by the worker threads)`);
          continue;
        }
        if (!this.ctx.settings.for(root).enable) continue;
        const paths = await this.enumerate(root, token, sum);
        perRoot.push({ root, paths });
        sum.files += paths.length;
      }
      this.log.info(`workspace scan: ${sum.files} files in ${roots.length} folder(s), ${sum.excluded} excluded by globs/.gitignore`);
      let lastReport = 0;
      const report = (force = false) => {
        const now = Date.now();
        if (!force && now - lastReport < 100) return;
        lastReport = now;
        opts.onProgress?.({ total: sum.files, done: sum.scanned + sum.skipped + sum.errors, findings: sum.findings });
      };
      report(true);
      const pool = await this.pool.get();
      for (const { root, paths } of perRoot) {
        if (token.isCancellationRequested) break;
        const { disabledRules, customRules } = this.ctx.workerOptionsFor(root);
        const seen = new Set<string>();
        let buffer: FileScanResult[] = [];
        const flush = () => {
          const t = performance.now();
          const batch = buffer;
          buffer = [];
          this.store.batch(() => {
            for (const r of batch) {
              const uri = vscode.Uri.file(r.path);
              this.store.setDisk(uri, r.findings.length ? this.ctx.filter(uri, [...r.findings], undefined) : []);
            }
          });
          sum.longestSliceMs = Math.max(sum.longestSliceMs, performance.now() - t);
        };
        const timer = setInterval(flush, 50);
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          await pool.scanFiles(
            paths,
            { scan: { disabledRules, customRules } },
            (r) => {
              seen.add(r.path);
              if (r.findings.length) raw.set(r.path, r.findings);
              if (r.error) {
                sum.errors++;
                this.log.warn(`workspace scan: could not scan ${rel(root, r.path)}: ${r.error}`);
              } else if (r.skipped) {
                sum.skipped++;
                this.log.info(`workspace scan: skipped ${rel(root, r.path)} (${r.skipped})`);
              } else {
                sum.scanned++;
                if (r.findings.length) {
                  sum.findings += r.findings.length;
                  sum.filesWithFindings++;
                }
              }
              buffer.push(r);
              report();
            },
            abort.signal,
          );
        } catch (err) {
          if (!abort.signal.aborted) throw err;
        } finally {
          clearInterval(timer);
          sub.dispose();
          flush();
        }
        if (!token.isCancellationRequested) this.dropStale(root, seen);
      }
      report(true);
    } catch (err) {
      this.log.error('workspace scan failed', err);
      void vscode.window.showErrorMessage(`Credential Hygiene: workspace scan failed (${describeError(err)}). See the output channel.`);
    } finally {
      outer?.dispose();
      sum.cancelled = token.isCancellationRequested;
      if (!sum.cancelled && sum.files + sum.excluded > 0 && !opts.roots) {
        this.raw = raw;
        this.setLastScan({ at: Date.now(), files: sum.files, restored: false, changedSince: 0 });
        this.scheduleSave();
      }
      sum.ms = Date.now() - started;
      if (this.current === cts) this.current = undefined;
      cts.dispose();
    }
    this.log.info(
      `workspace scan ${sum.cancelled ? 'cancelled' : 'done'} in ${sum.ms} ms: ${sum.scanned} scanned, ${sum.skipped} skipped, ${sum.errors} errors, ` +
        `${sum.findings} findings in ${sum.filesWithFindings} files`,
    );
    return sum;
  }

  /** Files under a root after files.exclude (by findFiles), credentialHygiene.exclude and .gitignore. */
  private async enumerate(root: vscode.Uri, token: vscode.CancellationToken, sum: WorkspaceScanSummary): Promise<string[]> {
    const s = this.ctx.settings.for(root);
    const filesExclude = vscode.workspace.getConfiguration('files', root).get<Record<string, unknown>>('exclude') ?? {};
    // Passing an exclude pattern replaces files.exclude in findFiles, so merge both (brace-expanded: no nesting).
    const globs = [...Object.keys(filesExclude).filter((k) => filesExclude[k] === true), ...s.exclude].flatMap((g) => braceExpand(g));
    const exclude = globs.length ? `{${[...new Set(globs)].join(',')}}` : null;
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(root, '**/*'), exclude, undefined, token);
    const gitignores = s.respectGitignore ? await this.loadGitignores(root, exclude, token) : [];
    const out: string[] = [];
    let n = 0;
    let slice = performance.now();
    for (const u of uris) {
      // Glob matching thousands of paths is real work: yield so the extension host never stalls.
      if (++n % 100 === 0) {
        sum.longestSliceMs = Math.max(sum.longestSliceMs, performance.now() - slice);
        await new Promise((r) => setImmediate(r));
        slice = performance.now();
      }
      const relPath = path.relative(root.fsPath, u.fsPath).split(path.sep).join('/');
      if (isExcludedBy(s, relPath) || gitignores.some((g) => g.ignores(relPath))) {
        sum.excluded++;
        continue;
      }
      out.push(u.fsPath);
    }
    sum.longestSliceMs = Math.max(sum.longestSliceMs, performance.now() - slice);
    return out;
  }

  private async loadGitignores(root: vscode.Uri, exclude: string | null, token: vscode.CancellationToken): Promise<GitIgnore[]> {
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(root, '**/.gitignore'), exclude, undefined, token);
    const out: GitIgnore[] = [];
    for (const f of files) {
      try {
        const dir = path.relative(root.fsPath, path.dirname(f.fsPath)).split(path.sep).join('/');
        out.push(new GitIgnore(dir, ignore().add(await fs.readFile(f.fsPath, 'utf8'))));
      } catch (err) {
        this.log.warn(`could not read ${f.fsPath}: ${describeError(err)}`);
      }
    }
    return out;
  }

  /** After a complete scan of a root, forget disk findings for files that are gone or now excluded. */
  private dropStale(root: vscode.Uri, seen: Set<string>): void {
    const prefix = root.fsPath.endsWith(path.sep) ? root.fsPath : root.fsPath + path.sep;
    this.store.batch(() => {
      for (const uri of this.store.diskUris()) if (uri.fsPath.startsWith(prefix) && !seen.has(uri.fsPath)) this.store.deleteDisk(uri);
    });
  }

  cancel(): void {
    this.current?.cancel();
  }

  dispose(): void {
    this.cancel();
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      void this.save();
    }
    this.subs.forEach((d) => d.dispose());
  }
}

/** The scan's closing message, from the same set as the badge and the status bar (issue 16 point 5). */
export function scanToast(summary: WorkspaceScanSummary, c: { total: number; files: number; untitled: number; untitledFiles: number }): string {
  const secs = (summary.ms / 1000).toFixed(1);
  if (summary.cancelled) return `Credential Hygiene: scan cancelled after ${summary.scanned} of ${summary.files} files; ${c.total} findings so far.`;
  const untitled = c.untitled ? `, plus ${c.untitled} in ${c.untitledFiles} untitled buffer${c.untitledFiles === 1 ? '' : 's'}` : '';
  const onDisk = c.total - c.untitled;
  if (c.total === 0) return `Credential Hygiene: no hardcoded credentials in ${summary.files} files (${secs} s).`;
  return `Credential Hygiene: ${c.total} hardcoded credential${c.total === 1 ? '' : 's'}: ${onDisk} in ${c.files - c.untitledFiles} of ${summary.files} workspace files${untitled} (${secs} s).`;
}

/** One .gitignore, applied to paths below its directory. */
class GitIgnore {
  constructor(
    private readonly dir: string,
    private readonly ig: Ignore,
  ) {}
  ignores(relPath: string): boolean {
    if (this.dir === '') return this.ig.ignores(relPath);
    if (!relPath.startsWith(this.dir + '/')) return false;
    return this.ig.ignores(relPath.slice(this.dir.length + 1));
  }
}

function rel(root: vscode.Uri, p: string): string {
  return path.relative(root.fsPath, p).split(path.sep).join('/');
}
