/**
 * "Credential Hygiene: Scan Git History" and the actions on its results. git streams the history in a child
 * process and the rules run on the shared worker pool; the extension host only splits the stream into file
 * diffs and runs the keyword prefilter (a table lookup per character), one pipe chunk at a time, so it is never
 * blocked for long. Per finding: copy the commit id, open the file
 * as it was in that commit (read-only `credential-hygiene-git:` document from `git show`), and AWS rotation
 * guidance whose commands carry the real key id only on the clipboard.
 */
import * as vscode from 'vscode';
import { git, GitError } from '../node/git';
import type { HistoryFinding } from '../node/git-history';
import { rotationGuidance, type RotationGuidance } from '../node/git-history-guidance';
import { describeError, type Logger } from './log';
import type { PoolHolder } from './pool';
import type { ScanContext } from './scan-context';
import { HISTORY_COMMANDS, type HistoryNode, type HistoryResults } from './history-view';

const GIT_SCHEME = 'credential-hygiene-git';
/** `git show` of a larger blob is not opened (the document would be huge and is never needed whole). */
const MAX_SHOW_BYTES = 8 * 1024 * 1024;

type FindingNode = Extract<HistoryNode, { type: 'historyFinding' }>;

export interface HistoryDeps {
  pool: PoolHolder;
  log: Logger;
  results: HistoryResults;
  /** Settings and contributors (custom rules, suppressions) apply to history as to the workspace's files. */
  ctx: ScanContext;
  /** The running scan's cancellation (the progress notification's Cancel button or the cancel command). */
  running?: AbortController;
}

export function registerHistory(deps: HistoryDeps): vscode.Disposable {
  const guides = new Map<string, string>();
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const q = JSON.parse(uri.query || '{}') as { top?: string; sha?: string; file?: string; guide?: string };
      if (q.guide) return guides.get(q.guide) ?? 'This guidance is no longer available: open it again from the History view.\n';
      if (!q.top || !q.sha || !q.file || !/^[0-9a-f]{7,64}$/.test(q.sha)) return 'Not a file revision.\n';
      const size = Number((await git(q.top, ['cat-file', '-s', `${q.sha}:${q.file}`])).toString('utf8').trim());
      if (size > MAX_SHOW_BYTES) return `${q.file} at ${q.sha.slice(0, 12)} is ${Math.round(size / 1048576)} MB: too large to open here. Use: git show ${q.sha.slice(0, 12)}:${q.file}\n`;
      return (await git(q.top, ['show', `${q.sha}:${q.file}`])).toString('utf8');
    },
  };

  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(GIT_SCHEME, provider),
    vscode.commands.registerCommand(HISTORY_COMMANDS.scan, (folder?: vscode.Uri) => scanCommand(deps, folder)),
    vscode.commands.registerCommand(HISTORY_COMMANDS.clear, () => deps.results.clear()),
    vscode.commands.registerCommand(HISTORY_COMMANDS.cancel, () => deps.running?.abort()),
    vscode.commands.registerCommand(HISTORY_COMMANDS.copyCommit, async (node?: FindingNode) => {
      if (!node?.item) return;
      await vscode.env.clipboard.writeText(node.item.commit.sha);
      vscode.window.setStatusBarMessage(`Copied commit ${node.item.commit.sha.slice(0, 12)}`, 3000);
      return node.item.commit.sha;
    }),
    vscode.commands.registerCommand(HISTORY_COMMANDS.openAtCommit, async (node?: FindingNode) => {
      if (!node?.item) return;
      const { item: h, top } = node;
      const uri = vscode.Uri.from({ scheme: GIT_SCHEME, path: `/${h.commit.sha.slice(0, 7)}/${h.file}`, query: JSON.stringify({ top, sha: h.commit.sha, file: h.file }) });
      const f = h.finding;
      const range = new vscode.Range(f.start.line - 1, f.start.column - 1, f.end.line - 1, f.end.column - 1);
      try {
        return await vscode.window.showTextDocument(uri, { selection: range, preview: true });
      } catch (e) {
        void vscode.window.showErrorMessage(`Could not open ${h.file} at ${h.commit.sha.slice(0, 12)}: ${describeError(e)}`);
        return undefined;
      }
    }),
    vscode.commands.registerCommand(HISTORY_COMMANDS.guidance, (node?: FindingNode, choice?: 'deactivate' | 'delete' | 'keyId' | 'document') =>
      guidanceCommand(deps, guides, node, choice),
    ),
  );
}

