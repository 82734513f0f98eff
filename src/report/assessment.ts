/**
 * The seed assessment's four questions, answered from repository evidence (the `assessment` part of the hygiene
 * report). Pure: the node layer gathers the facts (history trend, controls, rotation), this module judges them.
 *
 *   1. roles vs durable credentials      → AWS SDK clients by credential class           (SEC02-BP02)
 *   2. are developers trained            → credentials newly introduced per month (git)  (SEC02-BP03)
 *   3. is the check enforced             → pre-commit hook, CI gate, baseline, ignores   (SEC02-BP03)
 *   4. Secrets Manager, stored + rotated → lookups, secret ids, rotation (opt-in check)  (SEC02-BP03)
 */
import type { Assessment, ControlsFacts, HygieneReport, MonthCount, RotationStatus, Verdict } from './types';

const PRACTICES = {
  temporary: {
    id: 'SEC02-BP02',
    title: 'Use temporary credentials',
    url: 'https://docs.aws.amazon.com/wellarchitected/latest/framework/sec_identities_unique.html',
  },
  secrets: {
    id: 'SEC02-BP03',
    title: 'Store and use secrets securely',
    url: 'https://docs.aws.amazon.com/wellarchitected/latest/framework/sec_identities_secrets.html',
  },
} as const;

/** Organisation guardrail shown as guidance (nothing is applied): no new long-term keys or IAM users. */
export const SCP_GUIDANCE = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyLongTermCredentials',
      Effect: 'Deny',
      Action: ['iam:CreateAccessKey', 'iam:CreateUser'],
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/BreakGlassAdmin' } },
    },
  ],
};

const ACTION_SNIPPET = [
  '- uses: credential-hygiene/credential-hygiene@v0',
  '  with:',
  '    fail-on-findings: true',
  '# job permissions: contents: read, security-events: write',
].join('\n');

