#!/usr/bin/env node
// The same integration suites under @vscode/test-electron, for contributors WITH internet access (it downloads
// a desktop VS Code from update.code.visualstudio.com). CI and offline machines use scripts/run-ext-tests.mjs.
//
//   npm i --no-save @vscode/test-electron && npm run build && npm run bundle && node scripts/test-electron.mjs
//   [--version 1.100.3] [--only main|untrusted]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (k, d) => { const i = process.argv.indexOf('--' + k); return i > 0 ? process.argv[i + 1] : d; };
let runTests;
try {
  ({ runTests } = await import('@vscode/test-electron'));
} catch {
  console.error('test-electron: install it first: npm i --no-save @vscode/test-electron');
  process.exit(1);
}
const tmp = mkdtempSync(path.join(tmpdir(), 'ch-electron-'));
const ws = path.join(tmp, 'ws');
execFileSync(process.execPath, [path.join(root, 'scripts/gen-fixture-secrets.mjs'), 'fill', '--src', path.join(root, 'test/fixtures/integration-workspace'),
  '--out', ws, '--labels', path.join(ws, 'labels.jsonl')], { stdio: 'inherit' });
const runs = [
  { name: 'main', tests: 'out/test/integration/index', open: path.join(ws, 'multi-root.code-workspace'), trust: false },
  { name: 'untrusted', tests: 'out/test/integration/untrusted/index', open: path.join(ws, 'untrusted'), trust: true },
].filter((r) => !arg('only') || r.name === arg('only'));
let failed = false;
try {
  for (const r of runs) {
    try {
      await runTests({
        version: arg('version', '1.100.3'),
        extensionDevelopmentPath: root,
        extensionTestsPath: path.join(root, r.tests),
        launchArgs: [r.open, '--disable-extensions', '--user-data-dir', path.join(tmp, `user-${r.name}`), ...(r.trust ? [] : ['--disable-workspace-trust'])],
      });
    } catch (e) {
      console.error(`${r.name}: ${e.message ?? e}`);
      failed = true;
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
