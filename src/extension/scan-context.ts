/**
 * Turns settings + registered contributors into engine `ScanOptions`, filters findings for display, and decides
 * which documents are excluded. Contributors are the plug-in point for later features:
 *   - suppressions (inline ignores, baseline files) implement `filterFindings`;
 *   - custom rules from a repo config implement `scanOptions` and set `requiresTrust: true`.
 * Contributors that require trust are ignored while the workspace is untrusted.
 */
import * as vscode from 'vscode';
import { Minimatch } from 'minimatch';
import type { CustomRuleDef, Finding, RuleSpec, ScanOptions } from '../engine';
import { disabledRules, severityFor, type ResourceSettings, type SettingsCache } from './settings';
import type { TrustState } from './trust';

export interface ScanContributor {
  readonly id: string;
  /** True when it reads configuration the workspace controls (files in the repository). */
  readonly requiresTrust: boolean;
  /** Extra options for a resource, e.g. `extraRules`. */
  scanOptions?(uri: vscode.Uri | undefined): Partial<ScanOptions> | undefined;
  /** Drops findings before they are stored (inline ignores, baseline…). `text` is absent for closed files. */
  filterFindings?(uri: vscode.Uri | undefined, findings: Finding[], text: string | undefined): Finding[];
}

const compiled = new WeakMap<ResourceSettings, Minimatch[]>();

function matchers(s: ResourceSettings): Minimatch[] {
  let m = compiled.get(s);
  if (!m) compiled.set(s, (m = s.exclude.map((g) => new Minimatch(g, { dot: true, nocase: process.platform === 'win32' }))));
  return m;
}

/** Path used for exclude globs: relative to the workspace folder, else the full path. */
function globPath(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const rel = folder ? vscode.workspace.asRelativePath(uri, false) : uri.path;
  return rel.replace(/\\/g, '/');
}

export function isExcludedBy(s: ResourceSettings, relPath: string): boolean {
  return matchers(s).some((m) => m.match(relPath));
}

export class ScanContext implements vscode.Disposable {
  private readonly contributors: ScanContributor[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Contributors or trust changed: open documents should be rescanned. */
  readonly onDidChange = this.emitter.event;
  private readonly subs: vscode.Disposable[];

  constructor(
    readonly settings: SettingsCache,
    readonly trust: TrustState,
  ) {
    this.subs = [trust.onDidChange(() => this.emitter.fire())];
  }

  register(c: ScanContributor): vscode.Disposable {
    this.contributors.push(c);
    this.emitter.fire();
    return new vscode.Disposable(() => {
      const i = this.contributors.indexOf(c);
      if (i >= 0) this.contributors.splice(i, 1);
      this.emitter.fire();
    });
  }

  private active(): ScanContributor[] {
    const trusted = this.trust.isTrusted;
    return this.contributors.filter((c) => trusted || !c.requiresTrust);
  }

  /** Engine options for a resource. `kinds` is left to display filtering so closed files need no rescan. */
  optionsFor(uri: vscode.Uri | undefined, languageId?: string): ScanOptions {
    const s = this.settings.for(uri);
    const opts: ScanOptions = {
      path: uri && uri.scheme === 'file' ? uri.fsPath : uri?.path,
      languageId,
      disabledRules: disabledRules(s),
    };
    if (s.kinds.length) opts.kinds = s.kinds;
    const extra: RuleSpec[][] = [];
    const custom: CustomRuleDef[][] = [];
    for (const c of this.active()) {
      const o = c.scanOptions?.(uri);
      if (!o) continue;
      if (o.extraRules?.length) extra.push(o.extraRules);
      if (o.customRules?.length) custom.push(o.customRules);
      if (o.disabledRules?.length) opts.disabledRules = [...(opts.disabledRules ?? []), ...o.disabledRules];
    }
    // The engine caches compiled rule sets by array identity: keep merged arrays stable between keystrokes.
    if (extra.length) opts.extraRules = this.mergedExtra.get(extra);
    if (custom.length) opts.customRules = this.mergedCustom.get(custom);
    return opts;
  }

  /**
   * Options for a worker thread: only data crosses `postMessage`, so `extraRules` (which may hold functions)
   * stay in the host; contributors that need custom rules in workers provide `customRules`.
   */
  workerOptionsFor(uri: vscode.Uri | undefined, languageId?: string): ScanOptions {
    const { extraRules: _inHostOnly, ...rest } = this.optionsFor(uri, languageId);
    return rest;
  }

  private readonly mergedExtra = new StableConcat<RuleSpec>();
  private readonly mergedCustom = new StableConcat<CustomRuleDef>();

  /** Applies contributor filters (suppressions) to fresh scan results. */
  filter(uri: vscode.Uri | undefined, findings: Finding[], text: string | undefined): Finding[] {
    let out = findings;
    for (const c of this.active()) if (c.filterFindings) out = c.filterFindings(uri, out, text);
    return out;
  }

  /** Whether a resource is scanned at all (enable + exclude globs; untitled buffers are never excluded). */
  isScanned(uri: vscode.Uri): boolean {
    const s = this.settings.for(uri);
    if (!s.enable) return false;
    if (uri.scheme === 'untitled') return true;
    return !isExcludedBy(s, globPath(uri));
  }

  /** Findings to show for a resource under the current settings (kinds, severity `off`, enable, exclude). */
  visible(uri: vscode.Uri, findings: readonly Finding[]): Finding[] {
    if (findings.length === 0 || !this.isScanned(uri)) return [];
    const s = this.settings.for(uri);
    return findings.filter((f) => (s.kinds.length === 0 || s.kinds.includes(f.kind)) && severityFor(f, s) !== 'off');
  }

  dispose(): void {
    this.subs.forEach((d) => d.dispose());
    this.emitter.dispose();
  }
}

/** Concatenates arrays, returning the same result array while the inputs are the same arrays. */
class StableConcat<T> {
  private parts: readonly T[][] = [];
  private merged: T[] = [];
  get(parts: T[][]): T[] {
    if (parts.length === 1) return parts[0];
    if (parts.length !== this.parts.length || parts.some((p, i) => p !== this.parts[i])) {
      this.parts = parts;
      this.merged = parts.flat();
    }
    return this.merged;
  }
}
