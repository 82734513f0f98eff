/**
 * The assessment as Markdown and as an HTML section (with the monthly trend as an inline SVG bar chart: no
 * script, no remote resource). One section per question: verdict, evidence, next step, and the Well-Architected
 * practice it evidences. Pure.
 */
import { SCP_GUIDANCE } from './assessment';
import type { Assessment, MonthCount, Verdict } from './types';

const MARK: Record<Verdict['status'], string> = { good: '✅', attention: '⚠️', missing: '❌' };

/** Markdown-safe text (paths and secret ids come from the repository). */
function md(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/([[\]()*_|<>!])/g, '\\$1').replace(/[\r\n]+/g, ' ');
}

export function assessmentMarkdown(a: Assessment): string[] {
  const out: string[] = ['## Assessment', ''];
  out.push('| Question | Verdict |', '|---|---|');
  for (const v of a.verdicts) out.push(`| ${v.question}. ${v.title} | ${MARK[v.status]} ${md(v.verdict)} |`);
  out.push('');
  for (const v of a.verdicts) {
    out.push(`### ${v.question}. ${v.title}`, '');
    out.push(`${MARK[v.status]} **${md(v.verdict)}**`, '');
    out.push(`Evidences [${v.practice.id} ${v.practice.title}](${v.practice.url}).`, '');
    if (v.question === 2 && a.trend) {
      out.push('| Month | Credentials added | Removed |', '|---|--:|--:|');
      for (const m of a.trend) out.push(`| ${m.month} | ${m.added} | ${m.removed} |`);
      out.push('');
    }
    if (v.evidence.length) out.push(...v.evidence.map((e) => `- ${md(e)}`), '');
    for (const n of v.next) {
      const [first, ...rest] = n.split('\n');
      out.push(`Next: ${first.replace(/`([^`]+)`/g, (_m, c: string) => '`' + c + '`')}`);
      if (rest.length) out.push('', '```yaml', ...rest, '```');
      out.push('');
    }
    if (v.question === 3) {
      out.push('<details><summary>Service control policy (guidance only; nothing is applied)</summary>', '', '```json', JSON.stringify(SCP_GUIDANCE, null, 2), '```', '', '</details>', '');
    }
  }
  return out;
}

function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Grouped bars per month (added, removed), labelled, accessible (role=img + title). */
function trendSvg(months: readonly MonthCount[]): string {
  const w = 640;
  const h = 180;
  const pad = 28;
  const max = Math.max(1, ...months.map((m) => Math.max(m.added, m.removed)));
  const slot = (w - pad * 2) / Math.max(1, months.length);
  const bar = Math.max(2, slot / 3);
  const y = (n: number) => h - pad - ((h - pad * 2) * n) / max;
  const bars = months
    .map((m, i) => {
      const x = pad + i * slot + slot / 2 - bar;
      return (
        `<rect class="bad" x="${x.toFixed(1)}" y="${y(m.added).toFixed(1)}" width="${bar.toFixed(1)}" height="${(h - pad - y(m.added)).toFixed(1)}"><title>${esc(`${m.month}: ${m.added} added`)}</title></rect>` +
        `<rect class="ok" x="${(x + bar).toFixed(1)}" y="${y(m.removed).toFixed(1)}" width="${bar.toFixed(1)}" height="${(h - pad - y(m.removed)).toFixed(1)}"><title>${esc(`${m.month}: ${m.removed} removed`)}</title></rect>` +
        `<text x="${(x + bar).toFixed(1)}" y="${h - 8}" text-anchor="middle" class="axis">${esc(m.month.slice(2))}</text>`
      );
    })
    .join('');
  const total = months.reduce((n, m) => n + m.added, 0);
  return `<svg class="trend" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(`Credentials added and removed per month, last 12 months: ${total} added`)}"><line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" class="axisline"/>${bars}<text x="${pad}" y="14" class="axis">max ${max}/month · red added · green removed</text></svg>`;
}

export function assessmentHtml(a: Assessment): string {
  const cls: Record<Verdict['status'], string> = { good: 'ok', attention: 'warn', missing: 'bad' };
  const sections = a.verdicts.map((v) => {
    const chart = v.question === 2 && a.trend ? trendSvg(a.trend) : '';
    const scp = v.question === 3 ? `<details><summary>Service control policy (guidance only; nothing is applied)</summary><pre>${esc(JSON.stringify(SCP_GUIDANCE, null, 2))}</pre></details>` : '';
    return (
      `<section class="q"><h3>${v.question}. ${esc(v.title)}</h3>` +
      `<p class="verdict ${cls[v.status]}">${esc(v.verdict)}</p>` +
      `<p class="muted">Evidences <a href="${esc(v.practice.url)}">${esc(`${v.practice.id} ${v.practice.title}`)}</a></p>` +
      chart +
      (v.evidence.length ? `<ul>${v.evidence.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>` : '') +
      v.next.map((n) => `<p><strong>Next:</strong> ${n.includes('\n') ? `${esc(n.split('\n')[0])}<pre>${esc(n.split('\n').slice(1).join('\n'))}</pre>` : esc(n)}</p>`).join('') +
      scp +
      `</section>`
    );
  });
  return `<h2>Assessment</h2>\n${sections.join('\n')}`;
}
