#!/usr/bin/env node
// Real-code noise corpus: pinned public packages that hold no live secrets, scanned with the project's CLI.
// Every finding here is either noise or credential-like example material (documented example keys, test keys),
// so the count per 25 MB is the false-positive rate users meet when they open other people's code.
//
//   node scripts/noise-corpus.mjs                 install (once) + scan + summary -> .bench/noise/summary.json
//   node scripts/noise-corpus.mjs --save FILE     also write the summary to FILE (e.g. bench/noise-after.json)
//   node scripts/noise-corpus.mjs --compare FILE  print per-rule deltas against a saved summary
//   node scripts/noise-corpus.mjs --samples N     samples per shape in the printout (default 1)
//
// npm part: exact versions below, installed with --ignore-scripts into .bench/noise (git-ignored); the resolved
// tree is pinned by bench/noise-corpus.lock.json (written on first install, then used with `npm ci`).
// Debian part: language standard libraries and source packages already laid out by apt; their package versions
// are recorded in the summary. Missing ones are listed with the apt-get line that provides them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, '.bench', 'noise');
const INSTALL = path.join(WORK, 'install');
const NPM_TREE = path.join(WORK, 'npm'); // node_modules renamed: the scanner skips node_modules by default
const LOCK = path.join(ROOT, 'bench', 'noise-corpus.lock.json');

/** SDKs and libraries dense in credential vocabulary, plus documentation-heavy typings and stubs. */
const NPM_PACKAGES = {
  'aws-sdk': '2.1693.0',
  '@aws-sdk/client-s3': '3.1178.0',
  '@aws-sdk/client-dynamodb': '3.1178.0',
  '@aws-sdk/client-iam': '3.1178.0',
  '@aws-sdk/client-sts': '3.1178.0',
  '@aws-sdk/client-secrets-manager': '3.1178.0',
  '@aws-sdk/client-lambda': '3.1178.0',
  '@aws-sdk/client-cognito-identity-provider': '3.1178.0',
  'aws-cdk-lib': '2.278.0',
  typescript: '5.8.3',
  lodash: '4.18.1',
  rxjs: '7.8.2',
  eslint: '10.16.0',
  prettier: '3.10.2',
  moment: '2.31.0',
  googleapis: '188.0.0',
  'google-auth-library': '11.3.4',
  '@azure/identity': '4.14.1',
  '@azure/storage-blob': '12.34.0',
  '@azure/keyvault-secrets': '4.12.0',
  '@azure/msal-node': '7.2.4',
  axios: '1.21.1',
  'simple-oauth2': '5.1.0',
  'passport-oauth2': '1.8.0',
  jsonwebtoken: '9.0.3',
  'openid-client': '6.9.1',
  stripe: '23.2.0',
  pyright: '1.1.414', // ships typeshed: Python type stubs for the stdlib and popular packages
};

/** Debian-provided trees: [label, path, dpkg package, apt package to install when missing]. */
const DEBIAN_TREES = [
  ['go-stdlib', '/usr/share/go-1.19/src', 'golang-1.19-src', 'golang-1.19-src'],
  ['python-stdlib', '/usr/lib/python3.11', 'libpython3.11-stdlib', 'libpython3.11-stdlib'],
  ['python-dist-packages', '/usr/lib/python3/dist-packages', 'python3-pygments', 'python3-pygments'],
  ['ruby-stdlib', '/usr/lib/ruby/3.1.0', 'libruby3.1', 'libruby3.1'],
  ['perl-stdlib', '/usr/share/perl/5.36.0', 'perl-modules-5.36', 'perl-modules-5.36'],
];

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

