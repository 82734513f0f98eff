/**
 * Main integration suite, run inside a real VS Code extension host (multi-root workspace, trusted).
 * Same `run()` contract as @vscode/test-electron (scripts/test-electron.mjs) and scripts/run-ext-tests.mjs.
 */
import { runMocha } from './mocha-runner';

export function run(): Promise<void> {
  return runMocha(__dirname, [
    'installed.test.js',
    'diagnostics.test.js',
    'workspace-scan.test.js',
    'settings.test.js',
    'findings-view.test.js',
    'report.test.js',
    'roles.test.js',
    'extension-points.test.js',
    'masking.test.js',
    'performance.test.js',
    'battery.test.js',
    'secret-hygiene.test.js',
    'fixes.test.js',
    'suppressions.test.js',
    'history.test.js',
    'verify-key.test.js',
    'rotation-check.test.js',
    'first-day.test.js',
  ]);
}
