#!/usr/bin/env node
// Bundles the VS Code extension with esbuild: src/extension/extension.ts -> dist/extension.js (CommonJS, Node,
// `vscode` external) and the scan worker src/node/scan-worker.ts -> dist/scan-worker.js (loaded by the pool
// from next to extension.js).
//   node scripts/bundle.mjs [--production] [--watch] [--check]
// --check also validates the manifest (main, activation, icons, commands, settings scopes) for packaging.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const options = {
  absWorkingDir: root,
  entryPoints: { extension: 'src/extension/extension.ts', 'scan-worker': 'src/node/scan-worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('bundle: watching for changes…');
} else {
  await esbuild.build(options);
  for (const f of ['extension.js', 'scan-worker.js']) {
    const kb = statSync(path.join(root, 'dist', f)).size / 1024;
    console.log(`bundle: dist/${f} ${kb.toFixed(1)} KB${production ? ' (minified)' : ''}`);
  }
}

if (process.argv.includes('--check')) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const problems = [];
  const need = (ok, msg) => ok || problems.push(msg);
  need(existsSync(path.join(root, pkg.main)), `main ${pkg.main} does not exist`);
  need(!(pkg.activationEvents ?? []).includes('*'), 'activationEvents must not contain "*"');
  need(pkg.capabilities?.untrustedWorkspaces?.supported === 'limited', 'untrustedWorkspaces must be "limited"');
  need(existsSync(path.join(root, pkg.icon ?? '')), `icon ${pkg.icon} missing`);
  if (existsSync(path.join(root, pkg.icon ?? ''))) {
    const png = readFileSync(path.join(root, pkg.icon));
    need(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128, 'icon must be at least 128x128');
  }
  for (const c of pkg.contributes?.viewsContainers?.activitybar ?? []) need(existsSync(path.join(root, c.icon)), `view container icon ${c.icon} missing`);
  for (const [k, v] of Object.entries(pkg.contributes?.configuration?.properties ?? {})) need(!!v.scope, `setting ${k} has no scope`);
  const src = readFileSync(path.join(root, 'src/extension/extension.ts'), 'utf8');
  for (const c of pkg.contributes?.commands ?? []) need(src.includes(`'${c.command}'`) || /REVEAL_COMMAND/.test(src), `command ${c.command} is not registered in extension.ts`);
  need(existsSync(path.join(root, '.vscodeignore')), '.vscodeignore missing');
  if (problems.length) {
    console.error('package:check failed:\n  ' + problems.join('\n  '));
    process.exit(1);
  }
  console.log('package:check: manifest ok');
}
