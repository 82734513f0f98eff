/**
 * `--action env-var` on a key pair (test/fixtures/remediation/env-var-key-pairs.json): a key id and a secret key
 * (and sometimes a session token) on one line or in one statement, in every supported language. The fix must
 * clear every value of the pair, with the SDK's standard variable names, or write nothing.
 * Runs through the CLI command (in process) on temp files, as a user would.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runFix } from '../../../src/cli/commands/fix';
import { fixLine } from '../../../src/remediation/fix-line';
import { allFakeValues, materialise } from './fake-secrets';
import { parseFor } from './parsers';

interface PairCase { name: string; file: string; line: number; text: string; removes?: boolean }

const TABLE = path.resolve(__dirname, '../../../../test/fixtures/remediation/env-var-key-pairs.json');
const CASES: PairCase[] = JSON.parse(fs.readFileSync(TABLE, 'utf8')).cases;
const VALUES = allFakeValues();
const STANDARD: Record<string, string> = { '{{AKID}}': 'AWS_ACCESS_KEY_ID', '{{ASKEY}}': 'AWS_SECRET_ACCESS_KEY', '{{SESSION}}': 'AWS_SESSION_TOKEN' };

describe('remediation: env-var fix clears the whole AWS key pair', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ch-pairs-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has at least 40 cases over at least 10 languages', () => {
    assert.ok(CASES.length >= 40);
    assert.ok(new Set(CASES.map((c) => path.extname(c.file))).size >= 10);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const before = materialise(c.text);
      const planted = VALUES.filter((v) => before.includes(v));
      assert.ok(planted.length >= 2, 'the case plants a key pair');
      const file = path.join(dir, c.file);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, before);
      const out = { stdout: '', stderr: '' };
      const code = await runFix([c.file, '--line', String(c.line), '--action', 'env-var'], {
        stdout: (s) => { out.stdout += s; }, stderr: (s) => { out.stderr += s; }, cwd: dir,
      });
      const after = fs.readFileSync(file, 'utf8');
      assert.equal(code, 0, out.stdout + out.stderr);
      for (const v of planted) assert.ok(!after.includes(v), `a planted value (${v.slice(0, 4)}…) is left in the file`);
      for (const v of VALUES) assert.ok(!(out.stdout + out.stderr).includes(v), 'a secret value was printed');
      if (c.removes) {
        // a statement that only sets the variable goes: the environment provides the value
        assert.ok(after.split('\n').length < before.split('\n').length || after.length < before.length / 2, 'the setter statements are deleted');
        assert.doesNotMatch(after, /AWS_ACCESS_KEY_ID'?\]? = process\.env|= os\.environ\[/, 'no self-assignment');
      } else if (!c.file.endsWith('.tf')) {
        for (const [placeholder, name] of Object.entries(STANDARD)) {
          if (c.text.includes(placeholder)) assert.ok(after.includes(name), `${name} is read`);
        }
      }
      assert.doesNotMatch(after, /NEW_STATIC_CREDENTIALS|IAM_CLIENT_KEY|_CLIENT_KEY\b/);
      const parsed = parseFor(c.file, after);
      if (parsed) assert.ok(parsed.ok, parsed.message);
    });
  }

  it('also clears an unnamed secret key that is only detected because of the key id next to it', () => {
    // line 2 is reported by the near-key-id rule: rewriting line 1 alone would leave it in the file, unseen
    const text = materialise("const id = '{{AKID}}';\nconst val = '{{ASKEY}}';\nmodule.exports = new AWS.Credentials(id, val);\n");
    const r = fixLine(text, 1, { path: 'c.js', action: 'env-var' });
    assert.equal(r.left, 0);
    for (const v of VALUES) assert.ok(!r.text.includes(v));
    assert.match(r.text, /process\.env\.AWS_SECRET_ACCESS_KEY/);
  });

  it('clears every occurrence of a targeted value in the file, or reports where one is left', () => {
    const text = materialise("const s3 = new S3Client({ credentials: { accessKeyId: '{{AKID}}', secretAccessKey: '{{ASKEY}}' } });\nconst copy = new S3Client({ credentials: { accessKeyId: '{{AKID}}', secretAccessKey: '{{ASKEY}}' } });\n");
    const r = fixLine(text, 1, { path: 'two.js', action: 'env-var' });
    assert.equal(r.left, 0);
    for (const v of VALUES) assert.ok(!r.text.includes(v));
    // a copy in a comment has no fix: the result is incomplete and says where
    const commented = materialise("const s3 = new S3Client({ credentials: { accessKeyId: '{{AKID}}', secretAccessKey: '{{ASKEY}}' } });\n// old key: {{AKID}}\n");
    const c = fixLine(commented, 1, { path: 'three.js', action: 'env-var' });
    assert.equal(c.left, 1);
    assert.deepEqual(c.leftLines, [2]);
  });

  it('reports a partial result when one targeted value has no fix, and the CLI writes nothing', async () => {
    // two findings on one line; the key id sits inside an interpolated template, which no lookup may replace
    const text = materialise("const dbPassword = '{{PASSWORD}}'; const signed = `${x}:{{AKID}}`;\n");
    const r = fixLine(text, 1, { path: 'sign.js', action: 'env-var' });
    assert.equal(r.targets.length, 2);
    assert.equal(r.applied.length, 1);
    assert.equal(r.left, 1);
    assert.ok(r.text.includes('`${x}:'), 'the interpolated template is kept');
    const file = path.join(dir, 'sign.js');
    fs.writeFileSync(file, text);
    const out = { stdout: '', stderr: '' };
    const code = await runFix(['sign.js', '--line', '1', '--action', 'env-var'], {
      stdout: (s) => { out.stdout += s; }, stderr: (s) => { out.stderr += s; }, cwd: dir,
    });
    assert.equal(code, 1);
    assert.match(out.stdout, /would leave 1 occurrence\(s\) of the targeted secret value\(s\) in the file \(line 1\); nothing written/);
    assert.equal(fs.readFileSync(file, 'utf8'), text);
  });
});
