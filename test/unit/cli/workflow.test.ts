/**
 * The team workflow of issue 5, end to end in a temporary git repository with the built CLI:
 * findings → baseline → clean → edits above baselined secrets stay clean → a new staged secret is the only
 * finding of `scan --staged` → inline ignores in every dialect → clean → an expired ignore is reported →
 * the installed pre-commit hook blocks a commit → stale baseline entries are listed.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, cleanup, cli, git, leaks, sh, tempDir, tempRepo, write } from './cli-harness';
import { fakeAwsKeyId, fakeAwsSecret } from './fake-secrets';

interface JsonReport {
  findings: { file: string; line: number; ruleId: string; secret: string; fingerprint: string }[];
  errors: { file: string; message: string }[];
  expiredIgnores?: { file: string; line: number; ruleId: string; message: string }[];
  unusedBaseline?: { file: string; ruleId: string; fingerprint: string }[];
  suppressed?: Record<string, number>;
}

describe('cli workflow: baseline, staged scans, inline ignores, hook (temporary git repo)', function () {
  this.timeout(120_000);
  let repo: string;
  const secrets: string[] = [];
  const id = (seed: number): string => {
    const s = fakeAwsKeyId(seed);
    secrets.push(s);
    return s;
  };
  const secret = (seed: number): string => {
    const s = fakeAwsSecret(seed);
    secrets.push(s);
    return s;
  };
  const json = (args: string[]): { code: number; report: JsonReport; stderr: string; stdout: string } => {
    const r = cli(repo, [...args, '--format', 'json']);
    assert.equal(r.code === 2, false, `exit 2: ${r.stderr}`);
    return { code: r.code, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr, stdout: r.stdout };
  };
  const appPy = (above = ''): string =>
    `import boto3\n${above}KEY_ID = "${id(1)}"\nAWS_SECRET_ACCESS_KEY = "${secret(1)}"\n`;

  before(() => {
    repo = tempRepo();
    write(repo, 'app.py', appPy());
    write(repo, 'web/config.js', `export const token = { accessKeyId: "${id(2)}" };\n`);
  });
  after(() => cleanup(repo));

  it('1. finds the secrets (exit 1), masked', () => {
    const { code, report, stdout, stderr } = json(['scan']);
    assert.equal(code, 1);
    assert.deepEqual(report.findings.map((f) => `${f.file}:${f.line}:${f.ruleId}`).sort(), [
      'app.py:2:aws-access-key-id',
      'app.py:3:aws-secret-access-key',
      'web/config.js:1:aws-access-key-id',
    ]);
    assert.deepEqual(leaks(secrets, stdout, stderr), []);
  });

  it('2. writes a baseline without secrets or line numbers (exit 0)', () => {
    const r = cli(repo, ['baseline']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3 entries \(3 added, 0 removed\)/);
    const text = readFileSync(path.join(repo, '.credential-hygiene-baseline.json'), 'utf8');
    assert.deepEqual(leaks(secrets, text), []);
    assert.doesNotMatch(text, /"line"/);
    const entries = (JSON.parse(text) as { entries: { file: string }[] }).entries;
    assert.deepEqual(entries.map((e) => e.file), ['app.py', 'app.py', 'web/config.js']);
    assert.equal(text.split('\n').filter((l) => l.includes('"fingerprint"')).length, 3, 'one entry per line');
  });

  it('3. scan is clean with the baseline (exit 0)', () => {
    const { code, report } = json(['scan']);
    assert.equal(code, 0);
    assert.equal(report.findings.length, 0);
    assert.equal(report.suppressed?.baseline, 3);
  });

  it('4. lines inserted above the baselined secrets: still clean', () => {
    write(repo, 'app.py', appPy('# a comment\nimport os\n\n\nREGION = "eu-west-1"\n'));
    const { code, report } = json(['scan']);
    assert.equal(code, 0, JSON.stringify(report.findings));
    assert.equal(report.suppressed?.baseline, 3);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'initial');
  });

  it('5. a new staged secret: scan --staged exits 1 naming only it, with staged line numbers', () => {
    const fresh = id(3);
    write(repo, 'web/config.js', `// settings\nexport const token = { accessKeyId: "${id(2)}" };\nexport const other = "${fresh}";\n`);
    git(repo, 'add', 'web/config.js');
    // Unstaged edits (more lines on top, another secret) must not change what --staged reports.
    write(repo, 'web/config.js', `// a\n// b\n// settings\nexport const token = { accessKeyId: "${id(2)}" };\nexport const other = "${fresh}";\nconst x = "${id(4)}";\n`);
    write(repo, 'notes.txt', `unstaged ${id(5)}\n`);
    const { code, report, stdout, stderr } = json(['scan', '--staged']);
    assert.equal(code, 1);
    assert.deepEqual(report.findings.map((f) => `${f.file}:${f.line}:${f.ruleId}`), ['web/config.js:3:aws-access-key-id']);
    assert.equal(report.findings[0].secret, fresh.slice(0, 4) + '…');
    assert.deepEqual(leaks(secrets, stdout, stderr), []);
    const text = cli(repo, ['scan', '--staged']);
    assert.equal(text.code, 1);
    assert.match(text.stderr, /credential-hygiene:ignore/, 'tells how to ignore a finding');
    git(repo, 'checkout', '--', 'web/config.js');
    git(repo, 'reset', '-q', 'web/config.js');
    git(repo, 'checkout', '--', 'web/config.js');
    sh(repo, 'rm', ['-f', 'notes.txt']);
  });

  const dialects: [string, (s: string) => string][] = [
    ['d/ours.py', (s) => `k = "${s}"  # credential-hygiene:ignore -- test key`],
    ['d/ours-rule.py', (s) => `k = "${s}"  # credential-hygiene:ignore aws-access-key-id until 2999-12-31 -- fixture`],
    ['d/next.py', (s) => `# credential-hygiene:ignore-next-line\nk = "${s}"`],
    ['d/file.py', (s) => `# credential-hygiene:ignore-file -- generated\n\nk = "${s}"`],
    ['d/slash.js', (s) => `const k = "${s}"; // credential-hygiene:ignore`],
    ['d/dash.sql', (s) => `INSERT INTO keys VALUES ('${s}'); -- credential-hygiene:ignore`],
    ['d/block.css', (s) => `.a { --k: "${s}"; } /* credential-hygiene:ignore */`],
    ['d/page.html', (s) => `<meta name="k" content="${s}"> <!-- credential-hygiene:ignore -->`],
    ['d/semi.ini', (s) => `; credential-hygiene:ignore-next-line\nk = ${s}`],
    ['d/pct.tex', (s) => `\\def\\k{${s}} % credential-hygiene:ignore`],
    ['d/rem.bat', (s) => `REM credential-hygiene:ignore-next-line\nset K=${s}`],
    ['d/quote.vb', (s) => `Dim k = "${s}" ' credential-hygiene:ignore`],
    ['d/gitleaks.py', (s) => `k = "${s}"  # gitleaks:allow`],
    ['d/pragma.py', (s) => `k = "${s}"  # pragma: allowlist secret`],
    ['d/pragma-next.py', (s) => `# pragma: allowlist nextline secret\nk = "${s}"`],
    ['d/secretlint.js', (s) => `const k = "${s}"; // secretlint-disable-line`],
    ['d/secretlint-next.js', (s) => `// secretlint-disable-next-line\nconst k = "${s}";`],
    ['d/trufflehog.py', (s) => `k = "${s}"  # trufflehog:ignore`],
  ];

  it('6. inline ignores in every supported dialect: staged scan is clean', () => {
    dialects.forEach(([file, make], i) => write(repo, file, make(id(100 + i)) + '\n'));
    git(repo, 'add', '-A');
    const unsuppressed = json(['scan', '--staged', '--no-inline-ignores']);
    assert.equal(unsuppressed.code, 1);
    assert.deepEqual(
      [...new Set(unsuppressed.report.findings.map((f) => f.file))].sort(),
      dialects.map(([f]) => f).sort(),
      'every dialect file has a finding without its ignore',
    );
    const { code, report } = json(['scan', '--staged']);
    assert.equal(code, 0, JSON.stringify(report.findings));
    assert.equal(report.suppressed?.inline, unsuppressed.report.findings.length);
    const all = json(['scan']);
    assert.equal(all.code, 0, 'a full scan agrees');
    git(repo, 'commit', '-q', '-m', 'ignored fixtures');
  });

  it('7. an expired ignore stops working and is reported', () => {
    write(repo, 'old.py', `k = "${id(200)}"  # credential-hygiene:ignore until 2020-01-31 -- rotate by end of January\n`);
    git(repo, 'add', 'old.py');
    const { code, report } = json(['scan', '--staged']);
    assert.equal(code, 1);
    assert.deepEqual(report.findings.map((f) => f.file), ['old.py']);
    assert.deepEqual(report.expiredIgnores, [{ file: 'old.py', line: 1, ruleId: 'aws-access-key-id', message: 'ignore expired on 2020-01-31' }]);
    assert.ok(report.errors.some((e) => e.file === 'old.py' && /expired on 2020-01-31/.test(e.message)));
    const text = cli(repo, ['scan', '--staged']);
    assert.match(text.stdout, /old\.py: line 1: ignore expired on 2020-01-31/);
    const still = json(['scan', '--staged']);
    assert.equal(still.code, 1);
    // Through its date the same ignore still works.
    const before = cli(repo, ['scan', '--staged'], { CREDENTIAL_HYGIENE_TODAY: '2020-01-31' });
    assert.equal(before.code, 0, before.stdout);
    git(repo, 'reset', '-q', 'old.py');
    sh(repo, 'rm', ['-f', 'old.py']);
  });

  it('8. install-hook: the pre-commit hook blocks a commit with a new secret, masked, with ignore advice', () => {
    const r = cli(repo, ['install-hook']);
    assert.equal(r.code, 0, r.stderr);
    const hook = path.join(repo, '.git', 'hooks', 'pre-commit');
    assert.ok(statSync(hook).mode & 0o100, 'hook is executable');
    const again = cli(repo, ['install-hook']);
    assert.equal(again.code, 0, 'updating our own hook is fine');
    // Put the CLI on PATH for the hook, as a global/npx install would.
    const binDir = tempDir('ch-bin-');
    writeFileSync(path.join(binDir, 'credential-hygiene'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
    const env = { PATH: `${binDir}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1' };
    const leaked = id(300);
    write(repo, 'leak.js', `const k = "${leaked}";\n`);
    git(repo, 'add', 'leak.js');
    const commit = sh(repo, 'git', ['commit', '-m', 'leak'], env);
    assert.notEqual(commit.code, 0, 'commit is blocked');
    assert.match(commit.stdout + commit.stderr, /leak\.js:1:\d+/);
    assert.match(commit.stdout + commit.stderr, /credential-hygiene:ignore/);
    assert.deepEqual(leaks(secrets, commit.stdout, commit.stderr), []);
    write(repo, 'leak.js', `const k = "${leaked}"; // credential-hygiene:ignore -- demo\n`);
    git(repo, 'add', 'leak.js');
    const ok = sh(repo, 'git', ['commit', '-q', '-m', 'ignored'], env);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    cleanup(binDir);
  });

  it('9. install-hook refuses to replace a foreign hook (exit 2) and honours core.hooksPath', () => {
    const other = tempRepo();
    try {
      write(other, '.git/hooks/pre-commit', '#!/bin/sh\necho mine\n');
      const r = cli(other, ['install-hook']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /already exists and was not written by credential-hygiene/);
      assert.equal(readFileSync(path.join(other, '.git/hooks/pre-commit'), 'utf8'), '#!/bin/sh\necho mine\n');
      git(other, 'config', 'core.hooksPath', '.githooks');
      const r2 = cli(other, ['install-hook']);
      assert.equal(r2.code, 0, r2.stderr);
      assert.match(readFileSync(path.join(other, '.githooks/pre-commit'), 'utf8'), /scan --staged/);
      const p = cli(other, ['install-hook', '--print', 'lefthook']);
      assert.match(p.stdout, /lefthook\.yml[\s\S]*scan --staged/);
    } finally {
      cleanup(other);
    }
  });

  it('10. --report-unused lists stale baseline entries; exit code follows findings', () => {
    write(repo, 'app.py', 'import boto3\nimport os\n');
    const { code, report } = json(['scan', '--report-unused']);
    assert.equal(code, 0);
    assert.deepEqual(report.unusedBaseline?.map((u) => `${u.file}:${u.ruleId}`), ['app.py:aws-access-key-id', 'app.py:aws-secret-access-key']);
    const sub = json(['scan', 'web', '--report-unused']);
    assert.deepEqual(sub.report.unusedBaseline, [], 'entries outside the scanned path are not stale');
    const text = cli(repo, ['scan', '--report-unused']);
    assert.match(text.stdout, /unused baseline entry: app\.py \[aws-access-key-id\]/);
  });

  it('11. --since REV reports only lines changed since REV (and untracked files)', () => {
    const rev = git(repo, 'rev-parse', 'HEAD').trim();
    write(repo, 'web/config.js', `// moved down\n${readFileSync(path.join(repo, 'web/config.js'), 'utf8')}`);
    write(repo, 'brand-new.py', `k = "${id(400)}"\n`);
    const { code, report } = json(['scan', '--since', rev, '--no-baseline']);
    assert.equal(code, 1);
    assert.deepEqual(report.findings.map((f) => f.file), ['brand-new.py'], 'the moved baselined line is not "added"');
    const bad = cli(repo, ['scan', '--since', 'no-such-rev']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown revision 'no-such-rev'/);
  });
});
