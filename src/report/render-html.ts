/**
 * One self-contained HTML page: inline CSS (nonce'd), inline SVG charts, no scripts, no remote resources, a strict
 * Content-Security-Policy. Colours come from the CSS variables VS Code webviews define (`--vscode-foreground`,
 * `--vscode-charts-*`…) with light/dark fallbacks for a plain browser.
 */
import { randomBytes } from 'node:crypto';
import { assessmentHtml } from './render-assessment';
import { CLASS_LABEL, LANGUAGE_LABEL, pct, plural } from './format';
import { CREDENTIAL_CLASSES, type CredentialClass, type HygieneReport } from './types';

export interface HtmlOptions {
  /** Nonce for the inline <style>; random by default. */
  nonce?: string;
  /** A webview's `cspSource`, added to `style-src` / `img-src` (not needed: the page loads nothing). */
  cspSource?: string;
  title?: string;
  /** Row limit for tables (default 200). */
  maxRows?: number;
}

function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CLASS_CSS: Record<CredentialClass, string> = { 'default-chain': 'ok', static: 'bad', 'config-or-env': 'warn' };
const n1 = (x: number) => (Math.round(x * 100) / 100).toString();

function css(): string {
  return `
:root {
  --ch-fg: var(--vscode-foreground, #1f2328);
  --ch-muted: var(--vscode-descriptionForeground, #59636e);
  --ch-bg: var(--vscode-editor-background, #ffffff);
  --ch-card: var(--vscode-editorWidget-background, #f6f8fa);
  --ch-border: var(--vscode-panel-border, var(--vscode-widget-border, #d1d9e0));
  --ch-ok: var(--vscode-charts-green, #1a7f37);
  --ch-bad: var(--vscode-charts-red, #cf222e);
  --ch-warn: var(--vscode-charts-yellow, #9a6700);
  --ch-info: var(--vscode-charts-blue, #0969da);
  --ch-track: var(--vscode-input-background, #eaeef2);
  --ch-font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  --ch-mono: var(--vscode-editor-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --ch-fg: var(--vscode-foreground, #e6edf3);
    --ch-muted: var(--vscode-descriptionForeground, #9198a1);
    --ch-bg: var(--vscode-editor-background, #0d1117);
    --ch-card: var(--vscode-editorWidget-background, #151b23);
    --ch-border: var(--vscode-panel-border, var(--vscode-widget-border, #3d444d));
    --ch-ok: var(--vscode-charts-green, #3fb950);
    --ch-bad: var(--vscode-charts-red, #f85149);
    --ch-warn: var(--vscode-charts-yellow, #d29922);
    --ch-info: var(--vscode-charts-blue, #4493f8);
    --ch-track: var(--vscode-input-background, #262c36);
  }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; background: var(--ch-bg); color: var(--ch-fg); font: 13px/1.5 var(--ch-font); }
main { max-width: 1100px; margin: 0 auto; }
h1 { font-size: 20px; margin: 0 0 4px; font-weight: 600; }
h2 { font-size: 15px; margin: 28px 0 10px; font-weight: 600; }
p.sub, .muted { color: var(--ch-muted); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(250px, 1fr)); gap: 16px; margin-top: 16px; }
.card { background: var(--ch-card); border: 1px solid var(--ch-border); border-radius: 6px; padding: 14px 16px; }
.card h3 { margin: 0 0 8px; font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color: var(--ch-muted); }
.score { display: flex; align-items: baseline; gap: 10px; }
.score .value { font-size: 40px; font-weight: 700; line-height: 1; }
.score .grade { font-size: 20px; font-weight: 700; padding: 2px 10px; border-radius: 4px; border: 2px solid currentColor; }
.g-A, .g-B { color: var(--ch-ok); } .g-C { color: var(--ch-warn); } .g-D, .g-F { color: var(--ch-bad); }
.kpi { font-size: 22px; font-weight: 600; }
svg { display: block; max-width: 100%; }
svg text { fill: var(--ch-fg); font: 12px var(--ch-font); }
svg text.muted { fill: var(--ch-muted); }
svg text.centre { font-size: 7px; font-weight: 700; }
.track { fill: none; stroke: var(--ch-track); }
.seg { fill: none; }
.seg.ok { stroke: var(--ch-ok); } .seg.bad { stroke: var(--ch-bad); } .seg.warn { stroke: var(--ch-warn); } .seg.info { stroke: var(--ch-info); }
rect.bar-bg { fill: var(--ch-track); }
svg .axis { fill: var(--ch-muted); font-size: 10px; } svg .axisline { stroke: var(--ch-border); }
.verdict.ok { color: var(--ch-ok); font-weight: 600; } .verdict.warn { color: var(--ch-warn); font-weight: 600; } .verdict.bad { color: var(--ch-bad); font-weight: 600; }
section.q pre { background: var(--ch-card); padding: 8px; overflow: auto; font-family: var(--ch-mono); }
rect.ok { fill: var(--ch-ok); } rect.bad { fill: var(--ch-bad); } rect.warn { fill: var(--ch-warn); } rect.info { fill: var(--ch-info); }
.legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 14px; }
.legend li::before { content: ""; display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; background: var(--sw); }
.legend .ok { --sw: var(--ch-ok); } .legend .bad { --sw: var(--ch-bad); } .legend .warn { --sw: var(--ch-warn); } .legend .info { --sw: var(--ch-info); }
table { width: 100%; border-collapse: collapse; margin-top: 6px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--ch-border); vertical-align: top; }
th { font-weight: 600; color: var(--ch-muted); font-size: 12px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, .path { font-family: var(--ch-mono); font-size: 12px; }
td.path { min-width: 14em; }
.path { overflow-wrap: anywhere; }
.pill { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 11px; border: 1px solid currentColor; white-space: nowrap; }
.pill.ok { color: var(--ch-ok); } .pill.bad { color: var(--ch-bad); } .pill.warn { color: var(--ch-warn); }
footer { margin-top: 28px; color: var(--ch-muted); font-size: 12px; }
body.vscode-high-contrast .card, body.vscode-high-contrast-light .card { border-color: var(--vscode-contrastBorder, currentColor); }
body.vscode-high-contrast rect.ok, body.vscode-high-contrast rect.bad, body.vscode-high-contrast rect.warn, body.vscode-high-contrast rect.info { stroke: var(--vscode-contrastBorder, currentColor); stroke-width: 1; }
`;
}

