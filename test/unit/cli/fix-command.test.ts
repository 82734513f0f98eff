/**
 * `credential-hygiene fix`: what it prints (never a secret, even in --dry-run) and how it treats the file on disk
 * (encoding, links, permissions, concurrent changes). Runs the command in process on temp files.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runFix } from '../../../src/cli/commands/fix';
import { allFakeValues, materialise } from '../remediation/fake-secrets';

const VALUES = allFakeValues();
const PAIRS: Array<{ name: string; file: string; line: number; text: string }> = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../../test/fixtures/remediation/env-var-key-pairs.json'), 'utf8'),
).cases;

/** A JS file with a key pair on line 2 and, around it, other secrets the fix does not target. */
const MIXED = materialise([
  "const dbPassword = '{{PASSWORD}}';",
  "const s3 = new S3Client({ credentials: { accessKeyId: '{{AKID}}', secretAccessKey: '{{ASKEY}}' } });",
  "const apiToken = '{{APIKEY}}';",
  "module.exports = { s3, dbPassword, apiToken };",
  '',
].join('\n'));

describe('CLI fix: output and file integrity', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ch-fixcli-')); });
  afterEach(() => {
    for (const f of fs.readdirSync(dir)) try { fs.chmodSync(path.join(dir, f), 0o644); } catch { /* a dangling link */ }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function fix(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const out = { stdout: '', stderr: '' };
    const code = await runFix(args, { stdout: (s) => { out.stdout += s; }, stderr: (s) => { out.stderr += s; }, cwd: dir });
    return { code, ...out };
  }
  const write = (name: string, text: string | Buffer) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };
  const printsNoSecret = (r: { stdout: string; stderr: string }) => {
    for (const v of VALUES) assert.ok(!(r.stdout + r.stderr).includes(v), `printed a secret (${v.slice(0, 4)}…)`);
  };

  describe('--dry-run', () => {
    for (const action of [undefined, 'env-var', 'default-chain']) {
      it(`masks every secret of the file on both sides of the diff (${action ?? 'preferred fix'})`, async () => {
        write('mixed.js', MIXED);
        const r = await fix(['mixed.js', '--line', '2', '--dry-run', ...(action ? ['--action', action] : [])]);
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /^-const s3 = /m);
        assert.match(r.stdout, /^ const dbPassword = '.{4}…';$/m, 'context lines are masked too');
        printsNoSecret(r);
        assert.equal(fs.readFileSync(path.join(dir, 'mixed.js'), 'utf8'), MIXED);
      });
    }

    it('masks random-looking tokens the scan did not report, in context lines', async () => {
      // no key id in the file, so no rule reports the 40-character blob
      const text = materialise("const blob = '{{ASKEY2}}';\nconst dbPassword = '{{PASSWORD}}';\nmodule.exports = { blob, dbPassword };\n");
      write('blob.js', text);
      const r = await fix(['blob.js', '--line', '2', '--dry-run', '--action', 'env-var']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^ const blob = '.{4}…';$/m);
      printsNoSecret(r);
    });

    it('prints no planted value for any key-pair case, with any action', async () => {
      let runs = 0;
      for (const c of PAIRS) {
        for (const action of [undefined, 'env-var', 'default-chain']) {
          // an unrelated secret right after the statement, inside the diff's context
          const lines = materialise(c.text).split('\n');
          lines.splice(c.line, 0, c.file.endsWith('.py') ? "DB_PASSWORD = '{{PASSWORD}}'" : '');
          const file = path.join(dir, c.file);
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, materialise(lines.join('\n')));
          const r = await fix([c.file, '--line', String(c.line), '--dry-run', ...(action ? ['--action', action] : [])]);
          printsNoSecret(r);
          runs++;
        }
      }
      assert.equal(runs, PAIRS.length * 3);
    });
  });

  it('refuses a file that is not valid UTF-8 (exit 2) and leaves its bytes alone', async () => {
    const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(' m'), Buffer.from([0xfc]), Buffer.from('nchen\n'),
      Buffer.from(materialise("import boto3\ns3 = boto3.client('s3', aws_access_key_id='{{AKID}}', aws_secret_access_key='{{ASKEY}}')\n"))]);
    const f = write('latin1.py', latin1);
    const r = await fix(['latin1.py', '--line', '3']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not valid UTF-8/);
    assert.deepEqual(fs.readFileSync(f), latin1);
  });

  it('writes through a symbolic link to its target; the link stays a link', async () => {
    const target = write('real.js', MIXED);
    fs.symlinkSync('real.js', path.join(dir, 'link.js'));
    const r = await fix(['link.js', '--line', '2']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(fs.lstatSync(path.join(dir, 'link.js')).isSymbolicLink());
    const after = fs.readFileSync(target, 'utf8');
    assert.ok(!after.includes(VALUES[0]) && !after.includes(VALUES[2]), 'the target no longer holds the key pair');
  });

  it('rewrites a hard-linked file in place, so every link sees the fix', async () => {
    const a = write('a.js', MIXED);
    const b = path.join(dir, 'b.js');
    fs.linkSync(a, b);
    const r = await fix(['a.js', '--line', '2']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(fs.statSync(a).ino, fs.statSync(b).ino);
    assert.equal(fs.readFileSync(b, 'utf8'), fs.readFileSync(a, 'utf8'));
    assert.ok(!fs.readFileSync(b, 'utf8').includes(VALUES[0]));
  });

  it('refuses a read-only file unless --force, and keeps it read-only', async () => {
    const f = write('ro.js', MIXED);
    fs.chmodSync(f, 0o444);
    const r = await fix(['ro.js', '--line', '2']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /read-only.*--force/);
    assert.equal(fs.readFileSync(f, 'utf8'), MIXED);
    const forced = await fix(['ro.js', '--line', '2', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.ok(!fs.readFileSync(f, 'utf8').includes(VALUES[0]));
    assert.equal(fs.statSync(f).mode & 0o777, 0o444);
  });

  it('aborts with exit 2 when the file changes between read and write, keeping the other writer\'s edit', async () => {
    const f = write('busy.js', MIXED);
    // simulate another writer: append a line right after fix has read the file
    // (patched on the CommonJS module object, which the command's namespace import reads through)
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS module object itself is patched
    const fsModule = require('node:fs') as { readFileSync: typeof fs.readFileSync };
    const realRead = fsModule.readFileSync;
    let reads = 0;
    fsModule.readFileSync = function (...args: Parameters<typeof fs.readFileSync>) {
      const out = realRead.apply(fsModule, args);
      if (args[0] === f && reads++ === 0) fs.appendFileSync(f, '// added while fix was running\n');
      return out;
    } as typeof fs.readFileSync;
    let r;
    try { r = await fix(['busy.js', '--line', '2']); } finally { fsModule.readFileSync = realRead; }
    assert.equal(r.code, 2);
    assert.match(r.stderr, /changed on disk while fixing; nothing written/);
    assert.equal(fs.readFileSync(f, 'utf8'), MIXED + '// added while fix was running\n');
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
  });
});
