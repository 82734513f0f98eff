/**
 * Hostile inputs through the real CLI: undecodable bytes, links out of the tree, special files, gitignored
 * tracked files, content-based binary detection, closed stdout, forged output lines.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, cleanup, cli, git, leaks, tempDir, tempRepo, write } from './cli-harness';
import { fakeAwsKeyId, fakeAwsSecret } from './fake-secrets';

interface JsonOut {
  findings: { file: string; line: number; column: number; ruleId: string }[];
  errors: { file: string; message: string }[];
  stats: { files: number; skipped: number; lossy: number };
}
const json = (dir: string, ...args: string[]): JsonOut => JSON.parse(cli(dir, ['scan', ...args, '--format', 'json']).stdout);
const mkfifo = (p: string): void => assert.equal(spawnSync('mkfifo', [p]).status, 0, 'mkfifo');

describe('hostile inputs: cli', function () {
  this.timeout(60_000);
  let dir: string;
  const ID = fakeAwsKeyId(91);
  const SECRET = fakeAwsSecret(91);
  const pair = `aws_access_key_id = "${ID}"\naws_secret_access_key = "${SECRET}"\n`;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => cleanup(dir));

  it('decodes invalid UTF-8 lossily: a Latin-1 byte neither skips the file nor shifts positions', () => {
    // "caf\xe9" in Latin-1, then a key on line 2 after another stray byte on the same line.
    const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nx\xff = 1; key = "'.replace('\xff', '~')), Buffer.from(`${ID}"\n`)]);
    bytes[bytes.indexOf('~')] = 0xff;
    writeFileSync(path.join(dir, 'latin1.py'), bytes);
    write(dir, 'ok.py', 'print(1)\n');
    const out = json(dir, '.');
    const f = out.findings.find((x) => x.file === 'latin1.py');
    assert.ok(f, 'the key after the invalid byte is found');
    assert.equal(f.line, 2);
    assert.equal(f.column, 'x\xff = 1; key = "'.length + 1, 'one invalid byte counts as one column');
    assert.equal(out.stats.lossy, 1, 'the lossy decode is counted');
    assert.equal(out.stats.files, 2);
    assert.match(cli(dir, ['scan', '.']).stdout, /1 not valid UTF-8 \(decoded lossily\)/);
  });

  it('never follows a link out of the scan root (skipped with a reason); links inside it are fine, loops end', () => {
    const outside = tempDir('ch-outside-');
    try {
      write(outside, 'credentials', `[default]\n${pair}`);
      mkdirSync(path.join(dir, 'repo/sub'), { recursive: true });
      symlinkSync(path.join(outside, 'credentials'), path.join(dir, 'repo/creds'));
      symlinkSync(outside, path.join(dir, 'repo/outdir'));
      write(dir, 'repo/sub/inner.py', pair);
      symlinkSync(path.join(dir, 'repo/sub'), path.join(dir, 'repo/alias'));
      symlinkSync(path.join(dir, 'repo'), path.join(dir, 'repo/sub/loop')); // a cycle
      const r = cli(dir, ['scan', 'repo', '--format', 'json']);
      const out: JsonOut = JSON.parse(r.stdout);
      assert.deepEqual([...new Set(out.findings.map((f) => f.file))], ['repo/sub/inner.py'], 'only the file inside the root');
      const skipped = out.errors.filter((e) => /outside the scan root/.test(e.message)).map((e) => e.file).sort();
      assert.deepEqual(skipped, ['repo/creds', 'repo/outdir']);
      assert.deepEqual(leaks([ID, SECRET, ID.slice(4)], r.stdout, r.stderr), []);
      assert.match(cli(dir, ['scan', 'repo']).stdout, /repo\/creds: skipped: symbolic link to a path outside the scan root/);
    } finally {
      cleanup(outside);
    }
  });

  it('config and baseline must be regular files: a FIFO, a directory or a link to /dev/stdin exit 2 at once', () => {
    write(dir, 'a.py', pair);
    mkfifo(path.join(dir, 'fifo.json'));
    mkdirSync(path.join(dir, 'dir.json'));
    symlinkSync('/dev/stdin', path.join(dir, 'stdin.json'));
    for (const [file, what] of [['fifo.json', /FIFO/], ['dir.json', /directory/], ['stdin.json', /not a regular file/]] as const) {
      // stdin stays open (a pipe nobody writes): reading it would block until the timeout.
      const r = spawnSync(process.execPath, [BIN, 'scan', 'a.py', '--baseline', file], { cwd: dir, encoding: 'utf8', timeout: 20_000, stdio: ['pipe', 'pipe', 'pipe'] });
      assert.equal(r.status, 2, `${file}: ${r.stderr}`);
      assert.match(r.stderr, what);
      assert.match(r.stderr, new RegExp(file.replace('.', '\\.')));
    }
    mkfifo(path.join(dir, '.credential-hygiene.json'));
    const r = spawnSync(process.execPath, [BIN, 'scan', 'a.py'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /\.credential-hygiene\.json.*FIFO.*not a regular file/);
  });

  it('in a git work tree, tracked files are scanned even when .gitignore matches them; untracked ignored are not', () => {
    const repo = tempRepo();
    try {
      write(repo, 'build/tracked.py', pair);
      write(repo, 'secrets.env', pair);
      git(repo, 'add', '.');
      git(repo, 'commit', '-qm', 'init');
      write(repo, '.gitignore', 'build/\n*.env\n');
      write(repo, 'build/untracked.py', pair);
      write(repo, 'local.env', pair);
      const files = [...new Set(json(repo, '.').findings.map((f) => f.file))].sort();
      assert.deepEqual(files, ['build/tracked.py', 'secrets.env']);
      // --no-gitignore still sees everything.
      assert.equal(new Set(json(repo, '.', '--no-gitignore').findings.map((f) => f.file)).size, 4);
    } finally {
      cleanup(repo);
    }
  });

  it('decides text vs binary by content: .map with sourcesContent and .dat text are scanned, NUL binaries skipped', () => {
    const source = `const s3 = new S3({ accessKeyId: "${ID}", secretAccessKey: "${SECRET}" });\n`;
    // A real-shaped source map: one long line (over the minified threshold) embedding the original source.
    const map = JSON.stringify({ version: 3, file: 'app.js', sources: ['app.ts'], names: [], mappings: 'AAAA;'.repeat(60_000), sourcesContent: [source] });
    write(dir, 'app.js.map', map);
    write(dir, 'settings.dat', pair);
    writeFileSync(path.join(dir, 'image.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from(pair)]));
    writeFileSync(path.join(dir, 'blob.txt'), Buffer.concat([Buffer.from(pair), Buffer.from([0, 1, 2, 3])]));
    const out = json(dir, '.');
    const files = [...new Set(out.findings.map((f) => f.file))].sort();
    assert.deepEqual(files, ['app.js.map', 'settings.dat']);
    assert.equal(out.stats.skipped, 2, 'both binaries skipped by content');
  });

  it('an explicit path that is not a regular file or directory, or cannot be read, exits 2 with a clear message', () => {
    write(dir, 'a.py', pair);
    mkfifo(path.join(dir, 'pipe'));
    const fifo = spawnSync(process.execPath, [BIN, 'scan', 'pipe'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    assert.equal(fifo.status, 2, fifo.stderr);
    assert.match(fifo.stderr, /pipe is a FIFO \(named pipe\), not a regular file or directory/);
    const dev = cli(dir, ['scan', '/dev/null']);
    assert.equal(dev.code, 2);
    assert.match(dev.stderr, /\/dev\/null is a device/);
    // Unreadable: root ignores permission bits, so EACCES is injected at the fs layer for exactly that file (what a
    // normal user gets from chmod 000), as the battery does; no privilege drop, so any checkout location works.
    write(dir, 'locked.py', pair);
    chmodSync(path.join(dir, 'locked.py'), 0o000);
    const inject = path.join(dir, 'inject-eacces.js');
    writeFileSync(
      inject,
      `const fs = require('fs'); const p = require('path');
const deny = (f) => p.basename(String(f)) === 'locked.py';
const err = (f) => Object.assign(new Error("EACCES: permission denied, open '" + f + "'"), { code: 'EACCES' });
for (const [obj, name] of [[fs.promises, 'open'], [fs.promises, 'readFile']]) {
  const orig = obj[name];
  obj[name] = function (f, ...rest) { return deny(f) ? Promise.reject(err(f)) : orig.call(this, f, ...rest); };
}\n`,
    );
    const r = spawnSync(process.execPath, ['--require', inject, BIN, 'scan', 'locked.py'], { cwd: dir, encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /cannot read locked\.py \(EACCES\)/);
  });

  it('a closed stdout is a normal end: rules | true and scan | true exit quietly', () => {
    write(dir, 'a.py', pair);
    for (const cmd of ['rules', 'scan .']) {
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" ${cmd} | true; echo "rc=\${PIPESTATUS:-x}"`], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      assert.doesNotMatch(r.stderr, /EPIPE|Error|at /, `${cmd}: ${r.stderr}`);
    }
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" rules | true; exit \${PIPESTATUS[0]}`], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
  });

  it('text output: control characters in file names are escaped and the advice starts on its own line', () => {
    const name = 'evil\n\x1b[2Kok.py:1:1  info  fake line.py';
    write(dir, name, pair);
    const r = cli(dir, ['scan', '.']);
    assert.equal(r.code, 1);
    assert.ok(!r.stdout.includes('\x1b'), 'no raw ESC in output');
    assert.ok(r.stdout.includes('evil\\n\\x1b[2Kok.py:1:1'), r.stdout);
    for (const line of r.stdout.split('\n').filter(Boolean)) assert.match(line, /^evil\\n|^\d+ findings? in|^No credentials/, `forged line: ${line}`);
    assert.match(r.stderr, /^\nTo accept a finding/);
  });

  it('text output: value-derived text (a JWT header alg) cannot inject control characters', () => {
    const b64u = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    // A fake token: test header and payload, and a signature that spells "BOGUS_SIGNATURE_FOR_TESTS_ONLY".
    const token = `${b64u({ alg: 'HS256\n\x1b[31mFAKE', typ: 'JWT' })}.${b64u({ sub: 'test', iat: 1516239022 })}.${Buffer.from('BOGUS_SIGNATURE_FOR_TESTS_ONLY').toString('base64url')}`;
    write(dir, 'a.js', `const token = "${token}";\n`);
    const r = cli(dir, ['scan', 'a.js']);
    assert.equal(r.code, 1, r.stderr);
    assert.ok(!r.stdout.includes('\x1b'), 'no raw ESC from the token header');
    assert.match(r.stdout, /alg HS256\\n\\x1b\[31mFAKE/);
  });

  it('markdown report: link and image syntax and markdown specials in paths are escaped', () => {
    write(dir, '![x](https:/evil.example/p.png)[click](javascript:alert(1))_*#.py', pair);
    const r = cli(dir, ['report', '.']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /!\[x\]\(/);
    assert.doesNotMatch(r.stdout, /\[click\]\(/);
    assert.match(r.stdout, /\\!\\\[x\\\]\\\(https:/);
  });
});
