import assert from 'node:assert/strict';
import { isDate, parseDirectives } from '../../../../src/engine/suppress';

describe('suppress: directive parsing', () => {
  it('finds our directive in any comment syntax', () => {
    for (const line of [
      'x = 1 // credential-hygiene:ignore',
      'x = 1 # credential-hygiene:ignore',
      "x = 1 -- credential-hygiene:ignore",
      'x /* credential-hygiene:ignore */',
      '<a x="1"/> <!-- credential-hygiene:ignore -->',
      'x=1 ; credential-hygiene:ignore',
      'x=1 % credential-hygiene:ignore',
      'REM credential-hygiene:ignore',
      "x = 1 ' credential-hygiene:ignore",
      '{{/* credential-hygiene:ignore */}}',
    ]) {
      const d = parseDirectives(line);
      assert.equal(d.length, 1, line);
      assert.equal(d[0].dialect, 'credential-hygiene');
      assert.equal(d[0].scope, 'line');
      assert.equal(d[0].rules, undefined, line);
      assert.equal(d[0].reason, undefined, line);
    }
  });

  it('parses scope, rule ids, until and reason', () => {
    const [d] = parseDirectives('# credential-hygiene:ignore-next-line aws-access-key-id, generic-api-key until 2027-03-01 -- test fixture');
    assert.equal(d.scope, 'next-line');
    assert.deepEqual(d.rules, ['aws-access-key-id', 'generic-api-key']);
    assert.equal(d.until, '2027-03-01');
    assert.equal(d.reason, 'test fixture');
    assert.equal(d.invalid, undefined);
    const [f] = parseDirectives('// credential-hygiene:ignore-file -- generated');
    assert.equal(f.scope, 'file');
    assert.equal(f.reason, 'generated');
  });

  it('treats plain words as a reason, not as rule ids, and stops at the comment closer', () => {
    const [d] = parseDirectives('/* credential-hygiene:ignore test fixture until 2030-01-01 */ x = 1');
    assert.equal(d.rules, undefined);
    assert.equal(d.reason, 'test fixture');
    assert.equal(d.until, '2030-01-01');
    const [h] = parseDirectives('<!-- credential-hygiene:ignore aws-access-key-id --> <b>--</b>');
    assert.deepEqual(h.rules, ['aws-access-key-id']);
    assert.equal(h.reason, undefined);
  });

  it('flags an impossible until date', () => {
    const [d] = parseDirectives('# credential-hygiene:ignore until 2027-02-30');
    assert.match(d.invalid ?? '', /not a date/);
    assert.equal(isDate('2024-02-29'), true);
    assert.equal(isDate('2023-02-29'), false);
  });

  it('recognises the other scanners\' dialects with the right scope', () => {
    const cases: [string, string, string][] = [
      ['key = "x" # gitleaks:allow', 'gitleaks', 'line'],
      ['key = "x" # trufflehog:ignore', 'trufflehog', 'line'],
      ['key = "x" # pragma: allowlist secret', 'detect-secrets', 'line'],
      ['# pragma: allowlist nextline secret', 'detect-secrets', 'next-line'],
      ['key = "x" // secretlint-disable-line', 'secretlint', 'line'],
      ['// secretlint-disable-next-line @secretlint/secretlint-rule-aws', 'secretlint', 'next-line'],
    ];
    for (const [line, dialect, scope] of cases) {
      const d = parseDirectives(line);
      assert.equal(d.length, 1, line);
      assert.equal(d[0].dialect, dialect, line);
      assert.equal(d[0].scope, scope, line);
      assert.equal(d[0].rules, undefined);
    }
  });

  it('does not match look-alikes', () => {
    assert.deepEqual(parseDirectives('const ignore = "credential-hygiene:ignored"'), []);
    assert.deepEqual(parseDirectives('password = "hunter2"'), []);
    assert.deepEqual(parseDirectives('# credential-hygiene:ignore-nextline'), []);
  });
});
