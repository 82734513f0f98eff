import { promises as fs } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { minimatch } from 'minimatch';
import { DEFAULT_EXCLUDE_DIRS, isExcludedFileName } from './default-excludes';

export interface WalkOptions {
  /** minimatch globs, matched against the path relative to the walked root (and its basename). */
  excludeGlobs?: string[];
  respectGitignore?: boolean;
  /** Skip the built-in excludes (node_modules, lockfiles, binaries…). */
  noDefaultExcludes?: boolean;
}

export interface WalkEntry {
  /** Path as reached from the root argument, with `/` separators. */
  path: string;
  /** Why the entry is not scanned (unreadable directory, symlinked directory…). */
  skipped?: string;
}

interface IgnoreLayer {
  dir: string; // relative to root, '' for the root
  ig: Ignore;
}

/** Walks files under `roots`, honouring .gitignore files at every level and exclude globs. */
export async function* walkFiles(roots: string[], opts: WalkOptions = {}, signal?: AbortSignal): AsyncGenerator<WalkEntry> {
  const globs = (opts.excludeGlobs ?? []).map((g) => g.replace(/\/$/, '/**'));
  const excluded = (rel: string): boolean =>
    globs.some((g) => minimatch(rel, g, { dot: true }) || minimatch(path.posix.basename(rel), g, { dot: true }));
  for (const root of roots) {
    let st;
    try {
      st = await fs.stat(root);
    } catch (e) {
      yield { path: toPosix(root), skipped: `unreadable (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
      continue;
    }
    if (st.isFile()) {
      yield { path: toPosix(root) };
      continue;
    }
    yield* walkDir(root, '', [], opts, excluded, signal);
  }
}

async function* walkDir(
  root: string,
  rel: string,
  layers: IgnoreLayer[],
  opts: WalkOptions,
  excluded: (rel: string) => boolean,
  signal?: AbortSignal,
): AsyncGenerator<WalkEntry> {
  if (signal?.aborted) return;
  const abs = rel ? path.join(root, rel) : root;
  let entries;
  try {
    entries = await fs.readdir(abs, { withFileTypes: true });
  } catch (e) {
    yield { path: toPosix(abs), skipped: `unreadable directory (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
    return;
  }
  if (opts.respectGitignore !== false && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
    try {
      const ig = ignore().add(await fs.readFile(path.join(abs, '.gitignore'), 'utf8'));
      layers = [...layers, { dir: rel, ig }];
    } catch {
      /* an unreadable .gitignore ignores nothing */
    }
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (signal?.aborted) return;
    const childRel = rel ? `${rel}/${entry.name}` : entry.name;
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await fs.stat(path.join(abs, entry.name));
        // Following directory links invites cycles; linked files are scanned like any file.
        if (target.isDirectory()) continue;
        isFile = target.isFile();
        isDir = false;
      } catch {
        continue; // dangling link
      }
    }
    if (isDir) {
      if (!opts.noDefaultExcludes && DEFAULT_EXCLUDE_DIRS.has(entry.name)) continue;
      if (ignoredBy(layers, childRel, true) || excluded(childRel)) continue;
      yield* walkDir(root, childRel, layers, opts, excluded, signal);
    } else if (isFile) {
      if (!opts.noDefaultExcludes && isExcludedFileName(entry.name)) continue;
      if (ignoredBy(layers, childRel, false) || excluded(childRel)) continue;
      yield { path: toPosix(path.join(root, childRel)) };
    }
  }
}

function ignoredBy(layers: IgnoreLayer[], rel: string, isDir: boolean): boolean {
  for (const { dir, ig } of layers) {
    const local = dir ? rel.slice(dir.length + 1) : rel;
    if (ig.ignores(isDir ? `${local}/` : local)) return true;
  }
  return false;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
