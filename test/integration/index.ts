/**
 * Main integration suite, run inside a real VS Code extension host (multi-root workspace, trusted): every
 * `*.test.js` of this folder. Same `run()` contract as @vscode/test-electron (scripts/test-electron.mjs) and
 * scripts/run-ext-tests.mjs.
 */
import { runMocha, suitesIn } from './mocha-runner';

export function run(): Promise<void> {
  // The installation check runs first (every suite assumes an activated extension); the suites that count a clean
  // workspace's findings run before the ones that leave files, scans or settings behind.
  const early = ['installed.test.js', 'diagnostics.test.js', 'workspace-scan.test.js', 'settings.test.js', 'findings-view.test.js'];
  return runMocha(__dirname, suitesIn(__dirname, early));
}
