import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { revealSecret, scan, type Finding } from '../../../src/engine';
import { parseReportArgs, runReport } from '../../../src/cli/commands/report';
import { UsageError, type CliIO } from '../../../src/cli/io';
import {
  CREDENTIAL_CLASSES,
  buildReport,
  computeScore,
  renderHtml,
  renderJson,
  renderMarkdown,
  type HygieneReport,
  type ReportInput,
} from '../../../src/report';
import { fakeKeys, loadFixtures, loadLabels } from './fake-secrets';

const keys = fakeKeys();
const fixtures = loadFixtures(keys);
const labels = loadLabels();

/** Real scans of the materialised fixtures. */
function inputs(): ReportInput[] {
  return [...fixtures].map(([path, text]) => ({ path: `repo/${path}`, text, findings: scan(text, { path }) }));
}

/** Every raw secret the tests must never see in output: the fake keys and every revealed finding. */
function rawSecrets(ins: ReportInput[]): string[] {
  const out = new Set<string>(Object.values(keys));
  for (const i of ins) for (const f of i.findings) out.add(revealSecret(f, i.text));
  return [...out].filter((s) => s.length >= 8);
}

function assertNoSecret(output: string, secrets: string[], what: string): void {
  for (const s of secrets) {
    assert.ok(!output.includes(s), `${what} contains a raw secret (${s.slice(0, 4)}…)`);
    // also no long prefix (more than the 4-character mask)
    assert.ok(!output.includes(s.slice(0, 10)), `${what} contains a 10-char prefix of a secret (${s.slice(0, 4)}…)`);
  }
}

/** Minimal well-formedness check: every non-void element is closed in order. */
function assertBalancedHtml(html: string): void {
  const VOID = new Set(['meta', 'link', 'br', 'hr', 'img', 'input', 'col', 'area', 'base', 'source', 'wbr']);
  const stack: string[] = [];
  const body = html.replace(/<!DOCTYPE html>/i, '').replace(/<style[^>]*>[\s\S]*?<\/style>/g, '');
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*(\/?)>/g)) {
    const [, close, name, , self] = m;
    const tag = name.toLowerCase();
    if (VOID.has(tag) || self) continue;
    if (close) assert.equal(stack.pop(), tag, `unbalanced </${tag}>`);
    else stack.push(tag);
  }
  assert.deepEqual(stack, [], 'unclosed elements');
  assert.ok(!/<[a-zA-Z][^>]*$/.test(body), 'dangling tag');
}

describe('report: buildReport counts agree with the labels and the findings passed in', () => {
  const ins = inputs();
  const report = buildReport(ins);

  it('fixture scans produce findings (so the secret-hygiene assertions below can fail)', () => {
    const n = ins.reduce((a, i) => a + i.findings.length, 0);
    assert.ok(n >= 20, `only ${n} findings in the fixtures`);
    const akids = Object.entries(keys).filter(([k]) => k.startsWith('AKID')).map(([, v]) => v);
    const found = new Set(ins.flatMap((i) => i.findings.map((f) => revealSecret(f, i.text))));
    assert.ok(akids.some((a) => found.has(a)), 'no fake access key id was detected');
  });

  it('client totals per class equal the sum of the labels', () => {
    for (const k of CREDENTIAL_CLASSES) {
      const want = Object.values(labels.files).reduce((a, l) => a + l[k], 0);
      assert.equal(report.clients.byClass[k], want, k);
    }
    assert.equal(report.totals.clients, Object.values(labels.files).reduce((a, l) => a + l['default-chain'] + l.static + l['config-or-env'], 0));
    assert.equal(report.clients.items.length, report.totals.clients);
  });

  it('per-file client counts equal the labels', () => {
    for (const [file, want] of Object.entries(labels.files)) {
      const row = report.files.find((r) => r.path === `repo/${file}`);
      assert.ok(row, `no row for ${file}`);
      for (const k of CREDENTIAL_CLASSES) assert.equal(row.clients[k], want[k], `${file} ${k}`);
      assert.equal(row.secretsManagerLookups, want.lookups, `${file} lookups`);
    }
  });

  it('per-language counts add up and cover at least 6 languages', () => {
    const langs = Object.entries(report.clients.byLanguage);
    assert.ok(langs.length >= 6);
    for (const k of CREDENTIAL_CLASSES) assert.equal(langs.reduce((a, [, c]) => a + c![k], 0), report.clients.byClass[k]);
  });

  it('finding counts by kind, file, folder and severity agree with the findings passed in', () => {
    const all = ins.flatMap((i) => i.findings.map((f) => ({ path: i.path, f })));
    assert.equal(report.totals.findings, all.length);
    assert.equal(report.findings.items.length, all.length);
    const byKind: Record<string, number> = {};
    for (const { f } of all) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
    assert.deepEqual({ ...report.findings.byKind }, byKind);
    for (const i of ins) {
      const row = report.files.find((r) => r.path === i.path);
      assert.equal(row?.findings ?? 0, i.findings.length, i.path);
    }
    const byFolder = new Map<string, number>();
    for (const { path } of all) byFolder.set(path.slice(0, path.lastIndexOf('/')), (byFolder.get(path.slice(0, path.lastIndexOf('/'))) ?? 0) + 1);
    for (const fr of report.folders) assert.equal(fr.findings, byFolder.get(fr.folder) ?? 0, fr.folder);
    const sev = report.findings.bySeverity;
    assert.equal(sev.error + sev.warning + sev.info, all.length);
    assert.equal(report.totals.filesWithFindings, ins.filter((i) => i.findings.length).length);
  });

  it('secrets moved = lookups, still in code = findings, share and score follow the documented formula', () => {
    const lookups = Object.values(labels.files).reduce((a, l) => a + l.lookups, 0);
    assert.equal(report.secrets.movedToSecretsManager, lookups);
    assert.equal(report.secrets.stillInCode, report.totals.findings);
    assert.equal(report.secrets.movedShare, Math.round((lookups / (lookups + report.totals.findings)) * 10000) / 10000);
    const c = report.clients.byClass;
    const C = (c['default-chain'] + 0.5 * c['config-or-env']) / report.totals.clients;
    const S = lookups / (lookups + report.totals.findings);
    assert.equal(report.score.value, Math.round(100 * (C + S) / 2));
  });

  it('findings are listed with masked values only', () => {
    for (const f of report.findings.items) assert.ok(f.secretMasked.endsWith('…') && f.secretMasked.length <= 5, f.secretMasked);
  });

  it('re-masks a finding that carries more than a mask', () => {
    const f: Finding = { ...ins.find((i) => i.findings.length)!.findings[0], secretMasked: 'AKIAQQQQQQQQQQQQQQQQ' };
    const r = buildReport([{ path: 'x.ts', text: '', findings: [f] }]);
    assert.ok(r.findings.items[0].secretMasked.length <= 5);
  });
});

