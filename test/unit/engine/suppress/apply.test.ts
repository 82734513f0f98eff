import assert from 'node:assert/strict';
import { scan } from '../../../../src/engine';
import { applyInlineIgnores } from '../../../../src/engine/suppress';
import { fakeAwsKeyId } from '../../cli/fake-secrets';

const ID = fakeAwsKeyId(1);
const ID2 = fakeAwsKeyId(2);

function run(text: string, today = '2026-06-01') {
  const findings = scan(text, { path: 'x.py' });
  return { findings, ...applyInlineIgnores(text, findings, { today }) };
}

describe('suppress: applyInlineIgnores', () => {
  it('fixture keys are detected at all (guards the other tests)', () => {
    assert.equal(run(`a = "${ID}"\nb = "${ID2}"\n`).kept.length, 2);
  });

  it('same-line directive suppresses only its own line', () => {
    const r = run(`a = "${ID}"  # credential-hygiene:ignore -- test\nb = "${ID2}"\n`);
    assert.equal(r.suppressed.length, 1);
    assert.equal(r.suppressed[0].finding.start.line, 1);
    assert.equal(r.suppressed[0].directive.reason, 'test');
    assert.deepEqual(r.kept.map((f) => f.start.line), [2]);
  });

  it('next-line directive applies to the following line only, and not to its own line', () => {
    const r = run(`# credential-hygiene:ignore-next-line\na = "${ID}"\nb = "${ID2}"\n`);
    assert.deepEqual(r.kept.map((f) => f.start.line), [3]);
    const own = run(`a = "${ID}" # credential-hygiene:ignore-next-line\n`);
    assert.equal(own.kept.length, 1);
    const sameLineAbove = run(`# credential-hygiene:ignore\na = "${ID}"\n`);
    assert.equal(sameLineAbove.kept.length, 1, 'a same-line directive on the line above does not apply');
  });

  it('rule ids limit the directive', () => {
    assert.equal(run(`a = "${ID}"  # credential-hygiene:ignore generic-api-key\n`).kept.length, 1);
    assert.equal(run(`a = "${ID}"  # credential-hygiene:ignore generic-api-key,aws-access-key-id\n`).kept.length, 0);
  });

  it('expired ignores stop working and are reported; valid through their date', () => {
    const text = `a = "${ID}"  # credential-hygiene:ignore until 2026-05-31 -- rotate\n`;
    const r = run(text, '2026-06-01');
    assert.equal(r.kept.length, 1);
    assert.equal(r.expired.length, 1);
    assert.match(r.expired[0].message, /expired on 2026-05-31/);
    assert.equal(r.expired[0].line, 1);
    const onTheDay = run(text, '2026-05-31');
    assert.equal(onTheDay.kept.length, 0);
    assert.equal(onTheDay.expired.length, 0);
  });

  it('a live directive wins over an expired one on the same finding', () => {
    const r = run(`# credential-hygiene:ignore-next-line until 2020-01-01\na = "${ID}"  # gitleaks:allow\n`);
    assert.equal(r.kept.length, 0);
    assert.equal(r.expired.length, 0);
  });

  it('honours every other dialect', () => {
    for (const t of [
      `a = "${ID}"  # gitleaks:allow`,
      `a = "${ID}"  # trufflehog:ignore`,
      `a = "${ID}"  # pragma: allowlist secret`,
      `# pragma: allowlist nextline secret\na = "${ID}"`,
      `a = "${ID}"  // secretlint-disable-line`,
      `// secretlint-disable-next-line\na = "${ID}"`,
    ]) assert.equal(run(t + '\n').kept.length, 0, t);
  });

  it('file directive in the header suppresses the whole file, but not further down', () => {
    assert.equal(run(`#!/usr/bin/env python\n# credential-hygiene:ignore-file -- generated\na = "${ID}"\n`).kept.length, 0);
    const deep = Array.from({ length: 12 }, () => 'x = 1').join('\n');
    assert.equal(run(`${deep}\n# credential-hygiene:ignore-file\na = "${ID}"\n`).kept.length, 1);
  });

  it('works with CRLF line endings', () => {
    assert.equal(run(`# credential-hygiene:ignore-next-line\r\na = "${ID}"\r\n`).kept.length, 0);
  });

  it('is fast: reads only finding lines in a large file', () => {
    const filler = 'x = 1 # a comment with pragma words\n'.repeat(60000);
    const text = filler + `a = "${ID}"  # credential-hygiene:ignore\n`;
    const findings = scan(text, { path: 'x.py' });
    const t = process.hrtime.bigint();
    for (let i = 0; i < 100; i++) applyInlineIgnores(text, findings, { today: '2026-01-01' });
    const ms = Number(process.hrtime.bigint() - t) / 1e6 / 100;
    assert.equal(applyInlineIgnores(text, findings).kept.length, 0);
    assert.ok(ms < 5, `${ms.toFixed(2)} ms per call`);
  });
});
