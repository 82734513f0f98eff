#!/usr/bin/env node
// Runs the extension's integration suites inside the REAL Node extension host of a local VS Code server: the
// VS Code 1.100.3 build inside the npm package code-server@4.100.3 (installed by scripts/setup-test-host.sh),
// with Debian's headless Chromium as the workbench UI, driven by playwright-core. Offline: npm + apt only.
//
// The workbench is opened with VS Code's `payload` query parameter (the mechanism of VS Code's own
// test/integration/browser runner): extensionDevelopmentPath + extensionTestsPath as vscode-remote:// URIs. The
// extension host require()s the tests file and awaits its run(); the workbench reports the exit code through
// window.codeAutomationExit and forwards console output (the mocha reporter) through window.codeAutomationLog.
//
// Default (no --tests): two runs
//   main       multi-root workspace (two folders, .code-workspace), trusted, out/test/integration/index.js
//   untrusted  single folder opened WITHOUT --disable-workspace-trust, out/test/integration/untrusted/index.js
// Fixture workspaces are generated into a temp dir from test/fixtures/integration-workspace: «markers» are
// expanded into fake, seeded credentials by scripts/gen-fixture-secrets.mjs (no secret is committed).
//
//   node scripts/run-ext-tests.mjs [--only main|untrusted] [--grep <mocha pattern>] [--verbose] [--keep] [--timeout ms]
//       [--vsix FILE]
//   node scripts/run-ext-tests.mjs --tests <index.js> --ws <folder> [--workspace-file <rel .code-workspace>]
//       [--untrusted] [--ext <dir>] [--server <entry.js>] [--node <bin>] [--server-arg X]... [--chromium <bin>]
// Prints the mocha spec report of each run and a closing "N passed, N failed" line; exit code 0/1.
//
// --vsix FILE: test the PACKAGED extension instead of the development folder. The .vsix is installed with the
// server's own CLI (`--install-extension FILE --extensions-dir <tmp>`) and the server is started on that
// extensions dir. VS Code's test runner refuses `extensionTestsPath` without an `extensionDevelopmentPath`
// ("Cannot load test runner"), so the development path points at an empty stub extension with ANOTHER id
// (credential-hygiene-tests.harness): our extension comes only from the installed .vsix. The suites check,
// through CH_EXPECT_EXTENSION_ROOT, that the activated extension's `extensionPath` lies in that dir.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { format } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv;
const arg = (k, d) => { const i = argv.indexOf('--' + k); return i > 0 ? argv[i + 1] : d; };
const serverArgs = argv.flatMap((a, i) => (a === '--server-arg' ? [argv[i + 1]] : []));
const verbose = argv.includes('--verbose');
const keep = argv.includes('--keep');
const timeoutMs = Number(arg('timeout', '240000'));
const serverEntry = path.resolve(root, arg('server', '.vscode-test/code-server-4.100.3/node_modules/code-server/out/node/entry.js'));
const extDir = path.resolve(root, arg('ext', '.'));
const chromiumPath = arg('chromium', '/usr/bin/chromium');
const fixtureSrc = path.join(root, 'test/fixtures/integration-workspace');
const vsix = arg('vsix') && path.resolve(arg('vsix'));