/** Donut: stroke-dasharray on a circle whose circumference is 100. */
function donut(parts: { value: number; css: string; label: string }[], centre: string, caption: string, id: string): string {
  const sum = parts.reduce((a, p) => a + p.value, 0);
  const r = 15.9155;
  let offset = 25; // start at 12 o'clock
  const segs = sum
    ? parts
        .filter((p) => p.value > 0)
        .map((p) => {
          const len = (100 * p.value) / sum;
          const s = `<circle class="seg ${p.css}" cx="21" cy="21" r="${r}" stroke-width="5" stroke-dasharray="${n1(len)} ${n1(100 - len)}" stroke-dashoffset="${n1(offset)}"><title>${esc(p.label)}: ${p.value}</title></circle>`;
          offset -= len;
          return s;
        })
        .join('')
    : '';
  return (
    `<svg viewBox="0 0 42 42" width="150" height="150" role="img" aria-labelledby="${id}"><title id="${id}">${esc(caption)}</title>` +
    `<circle class="track" cx="21" cy="21" r="${r}" stroke-width="5"/>${segs}` +
    `<text x="21" y="22.5" text-anchor="middle" class="centre">${esc(centre)}</text></svg>`
  );
}

/** Horizontal bars; each row may be stacked. */
function bars(rows: { label: string; parts: { value: number; css: string; title: string }[] }[], caption: string, id: string): string {
  if (!rows.length) return '<p class="muted">Nothing to show.</p>';
  const max = Math.max(1, ...rows.map((r) => r.parts.reduce((a, p) => a + p.value, 0)));
  const labelW = 190;
  const barW = 360;
  const rowH = 24;
  const h = rows.length * rowH + 4;
  const body = rows
    .map((r, i) => {
      const y = i * rowH + 4;
      let x = labelW;
      const sum = r.parts.reduce((a, p) => a + p.value, 0);
      const rects = r.parts
        .filter((p) => p.value > 0)
        .map((p) => {
          const w = (barW * p.value) / max;
          const s = `<rect class="${p.css}" x="${n1(x)}" y="${y}" width="${n1(Math.max(w, 1))}" height="16" rx="2"><title>${esc(p.title)}: ${p.value}</title></rect>`;
          x += w;
          return s;
        })
        .join('');
      const label = r.label.length > 28 ? '…' + r.label.slice(-27) : r.label;
      return (
        `<text x="${labelW - 8}" y="${y + 12}" text-anchor="end"><title>${esc(r.label)}</title>${esc(label)}</text>` +
        `<rect class="bar-bg" x="${labelW}" y="${y}" width="${barW}" height="16" rx="2"/>${rects}` +
        `<text x="${n1(x + 6)}" y="${y + 12}" class="muted">${sum}</text>`
      );
    })
    .join('');
  return `<svg viewBox="0 0 ${labelW + barW + 50} ${h}" width="${labelW + barW + 50}" height="${h}" role="img" aria-labelledby="${id}"><title id="${id}">${esc(caption)}</title>${body}</svg>`;
}

