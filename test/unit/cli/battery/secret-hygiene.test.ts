/**
 * Secret hygiene of the tool itself (CLI side): every output path over a fixture full of known fake secrets
 * (test/unit/cli/battery/secret-corpus.ts) must never contain one of them in full. The extension side (output
 * channel, diagnostics, tree, hovers, status bar) is test/integration/secret-hygiene.test.ts.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, tempDir } from '../cli-harness';
import { runCli } from './helpers';
import { leaked, writeSecretCorpus, type SecretCorpus } from './secret-corpus';

describe('secret hygiene of the tool: CLI outputs', function () {
  this.timeout(120_000);
  let root: string;
  let corpus: SecretCorpus;
  before(() => {
    root = tempDir('ch-hygiene-');
    corpus = writeSecretCorpus(path.join(root, 'secrets'));
  });
  after(() => cleanup(root));

  it('the corpus is full of secrets the engine finds (the test can fail)', () => {
    assert.ok(corpus.files.length >= 150, `${corpus.files.length} files`);
    assert.ok(corpus.secrets.length >= 250, `${corpus.secrets.length} secrets`);
    // sanity: the raw files do contain them, so a leak detector over raw text would fire
    const raw = corpus.files.map((f) => readFileSync(f, 'utf8')).join('\n');
    assert.equal(leaked(corpus.secrets, { raw }).length, corpus.secrets.length);
  });

  for (const format of ['text', 'json', 'sarif'] as const) {
    it(`scan --format ${format}: stdout and stderr`, async () => {
      const run = await runCli(root, ['scan', 'secrets', '--format', format, '--no-config'], { timeoutMs: 60_000 });
      assert.equal(run.code, 1, run.stderr.slice(0, 300));
      const total = [...corpus.counts.values()].reduce((a, b) => a + b, 0);
      if (format === 'json') assert.equal(JSON.parse(run.stdout).findings.length, total);
      if (format === 'sarif') assert.equal(JSON.parse(run.stdout).runs[0].results.length, total);
      if (format === 'text') assert.equal(run.stdout.trim().split('\n').filter((l) => / \[[a-z0-9-]+\]$/.test(l)).length, total);
      assert.deepEqual(leaked(corpus.secrets, { stdout: run.stdout, stderr: run.stderr }), []);
    });
  }

  for (const format of ['markdown', 'json', 'html'] as const) {
    it(`report --format ${format}`, async () => {
      const run = await runCli(root, ['report', 'secrets', '--format', format], { timeoutMs: 60_000 });
      assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}: ${run.stderr.slice(0, 300)}`);
      assert.ok(run.stdout.length > 500, 'report is empty');
      assert.deepEqual(leaked(corpus.secrets, { stdout: run.stdout, stderr: run.stderr }), []);
    });
  }

  it('baseline file, fix --dry-run diffs and the ignore hint', async () => {
    const base = await runCli(root, ['baseline', 'secrets', '--baseline', 'bl.json'], { timeoutMs: 60_000 });
    assert.equal(base.code, 0, base.stderr);
    const outputs: Record<string, string> = { baselineOut: base.stdout + base.stderr, baselineFile: readFileSync(path.join(root, 'bl.json'), 'utf8') };
    for (const f of corpus.files.slice(0, 15)) {
      const rel = path.relative(root, f);
      const run = await runCli(root, ['fix', rel, '--line', '1', '--dry-run'], { timeoutMs: 30_000 });
      assert.ok([0, 1, 2].includes(run.code ?? -1), `fix ${rel}: exit ${run.code}`);
      outputs[`fix ${rel}`] = run.stdout + run.stderr;
    }
    assert.deepEqual(leaked(corpus.secrets, outputs), []);
  });
});