/** Last 12 calendar months ending with `now`'s month, oldest first, each YYYY-MM. */
export function lastMonths(now: Date, n = 12): string[] {
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

/** Buckets introduction and removal dates (ISO strings) into the last 12 months. */
export function monthlyTrend(events: { added: string; removed?: string | null }[], now: Date): MonthCount[] {
  const months = lastMonths(now);
  const rows = new Map(months.map((m) => [m, { month: m, added: 0, removed: 0 }]));
  const monthOf = (iso: string): string => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? '' : `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  for (const e of events) {
    const a = rows.get(monthOf(e.added));
    if (a) a.added++;
    const r = e.removed ? rows.get(monthOf(e.removed)) : undefined;
    if (r) r.removed++;
  }
  return months.map((m) => rows.get(m)!);
}

export interface AssessmentInput {
  report: HygieneReport;
  trend: MonthCount[] | null;
  trendNote?: string;
  controls: ControlsFacts;
  secretIds: string[];
  rotation: RotationStatus[] | null;
}

export function buildAssessment(input: AssessmentInput): Assessment {
  const c = input.report.clients.byClass;
  const all = c['default-chain'] + c.static + c['config-or-env'];
  const rolesVsKeys = {
    defaultChain: c['default-chain'],
    static: c.static,
    configOrEnv: c['config-or-env'],
    percentRoles: all ? Math.round((c['default-chain'] / all) * 1000) / 10 : null,
  };
  const ev = input.controls.evidence;
  const controls = {
    preCommit: ev.some((e) => e.kind === 'pre-commit'),
    ciGate: ev.some((e) => e.kind === 'ci'),
    baseline: input.controls.baseline,
    evidence: ev,
    ignores: input.controls.ignores,
  };
  const secretsManager = { lookups: input.report.totals.secretsManagerLookups, secretIds: input.secretIds, rotation: input.rotation };
  const a: Omit<Assessment, 'verdicts'> = { rolesVsKeys, trend: input.trend, trendNote: input.trendNote, controls, secretsManager };
  return { ...a, verdicts: [rolesVerdict(a), trendVerdict(a), controlsVerdict(a), secretsVerdict(a, input.report)] };
}

function rolesVerdict(a: Omit<Assessment, 'verdicts'>): Verdict {
  const r = a.rolesVsKeys;
  const total = r.defaultChain + r.static + r.configOrEnv;
  const base = { question: 1 as const, title: 'Roles vs durable credentials', practice: PRACTICES.temporary };
  if (total === 0) {
    return { ...base, status: 'good', verdict: 'No AWS SDK client found in the code.', evidence: [], next: [] };
  }
  const evidence = [
    `${r.defaultChain} of ${total} AWS SDK clients use the default credential chain (roles, SSO, instance/task profiles): ${r.percentRoles}%.`,
    `${r.static} client${r.static === 1 ? '' : 's'} with static keys in code; ${r.configOrEnv} with keys from configuration or environment variables.`,
  ];
  const next: string[] = [];
  if (r.static) next.push('Apply the "Use the AWS default credential chain" fix to each static-key client (`credential-hygiene fix`), then deactivate and rotate the keys.');
  if (r.configOrEnv) next.push('Replace keys passed from configuration or environment with a role: `credential-hygiene roles` names the role mechanism and policy each workload needs.');
  const status = r.static ? 'missing' : r.configOrEnv ? 'attention' : 'good';
  const verdict = status === 'good' ? `All ${total} AWS SDK clients use roles through the default credential chain.` : `${r.percentRoles}% of AWS SDK clients use roles; ${r.static + r.configOrEnv} still use durable keys.`;
  return { ...base, status, verdict, evidence, next };
}

function trendVerdict(a: Omit<Assessment, 'verdicts'>): Verdict {
  const base = { question: 2 as const, title: 'Are developers keeping secrets out of code (trend)', practice: PRACTICES.secrets };
  const t = a.trend;
  if (!t) {
    return { ...base, status: 'attention', verdict: `No trend: ${a.trendNote ?? 'git history was not read'}.`, evidence: [], next: ['Run the report inside a git work tree with full history (not a shallow clone).'] };
  }
  const added = t.reduce((n, m) => n + m.added, 0);
  const removed = t.reduce((n, m) => n + m.removed, 0);
  const firstHalf = t.slice(0, 6).reduce((n, m) => n + m.added, 0);
  const secondHalf = t.slice(6).reduce((n, m) => n + m.added, 0);
  const evidence = [`${added} credential${added === 1 ? '' : 's'} newly committed in the last 12 months (${firstHalf} in the first six, ${secondHalf} in the last six); ${removed} removed.`];
  if (a.trendNote) evidence.push(a.trendNote);
  if (added === 0) return { ...base, status: 'good', verdict: 'No credential was committed in the last 12 months.', evidence, next: [] };
  const falling = secondHalf < firstHalf;
  return {
    ...base,
    status: falling ? 'good' : 'attention',
    verdict: falling ? 'Fewer credentials are committed than six months before: the line is falling.' : 'Credentials are still being committed at the same or a higher rate.',
    evidence,
    next: ['Turn on the editor extension for the team (findings as they type) and the pre-commit hook, so credentials are caught before they are committed.'],
  };
}

function controlsVerdict(a: Omit<Assessment, 'verdicts'>): Verdict {
  const c = a.controls;
  const base = { question: 3 as const, title: 'Is the check enforced', practice: PRACTICES.secrets };
  const evidence = c.evidence.map((e) => `${e.kind === 'ci' ? 'CI gate' : 'pre-commit'}: ${e.tool} (${e.file})`);
  if (c.baseline) evidence.push(`Baseline: ${c.baseline.entries} accepted finding${c.baseline.entries === 1 ? '' : 's'}, last changed ${c.baseline.ageDays} day${c.baseline.ageDays === 1 ? '' : 's'} ago.`);
  const ig = c.ignores;
  if (ig.total) evidence.push(`Inline ignores: ${ig.total} (${ig.withReason} with a reason, ${ig.withExpiry} with an expiry, ${ig.foreign} in other scanners' dialects).`);
  const next: string[] = [];
  if (!c.preCommit) next.push('Add the pre-commit hook: `credential-hygiene install-hook`.');
  if (!c.ciGate) next.push(`Add the CI gate (GitHub Actions):\n${ACTION_SNIPPET}`);
  if (ig.total > ig.withReason) next.push('Give every inline ignore a reason (`-- why`) and, where it is temporary, an expiry (`until YYYY-MM-DD`).');
  if (c.baseline && c.baseline.ageDays > 180) next.push('Review the baseline: it has not changed in over six months (`credential-hygiene scan --report-unused`).');
  next.push('Organisation guardrail (guidance, nothing applied): a service control policy denying `iam:CreateAccessKey` and `iam:CreateUser` except for a break-glass role.');
  const status = c.preCommit && c.ciGate ? 'good' : c.preCommit || c.ciGate ? 'attention' : 'missing';
  const verdict =
    status === 'good' ? 'Enforced before commit and in CI.' : status === 'attention' ? `Enforced ${c.ciGate ? 'in CI' : 'before commit'} only; ${c.ciGate ? 'no pre-commit hook' : 'no CI gate'}.` : 'Not enforced: no pre-commit hook and no CI gate runs a secret scanner.';
  return { ...base, status, verdict, evidence, next };
}

function secretsVerdict(a: Omit<Assessment, 'verdicts'>, report: HygieneReport): Verdict {
  const s = a.secretsManager;
  const base = { question: 4 as const, title: 'Secrets stored and rotated in AWS Secrets Manager', practice: PRACTICES.secrets };
  const inCode = report.secrets.stillInCode;
  const evidence = [`${s.lookups} Secrets Manager lookup${s.lookups === 1 ? '' : 's'} in code, reading ${s.secretIds.length} named secret${s.secretIds.length === 1 ? '' : 's'}; ${inCode} secret${inCode === 1 ? '' : 's'} still hardcoded.`];
  const next: string[] = [];
  if (inCode) next.push('Move each remaining secret with the "Load from AWS Secrets Manager" fix.');
  let status: Verdict['status'] = inCode ? 'missing' : s.lookups ? 'good' : 'attention';
  if (s.rotation) {
    const on = s.rotation.filter((r) => r.rotationEnabled);
    const failed = s.rotation.filter((r) => r.error);
    evidence.push(`Rotation: ${on.length} of ${s.rotation.length} secrets rotate automatically${failed.length ? `; ${failed.length} could not be described` : ''}.`);
    for (const r of s.rotation) evidence.push(`${r.secretId}: ${r.error ? `not checked (${r.error})` : r.rotationEnabled ? `rotation on, last ${r.lastRotated ?? 'never'}, next ${r.nextRotation ?? 'not scheduled'}` : 'rotation off'}`);
    if (on.length < s.rotation.length - failed.length) {
      next.push('Turn on rotation for the secrets that do not rotate: RDS-managed master passwords for RDS databases, otherwise `aws secretsmanager rotate-secret --rotation-lambda-arn … --rotation-rules AutomaticallyAfterDays=30`.');
      if (status === 'good') status = 'attention';
    }
  } else if (s.secretIds.length) {
    next.push('Check rotation: `credential-hygiene report --check-rotation` (calls DescribeSecret for each id; never reads a value).');
  }
  const verdict =
    status === 'good' ? 'Secrets are read from Secrets Manager at run time' + (s.rotation ? ' and rotate.' : '.') : status === 'missing' ? `${inCode} secret${inCode === 1 ? ' is' : 's are'} still hardcoded.` : s.lookups ? 'Secrets are in Secrets Manager, but not all rotate.' : 'No Secrets Manager lookup found.';
  return { ...base, status, verdict, evidence, next };
}
