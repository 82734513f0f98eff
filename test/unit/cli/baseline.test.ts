import assert from 'node:assert/strict';
import { BaselineIndex, formatBaseline, parseBaseline, updateBaseline, type BaselineEntry } from '../../../src/node/baseline';
import { ConfigError } from '../../../src/node/config-schema';

const fp = (n: number): string => n.toString(16).padStart(32, '0');
const e = (file: string, ruleId: string, n: number): BaselineEntry => ({ file, ruleId, fingerprint: fp(n) });

describe('baseline file', () => {
  it('formats sorted, de-duplicated, one entry per line, and parses back', () => {
    const text = formatBaseline({ version: 1, entries: [e('b.py', 'r-a', 2), e('a.py', 'r-b', 1), e('a.py', 'r-a', 3), e('b.py', 'r-a', 2)] });
    const lines = text.split('\n').filter((l) => l.includes('fingerprint'));
    assert.deepEqual(lines.map((l) => JSON.parse(l.replace(/,$/, '')).file + ':' + JSON.parse(l.replace(/,$/, '')).ruleId), ['a.py:r-a', 'a.py:r-b', 'b.py:r-a']);
    assert.deepEqual(parseBaseline(text, 'b.json').entries.length, 3);
    assert.equal(formatBaseline(parseBaseline(text, 'b.json')), text, 'stable');
  });

  it('errors carry file, line and key', () => {
    try {
      parseBaseline('{\n "version": 1,\n "entries": [\n  {"file": "a", "ruleId": "r", "fingerprint": "xyz"}\n ]\n}', 'base.json');
      assert.fail('no error');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.line, 4);
      assert.match(err.message, /^base\.json:4:\d+: entries\[0\]\.fingerprint: expected 32 lower-case hex digits$/);
    }
    assert.throws(() => parseBaseline('{"entries": []}', 'b.json'), /missing required key 'version'/);
  });

  it('matches by file + rule + fingerprint and lists unused entries in scope', () => {
    const idx = new BaselineIndex({ version: 1, entries: [e('src/a.py', 'r-a', 1), e('src/b.py', 'r-a', 2), e('lib/c.py', 'r-a', 3)] }, '/repo', 'b.json');
    assert.equal(idx.relative('/repo/src/a.py'), 'src/a.py');
    assert.equal(idx.match('src/a.py', 'r-a', fp(1)), true);
    assert.equal(idx.match('src/a.py', 'r-b', fp(1)), false, 'rule is part of the identity');
    assert.equal(idx.match('src/moved.py', 'r-a', fp(2)), false, 'file is part of the identity');
    assert.deepEqual(idx.unused((f) => f.startsWith('src/')).map((x) => x.file), ['src/b.py']);
  });

  it('update replaces entries in scope, keeps the rest and their notes', () => {
    const old = { version: 1 as const, entries: [{ ...e('src/a.py', 'r-a', 1), note: 'test key' }, e('src/b.py', 'r-a', 2), e('lib/c.py', 'r-a', 3)] };
    const { baseline, added, removed } = updateBaseline(old, [e('src/a.py', 'r-a', 1), e('src/d.py', 'r-a', 4)], (f) => f.startsWith('src/'));
    assert.deepEqual(baseline.entries.map((x) => `${x.file}${x.note ? ` (${x.note})` : ''}`), ['lib/c.py', 'src/a.py (test key)', 'src/d.py']);
    assert.equal(added, 1);
    assert.equal(removed, 1);
  });
});
