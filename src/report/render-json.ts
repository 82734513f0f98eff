import type { HygieneReport } from './types';

/**
 * Stable, versioned JSON (`schema: "credential-hygiene/hygiene-report"`, `version: 1`): keys in a fixed order,
 * arrays sorted by path/line, no timestamp unless the report was built with one. Two runs over the same tree
 * produce the same bytes, so the file can be committed or diffed in CI.
 */
export function renderJson(report: HygieneReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
