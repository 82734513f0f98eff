import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { detectEnforcement } from '../../../src/node/controls';
import { write } from '../cli/cli-harness';

describe('enforcement controls', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'ch-controls-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds hooks and CI gates of common systems and scanners', async () => {
    write(dir, '.husky/pre-commit', 'npx credential-hygiene scan --staged\n');
    write(dir, '.gitlab-ci.yml', 'secrets:\n  image: zricethezav/gitleaks\n  script: gitleaks detect --source .\n');
    write(dir, 'Jenkinsfile', "stage('secrets') { sh 'trufflehog git file://. --fail' }\n");
    write(dir, 'lefthook.yml', 'pre-commit:\n  commands:\n    secrets:\n      run: detect-secrets-hook --baseline .secrets.baseline\n');
    const found = (await detectEnforcement(dir)).map((e) => `${e.kind}:${e.tool}:${e.file}`).sort();
    assert.deepEqual(found, ['ci:gitleaks:.gitlab-ci.yml', 'ci:trufflehog:Jenkinsfile', 'pre-commit:credential-hygiene:.husky/pre-commit', 'pre-commit:detect-secrets:lefthook.yml']);
  });

  it('does not count a dependency, a commented-out step or an unrelated workflow', async () => {
    write(dir, 'package.json', JSON.stringify({ devDependencies: { 'credential-hygiene': '1.0.0', secretlint: '9.0.0' }, scripts: { test: 'mocha' } }));
    write(dir, '.github/workflows/ci.yml', 'jobs:\n  test:\n    steps:\n      # - run: npx gitleaks detect\n      - run: npm test\n');
    assert.deepEqual(await detectEnforcement(dir), []);
  });

  it('counts hook configuration in package.json (simple-git-hooks)', async () => {
    write(dir, 'package.json', JSON.stringify({ 'simple-git-hooks': { 'pre-commit': 'npx secretlint "**/*"' } }));
    assert.deepEqual((await detectEnforcement(dir)).map((e) => e.tool), ['secretlint']);
  });
});