function run(cmd, argv, options = {}) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', ...options });
  if (r.status !== 0 && !options.allowFail) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}`);
  return r;
}

function installNpm() {
  const stamp = path.join(WORK, 'stamp.json');
  const want = JSON.stringify(NPM_PACKAGES);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want && fs.existsSync(NPM_TREE)) return;
  fs.rmSync(INSTALL, { recursive: true, force: true });
  fs.rmSync(NPM_TREE, { recursive: true, force: true });
  fs.mkdirSync(INSTALL, { recursive: true });
  fs.writeFileSync(
    path.join(INSTALL, 'package.json'),
    JSON.stringify({ name: 'noise-corpus', private: true, dependencies: NPM_PACKAGES }, null, 2),
  );
  const common = ['--ignore-scripts', '--no-audit', '--no-fund', '--omit=optional', '--loglevel=error'];
  if (fs.existsSync(LOCK)) {
    fs.copyFileSync(LOCK, path.join(INSTALL, 'package-lock.json'));
    run('npm', ['ci', ...common], { cwd: INSTALL });
  } else {
    run('npm', ['install', ...common], { cwd: INSTALL });
    fs.mkdirSync(path.dirname(LOCK), { recursive: true });
    fs.copyFileSync(path.join(INSTALL, 'package-lock.json'), LOCK);
  }
  fs.renameSync(path.join(INSTALL, 'node_modules'), NPM_TREE);
  fs.writeFileSync(stamp, want);
}

function dpkgVersion(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Total bytes of the files under a directory, not following links (like the scanner). */
function treeBytes(dir) {
  let total = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) total += fs.statSync(p).size;
    }
  }
  return total;
}

/** A normalised form of the flagged line: secret replaced, words without credential vocabulary folded. */
function shapeOf(line, col, endCol) {
  const masked = line.slice(0, col) + '\u0000' + line.slice(endCol);
  return masked
    .trim()
    .replace(/[A-Za-z_][A-Za-z0-9_]*/g, (w) => (/pass|pwd|secret|token|key|cred|auth|bearer|salt/i.test(w) ? w : 'w'))
    .replace(/\d+/g, '0')
    .replace(/\s+/g, ' ')
    .replace(/\u0000/, '‹S›')
    .slice(0, 100);
}

function maskLine(line, col, endCol) {
  const secret = line.slice(col, endCol);
  const shown = line.slice(0, col) + [...secret].slice(0, 4).join('') + '…' + line.slice(endCol);
  return shown.trim().slice(0, 180);
}

function scan(trees) {
  const out = path.join(WORK, 'findings.json');
  const cli = path.join(ROOT, 'bin', 'credential-hygiene.js');
  const t0 = Date.now();
  const r = spawnSync(
    process.execPath,
    [cli, 'scan', ...trees.map((t) => t.path), '--format', 'json', '--output', out, '--no-baseline', '--no-config', '--threads', '2'],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (r.status !== 0 && r.status !== 1) throw new Error(`scan exited ${r.status}`);
  return { report: JSON.parse(fs.readFileSync(out, 'utf8')), seconds: (Date.now() - t0) / 1000 };
}

function summarise(report, trees, seconds) {
  // The rate is per scanned byte: binaries, source maps and minified files are skipped by the scanner.
  const bytes = report.stats?.bytes ?? trees.reduce((s, t) => s + t.bytes, 0);
  const per25 = (n) => +((n / bytes) * 25 * 1024 * 1024).toFixed(2);
  const byRule = {};
  const byTree = {};
  const shapes = new Map();
  const lineCache = new Map();
  for (const f of report.findings) {
    byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    const tree = trees.find((t) => f.file.startsWith(t.path));
    const label = tree?.label ?? 'other';
    byTree[label] = (byTree[label] ?? 0) + 1;
    let lines = lineCache.get(f.file);
    if (!lines) {
      try {
        lines = fs.readFileSync(f.file, 'utf8').split(/\r?\n/);
      } catch {
        lines = [];
      }
      lineCache.clear(); // findings arrive grouped by file: one cached file is enough
      lineCache.set(f.file, lines);
    }
    const line = lines[f.line - 1] ?? '';
    const col = f.column - 1;
    const endCol = f.endLine === f.line ? f.endColumn - 1 : line.length;
    const key = `${f.ruleId}\t${shapeOf(line, col, endCol)}`;
    const entry = shapes.get(key) ?? { rule: f.ruleId, shape: key.split('\t')[1], count: 0, samples: [] };
    entry.count++;
    if (entry.samples.length < 3) entry.samples.push(`${path.relative(tree?.path ?? '/', f.file)}:${f.line}: ${maskLine(line, col, endCol)}`);
    shapes.set(key, entry);
  }
  return {
    generated: new Date().toISOString(),
    commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim(),
    corpus: {
      npm: NPM_PACKAGES,
      trees: trees.map(({ label, path: p, bytes: b, version }) => ({ label, path: p, mb: +(b / 1048576).toFixed(1), version })),
      mb: +(trees.reduce((s, t) => s + t.bytes, 0) / 1048576).toFixed(1),
      mbScanned: +(bytes / 1048576).toFixed(1),
      filesScanned: report.stats?.files,
      skipped: report.stats?.skipped,
    },
    seconds,
    total: report.findings.length,
    per25MB: per25(report.findings.length),
    byRule: Object.fromEntries(Object.entries(byRule).sort((a, b) => b[1] - a[1])),
    byTree,
    shapes: [...shapes.values()].sort((a, b) => b.count - a.count),
  };
}

function printSummary(s, samples) {
  console.log(`\nnoise corpus: ${s.corpus.mb} MB on disk, ${s.corpus.mbScanned} MB in ${s.corpus.filesScanned} files scanned, ${s.seconds}s`);
  for (const t of s.corpus.trees) console.log(`  ${t.label.padEnd(22)} ${String(t.mb).padStart(7)} MB  ${t.version ?? ''}`);
  console.log(`findings: ${s.total} (${s.per25MB} per 25 MB)`);
  console.log('by tree:', JSON.stringify(s.byTree));
  console.log('by rule:');
  for (const [rule, n] of Object.entries(s.byRule)) console.log(`  ${String(n).padStart(5)}  ${rule}`);
  console.log('shapes:');
  for (const sh of s.shapes) {
    console.log(`  ${String(sh.count).padStart(5)}  ${sh.rule}  ${sh.shape}`);
    for (const x of sh.samples.slice(0, samples)) console.log(`           ${x}`);
  }
}

function compare(before, after) {
  console.log(`\ncompare: ${before.total} -> ${after.total} findings (${before.per25MB} -> ${after.per25MB} per 25 MB)`);
  const rules = new Set([...Object.keys(before.byRule), ...Object.keys(after.byRule)]);
  for (const r of [...rules].sort()) {
    const a = before.byRule[r] ?? 0;
    const b = after.byRule[r] ?? 0;
    if (a !== b) console.log(`  ${String(a).padStart(5)} -> ${String(b).padStart(5)}  ${r}`);
  }
}

fs.mkdirSync(WORK, { recursive: true });
installNpm();
const trees = [{ label: 'npm', path: NPM_TREE, version: 'bench/noise-corpus.lock.json' }];
for (const [label, p, pkg, apt] of DEBIAN_TREES) {
  if (!fs.existsSync(p)) {
    console.warn(`missing ${label} (${p}): apt-get install -y ${apt}`);
    continue;
  }
  trees.push({ label, path: fs.realpathSync(p), version: `${pkg} ${dpkgVersion(pkg) ?? '?'}` });
}
for (const t of trees) t.bytes = treeBytes(t.path);
const { report, seconds } = scan(trees);
const summary = summarise(report, trees, seconds);
fs.writeFileSync(path.join(WORK, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
if (opt('--save')) fs.writeFileSync(path.resolve(opt('--save')), JSON.stringify(summary, null, 2) + '\n');
printSummary(summary, Number(opt('--samples') ?? 1));
if (opt('--compare')) compare(JSON.parse(fs.readFileSync(path.resolve(opt('--compare')), 'utf8')), summary);
