/** Aggregates SDK client classifications, findings and Secrets Manager lookups into a HygieneReport. Pure. */
import { maskSecret, type Finding, type FindingKind, type Severity } from '../engine';
import { countSecretsManagerLookups } from './secrets-manager';
import { secretIdsIn } from './secret-ids';
import { addIgnoreCounts, countInlineIgnores, NO_IGNORES } from './ignore-counts';
import { detectSdkClients } from './sdk-clients';
import { CREDENTIAL_CLASSES, type ClassCounts, type FileRow, type FolderRow, type HygieneReport, type InlineIgnoreCounts, type ReportClient, type ReportFinding, type SdkLanguage } from './types';

export interface ReportInput {
  path: string;
  /** File text; used for client detection and lookup counting only, never copied into the report. */
  text: string;
  /** Findings of a scan of `text`. */
  findings: Finding[];
  languageId?: string;
}

export interface BuildOptions {
  tool?: { name: string; version: string };
  /** ISO timestamp to record; omitted by default so the JSON of an unchanged tree is byte-stable. */
  generatedAt?: string;
}

const SCORE_FORMULA =
  'score = round(100 × mean of the available components); C = (default-chain + 0.5 × config-or-env) / clients; ' +
  'S = Secrets Manager lookups / (lookups + findings still in code); a component with nothing to count is left out; ' +
  'no component at all scores 100. Grades: A ≥ 90, B ≥ 75, C ≥ 50, D ≥ 25, F below.';

const zeroCounts = (): ClassCounts => ({ 'default-chain': 0, static: 0, 'config-or-env': 0 });

const toPosix = (p: string) => p.replace(/\\/g, '/');
function folderOf(path: string): string {
  const p = toPosix(path);
  const i = p.lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '.') : p.slice(0, i);
}

