/**
 * The language server's settings: the `credentialHygiene` section the client returns for
 * `workspace/configuration` (the same keys as the VS Code extension's settings), validated.
 */
import { FINDING_KINDS, type Finding, type FindingKind } from '../engine';

export type LspSeverity = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface LspSettings {
  enable: boolean;
  /** Kinds to report; empty = all. */
  kinds: FindingKind[];
  /** Rule id or kind → severity (rule id wins). */
  severity: Record<string, LspSeverity>;
  /** Delay between the last change and the scan, in ms. */
  debounceMs: number;
}

export const DEFAULT_SETTINGS: LspSettings = { enable: true, kinds: [], severity: {}, debounceMs: 50 };

const SEVERITIES = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);
const KINDS = new Set<string>(FINDING_KINDS);

/** Validates whatever the client sent; unknown or malformed values fall back to the defaults. */
export function parseSettings(raw: unknown): LspSettings {
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_SETTINGS };
  const r = raw as Record<string, unknown>;
  const kinds = Array.isArray(r.kinds) ? r.kinds.filter((k): k is FindingKind => typeof k === 'string' && KINDS.has(k)) : [];
  const severity: Record<string, LspSeverity> = {};
  if (r.severity && typeof r.severity === 'object') {
    for (const [k, v] of Object.entries(r.severity as Record<string, unknown>)) if (typeof v === 'string' && SEVERITIES.has(v)) severity[k] = v as LspSeverity;
  }
  const debounce = typeof r.debounceMs === 'number' && Number.isFinite(r.debounceMs) ? Math.min(5000, Math.max(0, r.debounceMs)) : DEFAULT_SETTINGS.debounceMs;
  return { enable: r.enable !== false, kinds, severity, debounceMs: debounce };
}

/** Effective severity: per-rule override, then per-kind, then the rule's own. */
export function severityOf(f: Pick<Finding, 'ruleId' | 'kind' | 'severity'>, s: LspSettings): LspSeverity {
  return s.severity[f.ruleId] ?? s.severity[f.kind] ?? (f.severity === 'info' ? 'information' : f.severity);
}

export function shown(f: Finding, s: LspSettings): boolean {
  return (s.kinds.length === 0 || s.kinds.includes(f.kind)) && severityOf(f, s) !== 'off';
}
