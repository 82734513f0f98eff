/** Unit tests of the remediation building blocks (hand-made findings; no engine involved except revealSecret). */
import * as assert from 'node:assert/strict';
import type { Finding } from '../../../src/engine/types';
import { applyEdits, detectLanguage, getFixes } from '../../../src/remediation';
import { lex } from '../../../src/syntax/lexer';
import { enclosingOpen, matchClose, splitList, identifierRefs } from '../../../src/remediation/syntax/brackets';
import { functionContext } from '../../../src/remediation/syntax/functions';
import { normalizeEdits, removeListItems } from '../../../src/remediation/edits';
import { deriveNames, proposeSecret, secretPrefix, toEnvName } from '../../../src/remediation/naming';
import { unifiedDiff } from '../../../src/remediation/diff';

function findingFor(text: string, secret: string, kind: Finding['kind']): Finding {
  const startOffset = text.indexOf(secret);
  assert.ok(startOffset >= 0);
  const before = text.slice(0, startOffset).split('\n');
  const line = before.length;
  const column = before[before.length - 1].length + 1;
  return {
    ruleId: 'test', kind, severity: 'error', message: 'test', start: { line, column }, end: { line, column: column + secret.length },
    startOffset, endOffset: startOffset + secret.length, secretMasked: secret.slice(0, 4) + '…', fingerprint: `fp-${kind}-${startOffset}`,
  };
}

describe('remediation brackets and lists', () => {
  const t = 'f(a, g(b, "c,)"), { d: [1, 2] }, e)';
  const lx = lex(t, 'javascript');
  it('matches brackets and splits top-level arguments only', () => {
    const open = t.indexOf('(');
    assert.equal(matchClose(lx, open), t.length - 1);
    assert.deepEqual(splitList(lx, open).map((i) => t.slice(i.start, i.end)), ['a', 'g(b, "c,)")', '{ d: [1, 2] }', 'e']);
    assert.equal(enclosingOpen(lx, t.indexOf('1')), t.indexOf('['));
  });
  it('removes list items keeping inline and one-per-line formatting', () => {
    const inline = lex('x({ a: 1, b: 2, c: 3 })', 'javascript');
    const o = inline.text.indexOf('{');
    const items = splitList(inline, o);
    assert.equal(applyEdits(inline.text, removeListItems(inline, o, matchClose(inline, o), items, new Set([1]))), 'x({ a: 1, c: 3 })');
    assert.equal(applyEdits(inline.text, removeListItems(inline, o, matchClose(inline, o), items, new Set([2]))), 'x({ a: 1, b: 2 })');
    const ml = lex('x({\n  a: 1,\n  b: 2,\n})', 'javascript');
    const o2 = ml.text.indexOf('{');
    assert.equal(applyEdits(ml.text, removeListItems(ml, o2, matchClose(ml, o2), splitList(ml, o2), new Set([1]))), 'x({\n  a: 1,\n})');
    const noTrail = lex('x({\n  a: 1,\n  b: 2\n})', 'javascript');
    const o3 = noTrail.text.indexOf('{');
    assert.equal(applyEdits(noTrail.text, removeListItems(noTrail, o3, matchClose(noTrail, o3), splitList(noTrail, o3), new Set([1]))), 'x({\n  a: 1\n})');
  });
  it('finds identifier references but not member accesses or strings', () => {
    const src = 'const K = 1; use(K); obj.K; "K"; K2;';
    assert.deepEqual(identifierRefs(lex(src, 'javascript'), 'K'), [6, 17]);
  });
});

describe('remediation edits', () => {
  it('rejects overlapping non-deletion edits and merges touching deletions', () => {
    assert.equal(normalizeEdits([{ start: 0, end: 5, newText: 'x' }, { start: 3, end: 6, newText: '' }]), undefined);
    assert.deepEqual(normalizeEdits([{ start: 0, end: 2, newText: '' }, { start: 2, end: 4, newText: '' }]), [{ start: 0, end: 4, newText: '' }]);
    assert.throws(() => applyEdits('abc', [{ start: 0, end: 2, newText: '' }, { start: 1, end: 3, newText: '' }]));
  });
});

