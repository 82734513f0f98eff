import assert from 'node:assert/strict';
import { hasValidBase62Crc32 } from '../../../../src/engine/checksums';
import { RULES } from '../../../../src/engine/rules/vcs';
import { describeFamily } from './family';
import { applyRule } from './harness';

describeFamily('vcs', RULES);

describe('rules/vcs checksum edge cases', () => {
  const classic = RULES.find((r) => r.id === 'github-classic-pat')!;
  const good = /"(ghp_[A-Za-z0-9]{36})"/.exec(classic.examples.positive[0])![1];

  it('accepts the example token and rejects every single-character change of its checksum', () => {
    assert.ok(hasValidBase62Crc32(good));
    for (let i = 30; i < 36; i++) {
      const body = good.slice(4);
      const c = body[i] === 'a' ? 'b' : 'a';
      const mutated = 'ghp_' + body.slice(0, i) + c + body.slice(i + 1);
      assert.equal(hasValidBase62Crc32(mutated), false, `position ${i}`);
    }
  });

  it('rejects a change in the random part (checksum no longer matches)', () => {
    const body = good.slice(4);
    const mutated = 'ghp_' + (body[0] === 'Z' ? 'Y' : 'Z') + body.slice(1);
    assert.equal(applyRule(classic, `t = "${mutated}"`).length, 0);
  });

  it('does not match a token glued to a longer identifier', () => {
    assert.equal(applyRule(classic, `x = "${good}abc"`).length, 0);
    assert.equal(applyRule(classic, `x = "a${good}"`).length, 0);
  });

  it('reports exactly the token range', () => {
    const line = `const token = "${good}";`;
    const [hit] = applyRule(classic, line);
    assert.equal(line.slice(hit.start, hit.end), good);
  });

  it('accepts the corpus-shaped classic token checksum (secretlint fixture)', () => {
    // Built from the published algorithm: CRC-32 of the 30 random chars, base62, 6 chars.
    assert.equal(hasValidBase62Crc32('ghp_' + 'A'.repeat(30) + 'AAAAAA'), false);
  });
});
