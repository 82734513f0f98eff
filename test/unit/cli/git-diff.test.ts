import assert from 'node:assert/strict';
import { parseUnifiedZero } from '../../../src/node/git';

describe('git -U0 diff parsing', () => {
  it('collects added new-side lines per file, including quoted paths and pure deletions', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1..2 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -0,0 +1,2 @@',
      '+x',
      '+y',
      '@@ -10 +12 @@ function f() {',
      '-old',
      '+new',
      '@@ -20,3 +24,0 @@',
      '-gone',
      'diff --git "a/d\\303\\251j\\303\\240 vu.txt" "b/d\\303\\251j\\303\\240 vu.txt"',
      '--- /dev/null',
      '+++ "b/d\\303\\251j\\303\\240 vu.txt"',
      '@@ -0,0 +1 @@',
      '+only',
      '+++ /dev/null',
    ].join('\n');
    const added = parseUnifiedZero(diff);
    assert.deepEqual([...added.get('src/a.ts')!], [1, 2, 12]);
    assert.deepEqual([...added.get('déjà vu.txt')!], [1]);
    assert.equal(added.size, 2);
  });
});
