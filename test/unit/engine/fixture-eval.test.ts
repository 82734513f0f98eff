import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { scan } from '../../../src/engine';

/**
 * The detection quality bar (recall and precision ≥ 0.95, matched on file and line) on our two labelled sets of
 * realistic files: `realistic/` and `blind/` (written without looking at the engine). Same matching as
 * scripts/eval-detection.mjs, which prints the misses.
 */
const fixtures = path.resolve(__dirname, '../../../../test/fixtures');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function evaluate(set: string): { recall: number; precision: number; misses: string[]; falsePositives: string[] } {
  const root = path.join(fixtures, set);
  const labels = readFileSync(path.join(root, 'labels.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { file: string; line: number });
  const expected = new Set(labels.map((l) => `${l.file}:${l.line}`));
  const hit = new Set<string>();
  const falsePositives: string[] = [];
  for (const abs of files(root)) {
    const rel = path.relative(root, abs).split(path.sep).join('/');
    if (rel === 'labels.jsonl' || rel === 'README.md') continue;
    for (const f of scan(readFileSync(abs, 'utf8'), { path: rel })) {
      const key = `${rel}:${f.start.line}`;
      if (expected.has(key)) hit.add(key);
      else falsePositives.push(`${key} ${f.ruleId}`);
    }
  }
  const misses = [...expected].filter((k) => !hit.has(k));
  return {
    recall: hit.size / expected.size,
    precision: hit.size / (hit.size + falsePositives.length),
    misses,
    falsePositives,
  };
}

describe('detection quality on labelled realistic files', () => {
  for (const set of ['realistic', 'blind']) {
    it(`${set}/: recall and precision of at least 0.95`, () => {
      const r = evaluate(set);
      assert.ok(r.recall >= 0.95, `recall ${r.recall.toFixed(3)}; misses: ${r.misses.join(', ')}`);
      assert.ok(r.precision >= 0.95, `precision ${r.precision.toFixed(3)}; false positives: ${r.falsePositives.join(', ')}`);
    });
  }
});
