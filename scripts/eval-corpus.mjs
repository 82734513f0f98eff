// Recall of the engine on ../shared/corpus/expected.jsonl (upstream-stated findings of gitleaks, secretlint,
// detect-secrets), plus how many upstream-negative files we flag. Archive members and upstream-only kinds
// ("other" rules we do not claim, e.g. secretlint's example/pattern test rules) are reported separately.
//   node scripts/eval-corpus.mjs [--corpus DIR] [--json] [--verbose]
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
const require = createRequire(import.meta.url);
const { scan } = require('../out/src/engine/index.js');
const { decodeText } = require('../out/src/node/read-text.js');

const args = process.argv.slice(2);
const opt = (k, d) => (args.includes(k) ? args[args.indexOf(k) + 1] : d);
const corpus = path.resolve(opt('--corpus', new URL('../../shared/corpus', import.meta.url).pathname));
const verbose = args.includes('--verbose');

const expected = readFileSync(path.join(corpus, 'expected.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const cache = new Map();
function findingsOf(rel) {
  if (!cache.has(rel)) {
    const abs = path.join(corpus, rel);
    const read = existsSync(abs) ? decodeText(readFileSync(abs)) : { skipped: 'missing' };
    cache.set(rel, 'text' in read ? scan(read.text, { path: rel }) : null);
  }
  return cache.get(rel);
}

const byKind = {};
const misses = [];
let hit = 0, total = 0, unreadable = 0;
const seen = new Set();
for (const e of expected) {
  if (e.file.includes('!') || /\.(gz|xz|zst|zip|tar)$/.test(e.file)) continue; // archives: not claimed
  const key = `${e.file}:${e.line}`;
  if (seen.has(key)) continue; // rule snapshot + preset snapshot state the same line twice
  seen.add(key);
  const fs = findingsOf(e.file);
  if (fs === null) { unreadable++; continue; }
  const k = (byKind[e.kind] ??= { hit: 0, total: 0 });
  k.total++; total++;
  if (fs.some((f) => f.start.line <= e.line && f.end.line >= e.line)) { k.hit++; hit++; }
  else misses.push(`${e.kind}\t${e.file}:${e.line}\t(${e.rule})`);
}
const negatives = readFileSync(path.join(corpus, 'negatives.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
let flaggedNegatives = 0;
const flagged = [];
for (const line of negatives) {
  const [file] = line.split('\t');
  const fs = findingsOf(file);
  if (fs && fs.length) { flaggedNegatives++; flagged.push(`${file}\t${fs.map((f) => f.ruleId + ':' + f.start.line).join(',')}`); }
}
const result = {
  recall: +(hit / total).toFixed(3), hit, total, unreadable,
  byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, `${v.hit}/${v.total}`])),
  negativeFiles: negatives.length, negativeFilesFlagged: flaggedNegatives,
};
if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
else {
  console.log(result);
  if (verbose) { console.log('\nmisses:\n' + misses.join('\n')); console.log('\nflagged negatives (many are negative only under upstream config):\n' + flagged.join('\n')); }
}
