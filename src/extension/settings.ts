/**
 * Typed access to the `credentialHygiene.*` settings, read per resource (multi-root: every folder may differ)
 * and cached until the configuration changes.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { BUILTIN_RULES, FINDING_KINDS, type Finding, type FindingKind, type Severity } from '../engine';

export const SECTION = 'credentialHygiene';

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';
type ScanTrigger = 'type' | 'save';
export type GroupBy = 'file' | 'kind';

export interface ResourceSettings {
  enable: boolean;
  scanOn: ScanTrigger;
  /** Kinds to report; empty = all. */
  kinds: FindingKind[];
  /** Rule id or kind → severity (rule id wins). */
  severity: Record<string, SeveritySetting>;
  exclude: string[];
  /** Documents above this size are scanned in a worker thread, debounced (`backgroundScanAboveKB`). */
  maxFileSizeKB: number;
  /** Documents and files above this size are not scanned at all. */
  skipFileSizeKB: number;
  debounceMs: number;
  respectGitignore: boolean;
}

const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**'];

const SEVERITIES = new Set<SeveritySetting>(['error', 'warning', 'information', 'hint', 'off']);
const KINDS = new Set<string>(FINDING_KINDS);

function num(v: unknown, dflt: number, min: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.max(min, v) : dflt;
}

/**
 * Renamed settings: new name → old name. The old name is still read (deprecated in the manifest) so users'
 * settings keep working; a value set under the new name wins.
 */
const RENAMED_SETTINGS: Record<string, string> = {
  backgroundScanAboveKB: 'maxFileSizeKB',
};

/** Settings a workspace cannot set while untrusted (also `restrictedConfigurations` in the manifest). */
const RESTRICTED_SETTINGS = ['workspaceScan.threads', 'skipFileSizeKB', 'maskSecretsRevealOnHover'];

function explicitValue<T>(i: ReturnType<vscode.WorkspaceConfiguration['inspect']>, trusted: boolean): T | undefined {
  if (!i) return undefined;
  const v = trusted ? (i.workspaceFolderValue ?? i.workspaceValue ?? i.globalValue) : i.globalValue;
  return v as T | undefined;
}

/**
 * One setting's value: in an untrusted workspace a restricted setting comes from user settings only (a cloned
 * repository must not pick 64 worker threads, switch off hover protection or hide large files); a renamed
 * setting falls back to its old name.
 */
function settingValue<T>(c: vscode.WorkspaceConfiguration, key: string, trusted: boolean): T | undefined {
  const restricted = !trusted && RESTRICTED_SETTINGS.includes(key);
  const own = explicitValue<T>(c.inspect(key), !restricted);
  if (own !== undefined) return own;
  const old = RENAMED_SETTINGS[key];
  if (old) {
    const v = explicitValue<T>(c.inspect(old), !restricted);
    if (v !== undefined) return v;
  }
  return c.inspect<T>(key)?.defaultValue;
}

/** Reads and validates the settings for one resource (a document or folder URI; undefined = window). */
export function readSettings(scope?: vscode.ConfigurationScope, trusted: boolean = vscode.workspace.isTrusted): ResourceSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const kinds = (c.get<unknown[]>('kinds') ?? []).filter((k): k is FindingKind => typeof k === 'string' && KINDS.has(k));
  const severity: Record<string, SeveritySetting> = {};
  const rawSeverity = c.get<Record<string, unknown>>('severity') ?? {};
  for (const [k, v] of Object.entries(rawSeverity)) if (SEVERITIES.has(v as SeveritySetting)) severity[k] = v as SeveritySetting;
  const exclude = (c.get<unknown[]>('exclude') ?? DEFAULT_EXCLUDE).filter((g): g is string => typeof g === 'string' && g.length > 0);
  return {
    enable: c.get<boolean>('enable') !== false,
    scanOn: c.get<string>('scanOn') === 'save' ? 'save' : 'type',
    kinds,
    severity,
    exclude,
    maxFileSizeKB: num(settingValue(c, 'backgroundScanAboveKB', trusted), 512, 1),
    skipFileSizeKB: num(settingValue(c, 'skipFileSizeKB', trusted), 10240, 1),
    debounceMs: num(c.get('debounceMs'), 300, 0),
    respectGitignore: c.get<boolean>('workspaceScan.respectGitignore') !== false,
  };
}

export function groupBySetting(): GroupBy {
  return vscode.workspace.getConfiguration(SECTION).get<string>('findingsView.groupBy') === 'kind' ? 'kind' : 'file';
}

function cores(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/** Worker threads: the setting clamped to the cores (user settings only while untrusted); 0 = automatic. */
export function threadsSetting(trusted: boolean = vscode.workspace.isTrusted): number {
  const n = num(settingValue(vscode.workspace.getConfiguration(SECTION), 'workspaceScan.threads', trusted), 0, 0);
  // Leave one core to the extension host (and the editor) so a scan never starves it.
  const auto = Math.max(1, Math.min(4, cores() - 1));
  return n > 0 ? Math.min(Math.floor(n), cores()) : auto;
}

/** Hover reveal of masked values (off by default; user settings only while untrusted). */
export function revealOnHoverSetting(trusted: boolean = vscode.workspace.isTrusted): boolean {
  return settingValue<boolean>(vscode.workspace.getConfiguration(SECTION), 'maskSecretsRevealOnHover', trusted) === true;
}

/** Effective severity of a finding: per-rule override, then per-kind override, then the rule's own. */
export function severityFor(f: Pick<Finding, 'ruleId' | 'kind' | 'severity'>, s: ResourceSettings): SeveritySetting {
  return s.severity[f.ruleId] ?? s.severity[f.kind] ?? engineSeverity(f.severity);
}

function engineSeverity(s: Severity): SeveritySetting {
  return s === 'info' ? 'information' : s;
}

/** Built-in rule ids switched off by the severity setting (skipped by the engine, not just hidden). */
export function disabledRules(s: ResourceSettings): string[] {
  return BUILTIN_RULES.filter((r) => severityFor({ ruleId: r.id, kind: r.kind, severity: r.severity }, s) === 'off').map((r) => r.id);
}

export function toDiagnosticSeverity(s: SeveritySetting): vscode.DiagnosticSeverity | undefined {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
    default:
      return undefined;
  }
}

/**
 * Per-resource settings cache. Keyed by workspace folder (settings cannot differ below a folder except via
 * language overrides, which this extension does not use), so a keystroke never re-reads the configuration.
 */
export class SettingsCache implements vscode.Disposable {
  private cache = new Map<string, ResourceSettings>();
  private readonly sub: vscode.Disposable;
  private readonly emitter = new vscode.EventEmitter<vscode.ConfigurationChangeEvent>();
  /** Fires after the cache was dropped because `credentialHygiene.*` (or `files.exclude`) changed. */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly trusted: () => boolean = () => vscode.workspace.isTrusted) {
    this.sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION) || e.affectsConfiguration('files.exclude')) {
        this.cache.clear();
        this.emitter.fire(e);
      }
    });
  }

  /** Trust changed: restricted settings read differently now. */
  invalidate(): void {
    this.cache.clear();
  }

  for(uri?: vscode.Uri): ResourceSettings {
    const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
    const trusted = this.trusted();
    // Trust is part of the key: restricted settings read differently before and after trust is granted.
    const key = `${trusted ? 't' : 'u'}:${folder ? folder.uri.toString() : ''}`;
    let s = this.cache.get(key);
    if (!s) this.cache.set(key, (s = readSettings(folder?.uri, trusted)));
    return s;
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
