/**
 * "Create secret in AWS Secrets Manager and rewrite" (`credentialHygiene.createSecretAndRewrite`): stores the
 * hardcoded value as a new secret with the user's own AWS credentials (default credential chain), then applies
 * the Secrets Manager rewrite so the code reads it from there.
 *
 * Safety:
 *  - explicit modal confirmation naming the secret id and region (never the value);
 *  - the value goes from the document text straight into the SDK call: it is never logged, shown, put in an
 *    error message or passed to a terminal (SDK errors are mapped to fixed messages by error name);
 *  - refused in an untrusted workspace; the region and endpoint settings are read from user settings only
 *    (`inspect().globalValue`; the settings are also `machine`/`application` scoped), so a repository cannot
 *    redirect the secret to an endpoint of its choosing; plain `http:` endpoints are accepted for loopback only;
 *  - the SDK is loaded on first use (dynamic import), not at activation.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { revealSecret, type Finding } from '../engine';
import { ActionOrder, type FindingActionProvider, type FindingWithDiagnostic } from './code-actions';
import { currentFindings, documentFor, refOf, resolveRef, type EditorActionContext, type FindingRef } from './editor-context';
import { editorFixes, fixesFor, noticeFor, toWorkspaceEdit, validateSecretId } from './fix-actions';
import { credentialSources, isRegion, profileOf, regionFromText, sdkRegion, type LocalAwsInputs } from '../remediation/aws-local-config';
import { toRange } from './diagnostics';
import { SECTION } from './settings';
import { identifiersBefore } from '../remediation/db-rotation';
import { offerRotation } from './rotation-offer';
import { loadAwsSdk } from './aws-sdk-loader';

const CREATE_SECRET_COMMAND = 'credentialHygiene.createSecretAndRewrite';

/** User-level settings only: a workspace value (if VS Code ever passed one) is ignored. */
function userSetting(key: string): string | undefined {
  const v = vscode.workspace.getConfiguration(SECTION).inspect<string>(key)?.globalValue;
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

const OPEN_SETTINGS = 'Open Settings';
const CONTINUE_ANYWAY = 'Continue (instance role)';
const CREDENTIALS_HELP = 'How to configure credentials';
const CREDENTIALS_HELP_URL = 'https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html';

/**
 * The Settings editor command for one of our settings. `machine`-scoped settings (the region) live in the
 * Remote settings when the extension host runs remotely (Remote-SSH, WSL, code-server): User settings would not
 * show them there.
 */
export function settingsCommandFor(key: 'aws.region' | 'aws.endpoint'): { command: string; query: string; where: string } {
  const query = `@id:${SECTION}.${key}`;
  if (key === 'aws.region' && vscode.env.remoteName) return { command: 'workbench.action.openRemoteSettings', query, where: 'Remote settings' };
  return { command: 'workbench.action.openSettings', query, where: 'User settings' };
}

async function openSetting(key: 'aws.region' | 'aws.endpoint'): Promise<void> {
  const { command, query } = settingsCommandFor(key);
  try {
    await vscode.commands.executeCommand(command, query);
  } catch {
    await vscode.commands.executeCommand('workbench.action.openSettings', query);
  }
}

function readIf(file: string | undefined): string {
  try {
    return file ? fs.readFileSync(file, 'utf8').slice(0, 1024 * 1024) : '';
  } catch {
    return '';
  }
}

/** Environment and shared AWS files of this extension host (what the SDK's default chain reads). */
function localAwsInputs(): LocalAwsInputs {
  const home = os.homedir();
  return {
    env: process.env,
    configText: readIf(process.env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config')),
    credentialsText: readIf(process.env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials')),
  };
}

/** A region the workspace names: the file being fixed, then `.env` files from its folder up to the root. */
function workspaceRegion(doc: vscode.TextDocument): { region: string; where: string } | undefined {
  const own = regionFromText(doc.getText());
  if (own) return { region: own, where: path.basename(doc.uri.path) || 'this file' };
  if (doc.uri.scheme !== 'file') return undefined;
  const root = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath;
  let dir = path.dirname(doc.uri.fsPath);
  for (let depth = 0; root && depth < 12 && dir.startsWith(root); depth++) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir).filter((n) => /^\.env(\.[\w.-]+)?$/.test(n)).sort();
    } catch {
      names = [];
    }
    for (const n of names) {
      const region = regionFromText(readIf(path.join(dir, n)));
      if (region) return { region, where: vscode.workspace.asRelativePath(path.join(dir, n), false) };
    }
    if (dir === root) break;
    dir = path.dirname(dir);
  }
  return undefined;
}