describe('report: score', () => {
  it('is 100 with nothing to count, and drops with static clients and secrets in code', () => {
    assert.equal(computeScore({ 'default-chain': 0, static: 0, 'config-or-env': 0 }, 0, 0).value, 100);
    assert.equal(computeScore({ 'default-chain': 4, static: 0, 'config-or-env': 0 }, 0, 0).value, 100);
    assert.equal(computeScore({ 'default-chain': 0, static: 4, 'config-or-env': 0 }, 0, 0).value, 0);
    assert.equal(computeScore({ 'default-chain': 2, static: 0, 'config-or-env': 2 }, 0, 0).value, 75);
    assert.equal(computeScore({ 'default-chain': 1, static: 1, 'config-or-env': 0 }, 1, 3).value, 38);
    assert.equal(computeScore({ 'default-chain': 0, static: 0, 'config-or-env': 0 }, 3, 1).grade, 'B');
  });
});

describe('report: renderers', () => {
  const ins = inputs();
  const secrets = rawSecrets(ins);
  const report = buildReport(ins, { tool: { name: 'credential-hygiene', version: 'test' } });

  it('JSON is valid, versioned, contains no secret and is byte-stable regardless of input order', () => {
    const json = renderJson(report);
    const parsed = JSON.parse(json) as HygieneReport;
    assert.equal(parsed.schema, 'credential-hygiene/hygiene-report');
    assert.equal(parsed.version, 1);
    assert.deepEqual(parsed.totals, report.totals);
    assertNoSecret(json, secrets, 'JSON');
    const again = renderJson(buildReport([...ins].reverse(), { tool: { name: 'credential-hygiene', version: 'test' } }));
    assert.equal(again, json);
  });

  it('Markdown has the summary, the tables and no secret', () => {
    const md = renderMarkdown(report, { maxRows: 1000 });
    assertNoSecret(md, secrets, 'Markdown');
    assert.match(md, /^# Credential hygiene report/);
    assert.ok(md.includes(`**Score: ${report.score.value}/100 (${report.score.grade})**`));
    assert.ok(md.includes(`| AWS SDK clients | ${report.totals.clients} in`));
    assert.ok(md.includes(`| Clients with static keys in code | ${report.clients.byClass.static} (`));
    for (const line of md.split('\n').filter((l) => l.startsWith('|'))) {
      const cells = line.replace(/\\\|/g, '').split('|').length;
      assert.ok(cells >= 3, line);
    }
    const staticRows = md.split('\n').filter((l) => /\| static \|/.test(l));
    assert.equal(staticRows.length, report.clients.byClass.static);
  });

  it('HTML is one self-contained page: strict CSP, nonce on the only style, no scripts, no remote loads, no secret', () => {
    const html = renderHtml(report, { nonce: 'dGVzdG5vbmNlMTIzNDU2' });
    assertNoSecret(html, secrets, 'HTML');
    assertBalancedHtml(html);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp, 'no CSP meta');
    assert.match(csp, /default-src &#39;none&#39;|default-src 'none'/);
    assert.match(csp, /style-src &#39;nonce-dGVzdG5vbmNlMTIzNDU2&#39;|style-src 'nonce-dGVzdG5vbmNlMTIzNDU2'/);
    assert.ok(!/unsafe-inline|unsafe-eval/.test(csp));
    assert.equal((html.match(/<style\b/g) ?? []).length, 1);
    assert.ok(html.includes('<style nonce="dGVzdG5vbmNlMTIzNDU2">'));
    assert.ok(!/<script\b/i.test(html), 'script element');
    assert.ok(!/\son\w+\s*=/i.test(html), 'inline event handler');
    assert.ok(!/\sstyle\s*=/i.test(html), 'inline style attribute (blocked by the CSP)');
    assert.ok(!/https?:\/\//i.test(html), 'http(s) URL in the page');
    assert.ok(!/\b(?:src|href)\s*=/i.test(html), 'resource reference');
    assert.ok(!/url\(/i.test(html), 'CSS url()');
    assert.ok(!/@import/i.test(html), 'CSS import');
    assert.ok(html.includes('var(--vscode-foreground'), 'not theme-aware');
    assert.ok((html.match(/<svg\b/g) ?? []).length >= 3, 'charts missing');
    assert.ok(html.includes(`<span class="value">${report.score.value}</span>`));
  });

  it('HTML escapes hostile paths and reasons', () => {
    const evil = '<script>alert(1)</script>"><img src=x onerror=alert(1)>.ts';
    const text = `import { S3Client } from "@aws-sdk/client-s3";\nnew S3Client({ credentials: { accessKeyId: "${keys.AKID}", secretAccessKey: "${keys.ASKEY}" } });`;
    const r = buildReport([{ path: evil, text, findings: scan(text, { path: 'x.ts' }) }]);
    const html = renderHtml(r, { nonce: 'bm9uY2Vub25jZQ==' });
    assert.ok(!html.includes('<script>'));
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('&lt;script&gt;'));
    const md = renderMarkdown(r);
    assert.ok(!md.includes('<script>'));
    assertNoSecret(html + md + renderJson(r), [keys.AKID, keys.ASKEY], 'hostile report');
  });

  it('uses a fresh random nonce by default and rejects a malformed one', () => {
    const a = /nonce-([^&']+)/.exec(renderHtml(report))![1];
    const b = /nonce-([^&']+)/.exec(renderHtml(report))![1];
    assert.notEqual(a, b);
    assert.throws(() => renderHtml(report, { nonce: "x' 'unsafe-inline" }));
  });

  it('renders an empty report', () => {
    const r = buildReport([]);
    assert.equal(r.score.value, 100);
    assertBalancedHtml(renderHtml(r, { nonce: 'ZW1wdHlub25jZQ==' }));
    assert.match(renderMarkdown(r), /Files scanned \| 0/);
    assert.equal(JSON.parse(renderJson(r)).totals.files, 0);
  });
});

describe('report: CLI `credential-hygiene report`', () => {
  let dir: string;
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), isTTY: false, cwd: process.cwd() };
    return { io, out, err };
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ch-report-'));
    for (const [p, text] of fixtures) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--format json: exit 0, counts equal the labels, no secret on stdout', async () => {
    const { io, out } = capture();
    assert.equal(await runReport([dir, '--format', 'json'], io), 0);
    const r = JSON.parse(out.join('')) as HygieneReport;
    for (const k of CREDENTIAL_CLASSES) assert.equal(r.clients.byClass[k], Object.values(labels.files).reduce((a, l) => a + l[k], 0));
    assert.equal(r.totals.files, fixtures.size);
    assert.ok(r.totals.findings > 0);
    assertNoSecret(out.join(''), Object.values(keys), 'CLI JSON');
  });

  it('default markdown to stdout; --output writes html to a file', async () => {
    const md = capture();
    assert.equal(await runReport([dir], md.io), 0);
    assert.match(md.out.join(''), /^# Credential hygiene report/);
    const file = join(dir, 'report.html');
    const h = capture();
    assert.equal(await runReport([dir, '-f', 'html', '-o', file], h.io), 0);
    assert.equal(h.out.join(''), '');
    const html = readFileSync(file, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assertNoSecret(html, Object.values(keys), 'CLI HTML file');
    rmSync(file);
  });

  it('usage errors are UsageErrors (exit 2 through main), --help exits 0', async () => {
    await assert.rejects(runReport([dir, '--format', 'pdf'], capture().io), UsageError);
    await assert.rejects(runReport([join(dir, 'does-not-exist')], capture().io), UsageError);
    await assert.rejects(runReport([dir, '--max-file-size', '0'], capture().io), UsageError);
    const h = capture();
    assert.equal(await runReport(['--help'], h.io), 0);
    assert.match(h.out.join(''), /Usage: credential-hygiene report/);
    assert.deepEqual(parseReportArgs(['-f', 'md']), { paths: ['.'], format: 'markdown', output: undefined, excludeGlobs: [], gitignore: true, maxFileBytes: 2048 * 1024, checkRotation: false, trend: true });
  });
});
