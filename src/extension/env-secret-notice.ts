/**
 * After the `.env` Secrets Manager fix (issue 16 point 7): `DB_PASSWORD=…` became `DB_PASSWORD_SECRET_ID=<id>`,
 * so code that reads `DB_PASSWORD` now gets nothing. This finds those readers in the workspace and says exactly
 * what to do next: load the secret at start-up from the `_SECRET_ID` variable, or keep the variable and inject it
 * from Secrets Manager at deploy time (ECS `secrets`/`valueFrom`, the Lambda extension, External Secrets).
 */
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { findEnvReaders } from '../remediation/env-readers';

export const AFTER_ENV_SECRET_FIX = 'credentialHygiene.afterEnvSecretFix';
const SHOW_READERS_ACTION = 'Show readers';
const GUIDE_ACTION = 'How to inject it at deploy time';
/** AWS guide for ECS `secrets` / `valueFrom` (opened only when the user clicks). */
const DEPLOY_GUIDE_URL = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html';

const CODE_GLOB = '**/*.{js,mjs,cjs,jsx,ts,tsx,py,go,java,kt,kts,cs,rb,php,rs,sh,bash,yml,yaml,properties,tf,toml}';
const MAX_FILES = 3000;
const MAX_BYTES = 512 * 1024;

export interface ReaderLocation {
  uri: vscode.Uri;
  line: number;
  column: number;
}

/** Files in the workspace that read `name` (excluding node_modules, .git and files.exclude). */
async function findReaders(name: string, token?: vscode.CancellationToken): Promise<ReaderLocation[]> {
  const uris = await vscode.workspace.findFiles(CODE_GLOB, '{**/node_modules/**,**/.git/**}', MAX_FILES, token);
  const out: ReaderLocation[] = [];
  for (const uri of uris) {
    if (token?.isCancellationRequested) break;
    if (uri.scheme !== 'file') continue;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let text: string;
    try {
      if (open) text = open.getText();
      else {
        const st = await fs.stat(uri.fsPath);
        if (st.size > MAX_BYTES) continue;
        text = await fs.readFile(uri.fsPath, 'utf8');
      }
    } catch {
      continue;
    }
    for (const r of findEnvReaders(text, name)) out.push({ uri, line: r.line, column: r.column });
  }
  return out.sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()) || a.line - b.line);
}

export interface EnvFixPrompts {
  notify(message: string, actions: string[]): Thenable<string | undefined>;
}

/** Message naming the readers (relative paths and lines, at most 5) and the two ways forward. */
function envFixMessage(name: string, idVar: string, readers: readonly ReaderLocation[]): string {
  const where = readers.slice(0, 5).map((r) => `${vscode.workspace.asRelativePath(r.uri, true)}:${r.line}`);
  const found = readers.length
    ? `${readers.length} place${readers.length === 1 ? '' : 's'} in the workspace read ${name} (${where.join(', ')}${readers.length > 5 ? ', …' : ''}) and now get nothing.`
    : `No code in this workspace reads ${name}; check the apps that load this file.`;
  return (
    `${name} is now ${idVar} (the secret's id). ${found} Next: either load the secret at start-up from ${idVar} ` +
    `(the quick fix "Load from AWS Secrets Manager" on a reader does it), or keep ${name} and inject it from Secrets Manager at deploy time ` +
    '(ECS task definition `secrets` with `valueFrom`, the Lambda Parameters and Secrets extension, or External Secrets on Kubernetes).'
  );
}

export async function afterEnvSecretFix(prompts: EnvFixPrompts, name: unknown, idVar: unknown): Promise<ReaderLocation[] | undefined> {
  if (typeof name !== 'string' || typeof idVar !== 'string') return undefined;
  const cts = new vscode.CancellationTokenSource();
  const timer = setTimeout(() => cts.cancel(), 5000);
  let readers: ReaderLocation[] = [];
  try {
    readers = await findReaders(name, cts.token);
  } finally {
    clearTimeout(timer);
    cts.dispose();
  }
  const actions = [...(readers.length ? [SHOW_READERS_ACTION] : []), GUIDE_ACTION];
  void Promise.resolve(prompts.notify(envFixMessage(name, idVar, readers), actions)).then(async (pick) => {
    if (pick === SHOW_READERS_ACTION) {
      const r = readers[0];
      const pos = new vscode.Position(r.line - 1, r.column - 1);
      await vscode.window.showTextDocument(r.uri, { selection: new vscode.Range(pos, pos.translate(0, name.length)) });
      if (readers.length > 1) {
        await vscode.commands.executeCommand('workbench.action.findInFiles', { query: name, isRegex: false, matchWholeWord: true, triggerSearch: true });
      }
    } else if (pick === GUIDE_ACTION) {
      await vscode.env.openExternal(vscode.Uri.parse(DEPLOY_GUIDE_URL));
    }
  });
  return readers;
}
