import type { Finding } from '../../engine';
import { paint } from '../io';
import { escapeControl as esc } from './escape';
import { allFindings, type ScanReport } from '../report-model';

const BINARY_SKIP = 'skipped: binary';

const sevColor = { error: 'red', warning: 'yellow', info: 'cyan' } as const;

function verified(v: Finding['verification'], color: boolean): string {
  if (!v) return '';
  if (v.status === 'active') return '  ' + paint(color, 'red', `LIVE key${v.account ? ` (account ${esc(v.account)})` : ''}`);
  if (v.status === 'invalid') return '  ' + paint(color, 'green', `key rejected by AWS (${esc(v.reason ?? 'invalid')})`);
  return '  ' + paint(color, 'yellow', `not verified: ${esc(v.reason ?? 'error')}`);
}

/** Human output (control characters in names and messages escaped, see escape.ts): one line per finding (`file:line:col`), clickable in terminals and editors. */
export function formatText(report: ScanReport, color: boolean): string {
  const lines: string[] = [];
  for (const { file, finding: f } of allFindings(report)) {
    lines.push(
      `${paint(color, 'bold', `${esc(file)}:${f.start.line}:${f.start.column}`)}  ${paint(color, sevColor[f.severity], f.severity)}  ` +
        `${esc(f.message)}  ${paint(color, 'dim', `${esc(f.secretMasked)}  [${esc(f.ruleId)}]`)}${verified(f.verification, color)}`,
    );
  }
  // Binary files are recognised by content (no extension is excluded), so a tree of images would list each one:
  // the text summary counts them instead (JSON and SARIF keep every entry).
  const binary = report.errors.filter((e) => e.message === BINARY_SKIP).length;
  for (const e of report.errors) if (e.message !== BINARY_SKIP) lines.push(paint(color, 'dim', `${esc(e.file)}: ${esc(e.message)}`));
  if (binary) lines.push(paint(color, 'dim', `${binary} binary file${binary === 1 ? '' : 's'} skipped`));
  const n = allFindings(report).length;
  const files = new Set(allFindings(report).map((x) => x.file)).size;
  const { stats } = report;
  lines.push(
    (n
      ? paint(color, 'red', `${n} finding${n === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`)
      : paint(color, 'green', 'No credentials found')) +
      paint(color, 'dim', ` · ${stats.files} files, ${(stats.bytes / 1024 / 1024).toFixed(1)} MB scanned, ${stats.skipped} skipped${stats.lossy ? `, ${stats.lossy} not valid UTF-8 (decoded lossily)` : ''}, ${stats.durationMs} ms`),
  );
  return lines.join('\n') + '\n';
}