interface Preflight {
  region: string;
  /** Where the region came from (shown in the confirmation). */
  regionFrom: string;
  credentials: string[];
}

/**
 * Region and credentials, checked offline BEFORE the first prompt (issue 16 point 4): the region from the
 * user setting, the environment or the AWS profile; else one the workspace names is offered. Credentials: a
 * local source of the default chain must exist (the instance metadata service cannot be checked without a
 * network call, so the user may continue anyway). Every error has buttons.
 */
async function preflight(c: EditorActionContext, doc: vscode.TextDocument): Promise<Preflight | undefined> {
  const local = localAwsInputs();
  const setting = userSetting('aws.region');
  const { where } = settingsCommandFor('aws.region');
  if (setting && !isRegion(setting)) {
    const pick = await c.prompts.errorWithActions(`Setting credentialHygiene.aws.region ("${setting.slice(0, 32)}") is not an AWS region, e.g. eu-west-1. Fix it in ${where}.`, [OPEN_SETTINGS]);
    if (pick === OPEN_SETTINGS) await openSetting('aws.region');
    return undefined;
  }
  let region = setting;
  let regionFrom = setting ? 'credentialHygiene.aws.region' : '';
  if (!region) {
    region = sdkRegion(local);
    regionFrom = region ? (local.env.AWS_REGION || local.env.AWS_DEFAULT_REGION ? 'environment' : `AWS profile "${profileOf(local.env)}"`) : '';
  }
  if (!region) {
    const found = workspaceRegion(doc);
    const msg = `No AWS region is configured for creating secrets: set credentialHygiene.aws.region (${where}), AWS_REGION, or a region in your AWS profile.`;
    if (found) {
      const use = `Use ${found.region}`;
      const pick = await c.prompts.errorWithActions(`${msg} ${found.where} names ${found.region}.`, [use, OPEN_SETTINGS]);
      if (pick === use) {
        region = found.region;
        regionFrom = found.where;
      } else {
        if (pick === OPEN_SETTINGS) await openSetting('aws.region');
        return undefined;
      }
    } else {
      const pick = await c.prompts.errorWithActions(msg, [OPEN_SETTINGS]);
      if (pick === OPEN_SETTINGS) await openSetting('aws.region');
      return undefined;
    }
  }
  const credentials = credentialSources(local);
  if (!credentials.length) {
    const pick = await c.prompts.errorWithActions(
      `No AWS credentials found for the default credential chain: no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, no profile "${profileOf(local.env)}" with keys, SSO or a role in ~/.aws, ` +
        'no web identity or container credentials. Run "aws configure sso" (or "aws configure") and try again. On an EC2 instance with a role you can continue.',
      [CONTINUE_ANYWAY, CREDENTIALS_HELP],
    );
    if (pick === CREDENTIALS_HELP) await vscode.env.openExternal(vscode.Uri.parse(CREDENTIALS_HELP_URL));
    if (pick !== CONTINUE_ANYWAY) return undefined;
  }
  return { region, regionFrom, credentials };
}

/** https anywhere; http only on the loopback interface (local emulators, tests). */
function checkEndpoint(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (u.username || u.password) return 'must not contain credentials';
  if (u.protocol === 'https:') return undefined;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (u.protocol === 'http:' && (host === '127.0.0.1' || host === 'localhost' || host === '::1')) return undefined;
  return 'must use https (plain http only for 127.0.0.1/localhost)';
}

