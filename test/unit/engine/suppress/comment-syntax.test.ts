import assert from 'node:assert/strict';
import { ignoreCommentFor, parseDirectives } from '../../../../src/engine/suppress';

describe('suppress: ignoreCommentFor', () => {
  const cases: [string, string][] = [
    ['typescript', '// credential-hygiene:ignore aws-access-key-id'],
    ['src/app.py', '# credential-hygiene:ignore aws-access-key-id'],
    ['db/seed.sql', '-- credential-hygiene:ignore aws-access-key-id'],
    ['styles.css', '/* credential-hygiene:ignore aws-access-key-id */'],
    ['index.html', '<!-- credential-hygiene:ignore aws-access-key-id -->'],
    ['clojure', '; credential-hygiene:ignore aws-access-key-id'],
    ['paper.tex', '% credential-hygiene:ignore aws-access-key-id'],
    ['vb', "' credential-hygiene:ignore aws-access-key-id"],
    ['Dockerfile', '# credential-hygiene:ignore aws-access-key-id'],
  ];
  for (const [lang, expected] of cases) {
    it(`${lang} → ${expected.split(' ')[0]}`, () => {
      const c = ignoreCommentFor(lang, 'aws-access-key-id', 'line');
      assert.equal(c, expected);
      const [d] = parseDirectives(`x = 1 ${c}`);
      assert.deepEqual(d.rules, ['aws-access-key-id'], 'the generated comment parses back');
    });
  }

  it('uses REM for batch files, next-line only', () => {
    assert.equal(ignoreCommentFor('deploy.bat', 'r-id', 'line'), undefined);
    assert.equal(ignoreCommentFor('deploy.cmd', 'r-id', 'next-line'), 'REM credential-hygiene:ignore-next-line r-id');
  });

  it('refuses trailing comments where they corrupt values and formats without comments', () => {
    assert.equal(ignoreCommentFor('app.properties', 'x-y', 'line'), undefined);
    assert.equal(ignoreCommentFor('.env.local', 'x-y', 'line'), undefined);
    assert.equal(ignoreCommentFor('.env', 'x-y', 'next-line'), '# credential-hygiene:ignore-next-line x-y');
    assert.equal(ignoreCommentFor('package.json', 'x-y', 'next-line'), undefined);
    assert.equal(ignoreCommentFor('json', 'x-y', 'file'), undefined);
    assert.equal(ignoreCommentFor('tsconfig.jsonc', 'x-y', 'line'), '// credential-hygiene:ignore x-y');
  });

  it('adds until and reason, and strips comment closers from the reason', () => {
    const c = ignoreCommentFor('index.html', 'a-b', 'next-line', { until: '2027-01-01', reason: 'demo --> page' });
    assert.equal(c, '<!-- credential-hygiene:ignore-next-line a-b until 2027-01-01 -- demo  page -->');
    const [d] = parseDirectives(c!);
    assert.equal(d.until, '2027-01-01');
    assert.equal(d.reason, 'demo  page');
  });
});
