import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { scan } from '../../../src/engine';
import { decodeText } from '../../../src/node/read-text';

/**
 * Regression floors on the public fixtures of gitleaks, secretlint and detect-secrets (../shared/corpus,
 * read-only, never copied here). Upstream states these findings under its own configs; we claim the kinds
 * below. Values made of one repeated character (`sk_live_AAAA…`) are placeholders to us on purpose.
 */
const corpus = path.resolve(__dirname, '../../../../../shared/corpus');

interface Expected {
  file: string;
  line: number;
  kind: string;
}

function load(): Expected[] {
  return readFileSync(path.join(corpus, 'expected.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Expected)
    .filter((e) => !e.file.includes('!') && !/\.(gz|xz|zst|zip|tar)$/.test(e.file));
}

function lineText(file: string, line: number): string {
  return readFileSync(path.join(corpus, file), 'utf8').split('\n')[line - 1] ?? '';
}

function found(e: Expected): boolean {
  const read = decodeText(readFileSync(path.join(corpus, e.file)));
  if (!('text' in read)) return false;
  return scan(read.text, { path: e.file }).some((f) => f.start.line <= e.line && f.end.line >= e.line);
}

(existsSync(corpus) ? describe : describe.skip)('shared corpus (gitleaks, secretlint, detect-secrets fixtures)', () => {
  const expected = existsSync(corpus) ? load() : [];
  const claimed: Record<string, number> = {
    'aws-access-key-id': 1,
    'aws-secret-access-key': 1,
    'slack-token': 1,
    sendgrid: 1,
    'gitlab-token': 1,
    'private-key': 0.85,
    'github-token': 0.55,
  };
  for (const [kind, floor] of Object.entries(claimed)) {
    it(`finds at least ${Math.round(floor * 100)}% of the stated ${kind} lines`, () => {
      const lines = expected.filter((e) => e.kind === kind && !/(.)\1{11,}/.test(lineText(e.file, e.line)));
      assert.ok(lines.length > 0, `no ${kind} lines in the corpus`);
      const missed = lines.filter((e) => !found(e));
      const recall = (lines.length - missed.length) / lines.length;
      assert.ok(recall >= floor, `${kind}: ${recall.toFixed(2)} < ${floor}; missed ${missed.map((m) => `${m.file}:${m.line}`).join(', ')}`);
    });
  }
  it('never flags the AWS documentation example keys', () => {
    const text = 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
    assert.deepEqual(scan(text), []);
  });
});