describe('remediation async context', () => {
  const ctxAt = (src: string, marker: string, lang: 'javascript' | 'csharp' | 'kotlin' = 'javascript') => functionContext(lex(src, lang), src.indexOf(marker));
  it('knows top level, sync and async functions, arrows and methods', () => {
    assert.equal(ctxAt('const x = "M";', 'M'), 'top');
    assert.equal(ctxAt('function f() { return "M"; }', 'M'), 'sync');
    assert.equal(ctxAt('async function f() { if (a) { g("M"); } }', 'M'), 'async');
    assert.equal(ctxAt('const f = async () => ({ p: "M" });', 'M'), 'async');
    assert.equal(ctxAt('const f = async () => { x(() => "M"); };', 'M'), 'sync');
    assert.equal(ctxAt('class A { async m(): Promise<void> { g("M"); } }', 'M'), 'async');
    assert.equal(ctxAt('class A { f = "M"; }', 'M'), 'sync');
    assert.equal(ctxAt('class A { public async Task<int> Run() { var p = "M"; } }', 'M', 'csharp'), 'async');
    assert.equal(ctxAt('suspend fun f() { val p = "M" }', 'M', 'kotlin'), 'async');
  });
});

describe('remediation naming', () => {
  it('derives env var names and secret ids from declarations, keys and owners', () => {
    assert.equal(toEnvName('dbPassword'), 'DB_PASSWORD');
    assert.deepEqual(deriveNames({ kind: 'generic-api-key', declName: 'stripeApiKey', ownerHints: [] }).envVar, 'STRIPE_API_KEY');
    const pool = deriveNames({ kind: 'generic-password', key: 'password', ownerHints: ['Pool', 'pool'] });
    assert.equal(pool.envVar, 'DB_PASSWORD');
    assert.deepEqual(pool.json, { name: 'db', key: 'password' });
    assert.equal(deriveNames({ kind: 'aws-secret-access-key', declName: 'SECRET_ACCESS_KEY', ownerHints: [] }).envVar, 'AWS_SECRET_ACCESS_KEY');
    assert.equal(secretPrefix('services/billing/src/config.prod.ts'), 'billing/prod');
    assert.equal(secretPrefix('/tmp/tmp.x8Kd2/src/app.js'), 'app/prod');
    assert.equal(secretPrefix('orders/staging/db.py'), 'orders/staging');
    assert.deepEqual(proposeSecret(pool, 'api/x.js', 'team/db#pw'), { secretId: 'team/db', key: 'pw' });
  });
});

