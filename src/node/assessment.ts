/**
 * The report's assessment (docs/report.md), for the CLI and the editor: gathers the repository's evidence — the history trend, the
 * enforcement controls, the baseline, and (only with `--check-rotation`) Secrets Manager rotation — and lets
 * src/report/assessment.ts judge it.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildAssessment, type Assessment, type HygieneReport } from '../report';
import { findGitRoot } from './config';
import { baselineFacts, detectEnforcement } from './controls';
import type { HistoryScanResult } from './git-history';
import { historyTrend } from './history-trend';
import { checkRotation, secretsManagerEndpoint, type SecretsManagerSdk } from './rotation-check';

export interface AssessOptions {
  /** The first scanned path. */
  root: string;
  history?: HistoryScanResult;
  historyProblem?: string;
  /** Secrets Manager SDK: only with `--check-rotation` / the editor's confirmed rotation check. */
  rotationSdk?: () => Promise<SecretsManagerSdk>;
  /** Says what is about to be sent where, before the rotation check's first request. */
  notice?: (message: string) => void;
  /** Pinned "today" (tests, CREDENTIAL_HYGIENE_TODAY). */
  today?: Date;
}

/** "Today" for ages and the 12-month window (CREDENTIAL_HYGIENE_TODAY=YYYY-MM-DD pins it, as for scans). */
function assessmentToday(env: NodeJS.ProcessEnv = process.env): Date {
  const pinned = env.CREDENTIAL_HYGIENE_TODAY;
  const d = pinned ? new Date(`${pinned}T12:00:00Z`) : new Date();
  return Number.isNaN(d.getTime()) ? new Date() : d;
}

export async function assess(report: HygieneReport, o: AssessOptions): Promise<Assessment> {
  const today = o.today ?? assessmentToday();
  const st = await fs.stat(o.root).catch(() => undefined);
  const dir = st?.isDirectory() ? o.root : path.dirname(o.root);
  const root = (await findGitRoot(dir)) ?? dir;
  let trend = null;
  let trendNote = o.historyProblem;
  if (o.history) {
    const t = await historyTrend(o.history, today);
    trend = t.months;
    if (t.partial) trendNote = `history is partial: ${t.partial}`;
  }
  const controls = {
    evidence: await detectEnforcement(root),
    baseline: await baselineFacts(root, today),
    ignores: report.inlineIgnores,
  };
  let rotation = null;
  if (o.rotationSdk) {
    const ids = report.secrets.secretIds;
    o.notice?.(`DescribeSecret for ${ids.length} secret id${ids.length === 1 ? '' : 's'} at ${secretsManagerEndpoint() ?? 'the AWS Secrets Manager endpoint of your region'} (default credential chain; no secret value is read)`);
    rotation = await checkRotation(ids, await o.rotationSdk());
  }
  return buildAssessment({ report, trend, trendNote, controls, secretIds: report.secrets.secretIds, rotation });
}
