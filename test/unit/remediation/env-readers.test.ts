import * as assert from 'node:assert/strict';
import { findEnvReaders } from '../../../src/remediation/env-readers';

describe('env readers (issue 16 point 7)', () => {
  const cases: [string, string][] = [
    ['js', 'const p = process.env.DB_PASSWORD;'],
    ['js bracket', "const p = process.env['DB_PASSWORD'];"],
    ['python', 'p = os.environ["DB_PASSWORD"]'],
    ['python get', "p = os.getenv('DB_PASSWORD', '')"],
    ['go', 'p := os.Getenv("DB_PASSWORD")'],
    ['java', 'String p = System.getenv("DB_PASSWORD");'],
    ['csharp', 'var p = Environment.GetEnvironmentVariable("DB_PASSWORD");'],
    ['ruby', "p = ENV.fetch('DB_PASSWORD')"],
    ['php', "$p = getenv('DB_PASSWORD');"],
    ['rust', 'let p = std::env::var("DB_PASSWORD")?;'],
    ['compose', 'environment:\n  - PGPASSWORD=${DB_PASSWORD}'],
    ['spring', 'spring.datasource.password=${DB_PASSWORD}'],
  ];
  for (const [what, text] of cases) {
    it(`finds a ${what} reader`, () => {
      const r = findEnvReaders(text, 'DB_PASSWORD');
      assert.equal(r.length, 1, text);
      const line = text.split('\n')[r[0].line - 1];
      assert.equal(line.slice(r[0].column - 1, r[0].column - 1 + 'DB_PASSWORD'.length), 'DB_PASSWORD');
    });
  }

  it('ignores longer names and mere mentions', () => {
    assert.deepEqual(findEnvReaders('process.env.DB_PASSWORD_SECRET_ID', 'DB_PASSWORD'), []);
    assert.deepEqual(findEnvReaders('// set DB_PASSWORD in your shell', 'DB_PASSWORD'), []);
    assert.deepEqual(findEnvReaders('os.getenv("DB_PASSWORD_OLD")', 'DB_PASSWORD'), []);
  });

  it('rejects names that are not variable names', () => {
    assert.deepEqual(findEnvReaders('anything', 'a.b(c'), []);
  });
});
