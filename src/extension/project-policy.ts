/**
 * The project policy in the editor: each workspace folder's `.credential-hygiene.json` files (nested configs
 * refine their parents), its `.credential-hygiene-baseline.json` (at the folder root) and inline ignore
 * directives, applied to editor and workspace-scan findings through the scan-contributor mechanism — the same
 * `applyPolicy` step the CLI runs (src/node/policy.ts), so both report the same findings.
 *
 * Everything here comes from files in the repository, so the contributor `requiresTrust`: in Restricted Mode
 * nothing is loaded (custom rules, excludes, allowlists, baseline and inline ignores only hide or add findings
 * once the workspace is trusted, as the manifest's `untrustedWorkspaces` description promises). Configs are loaded
 * with `loadConfig(dir, { trusted })` as well, so custom rules can never be compiled from an untrusted config.
 *
 * The filter is synchronous (it runs on every keystroke), so configs and the baseline are loaded ahead of time
 * and reloaded when a watcher sees one change; closed files (workspace scan) are read back only when they have
 * findings. Expired ignores, and config/baseline errors, are published as their own diagnostics.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CustomRuleDef, Finding, ScanOptions } from '../engine';
import { FILE_DIRECTIVE_LINES, type ExpiredIgnore } from '../engine/suppress';
import { BASELINE_FILE, BaselineIndex, readBaseline } from '../node/baseline';
import { CONFIG_FILE, ConfigError, loadConfig, type ProjectConfig } from '../node/config';
import { applyPolicy, excludedByConfig, policyFor, scanOptionsFor } from '../node/policy';
import { readTextFileSync } from '../node/read-text';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { ReadonlyFindingsStore } from './findings-store';
import { describeError, type Logger } from './log';
import type { ScanContributor } from './scan-context';
import type { TrustState } from './trust';

const EXPIRED_IGNORE_CODE = 'expired-ignore';
const POLICY_ERROR_CODE = 'invalid-project-file';

interface FolderPolicy {
  folder: vscode.WorkspaceFolder;
  root: string;
  /** Absolute directory → its config. */
  configs: Map<string, ProjectConfig>;
  baseline?: BaselineIndex;
  /** Directory → chain (outermost first); stable arrays (policyFor / scan options are cached by identity). */
  chains: Map<string, ProjectConfig[]>;
  /** Scan options for the whole folder (workspace scan): the union of every config's custom rules. */
  folderOptions?: Partial<ScanOptions>;
}

export interface ProjectPolicyDeps {
  store: ReadonlyFindingsStore;
  trust: TrustState;
  log: Logger;
  /** Rescans open documents (after a reload). */
  rescanOpenDocuments(): void;
  /** Full rescan of one document (an `ignore-file` header changed: incremental scans would not revisit it). */
  rescanDocument(doc: vscode.TextDocument): void;
}

const EMPTY: Partial<ScanOptions> = {};

