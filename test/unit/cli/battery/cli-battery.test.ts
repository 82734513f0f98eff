/**
 * Bad-input battery for the CLI (and the Node layer under it: read-text, walk, scan-pool). Every input is
 * generated at test time into os.tmpdir() and removed afterwards; nothing big is committed. Each case asserts:
 * no crash (exit 0/1/2 as documented, never a stack trace), no hang (hard timeouts), a clear message for what was
 * not scanned, exact positions for what was, and bounded wall time and peak RSS (generous bounds: this runs on a
 * 2-core CI machine).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scan } from '../../../../src/engine';
import { ScanPool, type FileScanResult } from '../../../../src/node/scan-pool';
import { walkFiles } from '../../../../src/node/walk';
import { cleanup, tempDir } from '../cli-harness';
import { fakeAwsKeyId, fakeAwsSecret } from '../fake-secrets';
import { costLine, parseJson, runCli } from './helpers';

const MB = 1024 * 1024;

function errorFor(errors: { file: string; message: string }[], file: string): string | undefined {
  return errors.find((e) => e.file === file || e.file.endsWith('/' + file))?.message;
}

describe('bad-input battery: CLI', function () {
  this.timeout(180_000);
  let dir: string;
  afterEach(() => dir && cleanup(dir));

  it('binary, invalid UTF-8, UTF-16 LE/BE with BOM, CRLF and mixed line endings: exact positions or a clear skip', async () => {
    dir = tempDir('ch-battery-enc-');
    const k = (n: number) => fakeAwsKeyId(900 + n);
    // binary: NUL bytes around a key (a key inside a binary blob is not reported; the file is listed as skipped)
    writeFileSync(path.join(dir, 'blob.txt'), Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0]), Buffer.from(`key=${k(1)}\n`), Buffer.alloc(64)]));
    // invalid UTF-8 (a lone continuation byte and a truncated sequence)
    writeFileSync(path.join(dir, 'latin.properties'), Buffer.concat([Buffer.from(`aws_access_key_id=${k(2)}\nname=`), Buffer.from([0xe9, 0x80, 0xc3]), Buffer.from('\n')]));
    // UTF-16 with BOM, both byte orders
    const u16 = `# credentials\nAWS_ACCESS_KEY_ID=${k(3)}\n`;
    writeFileSync(path.join(dir, 'utf16le.env'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(u16, 'utf16le')]));
    writeFileSync(path.join(dir, 'utf16be.env'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(u16, 'utf16le').swap16()]));
    // CRLF and mixed LF/CRLF
    const secret = fakeAwsSecret(77);
    writeFileSync(path.join(dir, 'crlf.env'), `# a\r\n# b\r\nAWS_ACCESS_KEY_ID=${k(4)}\r\nAWS_SECRET_ACCESS_KEY=${secret}\r\n`);
    writeFileSync(path.join(dir, 'mixed.env'), `# a\n# b\r\n\r\n# c\nAWS_ACCESS_KEY_ID=${k(5)}\r\n# d\nAWS_SECRET_ACCESS_KEY=${fakeAwsSecret(78)}\n`);

    // 400 KB of ordinary lines (regression: every text over 256 KB used to be skipped as "minified")
    writeFileSync(path.join(dir, 'medium.env'), '# ordinary config line of some length\n'.repeat(10_500) + `AWS_ACCESS_KEY_ID=${k(6)}\n`);

    const run = await runCli(dir, ['scan', '.', '--format', 'json'], { timeoutMs: 60_000 });
    console.log(costLine('encodings', run));
    assert.equal(run.timedOut, false);
    assert.equal(run.code, 1, run.stderr);
    const r = parseJson(run);
    const at = (file: string) => r.findings.filter((f) => f.file.endsWith(file)).map((f) => `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
    assert.deepEqual(at('utf16le.env'), ['aws-access-key-id 2:19-2:39']);
    assert.deepEqual(at('utf16be.env'), ['aws-access-key-id 2:19-2:39']);
    assert.deepEqual(at('crlf.env'), ['aws-access-key-id 3:19-3:39', 'aws-secret-access-key 4:23-4:63']);
    assert.deepEqual(at('mixed.env'), ['aws-access-key-id 5:19-5:39', 'aws-secret-access-key 7:23-7:63']);
    assert.deepEqual(at('medium.env'), ['aws-access-key-id 10501:19-10501:39']);
    assert.deepEqual(at('blob.txt'), []);
    // invalid UTF-8 is decoded lossily and scanned (issue 9): the key before the bad bytes is found, and counted
    assert.deepEqual(at('latin.properties'), ['aws-access-key-id 1:19-1:39']);
    assert.equal(errorFor(r.errors, 'blob.txt'), 'skipped: binary');
    assert.equal(errorFor(r.errors, 'latin.properties'), undefined);
    assert.equal(r.stats.lossy, 1);
    // the text format counts the skipped binary and the lossy decode, and never prints the raw key
    const text = await runCli(dir, ['scan', '.'], { timeoutMs: 60_000 });
    assert.match(text.stdout, /1 binary file skipped/);
    assert.match(text.stdout, /1 not valid UTF-8 \(decoded lossily\)/);
    for (let n = 1; n <= 6; n++) assert.ok(!text.stdout.includes(k(n)) && !text.stderr.includes(k(n)), 'raw key in output');
  });

  it('a 50 MB file: skipped by default with the limit named; scanned with --max-file-size in bounded time and memory', async () => {
    dir = tempDir('ch-battery-50mb-');
    const line = 'const filler = "lorem ipsum dolor sit amet consectetur adipiscing elit";\n'; // 72 bytes
    const lines = Math.ceil((50 * MB) / line.length);
    const key = fakeAwsKeyId(950);
    writeFileSync(path.join(dir, 'huge.js'), line.repeat(lines) + `const id = "${key}";\n`);
    const skipped = await runCli(dir, ['scan', '.', '--format', 'json'], { timeoutMs: 60_000 });
    console.log(costLine('50 MB default (skipped)', skipped));
    assert.equal(skipped.code, 0, skipped.stderr);
    assert.equal(errorFor(parseJson(skipped).errors, 'huge.js'), 'skipped: larger than 2048 KB');
    assert.ok(skipped.ms < 20_000 && skipped.maxRssMb < 300, costLine('skip', skipped));

    const full = await runCli(dir, ['scan', 'huge.js', '--format', 'json', '--max-file-size', '60000'], { timeoutMs: 120_000 });
    console.log(costLine('50 MB scanned', full));
    assert.equal(full.timedOut, false);
    assert.equal(full.code, 1, full.stderr);
    const r = parseJson(full);
    assert.deepEqual(r.findings.map((f) => `${f.line}:${f.column}`), [`${lines + 1}:13`]);
    assert.ok(full.ms < 90_000, `50 MB scan took ${full.ms} ms`);
    assert.ok(full.maxRssMb < 900, `50 MB scan peaked at ${full.maxRssMb.toFixed(0)} MB RSS`);
  });

  it('a 5 MB single-line minified file: skipped with a clear reason; the engine itself stays linear on it', async () => {
    dir = tempDir('ch-battery-min-');
    const key = fakeAwsKeyId(951);
    const chunk = 'var a=function(b,c){return b+c},d={x:1,y:"z"};';
    const half = chunk.repeat(Math.ceil((2.5 * MB) / chunk.length));
    const text = `${half}var k="${key}";${half}`;
    writeFileSync(path.join(dir, 'bundle.js'), text);
    const run = await runCli(dir, ['scan', '.', '--format', 'json', '--max-file-size', '8000'], { timeoutMs: 60_000 });
    console.log(costLine('5 MB minified', run));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(errorFor(parseJson(run).errors, 'bundle.js'), 'skipped: minified (very long lines)');
    // In-process: the engine on the same 5 MB line (what the extension does for an open minified document).
    const t0 = Date.now();
    const heap0 = process.memoryUsage().heapUsed;
    const found = scan(text, { path: 'bundle.js' });
    const ms = Date.now() - t0;
    const heapMb = (process.memoryUsage().heapUsed - heap0) / MB;
    console.log(`      engine on a 5 MB single line: ${ms} ms, heap +${heapMb.toFixed(0)} MB`);
    assert.deepEqual(found.map((f) => `${f.ruleId} ${f.start.line}:${f.start.column}`), [`aws-access-key-id 1:${half.length + 8}`]);
    assert.ok(ms < 20_000, `engine took ${ms} ms on a 5 MB line`);
  });

  it('symlink loops, a dangling link and a link to a parent directory: no hang, real files still scanned', async () => {
    dir = tempDir('ch-battery-links-');
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src/app.env'), `AWS_ACCESS_KEY_ID=${fakeAwsKeyId(952)}\n`);
    symlinkSync('loop-b', path.join(dir, 'loop-a'));
    symlinkSync('loop-a', path.join(dir, 'loop-b'));
    symlinkSync('..', path.join(dir, 'src/up')); // a directory cycle through a link
    symlinkSync('.', path.join(dir, 'self'));
    symlinkSync('missing-target', path.join(dir, 'dangling'));
    const run = await runCli(dir, ['scan', '.', '--format', 'json'], { timeoutMs: 30_000 });
    console.log(costLine('symlinks', run));
    assert.equal(run.timedOut, false, 'scan hung on a symlink loop');
    assert.equal(run.code, 1, run.stderr);
    const r = parseJson(run);
    assert.deepEqual(r.findings.map((f) => f.file), ['src/app.env']);
    assert.equal(r.stats.files, 1);
    // Naming the loop itself is a usage error with a one-line message, not a crash.
    const named = await runCli(dir, ['scan', 'loop-a'], { timeoutMs: 30_000 });
    assert.equal(named.code, 2);
    assert.match(named.stderr, /^credential-hygiene scan: no such file or directory: loop-a\n$/);
  });

  it('unreadable entries (also as root): EACCES directory, FIFO, path through a file; the rest is scanned', async () => {
    dir = tempDir('ch-battery-unreadable-');
    mkdirSync(path.join(dir, 'locked'));
    writeFileSync(path.join(dir, 'locked/inside.env'), `AWS_ACCESS_KEY_ID=${fakeAwsKeyId(953)}\n`);
    chmodSync(path.join(dir, 'locked'), 0o000); // effective for normal users; root ignores permission bits, so:
    // root: EACCES injected at the fs layer for exactly that directory (what a non-root user gets from chmod 000).
    const inject = path.join(dir, '..', `inject-${path.basename(dir)}.js`);
    writeFileSync(
      inject,
      `const fs = require('fs'); const orig = fs.promises.readdir; const origSync = fs.readdirSync;
const denied = (p) => { const e = new Error("EACCES: permission denied, scandir '" + p + "'"); e.code = 'EACCES'; return e; };
const locked = (p) => require('path').basename(String(p)) === 'locked';
fs.promises.readdir = function (p, ...rest) { return locked(p) ? Promise.reject(denied(p)) : orig.call(this, p, ...rest); };
fs.readdirSync = function (p, ...rest) { if (locked(p)) throw denied(p); return origSync.call(this, p, ...rest); };\n`,
    );
    execFileSync('mkfifo', [path.join(dir, 'pipe.env')]); // reading a FIFO would block forever
    writeFileSync(path.join(dir, 'ok.env'), `AWS_ACCESS_KEY_ID=${fakeAwsKeyId(954)}\n`);
    writeFileSync(path.join(dir, 'plain.txt'), 'not a directory\n');
    try {
      const run = await runCli(dir, ['scan', '.', '--format', 'json'], { timeoutMs: 30_000, require: [inject] });
      console.log(costLine('unreadable', run));
      assert.equal(run.timedOut, false, 'scan blocked (FIFO?)');
      assert.equal(run.code, 1, run.stderr);
      const r = parseJson(run);
      assert.deepEqual(r.findings.map((f) => f.file), ['ok.env']);
      assert.equal(errorFor(r.errors, 'locked'), 'skipped: unreadable directory (EACCES)');
      // the FIFO named explicitly: a usage error (exit 2, issue 9) with a clear message, no blocking read
      const fifo = await runCli(dir, ['scan', 'pipe.env', '--format', 'json'], { timeoutMs: 15_000 });
      assert.equal(fifo.timedOut, false, 'reading a FIFO blocked');
      assert.equal(fifo.code, 2, fifo.stderr);
      assert.match(fifo.stderr, /pipe\.env is a FIFO \(named pipe\), not a regular file or directory/);
      // a path component that is a file
      const through = await runCli(dir, ['scan', 'plain.txt/sub'], { timeoutMs: 15_000 });
      assert.equal(through.code, 2);
      assert.match(through.stderr, /no such file or directory: plain\.txt\/sub/);
    } finally {
      chmodSync(path.join(dir, 'locked'), 0o755);
      rmSync(inject, { force: true });
    }
  });

  it('files and directories deleted during a scan: one result per file, a clear reason, no throw', async () => {
    dir = tempDir('ch-battery-deleted-');
    const files: string[] = [];
    for (let d = 0; d < 4; d++) {
      mkdirSync(path.join(dir, `d${d}`));
      for (let i = 0; i < 50; i++) {
        const f = path.join(dir, `d${d}`, `f${i}.env`);
        writeFileSync(f, i % 10 === 0 ? `AWS_ACCESS_KEY_ID=${fakeAwsKeyId(1000 + d * 50 + i)}\n` : `PLAIN=${i}\n`);
        files.push(f);
      }
    }
    // The walker: a directory removed after the walk started is reported, not thrown.
    const walked: { path: string; skipped?: string }[] = [];
    for await (const e of walkFiles([dir])) {
      if (walked.length === 0) rmSync(path.join(dir, 'd3'), { recursive: true });
      walked.push(e);
    }
    assert.ok(walked.every((e) => !e.path.includes('/d3/') || e.skipped), 'files of the removed directory were listed as scannable');
    // The pool: every other file is deleted after it was queued and before a worker reads it.
    const pool = new ScanPool({ threads: 2, batchSize: 8 });
    const results: FileScanResult[] = [];
    const live = files.filter((f) => !f.includes(`${path.sep}d3${path.sep}`));
    async function* queue() {
      for (const [i, f] of live.entries()) {
        if (i % 2 === 1) unlinkSync(f);
        yield f;
      }
    }
    try {
      await pool.scanFiles(queue(), {}, (r) => results.push(r));
    } finally {
      await pool.dispose();
    }
    assert.equal(results.length, live.length, 'one result per queued file');
    const gone = results.filter((r) => r.skipped === 'unreadable (ENOENT)');
    assert.equal(gone.length, live.length / 2);
    assert.equal(results.filter((r) => r.findings.length).length, live.filter((f, i) => i % 2 === 0 && /f(0|10|20|30|40)\.env$/.test(f)).length);
  });

  it('100,000 small files: complete, exact counts, under 60 s and 500 MB', async function () {
    this.timeout(240_000);
    dir = tempDir('ch-battery-100k-');
    const t0 = Date.now();
    let keys = 0;
    for (let d = 0; d < 100; d++) {
      const sub = path.join(dir, `pkg${d}`);
      mkdirSync(sub);
      for (let i = 0; i < 1000; i++) {
        const withKey = i === 500;
        if (withKey) keys++;
        writeFileSync(path.join(sub, `m${i}.py`), withKey ? `aws_access_key_id = "${fakeAwsKeyId(5000 + d)}"\n` : `def f${i}():\n    return ${i}\n`);
      }
    }
    console.log(`      generated 100,000 files in ${Date.now() - t0} ms`);
    const run = await runCli(dir, ['scan', '.', '--format', 'json'], { timeoutMs: 120_000 });
    console.log(costLine('100k files', run));
    assert.equal(run.timedOut, false);
    assert.equal(run.code, 1, run.stderr.slice(0, 500));
    const r = parseJson(run);
    assert.equal(r.stats.files, 100_000);
    assert.equal(r.stats.skipped, 0);
    assert.equal(r.findings.length, keys);
    assert.ok(run.ms < 60_000, `100k files took ${run.ms} ms`);
    assert.ok(run.maxRssMb < 500, `100k files peaked at ${run.maxRssMb.toFixed(0)} MB RSS`);
  });

  it('malformed .credential-hygiene.json: exit 2 with one line naming file, line and column; never a stack trace', async () => {
    dir = tempDir('ch-battery-config-');
    writeFileSync(path.join(dir, 'app.env'), `AWS_ACCESS_KEY_ID=${fakeAwsKeyId(955)}\n`);
    const cases: [string, string | Buffer, RegExp][] = [
      ['syntax error', '{\n  "exclude": ["a",\n}\n', /\.credential-hygiene\.json:\d+:\d+/],
      ['wrong type', '{ "exclude": 5 }', /\.credential-hygiene\.json:1:\d+.*exclude/],
      ['unknown key', '{ "exlude": ["x"] }', /\.credential-hygiene\.json:1:\d+.*exlude/],
      ['binary garbage', Buffer.from([0, 1, 2, 0xff, 0xfe, 0x7b]), /\.credential-hygiene\.json/],
      ['empty file', '', /\.credential-hygiene\.json/],
    ];
    for (const [name, content, expected] of cases) {
      writeFileSync(path.join(dir, '.credential-hygiene.json'), content);
      const run = await runCli(dir, ['scan', '.'], { timeoutMs: 30_000 });
      assert.equal(run.code, 2, `${name}: exit ${run.code} ${run.stderr}`);
      assert.match(run.stderr, expected, name);
      assert.equal(run.stderr.trim().split('\n').length, 1, `${name}: more than one line: ${run.stderr}`);
      assert.doesNotMatch(run.stderr, /\n\s+at /, `${name}: stack trace`);
    }
    // a directory where the config file should be
    rmSync(path.join(dir, '.credential-hygiene.json'));
    mkdirSync(path.join(dir, '.credential-hygiene.json'));
    const run = await runCli(dir, ['scan', '.'], { timeoutMs: 30_000 });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /\.credential-hygiene\.json.*a directory, not a regular file/);
    // --no-config still scans
    const bypass = await runCli(dir, ['scan', '.', '--no-config'], { timeoutMs: 30_000 });
    assert.equal(bypass.code, 1, bypass.stderr);
  });
});
