/**
 * The GitHub Action (action.yml at the repository root): its shape, and its run steps executed here, in order,
 * the way the runner does (inputs and step outputs substituted, GITHUB_OUTPUT collected), on a workspace that
 * holds a key. The build step is not re-run: this checkout is already built by `npm test`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT, tempDir, write } from './cli-harness';
import { fakeAwsKeyId, fakeAwsSecret } from './fake-secrets';

interface Step {
  id?: string;
  name: string;
  uses?: string;
  run?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

interface Action {
  runs: { using: string; steps: Step[] };
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
}

const action = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;

/** Evaluates the few expression forms action.yml uses: `always()`, `==`/`!=` against a string, joined by `&&`. */
function evaluate(expr: string, ctx: (ref: string) => string): boolean {
  return expr.split('&&').every((part) => {
    const p = part.trim();
    if (p === 'always()') return true;
    const m = /^([\w.-]+)\s*(==|!=)\s*'([^']*)'$/.exec(p);
    if (!m) throw new Error(`unsupported expression: ${p}`);
    return (ctx(m[1]) === m[3]) === (m[2] === '==');
  });
}

function runAction(workspace: string, inputs: Record<string, string>): { outputs: Record<string, string>; log: string; failedStep?: string; uploads: Step[] } {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs)) values[k] = inputs[k] ?? v.default ?? '';
  const stepOutputs: Record<string, Record<string, string>> = {};
  const ref = (r: string): string => {
    if (r === 'github.action_path') return REPO_ROOT;
    if (r.startsWith('inputs.')) return values[r.slice(7)] ?? '';
    const m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(r);
    if (m) return stepOutputs[m[1]]?.[m[2]] ?? '';
    throw new Error(`unknown reference ${r}`);
  };
  const sub = (s: string): string => s.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, r: string) => ref(r));
  let log = '';
  const uploads: Step[] = [];
  for (const step of action.runs.steps) {
    if (step.if && !evaluate(step.if, ref)) continue;
    if (step.uses) {
      if (step.uses.startsWith('github/codeql-action/upload-sarif')) uploads.push({ ...step, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, sub(String(v))])) });
      continue;
    }
    if (step.id === 'build') continue;
    const outFile = path.join(workspace, `.gh-output-${step.id ?? 'step'}`);
    writeFileSync(outFile, '');
    const env: Record<string, string> = { ...(process.env as Record<string, string>), GITHUB_OUTPUT: outFile, NO_COLOR: '1' };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = sub(String(v));
    assert.equal(step.shell, 'bash');
    const r = spawnSync('bash', ['-e', '-c', sub(step.run!)], { cwd: workspace, env, encoding: 'utf8', timeout: 60000 });
    log += r.stdout + r.stderr;
    if (step.id) {
      stepOutputs[step.id] = Object.fromEntries(readFileSync(outFile, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    }
    rmSync(outFile);
    if (r.status !== 0) return { outputs: stepOutputs.scan ?? {}, log, failedStep: step.name, uploads };
  }
  return { outputs: stepOutputs.scan ?? {}, log, uploads };
}

describe('GitHub Action (action.yml)', function () {
  this.timeout(60000);
  const keyId = fakeAwsKeyId(31);
  const secret = fakeAwsSecret(31);

  it('is a composite action with the documented inputs and an upload-sarif step', () => {
    assert.equal(action.runs.using, 'composite');
    for (const k of ['path', 'format', 'baseline', 'fail-on-findings', 'sarif-file']) assert.ok(k in action.inputs, `input ${k}`);
    assert.ok(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')));
    const build = action.runs.steps.find((s) => s.id === 'build')!;
    assert.match(build.run!, /npm ci .*&& npm run build/);
    assert.equal(build['working-directory' as keyof Step], '${{ github.action_path }}');
  });

  it('writes a SARIF 2.1.0 log with the finding, uploads it, then fails the job', () => {
    const ws = tempDir('ch-action-');
    try {
      write(ws, 'deploy/config.py', `AWS_ACCESS_KEY_ID = "${keyId}"\nAWS_SECRET_ACCESS_KEY = "${secret}"\n`);
      const r = runAction(ws, { 'sarif-file': 'out/results.sarif' });
      assert.equal(r.failedStep, 'Fail on findings', r.log);
      const sarif = JSON.parse(readFileSync(path.join(ws, 'out/results.sarif'), 'utf8'));
      assert.equal(sarif.version, '2.1.0');
      const rules = sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId);
      assert.ok(rules.includes('aws-access-key-id'));
      assert.equal(r.outputs.findings, String(sarif.runs[0].results.length));
      assert.equal(r.uploads.length, 1);
      assert.equal(r.uploads[0].with!.sarif_file, 'out/results.sarif');
      assert.ok(!r.log.includes(keyId) && !r.log.includes(secret), 'the job log holds no secret');
      assert.match(r.log, /deploy\/config\.py:1/);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });

  it('passes with fail-on-findings false, and on a clean workspace; a hostile input is data, not code', () => {
    const ws = tempDir('ch-action-');
    try {
      write(ws, 'app.py', `KEY = "${keyId}"\nSECRET_KEY = "${secret}"\n`);
      const lenient = runAction(ws, { 'fail-on-findings': 'false' });
      assert.equal(lenient.failedStep, undefined, lenient.log);
      rmSync(path.join(ws, 'app.py'));
      write(ws, 'ok.py', 'print("hello")\n');
      const clean = runAction(ws, { path: '. $(touch pwned)' });
      assert.equal(clean.outputs.findings, undefined, 'a path that does not exist is a fatal error');
      assert.equal(clean.failedStep, 'Scan for hardcoded credentials');
      assert.ok(!existsSync(path.join(ws, 'pwned')), 'no command substitution from inputs');
      const fine = runAction(ws, {});
      assert.equal(fine.failedStep, undefined, fine.log);
      assert.equal(fine.outputs.findings, '0');
    } finally {
      rmSync(path.join(ws), { recursive: true, force: true });
    }
  });
});
