import assert from 'node:assert/strict';
import { scan, scanIncremental, revealSecret, type Finding } from '../../../src/engine';

const KEY_ID = 'AKIA2OGYBAH6STMMNXNN';
const SECRET = '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';

function filler(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `const value${i} = compute(${i}); // ordinary code line`);
}

/** Applies a line-based edit and returns the new text plus the LineChange the editor would report. */
function edit(lines: string[], start: number, deleteCount: number, insert: string[]) {
  const next = [...lines];
  next.splice(start - 1, deleteCount, ...insert);
  const text = next.join('\n');
  const offset = next.slice(0, start - 1).reduce((n, l) => n + l.length + 1, 0);
  return {
    lines: next,
    text,
    change: { startLine: start, endLine: start + Math.max(insert.length, 1) - 1, lineDelta: insert.length - deleteCount, offset },
  };
}

function summary(findings: Finding[], text: string) {
  return findings.map((f) => [f.ruleId, f.start.line, f.start.column, f.end.line, f.end.column, revealSecret(f, text)]);
}

describe('scanIncremental agrees with a full rescan', () => {
  const base = filler(400);
  base[100] = `const id = "${KEY_ID}";`;
  base[102] = `const key = "${SECRET}";`;
  base[300] = 'db_password = "Xk9#mQ2vLp7!"';
  const text0 = base.join('\n');
  const f0 = scan(text0, { path: 'app.py' });

  const cases: [string, number, number, string[]][] = [
    ['typing a new key id far from others', 200, 1, [`aws_access_key_id = "AKIAQYLPMN5HFIQRT6XV"`]],
    ['inserting lines above existing findings', 10, 0, ['# one', '# two', '# three']],
    ['deleting lines above existing findings', 20, 5, []],
    ['removing the key id breaks the pair', 101, 1, ['const id = null;']],
    ['editing the secret line', 103, 1, [`const key = "${SECRET.slice(0, 20)}";`]],
    ['deleting the password line', 301, 1, []],
  ];
  for (const [name, start, del, ins] of cases) {
    it(name, () => {
      const { text, change } = edit(base, start, del, ins);
      const charDelta = text.length - text0.length;
      const inc = scanIncremental(text, f0, { ...change, charDelta }, { path: 'app.py' });
      assert.deepEqual(summary(inc, text), summary(scan(text, { path: 'app.py' }), text));
      const noHints = scanIncremental(text, f0, { startLine: change.startLine, endLine: change.endLine, lineDelta: change.lineDelta }, { path: 'app.py' });
      assert.deepEqual(summary(noHints, text), summary(inc, text));
    });
  }

  it('finds a multi-line private key when a line inside it is edited', () => {
    const body = Array.from({ length: 12 }, (_, i) => 'MIIEowIBAAKCAQEA' + 'q8Zr3LmT5vN2xK7pW9yB4cF6dH1jG0sA'.slice(i) + 'Zx81kLq0Pm27NvB4tY6w'.slice(0, 12));
    const pem = ['-----BEGIN RSA PRIVATE KEY-----', ...body, '-----END RSA PRIVATE KEY-----'];
    const lines = [...filler(50), ...pem, ...filler(50)];
    const text = lines.join('\n');
    const before = scan(text);
    const { text: t2, change } = edit(lines, 58, 1, [body[7] + 'Q']);
    const inc = scanIncremental(t2, before, change);
    assert.deepEqual(summary(inc, t2), summary(scan(t2), t2));
  });
});

describe('scanIncremental: file-level contexts are checked only for matches, with the same result', () => {
  // A Kubernetes Secret's data values are reported only in a file that declares `kind: Secret`.
  const doc = (kind: string, value: string) =>
    ['apiVersion: v1', `kind: ${kind}`, 'metadata:', '  name: app', 'data:', `  secret_token: ${value}`, ...filler(50)].join('\n');
  for (const kind of ['Secret', 'ConfigMap']) {
    it(`an edit on the data line of a ${kind} matches the full scan`, () => {
      const before = doc(kind, 'cGxhY2Vob2xkZXI=');
      const after = doc(kind, 'WjhxTHZtMnhQcjlLdzRUYg==');
      const offset = after.indexOf('  secret_token');
      const prev = scan(before, { path: 'secret.yaml' });
      const inc = scanIncremental(after, prev, { startLine: 6, endLine: 6, lineDelta: 0, offset }, { path: 'secret.yaml' });
      const full = scan(after, { path: 'secret.yaml' });
      assert.deepEqual(summary(inc, after), summary(full, after));
      assert.equal(full.some((f) => f.ruleId === 'k8s-secret-data'), kind === 'Secret', 'the context decides');
    });
  }
});