/** The engine's mask, re-applied if a caller ever hands in something longer than a mask. */
function safeMask(m: string): string {
  return m.endsWith('…') && m.length <= 5 ? m : maskSecret(m.replace(/…$/, ''));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function gradeOf(score: number): HygieneReport['score']['grade'] {
  return score >= 90 ? 'A' : score >= 75 ? 'B' : score >= 50 ? 'C' : score >= 25 ? 'D' : 'F';
}

export function computeScore(byClass: ClassCounts, moved: number, stillInCode: number): HygieneReport['score'] {
  const clients = byClass['default-chain'] + byClass.static + byClass['config-or-env'];
  const C = clients ? (byClass['default-chain'] + 0.5 * byClass['config-or-env']) / clients : null;
  const S = moved + stillInCode ? moved / (moved + stillInCode) : null;
  const parts = [C, S].filter((x): x is number => x !== null);
  const value = parts.length ? Math.round((100 * parts.reduce((a, b) => a + b, 0)) / parts.length) : 100;
  return { value, grade: gradeOf(value), clients: C === null ? null : round4(C), secrets: S === null ? null : round4(S), formula: SCORE_FORMULA };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Builds a report from files (all at once). */
export function buildReport(files: ReportInput[], options: BuildOptions = {}): HygieneReport {
  const b = new ReportBuilder();
  for (const f of files) b.add(f);
  return b.build(options);
}

/** What the report keeps of one file; small and serialisable, so scan workers can compute it. */
export interface FileSummary {
  path: string;
  clients: ReturnType<typeof detectSdkClients>;
  lookups: number;
  /** Literal Secrets Manager secret ids the file reads. */
  secretIds?: string[];
  /** Inline ignore directives in the file. */
  ignores?: InlineIgnoreCounts;
  findings: Finding[];
}

/** Reads what the report needs out of a file's text (SDK clients, Secrets Manager lookups). */
export function summarizeFile(f: ReportInput): FileSummary {
  const path = toPosix(f.path);
  return {
    path,
    clients: detectSdkClients(f.text, path, f.languageId),
    lookups: countSecretsManagerLookups(f.text, path, f.languageId),
    secretIds: secretIdsIn(f.text, path, f.languageId),
    ignores: countInlineIgnores(f.text),
    findings: f.findings,
  };
}

/**
 * Incremental form for large trees: `add` keeps only a summary of each file (no text), `build` aggregates.
 * The result does not depend on the order files were added.
 */
export class ReportBuilder {
  private readonly summaries: FileSummary[] = [];

  add(f: ReportInput): void {
    this.summaries.push(summarizeFile(f));
  }

  /** Adds a summary computed elsewhere (a scan worker), under the path the report should show. */
  addSummary(s: FileSummary, path = s.path): void {
    this.summaries.push({ ...s, path: toPosix(path) });
  }

  get size(): number {
    return this.summaries.length;
  }

  build(options: BuildOptions = {}): HygieneReport {
    return aggregate([...this.summaries].sort((a, b) => cmp(a.path, b.path)), options);
  }
}

function aggregate(sorted: FileSummary[], options: BuildOptions): HygieneReport {
  const byClass = zeroCounts();
  const byLanguage: Partial<Record<SdkLanguage, ClassCounts>> = {};
  const bySdk: Record<string, ClassCounts> = {};
  const byConstruct: Record<string, ClassCounts> = {};
  const byKind: Partial<Record<FindingKind, number>> = {};
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const clientItems: ReportClient[] = [];
  const findingItems: ReportFinding[] = [];
  const rows: FileRow[] = [];
  const folders = new Map<string, FolderRow>();
  let lookups = 0;
  const secretIds = new Set<string>();
  let ignores = { ...NO_IGNORES };
  let findingsTotal = 0;
  let filesWithClients = 0;
  let filesWithFindings = 0;

  for (const f of sorted) {
    const { path, clients } = f;
    const n = f.lookups;
    const counts = zeroCounts();
    for (const c of clients) {
      counts[c.class]++;
      byClass[c.class]++;
      (byLanguage[c.language] ??= zeroCounts())[c.class]++;
      (bySdk[c.sdk] ??= zeroCounts())[c.class]++;
      (byConstruct[c.construct] ??= zeroCounts())[c.class]++;
      const { startOffset: _s, endOffset: _e, ...rest } = c;
      clientItems.push({ path, ...rest });
    }
    const kinds: Partial<Record<FindingKind, number>> = {};
    const fs = [...f.findings].sort((a, b) => a.startOffset - b.startOffset || cmp(a.ruleId, b.ruleId));
    for (const x of fs) {
      kinds[x.kind] = (kinds[x.kind] ?? 0) + 1;
      byKind[x.kind] = (byKind[x.kind] ?? 0) + 1;
      bySeverity[x.severity]++;
      findingItems.push({
        path,
        line: x.start.line,
        column: x.start.column,
        ruleId: x.ruleId,
        kind: x.kind,
        severity: x.severity,
        secretMasked: safeMask(x.secretMasked),
        fingerprint: x.fingerprint,
      });
    }
    lookups += n;
    for (const id of f.secretIds ?? []) secretIds.add(id);
    if (f.ignores) ignores = addIgnoreCounts(ignores, f.ignores);
    findingsTotal += fs.length;
    if (clients.length) filesWithClients++;
    if (fs.length) filesWithFindings++;
    const folder = folderOf(path);
    const fr = folders.get(folder) ?? { folder, files: 0, clients: zeroCounts(), findings: 0, secretsManagerLookups: 0 };
    fr.files++;
    for (const k of CREDENTIAL_CLASSES) fr.clients[k] += counts[k];
    fr.findings += fs.length;
    fr.secretsManagerLookups += n;
    folders.set(folder, fr);
    if (clients.length || fs.length || n) {
      rows.push({ path, clients: counts, findings: fs.length, findingsByKind: sortKeys(kinds), secretsManagerLookups: n });
    }
  }
  const total = byClass['default-chain'] + byClass.static + byClass['config-or-env'];
  const share = (k: keyof ClassCounts) => (total ? round4(byClass[k] / total) : null);
  return {
    schema: 'credential-hygiene/hygiene-report',
    version: 1,
    ...(options.tool ? { tool: options.tool } : {}),
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
    totals: {
      files: sorted.length,
      filesWithClients,
      filesWithFindings,
      clients: total,
      findings: findingsTotal,
      secretsManagerLookups: lookups,
    },
    clients: {
      byClass,
      byLanguage: sortKeys(byLanguage),
      bySdk: sortKeys(bySdk),
      byConstruct: sortKeys(byConstruct),
      shares: { 'default-chain': share('default-chain'), static: share('static'), 'config-or-env': share('config-or-env') },
      items: clientItems,
    },
    findings: { byKind: sortKeys(byKind), bySeverity, items: findingItems },
    secrets: {
      movedToSecretsManager: lookups,
      stillInCode: findingsTotal,
      movedShare: lookups + findingsTotal ? round4(lookups / (lookups + findingsTotal)) : null,
      secretIds: [...secretIds].sort(cmp),
    },
    inlineIgnores: ignores,
    files: rows,
    folders: [...folders.values()].filter((r) => r.findings || r.secretsManagerLookups || CREDENTIAL_CLASSES.some((k) => r.clients[k])).sort((a, b) => cmp(a.folder, b.folder)),
    score: computeScore(byClass, lookups, findingsTotal),
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => cmp(a, b)));
}
