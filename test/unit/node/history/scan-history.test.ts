import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fingerprintOf } from '../../../../src/engine';
import { scanGitHistory } from '../../../../src/node/git-history';
import { cleanup, cli, git, REPO_ROOT, tempDir, tempRepo, write } from '../../cli/cli-harness';
import { fakeAwsKeyId, fakeAwsSecret, fakeRng } from '../../cli/fake-secrets';

interface Planted { case: string; keyId: string; file: string; commit: string; author: string; date: string; inHead: boolean }
interface JsonFinding { file: string; line: number; ruleId: string; kind: string; fingerprint: string; secret: string; commit: string; author: string; date: string; inHead: boolean }

let day = 0;
/** Commits everything with a distinct, increasing author/committer date; returns the sha. */
function commitAll(dir: string, msg: string, author = 'Test <test@example.invalid>', authorDate?: string): string {
  day++;
  const date = `2021-03-${String(day).padStart(2, '0')}T10:00:00+02:00`;
  const [, name, email] = /^(.*) <(.*)>$/.exec(author)!;
  const env = { GIT_AUTHOR_DATE: authorDate ?? date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email };
  git(dir, 'add', '-A');
  const r = spawnSync('git', ['commit', '-q', '--allow-empty', '-m', msg], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

const pair = (seed: number): string => `aws_access_key_id = ${fakeAwsKeyId(seed)}\naws_secret_access_key = ${fakeAwsSecret(seed)}\n`;
const keyFp = (seed: number): string => fingerprintOf('aws-access-key-id', fakeAwsKeyId(seed));

function json(dir: string, args: string[] = []): { code: number; doc: { findings: JsonFinding[]; history: { commits: number; partial?: string } }; stderr: string; stdout: string } {
  const r = cli(dir, ['scan', '--history', '-f', 'json', ...args]);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  return { code: r.code, doc: JSON.parse(r.stdout), stderr: r.stderr, stdout: r.stdout };
}

describe('history: scan --history on a generated 2,001-commit repository', function () {
  this.timeout(120_000);
  let dir: string;
  let planted: Planted[];
  let result: ReturnType<typeof json>;
  let text: string;
  before(() => {
    dir = path.join(tempDir('ch-history-'), 'repo');
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/gen-history-repo.mjs'), dir, '--commits', '2001'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    planted = JSON.parse(readFileSync(`${dir}.manifest.json`, 'utf8')).planted;
    result = json(dir);
    text = cli(dir, ['scan', '--history']).stdout;
  });
  after(() => cleanup(path.dirname(dir)));

  it('walks every commit of every ref', () => {
    assert.equal(result.doc.history.commits, 2001);
    assert.equal(result.code, 1);
  });

  it('reports each planted key id exactly once per file, at its introducing commit, with author, date and inHead', () => {
    const ids = result.doc.findings.filter((f) => f.kind === 'aws-access-key-id');
    assert.equal(ids.length, planted.length, JSON.stringify(ids.map((f) => [f.file, f.commit.slice(0, 7)])));
    for (const p of planted) {
      const hits = ids.filter((f) => f.fingerprint === fingerprintOf('aws-access-key-id', p.keyId) && f.file === p.file);
      assert.equal(hits.length, 1, `${p.case} in ${p.file}`);
      const [h] = hits;
      assert.equal(h.commit, p.commit, `${p.case}: introducing commit`);
      assert.equal(h.author, p.author, `${p.case}: author`);
      assert.equal(Date.parse(h.date), Date.parse(p.date), `${p.case}: date`);
      assert.match(h.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      assert.equal(h.inHead, p.inHead, `${p.case}: inHead`);
    }
  });

  it('reports the secret key of each pair too, at the same commit', () => {
    const secrets = result.doc.findings.filter((f) => f.kind === 'aws-secret-access-key');
    assert.equal(secrets.length, planted.length);
    for (const p of planted) assert.ok(secrets.some((s) => s.file === p.file && s.commit === p.commit), p.case);
  });

  it('the moved key keeps the line of its introducing commit', () => {
    const moved = planted.find((p) => p.case === 'moved')!;
    const f = result.doc.findings.find((x) => x.kind === 'aws-access-key-id' && x.file === moved.file)!;
    assert.equal(f.line, 2);
  });

  it('prints no key id and no secret, in JSON or text', () => {
    for (const p of planted) {
      assert.ok(!result.stdout.includes(p.keyId), `${p.case} key id leaked in JSON`);
      assert.ok(!text.includes(p.keyId), `${p.case} key id leaked in text`);
    }
    for (const f of result.doc.findings) assert.match(f.secret, /^.{4}…$/);
    assert.match(text, /commit [0-9a-f]{12} {2}Kept Planter <kept@example\.test> {2}2020-/);
    assert.match(text, /still in HEAD/);
    assert.match(text, /history only/);
  });

  it('--branch limits the walk: a key only on an unmerged branch disappears', () => {
    const r = json(dir, ['--branch', 'main']);
    const branch = planted.find((p) => p.case === 'branch')!;
    assert.ok(!r.doc.findings.some((f) => f.file === branch.file));
    assert.equal(r.doc.findings.filter((f) => f.kind === 'aws-access-key-id').length, planted.length - 1);
  });

  it('--since skips commits reachable from REV', () => {
    const copy = planted.find((p) => p.file === 'deploy/staging.ini')!;
    const r = json(dir, ['--since', `${copy.commit}~1`, '--branch', 'main']);
    assert.deepEqual(r.doc.findings.filter((f) => f.kind === 'aws-access-key-id').map((f) => f.file), ['deploy/staging.ini']);
  });

  it('SARIF carries the commit facts in result properties and a stable partial fingerprint', () => {
    const r = cli(dir, ['scan', '--history', '-f', 'sarif']);
    const results = JSON.parse(r.stdout).runs[0].results as { partialFingerprints: Record<string, string>; properties: { commit: string; inHead: boolean } }[];
    const byFp = new Map(result.doc.findings.map((f) => [f.fingerprint, f]));
    assert.equal(results.length, result.doc.findings.length);
    for (const res of results) {
      const fp = res.partialFingerprints['credentialHygiene/v1'];
      assert.ok(byFp.has(fp));
      assert.match(res.properties.commit, /^[0-9a-f]{40}$/);
    }
  });
});

describe('history: scan --history cases on small repositories', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  const repo = (): string => {
    const d = tempRepo();
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach(cleanup));

  it('a secret removed and re-added later is reported once, at the first commit, not in HEAD', () => {
    const d = repo();
    write(d, 'README.md', 'hello\n');
    commitAll(d, 'init');
    write(d, 'cfg/app.ini', `[aws]\n${pair(11)}`);
    const first = commitAll(d, 'add key', 'First Author <first@example.test>');
    write(d, 'cfg/app.ini', '[aws]\n');
    commitAll(d, 'remove key');
    write(d, 'cfg/app.ini', `[aws]\nregion = x\n\n${pair(11)}`);
    commitAll(d, 're-add key');
    write(d, 'cfg/app.ini', '[aws]\n');
    commitAll(d, 'remove again');
    const { doc } = json(d);
    const ids = doc.findings.filter((f) => f.fingerprint === keyFp(11));
    assert.equal(ids.length, 1);
    assert.equal(ids[0].commit, first);
    assert.equal(ids[0].author, 'First Author <first@example.test>');
    assert.equal(ids[0].date, '2021-03-02T10:00:00+02:00');
    assert.equal(ids[0].line, 2);
    assert.equal(ids[0].inHead, false);
  });

  it('the introducing commit follows ancestry even when a later commit carries an older author date (rebased work)', () => {
    const d = repo();
    write(d, 'svc/app.env', `A=1\n${pair(17)}`);
    const first = commitAll(d, 'add');
    write(d, 'svc/app.env', `A=1\nB=2\nC=3\n\n${pair(17)}`);
    commitAll(d, 'move, authored long ago', 'Old Author <old@example.test>', '2019-01-01T00:00:00+00:00');
    const ids = json(d).doc.findings.filter((f) => f.fingerprint === keyFp(17));
    assert.deepEqual(ids.map((f) => [f.commit, f.line]), [[first, 2]]);
  });

  it('file paths are the repository paths of the introducing commit, wherever the command runs from', () => {
    const d = repo();
    write(d, 'deep/dir/k.ini', pair(18));
    commitAll(d, 'k');
    const r = cli(path.dirname(d), ['scan', '--history', path.basename(d), '-f', 'json']);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual([...new Set((JSON.parse(r.stdout).findings as JsonFinding[]).map((f) => f.file))], ['deep/dir/k.ini']);
  });

  it('a secret still in HEAD but in another file than where it was introduced is inHead', () => {
    const d = repo();
    write(d, 'a.env', `A=1\n${pair(12)}`);
    commitAll(d, 'a');
    git(d, 'mv', 'a.env', 'b.env');
    write(d, 'b.env', `A=1\nB=2\n${pair(12)}`);
    commitAll(d, 'rename');
    const { doc } = json(d);
    const ids = doc.findings.filter((f) => f.fingerprint === keyFp(12));
    assert.ok(ids.length >= 1);
    assert.ok(ids.every((f) => f.inHead));
  });

  it('baseline entries (file, rule, fingerprint) and inline ignores suppress history findings', () => {
    const d = repo();
    write(d, 'x.py', `A = "${fakeAwsKeyId(13)}"\nB = "${fakeAwsKeyId(14)}"  # credential-hygiene:ignore aws-access-key-id -- test fixture\n`);
    commitAll(d, 'keys');
    write(d, 'x.py', '');
    commitAll(d, 'drop');
    const before = json(d, ['--kinds', 'aws-access-key-id']).doc.findings;
    assert.deepEqual(before.map((f) => f.fingerprint), [keyFp(13)], 'the inline ignore holds in history');
    write(d, '.credential-hygiene-baseline.json', JSON.stringify({ version: 1, entries: [{ file: 'x.py', ruleId: 'aws-access-key-id', fingerprint: keyFp(13) }] }));
    const r = json(d, ['--kinds', 'aws-access-key-id']);
    assert.equal(r.doc.findings.length, 0);
    assert.equal(r.code, 0);
    assert.equal(json(d, ['--kinds', 'aws-access-key-id', '--no-baseline']).doc.findings.length, 1);
  });

  it('finds a private key block added in one commit (multi-line secret in a -U0 patch)', () => {
    const d = repo();
    const rng = fakeRng(99);
    const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const body = Array.from({ length: 12 }, () => Array.from({ length: 64 }, () => b64[Math.floor(rng() * 64)]).join(''));
    write(d, 'keys/id_rsa', ['-----BEGIN RSA PRIVATE KEY-----', ...body, '-----END RSA PRIVATE KEY-----', ''].join('\n'));
    const sha = commitAll(d, 'key');
    write(d, 'keys/id_rsa', 'moved to the agent\n');
    commitAll(d, 'remove');
    const { doc } = json(d);
    const pk = doc.findings.filter((f) => f.kind === 'private-key');
    assert.equal(pk.length, 1);
    assert.equal(pk[0].commit, sha);
    assert.equal(pk[0].line, 1);
    assert.equal(pk[0].inHead, false);
    assert.ok(!JSON.stringify(doc).includes(body[3]));
  });

  it('skips a change whose added text is over --max-file-size, and says so', () => {
    const d = repo();
    write(d, 'big.txt', 'x'.repeat(3000) + `\n${pair(15)}`);
    commitAll(d, 'big');
    const r = json(d, ['--max-file-size', '1']);
    assert.equal(r.doc.findings.length, 0);
    assert.match(JSON.stringify(r.doc), /skipped in commit [0-9a-f]{12}: added text larger than 1 KB/);
  });

  it('does not enter submodules (a gitlink is not scanned and does not break the walk)', () => {
    const d = repo();
    write(d, 'a.txt', 'a\n');
    const sha = commitAll(d, 'a');
    git(d, 'update-index', '--add', '--cacheinfo', `160000,${sha},vendored`);
    git(d, 'commit', '-q', '-m', 'gitlink');
    write(d, 'b.ini', pair(16));
    commitAll(d, 'b');
    const { doc } = json(d);
    assert.deepEqual([...new Set(doc.findings.map((f) => f.file))], ['b.ini']);
  });

  it('a shallow clone is scanned and the history is reported as partial', () => {
    const d = repo();
    for (let i = 0; i < 5; i++) {
      write(d, `f${i}.ini`, pair(20 + i));
      commitAll(d, `c${i}`);
    }
    const parent = tempDir('ch-shallow-');
    dirs.push(parent);
    git(parent, 'clone', '-q', '--depth', '2', `file://${d}`, 'clone');
    const r = json(path.join(parent, 'clone'));
    assert.match(r.stderr, /history is partial \(shallow clone/);
    assert.match(r.doc.history.partial!, /shallow/);
    assert.ok(r.doc.findings.some((f) => f.fingerprint === keyFp(24)), 'the newest commit is scanned');
    // Beyond the depth git has no parents: the boundary commit shows its whole tree as added, so older keys are
    // attributed to it (documented in docs/history.md; the stderr warning says the history is partial).
    const boundary = git(path.join(parent, 'clone'), 'rev-parse', 'HEAD~1').trim();
    const old = r.doc.findings.filter((f) => f.fingerprint === keyFp(20));
    assert.deepEqual(old.map((f) => f.commit), [boundary]);
  });

  it('exits 2 with a clear message outside a git work tree, without git, or for an unknown ref', () => {
    const plain = tempDir('ch-plain-');
    dirs.push(plain);
    const r = cli(plain, ['scan', '--history']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a git work tree/);
    const noGit = cli(plain, ['scan', '--history'], { PATH: '/nonexistent' });
    assert.equal(noGit.code, 2);
    assert.match(noGit.stderr, /git is not installed/);
    const d = repo();
    write(d, 'a.txt', 'a\n');
    commitAll(d, 'a');
    const bad = cli(d, ['scan', '--history', '--branch', 'no-such-branch']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown branch or ref 'no-such-branch'/);
    assert.equal(cli(d, ['scan', '--branch', 'main']).code, 2, '--branch needs --history');
  });

  it('report --history counts the secrets found only in history (still to rotate), masked', () => {
    const d = repo();
    write(d, 'old.ini', pair(40));
    commitAll(d, 'old');
    write(d, 'old.ini', '');
    write(d, 'new.ini', pair(41));
    commitAll(d, 'swap');
    const r = cli(d, ['report', '--history', '-f', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const h = JSON.parse(r.stdout).history;
    assert.deepEqual([h.commits, h.secrets, h.onlyInHistory, h.stillInHead], [2, 4, 2, 2]);
    assert.ok(!r.stdout.includes(fakeAwsKeyId(40)) && !r.stdout.includes(fakeAwsSecret(40)));
    assert.match(cli(d, ['report', '--history']).stdout, /\*\*2 secrets found only in history, still to rotate\*\*/);
    assert.equal(JSON.parse(cli(d, ['report', '-f', 'json']).stdout).history, undefined, 'opt-in only');
  });

  it('scanGitHistory (the reusable API) returns commit dates and the AWS key id for rotation', async () => {
    const d = repo();
    write(d, 'c.ini', pair(30));
    const sha = commitAll(d, 'c');
    const res = await scanGitHistory({ cwd: d, threads: 1 });
    const id = res.findings.find((f) => f.finding.kind === 'aws-access-key-id')!;
    assert.equal(id.commit.sha, sha);
    assert.ok(!Number.isNaN(Date.parse(id.commit.date)));
    assert.equal(id.keyId, fakeAwsKeyId(30));
    assert.equal(id.inHead, true);
    assert.equal(res.commits, 1);
  });
});
