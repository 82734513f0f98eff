import type { Finding } from '../../engine';
import { paint } from '../io';
import { allFindings, type ScanReport } from '../report-model';

const sevColor = { error: 'red', warning: 'yellow', info: 'cyan' } as const;

function verified(v: Finding['verification'], color: boolean): string {
  if (!v) return '';
  if (v.status === 'active') return '  ' + paint(color, 'red', `LIVE key${v.account ? ` (account ${v.account})` : ''}`);
  if (v.status === 'invalid') return '  ' + paint(color, 'green', `key rejected by AWS (${v.reason ?? 'invalid'})`);
  return '  ' + paint(color, 'yellow', `not verified: ${v.reason ?? 'error'}`);
}

/** Human output: one line per finding (`file:line:col`), clickable in terminals and editors. */
export function formatText(report: ScanReport, color: boolean): string {
  const lines: string[] = [];
  for (const { file, finding: f } of allFindings(report)) {
    lines.push(
      `${paint(color, 'bold', `${file}:${f.start.line}:${f.start.column}`)}  ${paint(color, sevColor[f.severity], f.severity)}  ` +
        `${f.message}  ${paint(color, 'dim', `${f.secretMasked}  [${f.ruleId}]`)}${verified(f.verification, color)}`,
    );
  }
  for (const e of report.errors) lines.push(paint(color, 'dim', `${e.file}: ${e.message}`));
  const n = allFindings(report).length;
  const files = new Set(allFindings(report).map((x) => x.file)).size;
  const { stats } = report;
  lines.push(
    (n
      ? paint(color, 'red', `${n} finding${n === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`)
      : paint(color, 'green', 'No credentials found')) +
      paint(color, 'dim', ` · ${stats.files} files, ${(stats.bytes / 1024 / 1024).toFixed(1)} MB scanned, ${stats.skipped} skipped, ${stats.durationMs} ms`),
  );
  return lines.join('\n') + '\n';
}
