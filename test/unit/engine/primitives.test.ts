import assert from 'node:assert/strict';
import { accountIdFromKeyId } from '../../../src/engine/aws-account';
import { shannonEntropy } from '../../../src/engine/entropy';
import { fingerprintOf } from '../../../src/engine/fingerprint';
import { LineIndex } from '../../../src/engine/line-index';
import { maskSecret } from '../../../src/engine/mask';
import { isCodeReference, isPlaceholder } from '../../../src/engine/placeholders';
import { KeywordAutomaton } from '../../../src/engine/prefilter';
import { scan } from '../../../src/engine';

describe('engine primitives', () => {
  it('decodes the account id of a key id offline (public example ASIAY34FZKBOKMUTVV7A)', () => {
    assert.equal(accountIdFromKeyId('ASIAY34FZKBOKMUTVV7A'), '609629065308');
    assert.equal(accountIdFromKeyId('AKIAIOSFODNN7EXAMPLE'), undefined, 'legacy AKIAI… ids carry no account');
    assert.equal(accountIdFromKeyId('not-a-key'), undefined);
  });

  it('puts the decoded account into the message, never the key', () => {
    const [f] = scan('id = "ASIAY34FZKBOKMUTVV7A"');
    assert.match(f.message, /account 609629065308/);
    assert.match(f.message, /temporary/);
    assert.ok(!f.message.includes('ASIAY34FZKBOKMUTVV7A'));
  });

  it('masks with at most 4 leading characters and never whole short values', () => {
    assert.equal(maskSecret('AKIA2OGYBAH6STMMNXNN'), 'AKIA…');
    assert.equal(maskSecret('abcdef'), 'ab…');
    assert.equal(maskSecret('abc'), 'a…');
  });

  it('fingerprints by rule and value only: stable across positions, distinct across rules', () => {
    assert.equal(fingerprintOf('r', 'v'), fingerprintOf('r', 'v'));
    assert.notEqual(fingerprintOf('r1', 'v'), fingerprintOf('r2', 'v'));
    assert.match(fingerprintOf('r', 'v'), /^[0-9a-f]{32}$/);
    const a = scan('x\nkey = "AKIA2OGYBAH6STMMNXNN"')[0];
    const b = scan('\n\n\n   key = "AKIA2OGYBAH6STMMNXNN"')[0];
    assert.equal(a.fingerprint, b.fingerprint);
    assert.notEqual(a.start.line, b.start.line);
  });

  it('counts lines the way editors do: LF, CRLF and a lone CR each end a line', () => {
    const [f] = scan('a = 1\r\nb = 2\rc = 3\n  key = "AKIA2OGYBAH6STMMNXNN"');
    assert.deepEqual([f.start, f.end], [{ line: 4, column: 10 }, { line: 4, column: 30 }]);
  });

  it('computes Shannon entropy', () => {
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
  });

  it('maps offsets to 1-based positions, also for a window of a larger text', () => {
    const idx = new LineIndex('ab\ncd\n\nef');
    assert.deepEqual(idx.position(0), { line: 1, column: 1 });
    assert.deepEqual(idx.position(4), { line: 2, column: 2 });
    assert.deepEqual(idx.position(7), { line: 4, column: 1 });
    const win = new LineIndex('cd\nef', 10, 100);
    assert.deepEqual(win.position(104), { line: 11, column: 2 });
  });

  it('finds every keyword occurrence case-insensitively in one pass, overlaps included', () => {
    const ac = new KeywordAutomaton(['akia', 'kia', 'secret', 'se']);
    const hits: [string, number][] = [];
    ac.scan('xAKIA SeCrEt é akia', (k, end) => hits.push([ac.keywords[k], end]));
    assert.deepEqual(hits, [
      ['akia', 5],
      ['kia', 5],
      ['se', 8],
      ['secret', 12],
      ['akia', 19],
      ['kia', 19],
    ]);
  });

  it('recognises references and placeholders', () => {
    for (const v of ['${DB_PASSWORD}', '{{ .Values.pw }}', '<your-key>', 'xxxxxxxx', 'changeme', '%DB_PASS%', 'REPLACE_ME', '$(vault read x)'])
      assert.ok(isPlaceholder(v), v);
    for (const v of ['Xk9#mQ2vLp7!', 'zjlOHu0+LCZBTS0vzaRQ']) assert.ok(!isPlaceholder(v), v);
    assert.ok(isCodeReference('self.config.password'));
    assert.ok(isCodeReference('getToken()'));
    assert.ok(!isCodeReference('Xk9#mQ2v'));
  });
});