interface SdkError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** A fixed message per error kind: SDK messages are never shown (they are not ours to vet). */
function describeSdkError(err: unknown, id: string, region: string): string {
  const e = (err ?? {}) as SdkError;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const status = e.$metadata?.httpStatusCode;
  switch (name) {
    case 'CredentialsProviderError':
      return 'No AWS credentials found. Configure the default credential chain (environment variables, an AWS profile or SSO login, or a role) and try again.';
    case 'ResourceExistsException':
      return `A secret named "${id}" already exists in ${region}. Use "Load from AWS Secrets Manager" to read it, or choose another id.`;
    case 'AccessDeniedException':
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'ExpiredTokenException':
    case 'InvalidClientTokenId':
      return `AWS refused the request (${name}). Check that your credentials are valid and allow secretsmanager:CreateSecret in ${region}.`;
    case 'InvalidParameterException':
    case 'InvalidRequestException':
    case 'ValidationException':
      return `Secrets Manager rejected the request (${name}) for "${id}".`;
    case 'LimitExceededException':
    case 'ThrottlingException':
      return `Secrets Manager is throttling or at a limit (${name}); try again later.`;
    case 'TimeoutError':
      return 'Secrets Manager did not answer in time.';
    default: {
      const code = typeof e.code === 'string' && /^[A-Z0-9_]+$/.test(e.code) ? e.code : undefined;
      if (code) return `Could not reach Secrets Manager (${code}).`;
      return `Secrets Manager request failed (${name}${status ? `, HTTP ${status}` : ''}).`;
    }
  }
}

/** The finding under the active editor's cursor that has a Secrets Manager rewrite (command palette use). */
function findingAtCursor(c: EditorActionContext): { doc: vscode.TextDocument; finding: Finding } | undefined {
  const ed = vscode.window.activeTextEditor;
  if (!ed) return undefined;
  const doc = ed.document;
  const all = currentFindings(c, doc);
  const pos = ed.selection.active;
  const here = c.ctx.visible(doc.uri, all).filter((f) => toRange(f).contains(pos) || toRange(f).start.line === pos.line);
  const finding = here.find((f) => fixesFor(doc, f, all).some((x) => x.kind === 'secrets-manager'));
  return finding ? { doc, finding } : undefined;
}

