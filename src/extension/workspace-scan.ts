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

export interface WorkspaceScanProgress {
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

export class WorkspaceScanner implements vscode.Disposable {
  private current: vscode.CancellationTokenSource | undefined;

  constructor(
    private readonly store: FindingsStore,
    private readonly ctx: ScanContext,
    private readonly pool: PoolHolder,
    private readonly log: Logger,
  ) {}

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
    const secs = (summary.ms / 1000).toFixed(1);
    const text = summary.cancelled
      ? `Credential Hygiene: scan cancelled after ${summary.scanned} of ${summary.files} files; ${summary.findings} findings so far.`
      : summary.findings
        ? `Credential Hygiene: ${summary.findings} hardcoded credential${summary.findings === 1 ? '' : 's'} in ${summary.filesWithFindings} of ${summary.files} files (${secs} s).`
        : `Credential Hygiene: no hardcoded credentials in ${summary.files} files (${secs} s).`;
    void vscode.window.showInformationMessage(text, ...(summary.findings ? ['Show Findings'] : [])).then((pick) => {
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
  }
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
