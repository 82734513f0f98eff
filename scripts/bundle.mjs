#!/usr/bin/env node
// Bundles the VS Code extension with esbuild: src/extension/extension.ts -> dist/extension.js (CommonJS, Node,
// `vscode` external) and the scan worker src/node/scan-worker.ts -> dist/scan-worker.js (loaded by the pool
// from next to extension.js).
//   node scripts/bundle.mjs [--production] [--watch] [--check]
// --check also validates the manifest (main, activation, icons, commands, settings scopes) for packaging.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Production only: built-in rules carry `examples` (fake but well-formed credentials: the rules' own tests and the
 * docs' source). Nothing reads them at run time, and shipping them would put dozens of credential-shaped strings
 * into the package (vsce's secretlint refuses it; other scanners would flag the installed extension). The
 * TypeScript AST is used, not a regex, to replace each rule's `examples` value with empty lists.
 */
const stripRuleExamples = {
  name: 'strip-rule-examples',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]engine[\\/]rules[\\/][^\\/]+\.ts$/ }, async (args) => {
      const ts = (await import('typescript')).default;
      const src = readFileSync(args.path, 'utf8');
      const sf = ts.createSourceFile(args.path, src, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const spans = [];
      const visit = (n) => {
        if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'examples') {
          spans.push([n.initializer.getStart(sf), n.initializer.getEnd()]);
          return;
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
      let contents = src;
      for (const [a, b] of spans.reverse()) contents = contents.slice(0, a) + '{ positive: [], negative: [] }' + contents.slice(b);
      return { contents, loader: 'ts' };
    });
  },
};

const options = {
  absWorkingDir: root,
  entryPoints: { extension: 'src/extension/extension.ts', 'scan-worker': 'src/node/scan-worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // The AWS SDK goes into its own file (below), loaded by the create-secret command on first use.
  external: ['vscode', './aws-sdk-entry'],
  // jsonc-parser's `main` is a UMD build whose internal requires esbuild cannot follow: bundle its ESM build.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: production ? [stripRuleExamples] : [],
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('bundle: watching for changes…');
} else {
  await esbuild.build(options);
  await esbuild.build({ ...options, entryPoints: { 'aws-sdk': 'src/extension/aws-sdk-entry.ts' }, external: [], plugins: [] });
  for (const f of ['extension.js', 'scan-worker.js', 'aws-sdk.js']) {
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
  // Commands are registered in extension.ts or in a feature module (masking, walkthrough, code actions…).
  const extDir = path.join(root, 'src/extension');
  const src = readdirSync(extDir, { recursive: true })
    .filter((f) => String(f).endsWith('.ts'))
    .map((f) => readFileSync(path.join(extDir, String(f)), 'utf8'))
    .join('\n');
  for (const c of pkg.contributes?.commands ?? []) need(src.includes(`'${c.command}'`) || (c.command === 'credentialHygiene.revealFinding' && /REVEAL_COMMAND/.test(src)), `command ${c.command} is not registered in src/extension`);
  for (const w of pkg.contributes?.walkthroughs ?? []) {
    for (const s of w.steps ?? []) {
      for (const m of [s.media?.image, s.media?.markdown, s.media?.svg].filter(Boolean)) need(existsSync(path.join(root, m)), `walkthrough step ${s.id}: ${m} missing`);
    }
  }
  need(existsSync(path.join(root, '.vscodeignore')), '.vscodeignore missing');
  if (problems.length) {
    console.error('package:check failed:\n  ' + problems.join('\n  '));
    process.exit(1);
  }
  console.log('package:check: manifest ok');
}
