/**
 * Rule documentation inside the editor, offline (issue 16): the Problems panel and hover link of a diagnostic
 * (`code.target`) runs `credentialHygiene.openRuleDocs`, which renders the rule's section from the rule table
 * bundled in the extension (the same generator as docs/rules.md) and opens it as a Markdown preview.
 * Without a rule id it shows the whole reference.
 */
import * as vscode from 'vscode';
import { BUILTIN_RULES, ruleById } from '../engine';
import { rulesReference } from '../cli/rules-doc';

export const OPEN_RULE_DOCS = 'credentialHygiene.openRuleDocs';

/** Command URI for a rule's docs (what the diagnostic's code links to). */
export function ruleDocsCommandUri(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(`command:${OPEN_RULE_DOCS}?${encodeURIComponent(JSON.stringify([ruleId]))}`);
}

const SUPPRESS_HELP = [
  '## If this is not a secret',
  '',
  'Use the quick fix (Ctrl+.) **Ignore … on this line** (`credential-hygiene:ignore <rule-id> -- <reason>`), **Ignore … in this file**, or **Add to baseline**.',
  '',
].join('\n');

/** Markdown for one rule (its generated section), or the whole reference. */
function ruleDocsMarkdown(ruleId?: string): string {
  if (!ruleId) return rulesReference(BUILTIN_RULES);
  const rule = ruleById(ruleId);
  if (!rule) {
    return `# ${ruleId}\n\nA custom rule from the project's \`.credential-hygiene.json\` (\`customRules\`): its description is in that file.\n\n${SUPPRESS_HELP}`;
  }
  // rulesReference() starts with the page header ("# Rules" + a generated note): keep only the rule's section.
  const section = rulesReference([rule]).split('\n');
  const at = section.findIndex((l) => l.startsWith('## '));
  return [`# ${rule.id}`, ...section.slice(at + 1), '', SUPPRESS_HELP, `[All rules](command:${OPEN_RULE_DOCS})`, ''].join('\n');
}

export async function openRuleDocs(context: vscode.ExtensionContext, ruleId?: unknown): Promise<vscode.Uri> {
  const id = typeof ruleId === 'string' && /^[\w.-]{1,100}$/.test(ruleId) ? ruleId : undefined;
  const dir = vscode.Uri.joinPath(context.globalStorageUri, 'rule-docs');
  await vscode.workspace.fs.createDirectory(dir);
  const file = vscode.Uri.joinPath(dir, `${id ?? 'all-rules'}.md`);
  await vscode.workspace.fs.writeFile(file, Buffer.from(ruleDocsMarkdown(id), 'utf8'));
  await vscode.commands.executeCommand('markdown.showPreview', file);
  return file;
}
