/**
 * Secret id proposals in the editor (issue 16 point 8): the remediation module proposes `<folder>/<env>/<name>`
 * from the path; this refines it with the environment the file names, the service name of the nearest
 * manifest (package.json, pyproject.toml, go.mod…) and the prefix the user chose last in this folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MANIFESTS, environmentFromText, prefixOf, refineSecretId, serviceFromManifest, type SecretIdHints } from '../remediation/secret-id-hints';

const PREFIX_KEY = 'credentialHygiene.secretIdPrefix';

export class SecretIdAdvisor {
  /** Manifest path → parsed service (re-read when its mtime changes). */
  private readonly manifests = new Map<string, { mtimeMs: number; service: string | undefined }>();

  constructor(private readonly memento: vscode.Memento) {}

  hints(doc: vscode.TextDocument): SecretIdHints {
    const service = this.serviceFor(doc.uri);
    return { env: environmentFromText(doc.getText()), service, rememberedPrefix: this.remembered(doc.uri, service) };
  }

  /** The refined id (with `#key` kept) for a proposal. */
  refine(doc: vscode.TextDocument, proposedId: string): string {
    return refineSecretId(proposedId, this.hints(doc));
  }

  /**
   * Remembers the prefix of an id the user typed or accepted, per workspace folder and service (the nearest
   * manifest's name): another service in the same repository keeps its own proposal.
   */
  remember(uri: vscode.Uri, chosen: string): void {
    const prefix = prefixOf(chosen);
    if (!prefix) return;
    const all = { ...this.memento.get<Record<string, string>>(PREFIX_KEY, {}), [memoryKey(uri, this.serviceFor(uri))]: prefix };
    void this.memento.update(PREFIX_KEY, all);
  }

  forget(): Thenable<void> {
    return this.memento.update(PREFIX_KEY, undefined);
  }

  private remembered(uri: vscode.Uri, service: string | undefined): string | undefined {
    return this.memento.get<Record<string, string>>(PREFIX_KEY, {})[memoryKey(uri, service)];
  }

  /** Service name from the nearest manifest between the file and its workspace folder root. */
  serviceFor(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== 'file') return undefined;
    const root = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    if (!root) return undefined;
    let dir = path.dirname(uri.fsPath);
    for (let depth = 0; depth < 12; depth++) {
      for (const m of MANIFESTS) {
        const service = this.read(path.join(dir, m), m);
        if (service) return service;
      }
      if (dir === root || !dir.startsWith(root)) break;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
    return undefined;
  }

  private read(file: string, name: string): string | undefined {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return undefined;
    }
    if (!st.isFile() || st.size > 1024 * 1024) return undefined;
    const hit = this.manifests.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs) return hit.service;
    let service: string | undefined;
    try {
      service = serviceFromManifest(name, fs.readFileSync(file, 'utf8'));
    } catch {
      service = undefined;
    }
    this.manifests.set(file, { mtimeMs: st.mtimeMs, service });
    return service;
  }
}

function memoryKey(uri: vscode.Uri, service: string | undefined): string {
  return `${vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? ''}#${service ?? ''}`;
}
