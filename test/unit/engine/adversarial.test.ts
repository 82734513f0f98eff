import assert from 'node:assert/strict';
import { BUILTIN_RULES, scan } from '../../../src/engine';

/**
 * Every pattern must stay linear on hostile input: long runs of the characters its classes accept,
 * repeated keywords, unterminated quotes and blocks. A backtracking blow-up shows as seconds, not ms,
 * so the bound below is generous and only catches catastrophes.
 */
const SIZE = 100_000;
function hostileInputs(keyword: string): string[] {
  const k = keyword;
  return [
    (k + ' = "').repeat(Math.ceil(SIZE / (k.length + 4))),
    k + '=' + 'a'.repeat(SIZE),
    k + ': "' + 'A1b2'.repeat(SIZE / 4),
    (k + 'Aa0/+').repeat(Math.ceil(SIZE / (k.length + 5))),
    '-----BEGIN RSA PRIVATE KEY-----\n' + 'MIIEow'.repeat(SIZE / 6),
    (k + '\n').repeat(Math.ceil(SIZE / (k.length + 1))),
    'postgres://' + 'u'.repeat(SIZE / 2) + ':' + 'p'.repeat(SIZE / 2),
    'https://' + (k + ':').repeat(Math.ceil(SIZE / (k.length + 1))) + '@',
    '<' + k + '>' + ' '.repeat(SIZE),
    k + '"' + '\\"'.repeat(SIZE / 2),
  ];
}

describe('no rule backtracks catastrophically', function () {
  this.timeout(120_000);
  for (const rule of BUILTIN_RULES) {
    it(`${rule.id} stays linear on 100 KB of hostile input`, () => {
      for (const keyword of rule.keywords.slice(0, 3)) {
        for (const input of hostileInputs(keyword)) {
          const t0 = process.hrtime.bigint();
          scan(input, { onlyRules: [rule.id] });
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          assert.ok(ms < 1500, `${rule.id}: ${ms.toFixed(0)} ms on input starting ${JSON.stringify(input.slice(0, 30))}`);
        }
      }
    });
  }
});
