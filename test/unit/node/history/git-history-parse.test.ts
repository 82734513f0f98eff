import assert from 'node:assert/strict';
import { GitPatchParser, type AddedText } from '../../../../src/node/git-history-parse';

const C1 = '\x01' + 'a'.repeat(40) + '\x012024-01-02T03:04:05+01:00\x011704161045\x01Ann Author <ann@example.test>';
const C2 = '\x01' + 'b'.repeat(40) + '\x012023-05-06T07:08:09+00:00\x011683356889\x01Bo <bo@example.test>';

const LOG = [
  C1,
  '',
  'diff --git a/src/a.ts b/src/a.ts',
  'index 1..2 100644',
  '--- a/src/a.ts',
  '+++ b/src/a.ts',
  '@@ -0,0 +1,2 @@',
  '+first',
  '++++ looks like a header but is content',
  '@@ -10 +40 @@ function f() {',
  '-old',
  '+new',
  '\\ No newline at end of file',
  'diff --git a/gone.txt b/gone.txt',
  'deleted file mode 100644',
  '--- a/gone.txt',
  '+++ /dev/null',
  '@@ -1 +0,0 @@',
  '-bye',
  'diff --git "a/d\\303\\251j\\303\\240 vu.txt" "b/d\\303\\251j\\303\\240 vu.txt"',
  '--- /dev/null',
  '+++ "b/d\\303\\251j\\303\\240 vu.txt"',
  '@@ -0,0 +1,2 @@',
  '+diff --git a/x b/x',
  '+' + C2,
  C2,
  '',
  'diff --git a/bin.png b/bin.png',
  'Binary files a/bin.png and b/bin.png differ',
  'diff --git a/src/a.ts b/src/a.ts',
  '--- a/src/a.ts',
  '+++ b/src/a.ts',
  '@@ -3,0 +4 @@',
  '+later',
  '',
].join('\n');

function parse(log: string, chunk = log.length, maxBytes?: number): { files: AddedText[]; commits: number } {
  const files: AddedText[] = [];
  const p = new GitPatchParser((f) => files.push(f), maxBytes);
  for (let i = 0; i < log.length; i += chunk) p.push(log.slice(i, i + chunk));
  p.end();
  return { files, commits: p.commits };
}

describe('history: git log -p -U0 parser', () => {
  it('keeps only added lines, per file and commit, with their new-file line numbers', () => {
    const { files, commits } = parse(LOG);
    assert.equal(commits, 2);
    assert.deepEqual(
      files.map((f) => [f.commit.sha[0], f.path, f.lineNumbers.filter((n) => n > 0)]),
      [
        ['a', 'src/a.ts', [1, 2, 40]],
        ['a', 'déjà vu.txt', [1, 2]],
        ['b', 'src/a.ts', [4]],
      ],
    );
    assert.equal(files[0].commit.author, 'Ann Author <ann@example.test>');
    assert.equal(files[0].commit.date, '2024-01-02T03:04:05+01:00');
    assert.equal(files[0].commit.commitTime, 1704161045);
  });

  it('reads hunk bodies by their counts: added lines that look like headers stay content', () => {
    const { files } = parse(LOG);
    assert.ok(files[0].text.includes('+++ looks like a header but is content'));
    assert.ok(files[1].text.startsWith('diff --git a/x b/x\n\x01'));
    assert.equal(files[1].commit.sha[0], 'a', 'a commit marker inside a hunk is content, not a new commit');
  });

  it('separates non-adjacent hunks with filler lines so nearby-rules do not pair distant lines', () => {
    const { files } = parse(LOG);
    const lines = files[0].text.split('\n');
    assert.equal(lines.length, files[0].lineNumbers.length);
    assert.deepEqual(files[0].lineNumbers, [1, 2, 0, 0, 0, 0, 0, 0, 40]);
    assert.equal(lines[8], 'new');
  });

  it('gives the same result whatever the chunk boundaries', () => {
    const whole = parse(LOG).files.map((f) => [f.path, f.text, f.lineNumbers]);
    for (const size of [1, 7, 64]) assert.deepEqual(parse(LOG, size).files.map((f) => [f.path, f.text, f.lineNumbers]), whole);
  });

  it('skips a file diff whose added text exceeds the size limit, keeping its place', () => {
    const { files } = parse(LOG, LOG.length, 20);
    const big = files.find((f) => f.path === 'src/a.ts' && f.commit.sha[0] === 'a')!;
    assert.match(big.skipped!, /larger than/);
    assert.equal(big.text, '');
    assert.equal(files.find((f) => f.commit.sha[0] === 'b')!.skipped, undefined);
  });

  it('never holds a line longer than the limit: it is cut while streaming and its file diff is skipped', () => {
    const long = 'x'.repeat(5000);
    const log = [C1, 'diff --git a/min.js b/min.js', '--- /dev/null', '+++ b/min.js', '@@ -0,0 +1,2 @@', `+${long}`, '+short', 'diff --git a/ok.txt b/ok.txt', '--- /dev/null', '+++ b/ok.txt', '@@ -0,0 +1 @@', '+fine', ''].join('\n');
    for (const size of [1, 64, 1000, log.length]) {
      const { files } = parse(log, size, 1024);
      assert.deepEqual(files.map((f) => [f.path, !!f.skipped, f.text]), [['min.js', true, ''], ['ok.txt', false, 'fine']], `chunk ${size}`);
    }
  });
});
