#!/usr/bin/env node
// Builds the VS Code extension package (.vsix) with @vscode/vsce, offline.
//
//   node scripts/package.mjs [--out FILE] [--list-only]      (npm run package)
//
// Why a staging folder: package.json's npm `files` field (the CLI's npm package) and .vscodeignore (the
// extension's package) cannot coexist for vsce ("VSCE does not support combining both strategies"). So the
// allowed files are copied into a temp folder with a manifest stripped of npm-only fields (bin, exports, files,
// scripts, dependencies: everything the extension needs is in the esbuild bundle), and vsce packages that.
// .vscodeignore (repo root) is the allow-list: `**` ignored, then exactly the shipped files re-included.
//
// Steps: production bundle + manifest check -> stage -> `vsce ls` (compared with the allow-list: any other
// file fails the build) -> `vsce package --no-dependencies` -> check the zip's own listing -> sizes.
// vsce runs secretlint over the package. The production bundle carries no credential-shaped strings (bundle.mjs
// strips the rules' built-in examples), but the walkthrough sample media/walkthrough/sample.js must show a
// hardcoded AWS key pair to demonstrate a finding and its fix: its values are FAKE (seeded PRNG,
// scripts/gen-walkthrough-sample.mjs), and secretlint refuses its secret access key ("found AWS Secret Access
// Key … [aws]"). So exactly that one secret type is allowed with vsce's documented --allow-package-secrets aws;
// every other type (and any AWS secret outside the sample, checked below with our own engine) still fails.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { minimatch } from 'minimatch';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv;
const arg = (k, d) => { const i = argv.indexOf('--' + k); return i > 0 ? argv[i + 1] : d; };
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.resolve(root, arg('out', `${pkg.name}-${pkg.version}.vsix`));
const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
const log = (...a) => console.log('[package]', ...a);

/** Re-included patterns of .vscodeignore (the allow-list). */
const allow = readFileSync(path.join(root, '.vscodeignore'), 'utf8')
  .split('\n').map((l) => l.trim()).filter((l) => l.startsWith('!')).map((l) => l.slice(1));
const allowed = (f) => allow.some((p) => minimatch(f, p, { dot: true }));
/** Files that must be in every package. */
const REQUIRED = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/extension.js', 'dist/scan-worker.js', 'dist/aws-sdk.js', 'media/icon.png'];

// 1. production bundle (minified, no source maps) + manifest check (commands registered, media present…)
execFileSync(process.execPath, [path.join(root, 'scripts/bundle.mjs'), '--production', '--check'], { cwd: root, stdio: 'inherit' });

// 2. stage
const stage = mkdtempSync(path.join(tmpdir(), 'ch-vsix-'));
/** Prints a failure, removes the staging folder, exits 1. */
const fail = (msg) => {
  console.error(msg);
  rmSync(stage, { recursive: true, force: true });
  process.exit(1);
};
try {
  const candidates = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE'], { cwd: root, encoding: 'utf8' })
    .split('\n').filter(Boolean);
  const files = [...new Set([...candidates, 'dist/extension.js', 'dist/scan-worker.js', 'dist/aws-sdk.js'])].filter((f) => allowed(f) && existsSync(path.join(root, f)));
  for (const f of files) {
    mkdirSync(path.dirname(path.join(stage, f)), { recursive: true });
    copyFileSync(path.join(root, f), path.join(stage, f));
  }
  const manifest = { ...pkg };
  for (const k of ['bin', 'exports', 'files', 'scripts', 'dependencies', 'devDependencies']) delete manifest[k];
  writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  copyFileSync(path.join(root, '.vscodeignore'), path.join(stage, '.vscodeignore'));

  // 3. what vsce would put in the package
  const listed = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: stage, encoding: 'utf8' })
    .split('\n').map((l) => l.trim()).filter(Boolean).sort();
  const unexpected = listed.filter((f) => !allowed(f) && f !== 'package.json');
  const missing = REQUIRED.filter((f) => !listed.includes(f));
  if (unexpected.length || missing.length) {
    fail(`[package] vsce ls: unexpected ${JSON.stringify(unexpected)}, missing ${JSON.stringify(missing)}`);
  }
  log(`vsce ls: ${listed.length} files`);
  for (const f of listed) log(`  ${f.padEnd(34)} ${(statSync(path.join(stage, f)).size / 1024).toFixed(1).padStart(8)} KB`);
  if (argv.includes('--list-only')) process.exitCode = 0;
  else await build(listed);
} finally {
  rmSync(stage, { recursive: true, force: true });
}

async function build(listed) {

  // 4. package (offline: --no-dependencies, nothing is fetched)
  rmSync(out, { force: true });
  // The only AWS-shaped strings allowed in the package are the sample's (fake) ones.
  const { scan } = await import(pathToFileURL(path.join(root, 'out/src/engine/index.js')).href);
  for (const f of listed.filter((f) => /\.(js|md|json)$/.test(f) && f !== 'media/walkthrough/sample.js' && f !== 'README.md')) {
    const aws = scan(readFileSync(path.join(stage, f), 'utf8'), { path: f }).filter((x) => x.kind.startsWith('aws-'));
    if (aws.length) {
      fail(`[package] ${f}: ${aws.length} AWS credential finding(s) (${aws[0].secretMasked}); only the walkthrough sample may hold one`);
    }
  }
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-package-secrets', 'aws', '--out', out], { cwd: stage, stdio: ['ignore', 'inherit', 'inherit'] });

  // 5. the zip's own listing: exactly the listed files under extension/ plus vsce's metadata
  const zipped = execFileSync('unzip', ['-Z1', out], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const meta = new Set(['[Content_Types].xml', 'extension.vsixmanifest']);
  const inZip = zipped.filter((f) => !meta.has(f)).map((f) => f.replace(/^extension\//, '')).sort();
  const extra = inZip.filter((f) => !listed.includes(f.toLowerCase() === 'changelog.md' ? 'CHANGELOG.md' : f) && !/^(readme|changelog)\.md$/i.test(f) && f !== 'LICENSE.txt');
  if (extra.length) {
    fail(`[package] the .vsix holds files vsce ls did not list: ${extra.join(', ')}`);
  }
  const kb = (f) => (statSync(f).size / 1024).toFixed(1);
  log(`bundle: dist/extension.js ${kb(path.join(root, 'dist/extension.js'))} KB, dist/scan-worker.js ${kb(path.join(root, 'dist/scan-worker.js'))} KB`);
  log(`wrote ${path.relative(root, out)} (${kb(out)} KB, ${zipped.length} zip entries)`);
}
