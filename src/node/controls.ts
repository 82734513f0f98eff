/**
 * Is the secret check enforced in this repository? Looks for the places where teams wire a secret scanner (a
 * table, one entry per place): pre-commit hooks (the pre-commit framework, husky, lefthook, a plain git hook) and
 * CI gates (GitHub Actions, GitLab CI, Jenkins, CircleCI, Azure Pipelines, Bitbucket Pipelines, Travis CI,
 * Buildkite); the baseline and its age; inline ignore directives with and without reason or expiry.
 * Reads only files of the repository (and `git log` for the baseline's age); runs nothing from them.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ControlEvidence, ControlsFacts } from '../report/types';
import { BASELINE_FILE, readBaseline } from './baseline';
import { git, hooksDir } from './git';

/** A scanner named in a hook or CI file, as it appears there. */
const SCANNERS: { tool: string; re: RegExp }[] = [
  { tool: 'credential-hygiene', re: /credential-hygiene/i },
  { tool: 'gitleaks', re: /\bgitleaks\b/i },
  { tool: 'trufflehog', re: /\btrufflehog\b/i },
  { tool: 'detect-secrets', re: /\bdetect-secrets(?:-hook)?\b/i },
  { tool: 'secretlint', re: /\bsecretlint\b/i },
  { tool: 'git-secrets', re: /\bgit[- ]secrets\b/i },
];

interface Place {
  kind: ControlEvidence['kind'];
  /** Paths relative to the repository root; a trailing `/` lists the folder's files (one level). */
  paths: string[];
  /** Only files whose name matches (folders). */
  names?: RegExp;
}

const PLACES: Place[] = [
  { kind: 'pre-commit', paths: ['.pre-commit-config.yaml', '.pre-commit-config.yml'] },
  { kind: 'pre-commit', paths: ['.husky/'], names: /^pre-(commit|push)$/ },
  { kind: 'pre-commit', paths: ['lefthook.yml', 'lefthook.yaml', '.lefthook.yml', 'lefthook-local.yml'] },
  { kind: 'pre-commit', paths: ['package.json'] }, // simple-git-hooks / lint-staged entries
  { kind: 'ci', paths: ['.github/workflows/'], names: /\.ya?ml$/ },
  { kind: 'ci', paths: ['.gitlab-ci.yml'] },
  { kind: 'ci', paths: ['Jenkinsfile'] },
  { kind: 'ci', paths: ['.circleci/config.yml'] },
  { kind: 'ci', paths: ['azure-pipelines.yml', '.azure-pipelines.yml'] },
  { kind: 'ci', paths: ['bitbucket-pipelines.yml'] },
  { kind: 'ci', paths: ['.travis.yml'] },
  { kind: 'ci', paths: ['.buildkite/pipeline.yml'] },
];

const MAX_FILE = 1024 * 1024;

async function readSmall(file: string): Promise<string | undefined> {
  try {
    const st = await fs.lstat(file);
    if (!st.isFile() || st.size > MAX_FILE) return undefined;
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function filesOf(root: string, p: string, names?: RegExp): Promise<string[]> {
  if (!p.endsWith('/')) return [p];
  try {
    const entries = await fs.readdir(path.join(root, p), { withFileTypes: true });
    return entries.filter((e) => e.isFile() && (!names || names.test(e.name))).map((e) => p + e.name).sort();
  } catch {
    return [];
  }
}

/** Lines of a file that run a scanner (comments dropped), as evidence. */
function scannersIn(text: string, file: string): string[] {
  const code = text
    .split('\n')
    .filter((l) => !/^\s*(#|\/\/)/.test(l))
    .join('\n');
  if (file === 'package.json') {
    // Only hook configuration counts, not a devDependency.
    try {
      const pkg = JSON.parse(code) as Record<string, unknown>;
      const hooks = JSON.stringify([pkg['simple-git-hooks'], pkg['lint-staged'], (pkg.husky as { hooks?: unknown } | undefined)?.hooks]);
      return SCANNERS.filter((s) => s.re.test(hooks)).map((s) => s.tool);
    } catch {
      return [];
    }
  }
  return SCANNERS.filter((s) => s.re.test(code)).map((s) => s.tool);
}

export async function detectEnforcement(root: string): Promise<ControlEvidence[]> {
  const out: ControlEvidence[] = [];
  for (const place of PLACES) {
    for (const p of place.paths) {
      for (const rel of await filesOf(root, p, place.names)) {
        const text = await readSmall(path.join(root, rel));
        if (text === undefined) continue;
        for (const tool of scannersIn(text, rel)) out.push({ kind: place.kind, tool, file: rel });
      }
    }
  }
  // A plain git hook (install-hook writes one) lives outside the tree: .git/hooks or core.hooksPath.
  try {
    const dir = await hooksDir(root);
    const text = await readSmall(path.join(dir, 'pre-commit'));
    if (text) for (const tool of scannersIn(text, 'pre-commit')) out.push({ kind: 'pre-commit', tool, file: path.relative(root, path.join(dir, 'pre-commit')).split(path.sep).join('/') });
  } catch {
    /* not a git work tree */
  }
  return out;
}

export async function baselineFacts(root: string, now: Date): Promise<ControlsFacts['baseline']> {
  const file = path.join(root, BASELINE_FILE);
  let entries: number;
  try {
    const b = await readBaseline(file);
    if (!b) return null;
    entries = b.entries.length;
  } catch {
    return null;
  }
  // Age: its last commit (what the team reviewed), else the file's modification time.
  let changed: Date | undefined;
  try {
    const iso = (await git(root, ['log', '-1', '--format=%cI', '--', BASELINE_FILE])).toString().trim();
    if (iso) changed = new Date(iso);
  } catch {
    /* not committed or no git */
  }
  if (!changed) changed = (await fs.stat(file)).mtime;
  return { entries, ageDays: Math.max(0, Math.floor((now.getTime() - changed.getTime()) / 86_400_000)) };
}
