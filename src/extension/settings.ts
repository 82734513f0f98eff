/**
 * Typed access to the `credentialHygiene.*` settings, read per resource (multi-root: every folder may differ)
 * and cached until the configuration changes.
 */
import * as vscode from 'vscode';
import { BUILTIN_RULES, FINDING_KINDS, type Finding, type FindingKind, type Severity } from '../engine';

export const SECTION = 'credentialHygiene';

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';
export type ScanTrigger = 'type' | 'save';
export type GroupBy = 'file' | 'kind';

export interface ResourceSettings {
  enable: boolean;
  scanOn: ScanTrigger;
  /** Kinds to report; empty = all. */
  kinds: FindingKind[];
  /** Rule id or kind → severity (rule id wins). */
  severity: Record<string, SeveritySetting>;
  exclude: string[];
  /** Documents above this size are scanned in a worker thread, debounced. */
  maxFileSizeKB: number;
  /** Documents and files above this size are not scanned at all. */
  skipFileSizeKB: number;
  debounceMs: number;
  respectGitignore: boolean;
}

export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**'];

const SEVERITIES = new Set<SeveritySetting>(['error', 'warning', 'information', 'hint', 'off']);
const KINDS = new Set<string>(FINDING_KINDS);

function num(v: unknown, dflt: number, min: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.max(min, v) : dflt;
}

/** Reads and validates the settings for one resource (a document or folder URI; undefined = window). */
export function readSettings(scope?: vscode.ConfigurationScope): ResourceSettings {
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
    maxFileSizeKB: num(c.get('maxFileSizeKB'), 512, 1),
    skipFileSizeKB: num(c.get('skipFileSizeKB'), 10240, 1),
    debounceMs: num(c.get('debounceMs'), 300, 0),
    respectGitignore: c.get<boolean>('workspaceScan.respectGitignore') !== false,
  };
}

export function groupBySetting(): GroupBy {
  return vscode.workspace.getConfiguration(SECTION).get<string>('findingsView.groupBy') === 'kind' ? 'kind' : 'file';
}

export function threadsSetting(): number | undefined {
  const n = vscode.workspace.getConfiguration(SECTION).get<number>('workspaceScan.threads') ?? 0;
  return n > 0 ? Math.floor(n) : undefined;
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

  constructor() {
    this.sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION) || e.affectsConfiguration('files.exclude')) {
        this.cache.clear();
        this.emitter.fire(e);
      }
    });
  }

  for(uri?: vscode.Uri): ResourceSettings {
    const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
    const key = folder ? folder.uri.toString() : '';
    let s = this.cache.get(key);
    if (!s) this.cache.set(key, (s = readSettings(folder?.uri)));
    return s;
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
