/**
 * Fixes follow each language's interpolation rules (issue 16 point 2): a `$` in a plain JS string is a character,
 * so the Secrets Manager fix applies; an interpolated string is never replaced whole by a lookup.
 */
import * as assert from 'node:assert/strict';
import { scan } from '../../../src/engine';
import { applyEdits, getFixes } from '../../../src/remediation';
import { lex } from '../../../src/syntax/lexer';
import { materialise } from './fake-secrets';

function fixesFor(path: string, text: string) {
  const findings = scan(text, { path });
  assert.equal(findings.length, 1, `one finding in ${path}`);
  return { findings, fixes: getFixes({ text, path, finding: findings[0], findings }) };
}

describe('remediation: interpolation rules decide what a lookup may replace', () => {
  for (const [path, quote] of [['db.js', "'"], ['db.ts', '"'], ['db.mjs', "'"]] as const) {
    it(`${path}: a password with $ in a ${quote === "'" ? 'single' : 'double'}-quoted string gets a Secrets Manager fix in an async function`, () => {
      const text = `async function connect(Pool) {\n  return new Pool({ host: 'db', user: 'app', password: ${quote}Wm8$kP3q!Zr6tYx2${quote} });\n}\nmodule.exports = { connect };\n`;
      const { fixes } = fixesFor(path, text);
      const sm = fixes.find((f) => f.kind === 'secrets-manager');
      assert.ok(sm, `kinds offered: ${fixes.map((f) => f.kind).join(', ')}`);
      assert.ok(sm.preferred);
      const out = applyEdits(text, sm.edits);
      assert.ok(!out.includes('Wm8$kP3q'));
      assert.match(out, /await getSecretValue\(/);
    });
  }

  it('JS: a template literal that interpolates is not replaced whole', () => {
    const text = materialise('async function signer(host) {\n  const keyId = `${host}:{{AKID}}`;\n  return keyId;\n}\n');
    const findings = scan(text, { path: 'u.js' });
    assert.ok(findings.length > 0);
    for (const f of findings) {
      for (const fix of getFixes({ text, path: 'u.js', finding: f, findings })) {
        assert.ok(applyEdits(text, fix.edits).includes('`${host}:'), `${fix.kind} dropped the interpolation`);
      }
    }
  });

  it('Ruby: "…#{x}…" interpolates and is not a literal secret; \'…#{x}…\' is a plain literal', () => {
    const dq = 'def conn(host)\n  password = "Wm8kP3q!Zr6tYx2#{host}"\n  connect(password)\nend\n';
    const literal = (t: string) => lex(t, 'ruby').strings.find((x) => t.slice(x.start, x.end).includes('#{host}'));
    assert.equal(literal(dq)?.interpolated, true);
    // The detector treats an interpolated value as a reference: nothing to rewrite, nothing dropped.
    assert.equal(scan(dq, { path: 'app.rb' }).length, 0);
    const sq = dq.replace(/"/g, "'");
    assert.equal(literal(sq)?.interpolated, false);
  });
});