const t0 = Date.now();
const log = (...a) => console.log(`[runner +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

for (const [what, p, hint] of [
  ['VS Code server', serverEntry, 'bash scripts/setup-test-host.sh'],
  ['chromium', chromiumPath, 'bash scripts/setup-test-host.sh'],
  vsix ? ['packaged extension', vsix, 'npm run package'] : ['bundle', path.join(extDir, 'dist/extension.js'), 'npm run bundle'],
  ['compiled tests', path.join(root, 'out/test/integration/index.js'), 'npm run build'],
]) {
  if (!existsSync(p)) {
    console.error(`run-ext-tests: ${what} not found at ${p} (run: ${hint})`);
    process.exit(1);
  }
}

/** Generated scratch copy of the fixtures (tests edit files; secrets are generated, never committed). */
function makeWorkspace(tmp) {
  const ws = path.join(tmp, 'ws');
  execFileSync(process.execPath, [path.join(root, 'scripts/gen-fixture-secrets.mjs'), 'fill', '--src', fixtureSrc, '--out', ws,
    '--labels', path.join(ws, 'labels.jsonl')], { stdio: verbose ? 'inherit' : 'ignore' });
  return ws;
}

const freePort = () => new Promise((res) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });

/** One VS Code server + browser session running one tests entry. Resolves to { code, passed, failed }. */
async function runOnce({ name, tests, open, untrusted, tmp, extsDir }) {
  const { chromium } = await import('playwright-core');
  const port = await freePort();
  const counts = { passed: 0, failed: 0, seen: false };
  const server = spawn(arg('node', process.execPath), [serverEntry,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--user-data-dir', path.join(tmp, `user-${name}`), '--extensions-dir', extsDir ?? path.join(tmp, `exts-${name}`),
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened',
    ...(untrusted ? [] : ['--disable-workspace-trust']), ...serverArgs,
  ], { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: {
    ...process.env, CH_INTEGRATION_RUN: name, ...(arg('grep') ? { CH_TEST_GREP: arg('grep') } : {}),
    CH_EXPECT_EXTENSION_ROOT: extsDir ?? extDir, CH_EXTENSION_MODE: extsDir ? 'vsix' : 'development',
  } });
  let serverOut = '';
  const onOut = (b) => { serverOut += b; if (verbose) process.stdout.write('[server] ' + b); };
  server.stdout.on('data', onOut);
  server.stderr.on('data', onOut);
  let browser;
  let code = 'error';
  try {
    await new Promise((res, rej) => {
      const iv = setInterval(() => /HTTP server listening/.test(serverOut) && (clearInterval(iv), res()), 100);
      server.on('exit', (c) => { clearInterval(iv); rej(new Error(`server exited (${c})\n${serverOut}`)); });
      setTimeout(() => { clearInterval(iv); rej(new Error('server did not start\n' + serverOut)); }, 60000);
    });
    log(`[${name}] server up on port ${port}`);
    browser = await chromium.launch({
      executablePath: chromiumPath, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const page = await browser.newPage();
    let finish;
    const done = new Promise((r) => (finish = r));
    if (verbose) page.on('console', (m) => console.log('[page]', m.text()));
    page.on('crash', () => finish('page crashed'));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(args || []));
      const m = /^(\d+) passed, (\d+) failed$/.exec(line.trim());
      if (m) Object.assign(counts, { passed: Number(m[1]), failed: Number(m[2]), seen: true });
      // drop the workbench's own chatter (offline gallery/telemetry errors, "[Component] ..." info lines)
      if (verbose || !/^(\[[\w:. -]+\]|Resolving|Resolved|Creating a socket|Updating additional|ChatSessionStore|getaddrinfo ENOTFOUND|Error: Timed out waiting for authentication|An unknown error occurred)/.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (c) => finish(c));
    const host = `127.0.0.1:${port}`;
    const remote = (p) => `vscode-remote://${host}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(extsDir ? harnessDir : extDir)],
      ['extensionTestsPath', remote(tests)],
      ['skipWelcome', 'true'],
    ]);
    const target = open.endsWith('.code-workspace') ? `workspace=${encodeURIComponent(open)}` : `folder=${encodeURIComponent(open)}`;
    await page.goto(`http://${host}/?${target}&payload=${encodeURIComponent(payload)}`);
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    code = await done;
    clearTimeout(timer);
    log(`[${name}] extension tests finished, exit code = ${code}`);
  } catch (e) {
    console.error(e);
  } finally {
    await browser?.close().catch(() => {});
    try { process.kill(-server.pid, 'SIGTERM'); } catch {}
    await new Promise((r) => setTimeout(r, 1500));
    try { process.kill(-server.pid, 'SIGKILL'); } catch {}
  }
  if (code !== 0 && !counts.failed) counts.failed = 1; // crash/timeout counts as a failure
  return { code, ...counts };
}

const tmp = mkdtempSync(path.join(tmpdir(), 'ch-ext-test-'));
/** --vsix: install the package once into a fresh extensions dir shared by the runs. */
function installVsix() {
  const dir = path.join(tmp, 'exts-vsix');
  const outText = execFileSync(arg('node', process.execPath), [serverEntry, '--extensions-dir', dir, '--user-data-dir', path.join(tmp, 'user-install'),
    '--install-extension', vsix, '--force'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const installed = readdirSync(dir).filter((d) => d.toLowerCase().startsWith(`${pkg.publisher}.${pkg.name}-`.toLowerCase()));
  if (installed.length !== 1) throw new Error(`--install-extension did not install ${pkg.publisher}.${pkg.name}: ${outText}`);
  log(`installed ${path.basename(vsix)} into ${path.join('<tmp>', 'exts-vsix', installed[0])}`);
  return dir;
}
const extsDir = vsix ? installVsix() : undefined;
/** --vsix: an empty development extension (other id) that only carries the test runner. */
const harnessDir = path.join(tmp, 'harness');
if (vsix) {
  mkdirSync(harnessDir, { recursive: true });
  writeFileSync(path.join(harnessDir, 'package.json'), JSON.stringify({
    name: 'harness', publisher: 'credential-hygiene-tests', version: '0.0.0', engines: { vscode: '^1.100.0' },
    description: 'Empty stub: lets the VS Code test runner start while the extension under test comes from the installed .vsix.',
  }));
}
let runs;
if (arg('tests')) {
  const ws = path.resolve(arg('ws'));
  const wsFile = arg('workspace-file');
  runs = [{ name: 'custom', tests: path.resolve(arg('tests')), open: wsFile ? path.join(ws, wsFile) : ws, untrusted: argv.includes('--untrusted') }];
} else {
  const ws = makeWorkspace(tmp);
  runs = [
    { name: 'main', tests: path.join(root, 'out/test/integration/index.js'), open: path.join(ws, 'multi-root.code-workspace'), untrusted: false },
    { name: 'untrusted', tests: path.join(root, 'out/test/integration/untrusted/index.js'), open: path.join(ws, 'untrusted'), untrusted: true },
  ];
  const only = arg('only');
  if (only) runs = runs.filter((r) => r.name === only);
}

let passed = 0;
let failed = 0;
let ok = true;
try {
  for (const r of runs) {
    const res = await runOnce({ ...r, tmp, extsDir });
    passed += res.passed;
    failed += res.failed;
    ok &&= res.code === 0;
  }
} finally {
  if (keep) log('kept', tmp);
  else rmSync(tmp, { recursive: true, force: true });
}
log(`total time ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