async function scanCommand(deps: HistoryDeps, folder?: vscode.Uri): Promise<number | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Scanning git history runs git in the repository: trust the workspace first.');
    return undefined;
  }
  const target = folder ?? (await pickFolder());
  if (!target) return undefined;
  if (target.scheme !== 'file') {
    void vscode.window.showErrorMessage('Git history can only be scanned for folders on disk.');
    return undefined;
  }
  const pool = await deps.pool.get();
  // Loaded on first use: none of this is needed for activation.
  const [{ scanGitHistory }, { applyPolicy }] = await Promise.all([import('../node/git-history'), import('../node/policy')]);
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Credential Hygiene: scanning git history', cancellable: true },
      async (progress, token) => {
        deps.running?.abort();
        const abort = (deps.running = new AbortController());
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          const top = vscode.Uri.file(await gitTop(target.fsPath));
          return await scanGitHistory({
            cwd: target.fsPath,
            pool,
            signal: abort.signal,
            scan: deps.ctx.workerOptionsFor(target),
            // A historical path is judged as that path in today's work tree: exclude globs, kinds, severity
            // `off`, suppressions (baseline, config) and inline ignores in the added text.
            include: (file) => deps.ctx.isScanned(vscode.Uri.joinPath(top, file)),
            policy: (file, text, findings) => {
              const uri = vscode.Uri.joinPath(top, file);
              const inline = applyPolicy(text, findings, { inlineIgnores: true }).kept;
              let kept = inline;
              try {
                kept = deps.ctx.filter(uri, inline, text);
              } catch (e) {
                deps.log.warn(`history: a suppression filter failed for ${file}: ${describeError(e)}`);
              }
              return deps.ctx.visible(uri, kept);
            },
            onProgress: (p) => progress.report({ message: `${p.commits} commits, ${p.files} file changes` }),
          });
        } finally {
          sub.dispose();
          if (deps.running === abort) deps.running = undefined;
        }
      },
    );
    deps.results.set(result);
    const n = result.findings.length;
    const inHead = result.findings.filter((f) => f.inHead).length;
    deps.log.info(`git history scan of ${result.top}: ${result.commits} commits, ${n} secrets (${inHead} still in HEAD)${result.partial ? `; partial: ${result.partial}` : ''}`);
    const msg = n
      ? `${n} secret${n === 1 ? '' : 's'} in git history (${inHead} still in HEAD): rotate them; see the History node of the Findings view.`
      : `No credentials found in ${result.commits} commits of git history.`;
    void vscode.window.showInformationMessage(result.partial ? `${msg} History is partial (${result.partial}).` : msg);
    return n;
  } catch (e) {
    if ((e as Error).name === 'AbortError') {
      deps.log.info('git history scan cancelled');
      return undefined;
    }
    const message = e instanceof GitError ? e.message : describeError(e);
    deps.log.warn(`git history scan failed: ${message}`);
    void vscode.window.showErrorMessage(`Credential Hygiene: cannot scan git history: ${message}`);
    return undefined;
  }
}

async function gitTop(dir: string): Promise<string> {
  const { gitTopLevel } = await import('../node/git-history');
  return gitTopLevel(dir);
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Open a folder in a git repository to scan its history.');
    return undefined;
  }
  if (folders.length === 1) return folders[0].uri;
  const pick = await vscode.window.showQuickPick(
    folders.map((f) => ({ label: f.name, description: f.uri.fsPath, uri: f.uri })),
    { placeHolder: 'Scan the git history of which folder?' },
  );
  return pick?.uri;
}

/** The key id for a finding: its own (key id findings) or its pair's (a secret key added with a key id). */
function keyIdFor(deps: HistoryDeps, node: FindingNode): string | undefined {
  if (node.item.keyId) return node.item.keyId;
  if (!node.item.finding.kind.startsWith('aws-')) return undefined;
  const same = (o: HistoryFinding): boolean => o.file === node.item.file && o.commit.sha === node.item.commit.sha && !!o.keyId;
  return deps.results.all().flatMap((r) => r.findings).find(same)?.keyId;
}

async function guidanceCommand(
  deps: HistoryDeps,
  guides: Map<string, string>,
  node: FindingNode | undefined,
  choice?: 'deactivate' | 'delete' | 'keyId' | 'document',
): Promise<RotationGuidance | undefined> {
  if (!node?.item) return undefined;
  const keyId = keyIdFor(deps, node);
  if (!keyId) {
    void vscode.window.showInformationMessage('Revoke or rotate this credential with its provider, then remove it from the code. Removing it from the code alone does not help: it stays in git history.');
    return undefined;
  }
  const g = rotationGuidance(keyId, { file: node.item.file, commit: node.item.commit.sha, inHead: node.item.inHead });
  const [, deactivate, del] = g.steps;
  const items: (vscode.QuickPickItem & { id: 'deactivate' | 'delete' | 'keyId' | 'document' })[] = [
    { id: 'deactivate', label: '$(copy) Copy deactivate command', description: deactivate.shown, detail: deactivate.title },
    { id: 'delete', label: '$(copy) Copy delete command', description: del.shown, detail: del.title },
    { id: 'keyId', label: '$(copy) Copy key id', description: g.keyIdMasked },
    { id: 'document', label: '$(book) Open rotation and history purge guide', description: g.account ? `account ${g.account}` : undefined },
  ];
  const picked =
    choice ??
    (await vscode.window.showQuickPick(items, { placeHolder: `AWS key ${g.keyIdMasked}${g.account ? ` · account ${g.account}` : ''}: rotate first, then purge history if you must` }))?.id;
  if (picked === 'deactivate' || picked === 'delete') {
    await vscode.env.clipboard.writeText((picked === 'deactivate' ? deactivate : del).command);
    vscode.window.setStatusBarMessage('Copied the command (key id included) to the clipboard', 3000);
  } else if (picked === 'keyId') {
    await vscode.env.clipboard.writeText(keyId);
    vscode.window.setStatusBarMessage(`Copied key id ${g.keyIdMasked}`, 3000);
  } else if (picked === 'document') {
    const id = `${node.item.finding.fingerprint}`;
    guides.set(id, g.markdown);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: GIT_SCHEME, path: `/rotate-${g.keyIdMasked.replace('…', '')}.md`, query: JSON.stringify({ guide: id }) }));
    await vscode.window.showTextDocument(doc, { preview: true });
  }
  deps.log.info(`rotation guidance shown for ${g.keyIdMasked}${picked ? ` (${picked})` : ''}`);
  return g;
}
