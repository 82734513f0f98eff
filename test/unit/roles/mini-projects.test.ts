/**
 * The mini-projects end to end (`analyzePaths` on a materialised copy): each workload's runtime and exact action
 * set, required-action recall and precision over all projects, and the JSON contract of issue 12.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { analyzePaths } from '../../../src/roles/node/analyze-paths';
import { loadIamDataCatalogue } from '../../../src/roles/node/iam-data-catalogue';
import type { RolesAnalysis } from '../../../src/roles/types';
import { expectedOf, materialiseProject, projectNames } from './mini-projects';

const results = new Map<string, RolesAnalysis>();

describe('roles: mini-projects', function () {
  this.timeout(60_000);
  const catalogue = loadIamDataCatalogue()!;

  before(async () => {
    for (const name of projectNames()) {
      const dir = materialiseProject(name);
      try {
        results.set(name, await analyzePaths([dir], { catalogue }));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('has at least eight mini-projects, one per runtime plus a mixed and an unknown one', () => {
    const runtimes = new Set(projectNames().flatMap((n) => { const e = expectedOf(n); return e.runtime ? [e.runtime] : Object.values(e.runtimes ?? {}); }));
    assert.ok(projectNames().length >= 8);
    for (const r of ['lambda', 'ecs', 'eks', 'ec2', 'github-actions', 'unknown']) assert.ok(runtimes.has(r), r);
  });

  for (const name of projectNames()) {
    it(`${name}: workloads, runtimes and exact actions`, () => {
      const exp = expectedOf(name);
      const got = results.get(name)!.report.workloads;
      assert.deepEqual(got.map((w) => w.name).sort(), Object.keys(exp.workloads).sort());
      for (const w of got) {
        assert.deepEqual(w.actions, exp.workloads[w.name], `${name} / ${w.name}`);
        assert.equal(w.runtime, exp.runtimes?.[w.name] ?? exp.runtime, `${name} / ${w.name} runtime`);
        assert.match(w.evidence, /:\d+$/);
        assert.ok(w.files.length > 0);
      }
      if (exp.staticKeyClients !== undefined) assert.equal(got.reduce((n, w) => n + w.staticKeyClients, 0), exp.staticKeyClients);
    });
  }

  it('required-action recall and precision are at least 0.9 over all projects; every action is a catalogue action', () => {
    let tp = 0;
    let fn = 0;
    let fp = 0;
    for (const name of projectNames()) {
      const exp = expectedOf(name);
      const got = new Set(results.get(name)!.report.workloads.flatMap((w) => w.actions.map((a) => `${w.name}|${a}`)));
      const want = new Set(Object.entries(exp.workloads).flatMap(([w, as]) => as.map((a) => `${w}|${a}`)));
      for (const k of want) {
        if (got.has(k)) tp++;
        else fn++;
      }
      for (const k of got) if (!want.has(k)) fp++;
      for (const w of results.get(name)!.report.workloads)
        for (const a of w.actions) assert.ok(catalogue.action(a.split(':')[0], a.split(':')[1])?.name === a.split(':')[1], `${a} is not a catalogue action name`);
    }
    const recall = tp / (tp + fn);
    const precision = tp / (tp + fp);
    assert.ok(recall >= 0.9 && precision >= 0.9, `recall ${recall.toFixed(3)} precision ${precision.toFixed(3)}`);
  });

  it('emits the JSON contract: version 1 and the workload fields, actions sorted, policy 2012-10-17', () => {
    for (const a of results.values()) {
      assert.equal(a.report.version, 1);
      for (const w of a.report.workloads) {
        assert.deepEqual(Object.keys(w), ['name', 'runtime', 'evidence', 'files', 'actions', 'policy', 'staticKeyClients']);
        assert.deepEqual(w.actions, [...w.actions].sort());
        assert.equal(w.policy.Version, '2012-10-17');
        assert.deepEqual(w.policy.Statement.flatMap((s) => s.Action).sort(), w.actions);
        for (const s of w.policy.Statement) assert.ok(s.Resource.length > 0 && s.Resource.every((r) => r === '*' || r.startsWith('arn:aws:')));
      }
    }
  });

  it('narrows resources to literal names with ARNs built per service', () => {
    const res = (project: string, workload: string, action: string) =>
      results.get(project)!.report.workloads.find((w) => w.name === workload)!.policy.Statement.find((s) => s.Action.includes(action))!.Resource;
    assert.deepEqual(res('sam-python', 'ReportFunction', 's3:ListBucket'), ['arn:aws:s3:::acme-order-exports']);
    assert.deepEqual(res('sam-python', 'ReportFunction', 's3:PutObject'), ['arn:aws:s3:::acme-order-exports/*']);
    assert.deepEqual(res('sam-python', 'ReportFunction', 'sqs:SendMessage'), ['arn:aws:sqs:eu-west-1:111122223333:report-ready']);
    assert.deepEqual(res('sam-python', 'OrdersFunction', 'secretsmanager:GetSecretValue'), ['arn:aws:secretsmanager:*:*:secret:orders/api-settings-??????']);
    assert.deepEqual(res('eks-go', 'ingest', 'dynamodb:PutItem'), ['arn:aws:dynamodb:*:*:table/ingested-documents']);
    assert.deepEqual(res('eks-go', 'ingest', 'kms:Decrypt'), ['*']); // the key is not named in the code
    assert.deepEqual(res('serverless-node', 'todo-api', 's3:GetObject'), ['*']); // bucket comes from the environment first
  });
});
