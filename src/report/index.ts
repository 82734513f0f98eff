/**
 * Credential hygiene report (package-internal API). Pure: no `vscode`, no file system.
 *   detectSdkClients(text, path?) → how each AWS SDK client gets credentials
 *   buildReport(files)            → HygieneReport (counts, shares, score)
 *   renderMarkdown / renderJson / renderHtml
 */
export * from './types';
export { detectSdkClients, sdkLanguageOf } from './sdk-clients';
export { countSecretsManagerLookups } from './secrets-manager';
export { buildReport, ReportBuilder, summarizeFile, type FileSummary, computeScore, type ReportInput } from './build';
export { renderMarkdown } from './render-markdown';
export { renderJson } from './render-json';
export { renderHtml } from './render-html';
export { buildAssessment, monthlyTrend, lastMonths } from './assessment';
