import { assessmentMarkdown } from './render-assessment';
import { CLASS_LABEL, LANGUAGE_LABEL, pct, plural } from './format';
import { CREDENTIAL_CLASSES, type ClassCounts, type HygieneReport } from './types';

export interface MarkdownOptions {
  /** Row limit for the per-file and per-finding tables (default 50). */
  maxRows?: number;
}

/**
 * Escapes text (paths come from the scanned tree, so anyone who can name a file controls them) for a
 * GitHub-flavoured Markdown table cell: no table breakout, no HTML or entities, no links or images
 * (`[..](..)`, `![..](..)`), no emphasis, headings or autolinks, no control characters.
 */
function cell(s: string | number): string {
  return String(s)
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/:\/\//g, ':&#47;&#47;') // defuses GFM extended autolinks (`https://…`)
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}
const code = (s: string) => '`' + s.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ') + '`';
const total = (c: ClassCounts) => c['default-chain'] + c.static + c['config-or-env'];

export function renderMarkdown(report: HygieneReport, opts: MarkdownOptions = {}): string {
  const max = opts.maxRows ?? 50;
  const t = report.totals;
  const c = report.clients;
  const out: string[] = [];
  out.push('# Credential hygiene report', '');
  out.push(`**Score: ${report.score.value}/100 (${report.score.grade})** — ` +
    `clients component ${pct(report.score.clients)}, secrets component ${pct(report.score.secrets)}.`, '');
  out.push('| Measure | Value |', '|---|---|');
  out.push(`| Files scanned | ${t.files} |`);
  out.push(`| AWS SDK clients | ${t.clients} in ${plural(t.filesWithClients, 'file')} |`);
  out.push(`| Clients on the default chain / roles | ${c.byClass['default-chain']} (${pct(c.shares['default-chain'])}) |`);
  out.push(`| Clients with static keys in code | ${c.byClass.static} (${pct(c.shares.static)}) |`);
  out.push(`| Clients with keys from config / env | ${c.byClass['config-or-env']} (${pct(c.shares['config-or-env'])}) |`);
  out.push(`| Credential findings still in code | ${t.findings} in ${plural(t.filesWithFindings, 'file')} |`);
  out.push(`| Secrets Manager lookups | ${t.secretsManagerLookups} |`);
  out.push(`| Share of secrets moved to Secrets Manager | ${pct(report.secrets.movedShare)} |`, '');
  if (c.byClass.static) out.push(`Each client with static keys: run \`credential-hygiene roles <file>\` (editor: **Show the role this code needs**) for the role its code should use instead and a least-privilege policy (docs/roles.md).`, '');

  const langs = Object.entries(c.byLanguage);
  if (langs.length) {
    out.push('## AWS SDK clients by language', '');
    out.push(`| Language | ${CREDENTIAL_CLASSES.map((k) => CLASS_LABEL[k]).join(' | ')} | Total |`, `|---|${CREDENTIAL_CLASSES.map(() => '--:').join('|')}|--:|`);
    for (const [lang, counts] of langs) out.push(`| ${cell(LANGUAGE_LABEL[lang] ?? lang)} | ${CREDENTIAL_CLASSES.map((k) => counts![k]).join(' | ')} | ${total(counts!)} |`);
    out.push('');
  }
  const risky = c.items.filter((i) => i.class !== 'default-chain');
  if (risky.length) {
    out.push('## Clients not on the default chain', '');
    out.push('| Location | Client | Class | Why |', '|---|---|---|---|');
    for (const i of risky.slice(0, max)) out.push(`| ${cell(`${i.path}:${i.line}`)} | ${code(i.construct)} | ${i.class} | ${cell(i.reason)} |`);
    if (risky.length > max) out.push(`| … ${risky.length - max} more | | | |`);
    out.push('');
  }
  const kinds = Object.entries(report.findings.byKind).sort((a, b) => b[1]! - a[1]! || (a[0] < b[0] ? -1 : 1));
  if (kinds.length) {
    out.push('## Findings by kind', '', '| Kind | Findings |', '|---|--:|');
    for (const [k, n] of kinds) out.push(`| ${code(k)} | ${n} |`);
    out.push('');
  }
  if (report.files.length) {
    const rows = [...report.files].sort((a, b) => b.findings + b.clients.static - (a.findings + a.clients.static) || (a.path < b.path ? -1 : 1));
    out.push('## Files', '', '| File | Findings | Static clients | Config/env clients | Default-chain clients | Secrets Manager lookups |', '|---|--:|--:|--:|--:|--:|');
    for (const r of rows.slice(0, max)) out.push(`| ${cell(r.path)} | ${r.findings} | ${r.clients.static} | ${r.clients['config-or-env']} | ${r.clients['default-chain']} | ${r.secretsManagerLookups} |`);
    if (rows.length > max) out.push(`| … ${rows.length - max} more files | | | | | |`);
    out.push('');
  }
  if (report.folders.length) {
    const rows = [...report.folders].sort((a, b) => b.findings - a.findings || (a.folder < b.folder ? -1 : 1));
    out.push('## Folders', '', '| Folder | Findings | Static clients | All clients | Secrets Manager lookups |', '|---|--:|--:|--:|--:|');
    for (const r of rows.slice(0, max)) out.push(`| ${cell(r.folder)} | ${r.findings} | ${r.clients.static} | ${total(r.clients)} | ${r.secretsManagerLookups} |`);
    if (rows.length > max) out.push(`| … ${rows.length - max} more folders | | | | |`);
    out.push('');
  }
  if (report.findings.items.length) {
    out.push('## Findings (values masked)', '', '| Location | Kind | Rule | Severity | Value |', '|---|---|---|---|---|');
    for (const f of report.findings.items.slice(0, max)) out.push(`| ${cell(`${f.path}:${f.line}:${f.column}`)} | ${code(f.kind)} | ${code(f.ruleId)} | ${f.severity} | ${code(f.secretMasked)} |`);
    if (report.findings.items.length > max) out.push(`| … ${report.findings.items.length - max} more | | | | |`);
    out.push('');
  }
  const h = report.history;
  if (h) {
    out.push('## Git history', '');
    out.push(`${h.commits} commits scanned${h.partial ? ` (partial: ${cell(h.partial)})` : ''}: **${h.onlyInHistory} secret${h.onlyInHistory === 1 ? '' : 's'} found only in history, still to rotate**; ${h.stillInHead} also still in HEAD.`, '');
    if (h.items.length) {
      out.push('| Location (at commit) | Kind | Value | Commit | Date | Still in HEAD |', '|---|---|---|---|---|---|');
      for (const i of h.items.slice(0, max)) out.push(`| ${cell(`${i.path}:${i.line}`)} | ${code(i.kind)} | ${code(i.secretMasked)} | ${code(i.commit.slice(0, 12))} | ${cell(i.date)} | ${i.inHead ? 'yes' : 'no'} |`);
      if (h.items.length > max) out.push(`| … ${h.items.length - max} more | | | | | |`);
      out.push('');
    }
  }
  if (report.assessment) out.push(...assessmentMarkdown(report.assessment));
  out.push('## Score formula', '', cell(report.score.formula), '');
  return out.join('\n');
}