describe('remediation getFixes (hand-made findings)', () => {
  const AK = 'AKIA' + 'Q7ZRT2MXK4LBN6PD';
  const SK = 'kR8w' + 'Zp3vLq9XmT2sYb7NcF4hJd6GuA1eWo5iQx0y';
  it('offers default-chain (preferred) + env-var for AWS keys, with a rotation notice', () => {
    const text = `const c = new S3Client({ region: "r", credentials: { accessKeyId: "${AK}", secretAccessKey: "${SK}" } });\n`;
    const f1 = findingFor(text, AK, 'aws-access-key-id');
    const f2 = findingFor(text, SK, 'aws-secret-access-key');
    const fixes = getFixes({ text, path: 'a.js', finding: f1, findings: [f1, f2] });
    assert.deepEqual(fixes.map((f) => [f.kind, !!f.preferred]), [['default-chain', true], ['env-var', false]]);
    assert.equal(applyEdits(text, fixes[0].edits), 'const c = new S3Client({ region: "r" });\n');
    assert.match(fixes[0].notice!, /rotate/i);
  });
  it('offers only env-var when the sink is not recognised', () => {
    const text = `const data = { accessKeyId: "${AK}", secretAccessKey: "${SK}" };\nsend(data);\n`;
    const f1 = findingFor(text, AK, 'aws-access-key-id');
    const fixes = getFixes({ text, path: 'a.js', finding: f1, findings: [f1, findingFor(text, SK, 'aws-secret-access-key')] });
    assert.deepEqual(fixes.map((f) => f.kind), ['env-var']);
  });
  it('never awaits outside an async context (CommonJS top level with a sync consumer)', () => {
    const text = 'const mysql = require("mysql2");\nconst conn = mysql.createConnection({ password: "Zq8!mL2vXr5tKp9w" });\nconn.query("SELECT 1");\n';
    const f = findingFor(text, 'Zq8!mL2vXr5tKp9w', 'generic-password');
    const fixes = getFixes({ text, path: 'db.js', finding: f });
    assert.deepEqual(fixes.map((x) => x.kind), ['env-var']);
    assert.equal(applyEdits(text, fixes[0].edits), 'const mysql = require("mysql2");\nconst conn = mysql.createConnection({ password: process.env.DB_PASSWORD });\nconn.query("SELECT 1");\n');
  });
  it('CommonJS pg Pool at module level: pg\'s async password function, no top-level await', () => {
    const text = 'const { Pool } = require("pg");\nconst pool = new Pool({ password: "Zq8!mL2vXr5tKp9w" });\n';
    const f = findingFor(text, 'Zq8!mL2vXr5tKp9w', 'generic-password');
    const fixes = getFixes({ text, path: 'db.js', finding: f });
    assert.deepEqual(fixes.map((x) => x.kind), ['secrets-manager', 'env-var']);
    assert.match(fixes[0].title, /pg's async password function/);
    const out = applyEdits(text, fixes[0].edits);
    assert.match(out, /new Pool\(\{ password: (async )?\(\) => /);
    // every `await` sits inside an async function
    for (const line of out.split('\n').filter((l) => /\bawait\b/.test(l))) assert.match(line, /^\s+|async/);
  });
  it('CommonJS module-level value built from the secret: memoised getter only when every use is async', () => {
    const base = 'const stripe = require("stripe")("sk_live_Zq8mL2vXr5tKp9wYb3nC7dF1");\n';
    const asyncUse = base + 'async function pay() {\n  return stripe.charges.create({ amount: 1 });\n}\n';
    const f = findingFor(asyncUse, 'sk_live_Zq8mL2vXr5tKp9wYb3nC7dF1', 'stripe-key');
    const fixes = getFixes({ text: asyncUse, path: 'pay.js', finding: f });
    assert.equal(fixes[0].kind, 'secrets-manager');
    const out = applyEdits(asyncUse, fixes[0].edits);
    assert.match(out, /const getStripe = \(\) => \(stripePromise \?\?= getSecretValue\("[^"]+"\)\.then\(\(secret\) => require\("stripe"\)\(secret\)\)\);/);
    assert.match(out, /return \(await getStripe\(\)\)\.charges\.create/);
    const syncUse = base + 'module.exports = stripe;\n';
    const g = findingFor(syncUse, 'sk_live_Zq8mL2vXr5tKp9wYb3nC7dF1', 'stripe-key');
    assert.ok(!getFixes({ text: syncUse, path: 'pay.js', finding: g }).some((x) => x.kind === 'secrets-manager'));
  });
  it('C#: no Secrets Manager fix outside async methods (never .Result)', () => {
    const text = 'class A {\n  string Conn() {\n    var password = "Zq8!mL2vXr5tKp9w";\n    return password;\n  }\n}\n';
    const f = findingFor(text, 'Zq8!mL2vXr5tKp9w', 'generic-password');
    const fixes = getFixes({ text, path: 'A.cs', finding: f });
    assert.deepEqual(fixes.map((x) => x.kind), ['env-var']);
    assert.ok(!fixes.some((x) => x.edits.some((e) => /\.Result\b|GetAwaiter/.test(e.newText))));
  });
  it('returns nothing when the finding does not match the text (stale finding)', () => {
    const text = 'const x = "Zq8!mL2vXr5tKp9w";\n';
    const f = findingFor(text, 'Zq8!mL2vXr5tKp9w', 'generic-password');
    assert.equal(getFixes({ text, path: 'a.js', finding: f }).length, 1);
    assert.deepEqual(getFixes({ text: text.replace('Zq8!', 'Ab1!'), path: 'a.js', finding: f }), []);
  });
});

describe('remediation language detection and diff', () => {
  it('detects languages from ids and paths', () => {
    assert.equal(detectLanguage(undefined, 'a/b/.env.production'), 'dotenv');
    assert.equal(detectLanguage(undefined, 'docker-compose.prod.yml'), 'docker-compose');
    assert.equal(detectLanguage(undefined, '.github/workflows/ci.yaml'), 'github-actions');
    assert.equal(detectLanguage(undefined, 'home/.aws/credentials'), 'aws-credentials');
    assert.equal(detectLanguage('typescriptreact'), 'typescript');
    assert.equal(detectLanguage(undefined, 'infra/main.tf'), 'terraform');
    assert.equal(detectLanguage(undefined, 'Dockerfile'), 'dockerfile');
  });
  it('produces a unified diff with hunk headers', () => {
    const d = unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', 'a/f', 'b/f');
    assert.equal(d, '--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
    assert.equal(unifiedDiff('x\n', 'x\n', 'a', 'b'), '');
  });
});
