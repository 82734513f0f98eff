#!/usr/bin/env node
// Takes the README / walkthrough screenshots from the REAL VS Code host (the same code-server 4.100.3 + Debian
// Chromium + playwright-core setup as scripts/run-ext-tests.mjs), with the bundled extension loaded from this
// folder and the walkthrough sample (media/walkthrough/sample.js, fake keys) opened in a scratch workspace.
//
//   npm run bundle && node scripts/screenshot.mjs [--verbose] [--keep]
//
// Writes
//   media/walkthrough/finding.png  the squiggle on the hardcoded key + the Problems panel row;
//   media/screenshot.png           the quick-fix menu (Ctrl+.) on the key, our fixes highlighted.
// and then measures masking flicker: with credentialHygiene.maskSecrets on, it switches between two tabs and,
// in the page, samples every animation frame for a rendered line showing the key's text without the mask
// decoration (the "flash" other maskers have). The count is printed; it is a measurement, not a pass/fail.
// DOM selectors are VS Code 1.100 internals: if the workbench changes, adjust them here (the API-level suite does
// not depend on them).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv;
const verbose = argv.includes('--verbose');
const serverEntry = path.join(root, '.vscode-test/code-server-4.100.3/node_modules/code-server/out/node/entry.js');
const chromiumPath = '/usr/bin/chromium';
const t0 = Date.now();
const log = (...a) => console.log(`[screenshot +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
for (const [what, p] of [['VS Code server (bash scripts/setup-test-host.sh)', serverEntry], ['chromium', chromiumPath], ['bundle (npm run bundle)', path.join(root, 'dist/extension.js')]]) {
  if (!existsSync(p)) {
    console.error(`screenshot: ${what} not found at ${p}`);
    process.exit(1);
  }
}

const tmp = mkdtempSync(path.join(tmpdir(), 'ch-shot-'));
const ws = path.join(tmp, 'demo-app');
mkdirSync(path.join(ws, '.vscode'), { recursive: true });
copyFileSync(path.join(root, 'media/walkthrough/sample.js'), path.join(ws, 's3-client.js'));
// A second file for the masking tab-switch measurement.
const sample = readFileSync(path.join(root, 'media/walkthrough/sample.js'), 'utf8');
writeFileSync(path.join(ws, 'other.js'), sample.replace('listBuckets', 'listOtherBuckets'));
const keyId = /AKIA[A-Z2-7]{16}/.exec(sample)[0];
writeFileSync(path.join(ws, '.vscode/settings.json'), JSON.stringify({
  'workbench.colorTheme': 'Default Dark Modern',
  'editor.fontSize': 15,
  'editor.minimap.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'breadcrumbs.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
  'chat.commandCenter.enabled': false,
  'workbench.layoutControl.enabled': false,
}, null, 2));
const userDir = path.join(tmp, 'user');
mkdirSync(path.join(userDir, 'User'), { recursive: true });
writeFileSync(path.join(userDir, 'User/settings.json'), JSON.stringify({ 'workbench.colorTheme': 'Default Dark Modern', 'window.commandCenter': false }));

const freePort = () => new Promise((res) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
const port = await freePort();
const server = spawn(process.execPath, [serverEntry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
  '--user-data-dir', userDir, '--extensions-dir', path.join(tmp, 'exts'),
  '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened', '--disable-workspace-trust',
], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
let serverOut = '';
server.stdout.on('data', (b) => { serverOut += b; if (verbose) process.stdout.write('[server] ' + b); });
server.stderr.on('data', (b) => { serverOut += b; if (verbose) process.stdout.write('[server] ' + b); });

let browser;
let code = 1;
try {
  await new Promise((res, rej) => {
    const iv = setInterval(() => /HTTP server listening/.test(serverOut) && (clearInterval(iv), res()), 100);
    server.on('exit', (c) => { clearInterval(iv); rej(new Error(`server exited (${c})`)); });
    setTimeout(() => { clearInterval(iv); rej(new Error('server did not start\n' + serverOut)); }, 60000);
  });
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ viewport: { width: 1200, height: 720 }, deviceScaleFactor: 1 });
  if (verbose) page.on('console', (m) => console.log('[page]', m.text()));
  const host = `127.0.0.1:${port}`;
  const remote = (p) => `vscode-remote://${host}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(root)],
    ['openFile', remote(path.join(ws, 's3-client.js'))],
    ['skipWelcome', 'true'],
  ]);
  await page.goto(`http://${host}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(payload)}`);
  log('workbench loading');
  await page.waitForSelector('.editor-instance .monaco-editor .view-lines', { timeout: 60000 });
  await page.waitForSelector('.editor-instance .monaco-editor .squiggly-error, .editor-instance .monaco-editor .squiggly-warning', { timeout: 60000 });
  log('diagnostic rendered');
  // Quiet the chrome: close notifications, hide the secondary side bar / chat if shown.
  await page.keyboard.press('Escape');
  for (const sel of ['.notifications-toasts .codicon-notifications-clear-all', '.notification-toast .codicon-close']) {
    for (const el of await page.$$(sel)) await el.click().catch(() => {});
  }

  // 1. finding: Problems panel
  await page.keyboard.press('Control+Shift+M');
  const row = await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 20000 });
  const rowText = (await row.textContent()) ?? '';
  log('problems row:', rowText.replace(/\s+/g, ' ').trim());
  if (rowText.includes(keyId)) throw new Error('the Problems panel shows the raw key');
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(root, 'media/walkthrough/finding.png') });
  log('wrote media/walkthrough/finding.png');

  // 2. quick fix menu on the key
  const span = page.locator('.editor-instance .view-line span', { hasText: keyId }).first();
  const box = await span.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForSelector('.lightBulbWidget', { timeout: 15000 }).catch(() => log('no light bulb (no code action provider yet?)'));
  await page.keyboard.press('Control+.');
  const menu = await page.waitForSelector('.action-widget .monaco-list-row', { timeout: 15000 }).catch(() => undefined);
  const rows = menu ? await page.$$eval('.action-widget .monaco-list-row', (els) => els.map((e) => e.textContent?.trim() ?? '')) : [];
  log('quick-fix menu:', JSON.stringify(rows));
  const ours = rows.some((r) => /credential chain|Secrets Manager|environment variable/i.test(r));
  if (!ours) log('WARNING: none of our quick fixes is in the menu; the screenshot shows what the host offers');
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(root, 'media/screenshot.png') });
  log('wrote media/screenshot.png');
  await page.keyboard.press('Escape');

  // 3. masking flicker probe: maskSecrets on, switch tabs, sample each animation frame.
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('Credential Hygiene: Toggle On-Screen Masking');
  await page.waitForTimeout(600);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(800);
  const quickOpen = async (name) => {
    await page.keyboard.press('Control+P');
    await page.keyboard.type(name);
    await page.waitForTimeout(500);
    await page.keyboard.press('Enter');
  };
  await quickOpen('other.js');
  await page.waitForTimeout(1500);
  await page.evaluate((key) => {
    window.__chFlash = { frames: 0, exposed: 0, timeline: '' };
    const tick = () => {
      window.__chFlash.frames++;
      // A rendered span with the key's text that is not under an opacity:0 inline decoration.
      let exposed = false;
      for (const s of document.querySelectorAll('.editor-instance .view-line span span')) {
        if (s.textContent && s.textContent.includes(key.slice(0, 8)) && getComputedStyle(s).opacity !== '0') exposed = true;
      }
      if (exposed) window.__chFlash.exposed++;
      window.__chFlash.timeline += exposed ? 'X' : '.';
      if (!window.__chFlash.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, keyId);
  const switches = 10;
  for (let i = 0; i < switches; i++) {
    await page.keyboard.press('Control+PageDown'); // next editor tab
    await page.waitForTimeout(400);
  }
  const flash = await page.evaluate(() => { window.__chFlash.stop = true; return window.__chFlash; });
  const runs = (flash.timeline.match(/X+/g) ?? []).map((r) => r.length);
  log(`masking: ${switches} tab switches, ${flash.frames} frames sampled, ${flash.exposed} frame(s) showed an unmasked key` +
    (runs.length ? ` in ${runs.length} flash(es) of ${runs.join(', ')} frame(s)` : ''));
  if (verbose) log('timeline', flash.timeline);
  await page.screenshot({ path: path.join(root, 'media/walkthrough/masking.png') });
  log('wrote media/walkthrough/masking.png');
  code = 0;
} catch (e) {
  console.error(e);
} finally {
  await browser?.close().catch(() => {});
  try { process.kill(-server.pid, 'SIGTERM'); } catch {}
  await new Promise((r) => setTimeout(r, 1500));
  try { process.kill(-server.pid, 'SIGKILL'); } catch {}
  if (argv.includes('--keep')) log('kept', tmp); else rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
