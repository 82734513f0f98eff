#!/usr/bin/env node
// Parse-checks files with the language's own parser (TypeScript compiler for JS/TS, python3 ast, javac parse-only,
// gofmt -e, php -l, ruby -c, rustfmt) — the same checks the golden remediation tests use.
// Usage: node scripts/check-parse.mjs [FILE...]   (no files: every golden remediation case, before and after)
// Needs a build (`npx tsc -p .`). Exit 1 when a file does not parse.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { parseFor } = require(join(root, 'out/test/unit/remediation/parsers.js'));
const { materialise } = require(join(root, 'out/test/unit/remediation/fake-secrets.js'));

let targets = process.argv.slice(2).map((f) => ({ label: f, name: f, text: readFileSync(f, 'utf8') }));
if (targets.length === 0) {
  const dir = join(root, 'test/fixtures/remediation');
  const { cases } = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));
  targets = cases.flatMap((c) => ['before', 'after'].map((k) => ({
    label: `${c.id} (${k})`,
    name: c.path,
    text: materialise(readFileSync(join(dir, k === 'after' && c.after ? c.after : c.before.replace('.before', `.${k}`)), 'utf8')),
  })));
}
let bad = 0;
let skipped = 0;
for (const t of targets) {
  const r = parseFor(t.name, t.text);
  if (!r) { skipped++; continue; }
  if (!r.ok) { bad++; console.log(`FAIL ${t.label}: ${r.message}`); }
}
console.log(`${targets.length - skipped - bad} parse, ${bad} fail, ${skipped} without a parser`);
process.exit(bad ? 1 : 0);