function legend(items: { css: string; label: string }[]): string {
  return `<ul class="legend">${items.map((i) => `<li class="${i.css}">${esc(i.label)}</li>`).join('')}</ul>`;
}

export function renderHtml(report: HygieneReport, opts: HtmlOptions = {}): string {
  const nonce = opts.nonce ?? randomBytes(18).toString('base64');
  if (!/^[A-Za-z0-9+/=_-]{8,}$/.test(nonce)) throw new Error('renderHtml: nonce must be at least 8 base64 characters');
  const extra = opts.cspSource && /^[\w\-.:/*' ]+$/.test(opts.cspSource) ? ` ${opts.cspSource}` : '';
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'${extra}; img-src data:${extra}; font-src 'none'; script-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'`;
  const max = opts.maxRows ?? 200;
  const title = opts.title ?? 'Credential hygiene report';
  const t = report.totals;
  const c = report.clients;
  const s = report.secrets;

  const classParts = CREDENTIAL_CLASSES.map((k) => ({ value: c.byClass[k], css: CLASS_CSS[k], label: CLASS_LABEL[k] }));
  const clientDonut = donut(classParts, t.clients ? pct(c.shares['default-chain']) : '–', `AWS SDK clients by credential source: ${CREDENTIAL_CLASSES.map((k) => `${CLASS_LABEL[k]} ${c.byClass[k]}`).join(', ')}`, 'donut-clients');
  const secretDonut = donut(
    [
      { value: s.movedToSecretsManager, css: 'ok', label: 'Secrets Manager lookups' },
      { value: s.stillInCode, css: 'bad', label: 'Secrets still in code' },
    ],
    s.movedShare === null ? '–' : pct(s.movedShare),
    `Secrets moved to Secrets Manager: ${s.movedToSecretsManager} lookups, ${s.stillInCode} findings still in code`,
    'donut-secrets',
  );
  const langRows = Object.entries(c.byLanguage).map(([lang, counts]) => ({
    label: LANGUAGE_LABEL[lang] ?? lang,
    parts: CREDENTIAL_CLASSES.map((k) => ({ value: counts![k], css: CLASS_CSS[k], title: CLASS_LABEL[k] })),
  }));
  const kindRows = Object.entries(report.findings.byKind)
    .sort((a, b) => b[1]! - a[1]! || (a[0] < b[0] ? -1 : 1))
    .slice(0, 15)
    .map(([k, v]) => ({ label: k, parts: [{ value: v!, css: 'bad', title: 'findings' }] }));
  const folderRows = [...report.folders]
    .sort((a, b) => b.findings + b.clients.static - (a.findings + a.clients.static) || (a.folder < b.folder ? -1 : 1))
    .slice(0, 12)
    .map((f) => ({
      label: f.folder,
      parts: [
        { value: f.findings, css: 'bad', title: 'findings' },
        { value: f.clients.static, css: 'warn', title: 'static clients' },
        { value: f.secretsManagerLookups, css: 'ok', title: 'Secrets Manager lookups' },
      ],
    }));

  const risky = c.items.filter((i) => i.class !== 'default-chain');
  const clientTable = risky.length
    ? `<table><thead><tr><th>Location</th><th>Client</th><th>Class</th><th>Why</th></tr></thead><tbody>${risky
        .slice(0, max)
        .map((i) => `<tr><td class="path">${esc(i.path)}:${i.line}</td><td><code>${esc(i.construct)}</code></td><td><span class="pill ${CLASS_CSS[i.class]}">${esc(CLASS_LABEL[i.class])}</span></td><td>${esc(i.reason)}</td></tr>`)
        .join('')}</tbody></table>${risky.length > max ? `<p class="muted">… ${risky.length - max} more</p>` : ''}`
    : '<p class="muted">Every AWS SDK client found uses the default credential chain or a role.</p>';
  const files = [...report.files].sort((a, b) => b.findings + b.clients.static - (a.findings + a.clients.static) || (a.path < b.path ? -1 : 1));
  const fileTable = files.length
    ? `<table><thead><tr><th>File</th><th class="num">Findings</th><th class="num">Static</th><th class="num">Config/env</th><th class="num">Default chain</th><th class="num">SM lookups</th></tr></thead><tbody>${files
        .slice(0, max)
        .map((r) => `<tr><td class="path">${esc(r.path)}</td><td class="num">${r.findings}</td><td class="num">${r.clients.static}</td><td class="num">${r.clients['config-or-env']}</td><td class="num">${r.clients['default-chain']}</td><td class="num">${r.secretsManagerLookups}</td></tr>`)
        .join('')}</tbody></table>${files.length > max ? `<p class="muted">… ${files.length - max} more files</p>` : ''}`
    : '<p class="muted">No findings, clients or lookups.</p>';
  const findingTable = report.findings.items.length
    ? `<table><thead><tr><th>Location</th><th>Kind</th><th>Rule</th><th>Severity</th><th>Value</th></tr></thead><tbody>${report.findings.items
        .slice(0, max)
        .map((f) => `<tr><td class="path">${esc(f.path)}:${f.line}:${f.column}</td><td><code>${esc(f.kind)}</code></td><td><code>${esc(f.ruleId)}</code></td><td>${esc(f.severity)}</td><td><code>${esc(f.secretMasked)}</code></td></tr>`)
        .join('')}</tbody></table>${report.findings.items.length > max ? `<p class="muted">… ${report.findings.items.length - max} more findings</p>` : ''}`
    : '<p class="muted">No credentials found in code.</p>';

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style nonce="${esc(nonce)}">${css()}</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
<p class="sub">${esc(plural(t.files, 'file'))} scanned · ${esc(plural(t.clients, 'AWS SDK client'))} · ${esc(plural(t.findings, 'finding'))} · ${esc(plural(t.secretsManagerLookups, 'Secrets Manager lookup'))}${report.generatedAt ? ` · ${esc(report.generatedAt)}` : ''}</p>
<div class="grid">
  <section class="card" aria-label="Score">
    <h3>Hygiene score</h3>
    <div class="score"><span class="value">${report.score.value}</span><span class="muted">/ 100</span><span class="grade g-${report.score.grade}">${report.score.grade}</span></div>
    <p class="muted">Clients component ${pct(report.score.clients)} · secrets component ${pct(report.score.secrets)}</p>
  </section>
  <section class="card" aria-label="AWS SDK clients">
    <h3>Roles vs durable keys</h3>
    ${clientDonut}
    ${legend(CREDENTIAL_CLASSES.map((k) => ({ css: CLASS_CSS[k], label: `${CLASS_LABEL[k]}: ${c.byClass[k]} (${pct(c.shares[k])})` })))}
  </section>
  <section class="card" aria-label="Secrets Manager">
    <h3>Secrets moved to Secrets Manager</h3>
    ${secretDonut}
    ${legend([
      { css: 'ok', label: `Lookups: ${s.movedToSecretsManager}` },
      { css: 'bad', label: `Still in code: ${s.stillInCode}` },
    ])}
  </section>
</div>
<h2>AWS SDK clients by language</h2>
${bars(langRows, 'AWS SDK clients by language and credential source', 'bars-lang')}
${langRows.length ? legend(CREDENTIAL_CLASSES.map((k) => ({ css: CLASS_CSS[k], label: CLASS_LABEL[k] }))) : ''}
<h2>Findings by kind</h2>
${bars(kindRows, 'Credential findings by kind', 'bars-kind')}
<h2>Folders</h2>
${bars(folderRows, 'Findings, static clients and Secrets Manager lookups per folder', 'bars-folder')}
${folderRows.length ? legend([{ css: 'bad', label: 'Findings' }, { css: 'warn', label: 'Static clients' }, { css: 'ok', label: 'Secrets Manager lookups' }]) : ''}
<h2>Clients not on the default chain</h2>
${clientTable}
<h2>Files</h2>
${fileTable}
<h2>Findings <span class="muted">(values masked)</span></h2>
${findingTable}
${report.assessment ? assessmentHtml(report.assessment) : ''}
${report.history ? `<h2>Git history</h2>\n<p>${esc(`${report.history.commits} commits scanned${report.history.partial ? ` (partial: ${report.history.partial})` : ''}: ${report.history.onlyInHistory} secrets found only in history, still to rotate; ${report.history.stillInHead} also still in HEAD.`)}</p>` : ''}
<footer>${esc(report.score.formula)}${report.tool ? ` · ${esc(report.tool.name)} ${esc(report.tool.version)}` : ''} · report schema v${report.version}</footer>
</main>
</body>
</html>
`;
}