async function createSecretAndRewrite(c: EditorActionContext, ref?: FindingRef): Promise<boolean> {
  if (!c.trust.isTrusted) {
    c.prompts.error('Creating secrets is disabled in Restricted Mode. Trust this workspace first (Manage Workspace Trust).');
    return false;
  }
  let doc: vscode.TextDocument | undefined;
  if (ref) doc = await documentFor(ref.uri);
  else {
    const at = findingAtCursor(c);
    if (at) {
      doc = at.doc;
      ref = refOf(doc.uri, at.finding);
    }
  }
  if (!doc || !ref) {
    c.prompts.error('Put the cursor on a hardcoded password, token or connection string first.');
    return false;
  }
  const first = resolveRef(c, doc, ref);
  const proposal = first && editorFixes(c, doc, first.finding, first.findings).find((f) => f.kind === 'secrets-manager');
  if (!first || !proposal?.secretId) {
    c.prompts.error('There is no Secrets Manager rewrite for this finding.');
    return false;
  }
  const endpoint = userSetting('aws.endpoint');
  if (endpoint) {
    const bad = checkEndpoint(endpoint);
    if (bad) {
      const pick = await c.prompts.errorWithActions(`Setting credentialHygiene.aws.endpoint ${bad}.`, [OPEN_SETTINGS]);
      if (pick === OPEN_SETTINGS) await openSetting('aws.endpoint');
      return false;
    }
  }
  // Region and credentials before the first prompt: never ask for a name that cannot be used.
  const pre = await preflight(c, doc);
  if (!pre) return false;
  const proposed = proposal.secretKey ? `${proposal.secretId}#${proposal.secretKey}` : proposal.secretId;
  const chosen = (
    await c.prompts.inputBox({
      title: 'Create secret in AWS Secrets Manager',
      prompt: 'Name of the new secret (append #key to store the value as one key of a JSON secret)',
      value: proposed,
      valueSelection: [0, proposed.includes('#') ? proposed.indexOf('#') : proposed.length],
      validateInput: validateSecretId,
    })
  )?.trim();
  if (!chosen || validateSecretId(chosen)) return false;

  const region = pre.region;
  const sdk = await loadAwsSdk();
  const client = new sdk.SecretsManagerClient({ region, ...(endpoint ? { endpoint } : {}) });
  try {
    const id = chosen.split('#')[0];
    const confirmed = await c.prompts.confirm(
      `Create the secret "${id}" in AWS Secrets Manager (${region}) and replace the hardcoded value in ${path.basename(doc.uri.path)} with a lookup?`,
      `Region ${region} from ${pre.regionFrom}; credentials from ${pre.credentials[0] ?? 'the instance role (not checked)'}. ` +
        `The value is sent only to Secrets Manager${endpoint ? ` at ${endpoint}` : ''}, signed with your AWS credentials (default credential chain). ` +
        'It is not shown, logged or stored anywhere else. It is still in your file history: rotate it once the code reads the new secret.',
      'Create Secret',
    );
    if (!confirmed) return false;

    // The document may have changed while the prompts were open: resolve the finding again.
    const found = resolveRef(c, doc, ref);
    const fix = found && fixesFor(doc, found.finding, found.findings, chosen).find((f) => f.kind === 'secrets-manager');
    if (!found || !fix) {
      c.prompts.error('The finding changed while the prompts were open; nothing was created.');
      return false;
    }
    const version = doc.version;
    // The variable name, read before the rewrite replaces the line (decides the rotation offer).
    const line = doc.lineAt(found.finding.start.line - 1).text;
    const names = identifiersBefore(line.slice(0, Math.max(0, found.finding.start.column - 1)));
    const value = revealSecret(found.finding, doc.getText());
    const secretString = fix.secretKey ? JSON.stringify({ [fix.secretKey]: value }) : value;
    try {
      await client.send(new sdk.CreateSecretCommand({ Name: fix.secretId ?? id, SecretString: secretString }));
    } catch (err) {
      const msg = describeSdkError(err, fix.secretId ?? id, region);
      c.log.warn(`create secret: ${msg}`);
      const name = (err as SdkError | undefined)?.name;
      const actions = name === 'ResourceExistsException' ? [] : [OPEN_SETTINGS];
      void c.prompts.errorWithActions(msg, actions).then(async (pick) => {
        if (pick === OPEN_SETTINGS) await openSetting(name === 'CredentialsProviderError' || !endpoint ? 'aws.region' : 'aws.endpoint');
      });
      return false;
    }
    c.secretIds.remember(doc.uri, chosen);
    c.log.info(`created secret "${fix.secretId ?? id}" in ${region}; rewriting ${path.basename(doc.uri.path)}`);
    let edit = fix;
    if (doc.version !== version) {
      const again = resolveRef(c, doc, ref);
      const f2 = again && fixesFor(doc, again.finding, again.findings, chosen).find((f) => f.kind === 'secrets-manager');
      if (!f2) {
        c.prompts.error(`Created secret "${fix.secretId ?? id}" in ${region}, but the document changed: apply "Load from AWS Secrets Manager" with that id.`);
        return false;
      }
      edit = f2;
    }
    const ok = await vscode.workspace.applyEdit(toWorkspaceEdit(doc, edit.edits));
    if (!ok) {
      c.prompts.error(`Created secret "${fix.secretId ?? id}" in ${region}, but the document could not be edited: apply "Load from AWS Secrets Manager" with that id.`);
      return false;
    }
    c.prompts.info(`Created secret "${fix.secretId ?? id}" in ${region}; the code now reads it from Secrets Manager. ${noticeFor(edit) ?? ''}`.trim());
    // A follow-up offer, not awaited: the command is done; rotation happens only if the user asks for it.
    void offerRotation(c, { kind: found.finding.kind, names, secretId: fix.secretId ?? id, region, endpoint }).catch((e) => c.log.error('rotation offer failed', e));
    return true;
  } finally {
    client.destroy();
  }
}

class CreateSecretActionProvider implements FindingActionProvider {
  constructor(private readonly c: EditorActionContext) {}

  provideFindingActions(document: vscode.TextDocument, items: readonly FindingWithDiagnostic[]): vscode.CodeAction[] {
    if (!this.c.trust.isTrusted) return [];
    const all = currentFindings(this.c, document);
    const out: vscode.CodeAction[] = [];
    for (const { finding, diagnostic } of items) {
      if (!editorFixes(this.c, document, finding, all).some((f) => f.kind === 'secrets-manager')) continue;
      const a = new vscode.CodeAction('Create secret in AWS Secrets Manager and rewrite…', vscode.CodeActionKind.QuickFix);
      a.diagnostics = [diagnostic];
      a.command = { command: CREATE_SECRET_COMMAND, title: a.title, arguments: [refOf(document.uri, finding)] };
      out.push(a);
    }
    return out;
  }
}

export function registerCreateSecret(c: EditorActionContext): vscode.Disposable {
  return vscode.Disposable.from(
    c.registerFindingActions(new CreateSecretActionProvider(c), ActionOrder.createSecret),
    vscode.commands.registerCommand('credentialHygiene.createSecretAndRewrite', (ref?: FindingRef) => createSecretAndRewrite(c, ref)),
  );
}
