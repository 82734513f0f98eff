/** Shared per-family checks: every rule's own examples, directly and (when available) through scan(). */
import assert from 'node:assert/strict';
import { FINDING_KINDS, type RuleSpec } from '../../../../src/engine/types';
import { applyRule, engineScan, matchesOf, scanWithOnly } from './harness';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function describeFamily(name: string, rules: RuleSpec[]): void {
  describe(`rules/${name}`, () => {
    it('has well-formed, unique rule specs', () => {
      const ids = new Set<string>();
      for (const r of rules) {
        assert.match(r.id, ID, r.id);
        assert.ok(!ids.has(r.id), `duplicate id ${r.id}`);
        ids.add(r.id);
        assert.ok((FINDING_KINDS as readonly string[]).includes(r.kind), `${r.id}: kind ${r.kind}`);
        assert.ok(r.keywords.length > 0, `${r.id}: keywords`);
        for (const k of r.keywords) assert.equal(k, k.toLowerCase(), `${r.id}: keyword ${k} not lower-case`);
        assert.ok(!/[gy]/.test(r.pattern.flags), `${r.id}: g/y flag`);
        assert.ok(r.pattern.source.includes('(?<secret>'), `${r.id}: secret group`);
        assert.ok(r.examples.positive.length > 0 && r.examples.negative.length > 0, `${r.id}: examples`);
      }
    });

    for (const rule of rules) {
      describe(rule.id, () => {
        rule.examples.positive.forEach((ex, i) => {
          it(`fires on positive #${i + 1}`, () => {
            const hits = applyRule(rule, ex);
            assert.ok(hits.length > 0, `${rule.id} missed positive #${i + 1}`);
            for (const h of hits) assert.ok(h.start >= 0 && h.end <= ex.length && h.end > h.start);
          });
        });
        rule.examples.negative.forEach((ex, i) => {
          it(`stays silent on negative #${i + 1}`, () => {
            assert.equal(applyRule(rule, ex).length, 0, `${rule.id} fired on negative #${i + 1}`);
          });
        });
      });
    }

    it('patterns stay linear on adversarial 100 KB inputs', function () {
      this.timeout(20_000);
      for (const rule of rules) {
        for (const input of adversarialInputs(rule)) {
          // Best of three runs; catastrophic backtracking costs seconds, so 150 ms leaves room for a busy CI box
          // (the engine-wide adversarial test holds the 50 ms budget). Identifier-anchored rules run the way the
          // scanner runs them: once per identifier holding a keyword.
          let ms = Infinity;
          for (let run = 0; run < 3 && ms >= 50; run++) {
            const t0 = process.hrtime.bigint();
            for (const _ of matchesOf(rule, input)) void _;
            ms = Math.min(ms, Number(process.hrtime.bigint() - t0) / 1e6);
          }
          assert.ok(ms < 150, `${rule.id}: ${ms.toFixed(1)} ms on adversarial input`);
        }
      }
    });

    if (engineScan()) {
      describe(`rules/${name} through scan()`, () => {
        for (const rule of rules) {
          it(`${rule.id}: examples behave in the engine`, () => {
            rule.examples.positive.forEach((ex, i) => {
              const found = scanWithOnly(rule, ex)!;
              assert.ok(found.length > 0, `${rule.id} positive #${i + 1} not reported by scan()`);
              for (const f of found) assert.ok(f.startOffset >= 0 && f.endOffset <= ex.length && f.endOffset > f.startOffset);
            });
            rule.examples.negative.forEach((ex, i) => {
              assert.equal(scanWithOnly(rule, ex)!.length, 0, `${rule.id} negative #${i + 1} reported by scan()`);
            });
          });
        }
      });
    }
  });
}

const SIZE = 100_000;
function fill(unit: string): string {
  return unit.repeat(Math.ceil(SIZE / Math.max(1, unit.length))).slice(0, SIZE);
}

/** Inputs that make backtracking regexes blow up: keyword-dense, class-dense and near-miss texts. */
function adversarialInputs(rule: RuleSpec): string[] {
  const kw = rule.keywords[0] ?? 'x';
  const pos = rule.examples.positive[0] ?? '';
  return [
    fill('a'),
    fill('A1'),
    fill(kw),
    fill(kw + 'aB3'.repeat(40) + ' '),
    fill(kw + '-_.:/=@+%'),
    fill(pos.slice(0, Math.max(1, pos.length - 3))),
    fill('aB3-_.:/=@+%\\n'),
    fill('=' + kw + '=" '),
  ];
}