export class ProjectPolicy implements ScanContributor, vscode.Disposable {
  readonly id = 'project-policy';
  readonly requiresTrust = true;
  private folders = new Map<string, FolderPolicy>();
  private loading: Promise<void> | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly expired = new Map<string, ExpiredIgnore[]>();
  private readonly expiredCollection = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-policy`);
  private readonly errorCollection = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-project-files`);
  /** Documents whose first lines carry an `ignore-file` directive (edits there need a full rescan). */
  private readonly fileDirectiveDocs = new Set<string>();
  private readonly subs: vscode.Disposable[] = [];
  private readonly optionsCache = new WeakMap<ProjectConfig[], Partial<ScanOptions>>();

  constructor(private readonly deps: ProjectPolicyDeps) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/{${CONFIG_FILE},${BASELINE_FILE}}`);
    const changed = () => this.scheduleReload();
    this.subs.push(
      watcher,
      watcher.onDidCreate(changed),
      watcher.onDidChange(changed),
      watcher.onDidDelete(changed),
      vscode.workspace.onDidChangeWorkspaceFolders(changed),
      vscode.workspace.onDidSaveTextDocument((d) => {
        const base = path.basename(d.uri.fsPath);
        if (base === CONFIG_FILE || base === BASELINE_FILE) changed();
      }),
      deps.trust.onDidChange(changed),
      deps.store.onDidChange((uris) => this.publishExpired(uris)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      this.expiredCollection,
      this.errorCollection,
    );
  }

  /** Loads (or reloads) every folder's configs and baseline, then rescans open documents. */
  reload(): Promise<void> {
    const run = (async () => {
      await this.loading?.catch(() => undefined);
      const next = new Map<string, FolderPolicy>();
      const errors = new Map<string, vscode.Diagnostic[]>();
      if (this.deps.trust.isTrusted) {
        for (const folder of vscode.workspace.workspaceFolders ?? []) {
          if (folder.uri.scheme !== 'file') continue;
          next.set(folder.uri.toString(), await this.loadFolder(folder, errors));
        }
      }
      this.folders = next;
      this.errorCollection.clear();
      for (const [u, ds] of errors) this.errorCollection.set(vscode.Uri.parse(u), ds);
      this.deps.rescanOpenDocuments();
    })();
    this.loading = run;
    return run;
  }

  /** Debounced reload (watchers fire several events for one save). */
  scheduleReload(delayMs = 100): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.reload().catch((e) => this.deps.log.error('project policy: reload failed', e));
    }, delayMs);
  }

  /** Resolves once the current (re)load is done. */
  whenLoaded(): Promise<void> {
    return this.loading ?? Promise.resolve();
  }

  private async loadFolder(folder: vscode.WorkspaceFolder, errors: Map<string, vscode.Diagnostic[]>): Promise<FolderPolicy> {
    const root = folder.uri.fsPath;
    const fp: FolderPolicy = { folder, root, configs: new Map(), chains: new Map() };
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `**/${CONFIG_FILE}`), '{**/node_modules/**,**/.git/**}', 500);
    const trusted = this.deps.trust.isTrusted;
    for (const f of files) {
      const dir = path.dirname(f.fsPath);
      try {
        const cfg = await loadConfig(dir, { trusted });
        if (cfg) fp.configs.set(path.resolve(dir), cfg);
      } catch (e) {
        this.reportError(errors, f, e);
      }
    }
    const baselineUri = vscode.Uri.file(path.join(root, BASELINE_FILE));
    try {
      const b = await readBaseline(baselineUri.fsPath);
      if (b) fp.baseline = new BaselineIndex(b, root, baselineUri.fsPath);
    } catch (e) {
      this.reportError(errors, baselineUri, e);
    }
    const n = fp.configs.size;
    this.deps.log.info(
      `project policy for ${folder.name}: ${n} config file${n === 1 ? '' : 's'}` +
        `${fp.baseline ? `, baseline with ${fp.baseline.baseline.entries.length} entries` : ''}`,
    );
    return fp;
  }

  private reportError(errors: Map<string, vscode.Diagnostic[]>, file: vscode.Uri, e: unknown): void {
    const ce = e instanceof ConfigError ? e : undefined;
    const line = Math.max(0, (ce?.line ?? 1) - 1);
    const col = Math.max(0, (ce?.column ?? 1) - 1);
    const msg = ce ? `${ce.key ? `${ce.key}: ` : ''}${ce.problem}` : describeError(e);
    const d = new vscode.Diagnostic(new vscode.Range(line, col, line, col + 1), `${path.basename(file.fsPath)} not applied: ${msg}`, vscode.DiagnosticSeverity.Error);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = POLICY_ERROR_CODE;
    const k = file.toString();
    errors.set(k, [...(errors.get(k) ?? []), d]);
    this.deps.log.warn(`project policy: ${ce ? ce.message : `${file.fsPath}: ${msg}`}`);
  }

  private folderOf(uri: vscode.Uri | undefined): FolderPolicy | undefined {
    if (!uri || uri.scheme !== 'file') return undefined;
    const wf = vscode.workspace.getWorkspaceFolder(uri);
    return wf ? this.folders.get(wf.uri.toString()) : undefined;
  }

  /** Configs that apply to files in `dir`, outermost first (only the folder's subtree is looked at). */
  private chainFor(fp: FolderPolicy, dir: string): ProjectConfig[] {
    let chain = fp.chains.get(dir);
    if (!chain) {
      const rel = path.relative(fp.root, dir);
      const inside = !rel.startsWith('..') && !path.isAbsolute(rel);
      const parent = inside && rel !== '' ? this.chainFor(fp, path.dirname(dir)) : [];
      const own = fp.configs.get(dir);
      chain = own ? [...parent, own] : parent;
      fp.chains.set(dir, chain);
    }
    return chain;
  }

  // ScanContributor -------------------------------------------------------------------------------------------

  scanOptions(uri: vscode.Uri | undefined): Partial<ScanOptions> | undefined {
    const fp = this.folderOf(uri);
    if (!fp || fp.configs.size === 0) return undefined;
    if (uri!.fsPath === fp.folder.uri.fsPath) {
      // The workspace scan asks once per folder: run every config's custom rules; applyPolicy scopes them per file.
      fp.folderOptions ??= this.toOptions(scanOptionsFor([...fp.configs.values()].map((c) => this.chainFor(fp, c.dir))));
      return fp.folderOptions;
    }
    const chain = this.chainFor(fp, path.dirname(uri!.fsPath));
    if (chain.length === 0) return undefined;
    let o = this.optionsCache.get(chain);
    if (!o) this.optionsCache.set(chain, (o = this.toOptions(scanOptionsFor([chain]))));
    return o;
  }

  private toOptions(o: ScanOptions): Partial<ScanOptions> {
    const out: Partial<ScanOptions> = {};
    if (o.customRules?.length) out.customRules = o.customRules as CustomRuleDef[];
    if (o.disabledRules?.length) out.disabledRules = o.disabledRules;
    return Object.keys(out).length ? out : EMPTY;
  }

  filterFindings(uri: vscode.Uri | undefined, findings: Finding[], text: string | undefined): Finding[] {
    const key = uri?.toString() ?? '';
    if (findings.length === 0) {
      this.expired.delete(key);
      return findings;
    }
    if (uri && path.basename(uri.fsPath) === CONFIG_FILE) return []; // its custom-rule examples are samples
    const fp = this.folderOf(uri);
    let chain: ProjectConfig[] = [];
    if (fp) {
      chain = this.chainFor(fp, path.dirname(uri!.fsPath));
      if (chain.length && excludedByConfig(chain, uri!.fsPath)) return [];
    }
    if (text === undefined) {
      if (!uri || uri.scheme !== 'file') return findings;
      const read = readTextFileSync(uri.fsPath);
      if (!('text' in read)) return findings;
      text = read.text;
      // The file changed since the worker read it: offsets would not match; keep the findings as they are.
      if (findings.some((f) => f.endOffset > text!.length)) return findings;
    }
    if (/credential-hygiene:ignore-file/i.test(headerOf(text))) this.fileDirectiveDocs.add(key);
    else this.fileDirectiveDocs.delete(key);
    try {
      const outcome = applyPolicy(text, findings, {
        policy: chain.length ? policyFor(chain) : undefined,
        baseline: fp?.baseline ? { index: fp.baseline, relFile: fp.baseline.relative(uri!.fsPath) } : undefined,
      });
      if (outcome.expired.length) this.expired.set(key, outcome.expired);
      else this.expired.delete(key);
      return outcome.kept;
    } catch (e) {
      this.deps.log.error('project policy: could not apply to a file', e);
      return findings;
    }
  }

  // Expired ignores -------------------------------------------------------------------------------------------

  private publishExpired(uris: readonly vscode.Uri[]): void {
    for (const uri of uris) {
      const key = uri.toString();
      const entry = this.deps.store.get(uri);
      const list = entry && this.deps.trust.isTrusted ? this.expired.get(key) : undefined;
      if (!list?.length) {
        this.expiredCollection.delete(uri);
        continue;
      }
      const seen = new Set<number>();
      const ds: vscode.Diagnostic[] = [];
      for (const e of list) {
        if (!entry!.findings.includes(e.finding) || seen.has(e.line)) continue;
        seen.add(e.line);
        const line = e.line - 1;
        const col = Math.max(0, e.directive.column - 1);
        const d = new vscode.Diagnostic(
          new vscode.Range(line, col, line, col + 'credential-hygiene:ignore'.length),
          `Inline ignore no longer applies (${e.message}): the ${e.finding.ruleId} finding is reported again`,
          vscode.DiagnosticSeverity.Information,
        );
        d.source = DIAGNOSTIC_SOURCE;
        d.code = EXPIRED_IGNORE_CODE;
        ds.push(d);
      }
      this.expiredCollection.set(uri, ds);
    }
  }

  /** An edit in the first lines of a document with (or gaining) an `ignore-file` directive needs a full rescan. */
  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    if (!this.deps.trust.isTrusted) return;
    const touchesHeader = e.contentChanges.some((c) => c.range.start.line < FILE_DIRECTIVE_LINES);
    if (!touchesHeader) return;
    const had = this.fileDirectiveDocs.has(e.document.uri.toString());
    const adds = e.contentChanges.some((c) => /ignore-file/i.test(c.text));
    if (had || adds) setTimeout(() => !e.document.isClosed && this.deps.rescanDocument(e.document), 0);
  }

  // Helpers for the suppression actions -----------------------------------------------------------------------

  /** The baseline file of the folder holding `uri` (undefined outside a local workspace folder). */
  baselineFileFor(uri: vscode.Uri): vscode.Uri | undefined {
    if (uri.scheme !== 'file') return undefined;
    const wf = vscode.workspace.getWorkspaceFolder(uri);
    return wf && wf.uri.scheme === 'file' ? vscode.Uri.joinPath(wf.uri, BASELINE_FILE) : undefined;
  }

  dispose(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.subs.forEach((d) => d.dispose());
  }
}

function headerOf(text: string): string {
  let end = -1;
  for (let i = 0; i < FILE_DIRECTIVE_LINES; i++) {
    const nl = text.indexOf('\n', end + 1);
    if (nl === -1) return text;
    end = nl;
  }
  return text.slice(0, end);
}
