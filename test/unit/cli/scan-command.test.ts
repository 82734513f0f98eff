/** `credential-hygiene scan`: exit codes, JSON and SARIF shapes, masking, config and baseline errors. */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cleanup, cli, leaks, tempDir, write } from './cli-harness';
import { fakeAwsKeyId, fakeAwsSecret } from './fake-secrets';

describe('cli scan command', function () {
  this.timeout(60_000);
  let dir: string;
  const ID = fakeAwsKeyId(21);
  const SECRET = fakeAwsSecret(21);

  beforeEach(() => {
    dir = tempDir();
    write(dir, 'src/app.py', `KEY = "${ID}"\nAWS_SECRET_ACCESS_KEY = "${SECRET}"\n`);
    write(dir, 'src/clean.py', 'print("hello")\n');
  });
  afterEach(() => cleanup(dir));

  it('exit 0 when clean, 1 with findings, 2 on usage errors', () => {
    assert.equal(cli(dir, ['scan', 'src/clean.py']).code, 0);
    assert.equal(cli(dir, ['scan']).code, 1);
    const missing = cli(dir, ['scan', 'nope']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or directory: nope/);
    assert.equal(cli(dir, ['scan', '--format', 'xml']).code, 2);
    assert.equal(cli(dir, ['scan', '--staged', '--since', 'HEAD']).code, 2);
    // Names of Object.prototype members are not commands.
    for (const name of ['toString', 'constructor', '__proto__']) {
      const r = cli(dir, [name]);
      assert.equal(r.code, 2, name);
      assert.match(r.stderr, new RegExp(`unknown command '${name}'`));
    }
  });

  it('JSON: version 1, findings with relative paths and masked secrets, errors and stats', () => {
    const r = cli(dir, ['scan', 'src', '--format', 'json']);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.version, 1);
    assert.deepEqual(Object.keys(doc.findings[0]).sort(), [
      'column', 'endColumn', 'endLine', 'file', 'fingerprint', 'kind', 'line', 'message', 'ruleId', 'secret', 'severity',
    ]);
    assert.deepEqual(doc.findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`), ['src/app.py:1', 'src/app.py:2']);
    assert.equal(doc.findings[0].secret, `${ID.slice(0, 4)}…`);
    assert.match(doc.findings[0].fingerprint, /^[0-9a-f]{32}$/);
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(Object.keys(doc.stats).sort(), ['bytes', 'durationMs', 'files', 'lossy', 'skipped']);
    assert.equal(doc.stats.files, 2);
    assert.equal(doc.expiredIgnores, undefined, 'no extra keys when there is nothing to say');
  });

  it('SARIF 2.1.0 with content partialFingerprints', () => {
    const r = cli(dir, ['scan', '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results;
    assert.equal(results.length, 2);
    assert.match(results[0].partialFingerprints['credentialHygiene/v1'], /^[0-9a-f]{32}$/);
    assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, 'src/app.py');
    assert.equal(typeof results[0].ruleIndex, 'number');
  });

  it('never prints a full secret in any format or file output', () => {
    const outs = ['text', 'json', 'sarif'].map((f) => cli(dir, ['scan', '--format', f]));
    const base = cli(dir, ['baseline']);
    const baseline = readFileSync(path.join(dir, '.credential-hygiene-baseline.json'), 'utf8');
    assert.deepEqual(leaks([ID, SECRET], ...outs.flatMap((o) => [o.stdout, o.stderr]), base.stdout, baseline), []);
  });

  it('malformed config: one line naming file, line and problem; exit 2', () => {
    write(dir, '.credential-hygiene.json', '{\n  "exclude": ["a/**"],\n  "rules": { "aws-access-key-id": "off" \n');
    const r = cli(dir, ['scan']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /\.credential-hygiene\.json:4:1: malformed JSON: expected '}'/);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace');
  });

  it('bad key in config: names the key and its line, with a hint', () => {
    write(dir, '.credential-hygiene.json', '{\n  // comments are fine\n  "excludes": ["a/**"]\n}\n');
    const r = cli(dir, ['scan']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.credential-hygiene\.json:3:3: excludes: unknown key 'excludes' \(did you mean 'exclude'\?\)/);
    write(dir, '.credential-hygiene.json', '{ "rules": { "aws-acess-key-id": "off" } }');
    assert.match(cli(dir, ['scan']).stderr, /1:14: rules\.aws-acess-key-id: unknown rule id/);
    write(dir, '.credential-hygiene.json', '{ "customRules": [ { "id": "acme-token", "title": "Acme", "keywords": ["acme"], "pattern": "acme_(?=x)" } ] }');
    const re = cli(dir, ['scan']);
    assert.equal(re.code, 2);
    assert.match(re.stderr, /customRules\[0\]\.pattern: invalid RE2 pattern/);
  });

  it('malformed baseline: one clear error, exit 2', () => {
    write(dir, '.credential-hygiene-baseline.json', '{\n  "version": 1,\n  "entries": [\n    {"file": "src/app.py", "ruleId": "x"}\n  ]\n}\n');
    const r = cli(dir, ['scan']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.credential-hygiene-baseline\.json:4:5: entries\[0\]: missing required key 'fingerprint'/);
    write(dir, '.credential-hygiene-baseline.json', '{ "version": 1, "entries": [ }');
    const r2 = cli(dir, ['scan']);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /baseline\.json:1:\d+: malformed JSON/);
    assert.equal(cli(dir, ['scan', '--baseline', 'missing.json']).code, 2);
  });

  it('config: rules off / severity, allow by hash and pattern, custom rules', () => {
    const hash = createHash('sha256').update(SECRET).digest('hex');
    write(dir, '.credential-hygiene.json', JSON.stringify({
      rules: { 'aws-access-key-id': { severity: 'info' } },
      allow: { hashes: [`sha256:${hash}`] },
      customRules: [{
        id: 'acme-api-token', title: 'Acme API token', keywords: ['acme_'], severity: 'error',
        pattern: '\\b(?P<secret>acme_[A-Za-z0-9]{24})\\b', entropy: 3,
        examples: { positive: ['acme_Ab3dEf7hIj9kLm2nOp4qRs6t'], negative: ['acme_aaaaaaaaaaaaaaaaaaaaaaaa'] },
      }],
    }));
    write(dir, 'src/acme.ts', 'const t = "acme_Zb3dEf7hIj9kLm2nOp4qRs6X";\n');
    const doc = JSON.parse(cli(dir, ['scan', '--format', 'json']).stdout);
    const got = doc.findings.map((f: { file: string; ruleId: string; severity: string }) => `${f.file} ${f.ruleId} ${f.severity}`);
    assert.deepEqual(got, ['src/acme.ts acme-api-token error', 'src/app.py aws-access-key-id info']);
    assert.equal(doc.suppressed.allowlist, 1);
    const sarif = JSON.parse(cli(dir, ['scan', '--format', 'sarif']).stdout);
    const rules = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    assert.ok(rules.includes('acme-api-token'), 'custom rules are described in SARIF');
    write(dir, '.credential-hygiene.json', JSON.stringify({ rules: { 'aws-access-key-id': 'off' }, allow: { patterns: ['^[A-Za-z0-9+/]{18}q7/Z'] } }));
    assert.equal(cli(dir, ['scan']).code, 0);
    assert.equal(cli(dir, ['scan', '--no-config']).code, 1);
  });

  it('custom rule examples are checked when the config loads', () => {
    write(dir, '.credential-hygiene.json', JSON.stringify({
      customRules: [{ id: 'acme-api-token', title: 'Acme', keywords: ['acme_'], pattern: 'acme_[0-9]{4}', examples: { positive: ['acme_12'] } }],
    }));
    const r = cli(dir, ['scan']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /customRules\[0\]\.examples\.positive\[0\]: is not detected by the rule/);
  });

  it('nested config applies to its subtree; exclude globs skip walked files but not a named path', () => {
    write(dir, '.credential-hygiene.json', '{ "exclude": ["fixtures/**"] }');
    write(dir, 'fixtures/key.py', `K = "${fakeAwsKeyId(22)}"\n`);
    write(dir, 'pkg/.credential-hygiene.json', '{ "rules": { "aws-access-key-id": "off" } }');
    write(dir, 'pkg/key.py', `K = "${fakeAwsKeyId(23)}"\n`);
    const files = (args: string[]): string[] =>
      [...new Set(JSON.parse(cli(dir, [...args, '--format', 'json']).stdout).findings.map((f: { file: string }) => f.file) as string[])];
    assert.deepEqual(files(['scan']), ['src/app.py']);
    assert.deepEqual(files(['scan', 'fixtures']), ['fixtures/key.py'], 'a named directory is scanned');
    assert.deepEqual(files(['scan', 'fixtures/key.py']), ['fixtures/key.py'], 'a named file is scanned');
    assert.deepEqual(files(['scan', 'pkg']), [], 'the nested config applies when scanning its folder too');
    assert.deepEqual(files(['scan', 'fixtures', '--exclude', 'key.py']), [], '--exclude still applies inside a named path');
  });
});
