import { strict as assert } from 'node:assert';
import { BUILTIN_RULES } from '../../../src/engine/rules';

/**
 * Speed hints must never change results: a rule's `separatorMayStart` may only rule out places where its
 * `separatorAfterName` cannot match. Checked on every rule that declares both, over many generated suffixes.
 */
describe('separator speed hints over-approximate their separator', () => {
  const hinted = BUILTIN_RULES.filter((r) => r.separatorMayStart && r.separatorAfterName);

  it('at least the assignment rules declare one', () => {
    assert.ok(hinted.some((r) => r.id === 'generic-api-key-assignment'));
  });

  it('never says no where the separator matches', () => {
    const pieces = [' ', '  ', '\t', '"', "'", '`', '\\', ']', ':', '=', '>', '<', '-', '?', '|', '!', '(', ')', ',', ';',
      '.', 'r', 'B', 'u', 'F', '@', '$', 'x', 'value', '{', '}', 'string', '[]', '\n'];
    let seed = 7;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    let matched = 0;
    for (const rule of hinted) {
      const sep = new RegExp(rule.separatorAfterName!.source, rule.separatorAfterName!.flags.replace(/[gy]/g, '') + 'y');
      for (let i = 0; i < 60_000; i++) {
        let tail = '';
        const len = 1 + next(7);
        for (let j = 0; j < len; j++) tail += pieces[next(pieces.length)];
        const text = `password${tail}x`;
        sep.lastIndex = 8;
        if (!sep.test(text)) continue;
        matched++;
        assert.ok(rule.separatorMayStart!(text, 8), `${rule.id}: hint rules out ${JSON.stringify(tail)}`);
      }
    }
    assert.ok(matched > 1000, `only ${matched} generated suffixes matched a separator`);
  });
});
