/** Reads the files the roles analysis needs (source code and descriptors) under one scan root. */
import path from 'node:path';
import { readTextFile } from '../../node/read-text';
import { walkFiles } from '../../node/walk';
import { isSourceFile } from '../calls';
import { isDescriptorPath } from '../workloads';

/** Build output and tool caches that hold copies of the code, not the code. */
const ROLES_EXCLUDES = ['**/site-packages/**', '**/dist-packages/**', 'cdk.out/**', '**/cdk.out/**', '.aws-sam/**', '**/.aws-sam/**', '**/.serverless/**', '**/dist/**', '**/build/**', '**/coverage/**', '**/*.d.ts'];

export interface ReadWorkspaceResult {
  files: Map<string, string>;
  skipped: { path: string; reason: string }[];
}

/** Files keyed by POSIX path relative to `root`. */
export async function readWorkspace(root: string, opts: { excludeGlobs?: string[]; gitignore?: boolean; maxFileBytes?: number } = {}): Promise<ReadWorkspaceResult> {
  const files = new Map<string, string>();
  const skipped: ReadWorkspaceResult['skipped'] = [];
  const base = path.resolve(root);
  for await (const entry of walkFiles([root], { excludeGlobs: [...ROLES_EXCLUDES, ...(opts.excludeGlobs ?? [])], respectGitignore: opts.gitignore !== false })) {
    const rel = path.relative(base, path.resolve(entry.path)).split(path.sep).join('/') || path.basename(entry.path);
    if (entry.skipped) {
      skipped.push({ path: entry.path, reason: entry.skipped });
      continue;
    }
    // go.mod names the module, so a Go entry's imports of its own packages are found
    if (!isSourceFile(rel) && !isDescriptorPath(rel) && !/\.(?:template|tf)$|(?:^|\/)go\.mod$/.test(rel)) continue;
    const r = await readTextFile(entry.path, opts.maxFileBytes ?? 1024 * 1024);
    if ('text' in r) files.set(rel, r.text);
    else skipped.push({ path: entry.path, reason: r.skipped });
  }
  return { files, skipped };
}
