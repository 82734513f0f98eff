import assert from 'node:assert/strict';
import { buildAssessment, buildReport, lastMonths, monthlyTrend } from '../../../src/report';
import { secretIdsIn } from '../../../src/report/secret-ids';
import { countInlineIgnores } from '../../../src/report/ignore-counts';

const NO_CONTROLS = { evidence: [], baseline: null, ignores: { total: 0, withReason: 0, withExpiry: 0, foreign: 0 } };

describe('assessment', () => {
  it('covers the 12 months ending with the current one, across a year boundary', () => {
    const m = lastMonths(new Date('2027-02-15T00:00:00Z'));
    assert.equal(m.length, 12);
    assert.deepEqual([m[0], m[10], m[11]], ['2026-03', '2027-01', '2027-02']);
  });

  it('buckets introductions and removals by month and ignores events outside the window', () => {
    const t = monthlyTrend(
      [
        { added: '2026-03-01T00:00:00Z', removed: '2026-04-30T23:00:00Z' },
        { added: '2026-03-31T10:00:00Z' },
        { added: '2024-01-01T00:00:00Z', removed: '2026-11-02T00:00:00Z' },
        { added: 'not a date' },
      ],
      new Date('2026-12-06T00:00:00Z'),
    );
    const nonZero = t.filter((x) => x.added || x.removed).map((x) => `${x.month}:+${x.added}-${x.removed}`);
    assert.deepEqual(nonZero, ['2026-03:+2-0', '2026-04:+0-1', '2026-11:+0-1']);
  });

  it('judges roles, trend, controls and Secrets Manager from the evidence', () => {
    const report = buildReport([
      { path: 'a.py', text: 'import boto3\ns3 = boto3.client("s3")\n', findings: [] },
      { path: 'b.py', text: 'import boto3\nsm = boto3.client("secretsmanager")\nv = sm.get_secret_value(SecretId="app/db")\n', findings: [] },
    ]);
    const months = lastMonths(new Date('2026-12-06T00:00:00Z')).map((month, i) => ({ month, added: i < 6 ? 2 : 0, removed: 0 }));
    const a = buildAssessment({ report, trend: months, controls: { ...NO_CONTROLS, evidence: [{ kind: 'ci', tool: 'gitleaks', file: '.gitlab-ci.yml' }] }, secretIds: report.secrets.secretIds, rotation: [{ secretId: 'app/db', rotationEnabled: false, lastRotated: null, nextRotation: null }] });
    assert.equal(a.rolesVsKeys.percentRoles, 100);
    const status = Object.fromEntries(a.verdicts.map((v) => [v.question, v.status]));
    assert.deepEqual(status, { 1: 'good', 2: 'good', 3: 'attention', 4: 'attention' });
    assert.ok(a.verdicts[2].next.some((n) => n.includes('credential-hygiene install-hook')), 'offers the missing pre-commit command');
    assert.ok(a.verdicts[3].next.some((n) => /rotate-secret/.test(n)));
  });

  it('says plainly when nothing enforces the check and there is no history', () => {
    const report = buildReport([]);
    const a = buildAssessment({ report, trend: null, trendNote: 'not a git work tree', controls: NO_CONTROLS, secretIds: [], rotation: null });
    assert.equal(a.verdicts[2].status, 'missing');
    assert.match(a.verdicts[2].verdict, /Not enforced/);
    assert.match(a.verdicts[1].verdict, /not a git work tree/);
  });
});

describe('secret ids read by code', () => {
  const cases: [string, string, string[]][] = [
    ['boto3', 'sm.get_secret_value(SecretId="prod/db")\n# sm.get_secret_value(SecretId="commented/out")\n', ['prod/db']],
    ['js v3', "new GetSecretValueCommand({ SecretId: 'prod/api' })", ['prod/api']],
    ['go', 'sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String("svc/token")})', ['svc/token']],
    ['java', 'GetSecretValueRequest.builder().secretId("java/db").build();', ['java/db']],
    ['cloudformation', "Password: '{{resolve:secretsmanager:rds/master:SecretString:password}}'", ['rds/master']],
    ['terraform', 'data "aws_secretsmanager_secret_version" "db" {\n  secret_id = "tf/db"\n}', ['tf/db']],
    ['caching helper', 'const pw = await getSecret("cache/pw");', ['cache/pw']],
    ['a variable is not a literal', 'sm.get_secret_value(SecretId=name)', []],
    ['a credential in a secret_id field is not a name', 'secret_id = "8d3f2a61-5b7c-4e90-a1d2-3c4b5a6f7e80"\napprole = { secret_id = "q7Zk2mXw9Lp4Rt8Vn3Bc6Hs1" }', []],
  ];
  const paths: Record<string, string> = { boto3: 'a.py', 'js v3': 'a.js', go: 'a.go', java: 'A.java', cloudformation: 't.yaml', terraform: 'm.tf', 'caching helper': 'c.ts', 'a variable is not a literal': 'v.py', 'a credential in a secret_id field is not a name': 'vault.tf' };
  for (const [name, text, ids] of cases) {
    it(name, () => assert.deepEqual(secretIdsIn(text, paths[name]), ids));
  }
});

describe('inline ignore counts', () => {
  it('counts reasons, expiries and foreign dialects', () => {
    const c = countInlineIgnores('a # credential-hygiene:ignore -- fixture\nb # credential-hygiene:ignore until 2027-01-01\nc # gitleaks:allow\nd\n');
    assert.deepEqual(c, { total: 3, withReason: 1, withExpiry: 1, foreign: 1 });
  });
});
