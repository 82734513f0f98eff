// The whole test run behind `npm test`: unit tests (mocha), then the integration suites inside a real VS Code
// host (development folder), then the same suites against the packaged .vsix installed into the host.
// Each step's output streams through; the counts are summed into one closing `N passed, N failed` line.
import { spawn } from 'node:child_process';

const steps = [
  ['test tools', 'bash', ['scripts/setup-test-tools.sh']],
  // Debian SDKs for the execution harness + parsers the golden remediation tests use (idempotent)
  ['sdk toolchains', 'bash', ['scripts/setup-sdk-harness.sh']],
  ['lint', 'npm', ['run', 'lint', '--silent']],
  ['unit tests', 'npx', ['mocha', 'out/test/unit/**/*.test.js']],
  // runs fixed code against a local AWS stand-in on 127.0.0.1
  ['sdk execution harness', 'node', ['scripts/sdk-harness.mjs', '--no-setup']],
  ['bundle', 'node', ['scripts/bundle.mjs']],
  ['test host', 'bash', ['scripts/setup-test-host.sh']],
  ['integration (development folder)', 'node', ['scripts/run-ext-tests.mjs']],
  ['package .vsix', 'node', ['scripts/package.mjs', '--out', '.vscode-test/test-package.vsix']],
  ['integration (installed .vsix)', 'node', ['scripts/run-ext-tests.mjs', '--vsix', '.vscode-test/test-package.vsix']],
];

let passed = 0;
let failed = 0;
let broken = '';
for (const [name, cmd, args] of steps) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const { code, out } = await run(cmd, args);
  // mocha prints "N passing"/"N failing"; the host runner prints "N passed, N failed" per suite and a total last.
  const mochaPass = /^\s+(\d+) passing/m.exec(out);
  const mochaFail = /^\s+(\d+) failing/m.exec(out);
  const totals = [...out.matchAll(/^(\d+) passed, (\d+) failed(?:, \d+ skipped)?$/gm)].pop();
  if (name === 'unit tests') {
    passed += Number(mochaPass?.[1] ?? 0);
    failed += Number(mochaFail?.[1] ?? 0);
  } else if (totals) {
    passed += Number(totals[1]);
    failed += Number(totals[2]);
  }
  console.log(`=== ${name}: exit ${code} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (code !== 0) {
    broken = name;
    if (!totals && !mochaFail) failed++; // a step that died without reporting counts as a failure
    break;
  }
}
if (broken) console.log(`\nstopped at: ${broken}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(broken || failed ? 1 : 0);

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
      process.stdout.write(b);
    });
    child.stderr.on('data', (b) => process.stderr.write(b));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}
