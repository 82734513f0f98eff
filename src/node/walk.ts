import { promises as fs, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { minimatch } from 'minimatch';
import { DEFAULT_EXCLUDE_DIRS, isExcludedFileName } from './default-excludes';
import { trackedFiles } from './git';
import { readBytesSync } from './read-text';

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
  /** Why the entry is not scanned (unreadable directory, link leaving the scan root…). */
  skipped?: string;
}

interface IgnoreLayer {
  dir: string; // relative to root, '' for the root
  ig: Ignore;
}

/** Per-root walk state. */
interface RootState {
  root: string;
  /** Real path of the root: symbolic links may not lead outside it. */
  realRoot: string;
  /** Real paths of directories already walked: each is walked once, so directory links cannot loop. */
  visited: Set<string>;
  /** Directory links inside the root, walked after everything else so a directory is reported at its real path. */
  deferred: { rel: string; layers: IgnoreLayer[] }[];
  /** Relative directories reached through a directory link (their real path needs a realpath call). */
  viaLink: Set<string>;
  /** In a git work tree with gitignore on: tracked files and their ancestor directories (relative to root). */
  tracked?: { files: Set<string>; dirs: Set<string> };
  /** Lets the event loop run now and then (see `pacer`). */
  pace: () => Promise<void>;
}

/**
 * Directories are read synchronously: a thread-pool round trip per directory (and per link) made the walk, not
 * the scan, the slowest part of a whole-tree scan. So that a long walk still never holds the event loop (the
 * extension host runs it for reports), it yields to the loop once every few milliseconds.
 */
function pacer(sliceMs = 8): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

/**
 * Walks files under `roots`, honouring .gitignore files at every level (except for files git tracks) and
 * exclude globs. Symbolic links are followed only while they stay inside the root; others are reported skipped.
 */
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
    if (!st.isDirectory()) {
      yield { path: toPosix(root), skipped: 'not a regular file or directory' };
      continue;
    }
    const realRoot = await fs.realpath(root);
    const state: RootState = { root, realRoot, visited: new Set(), deferred: [], viaLink: new Set(), pace: pacer() };
    if (opts.respectGitignore !== false) state.tracked = await trackedUnder(root);
    yield* walkDir(state, '', [], opts, excluded, signal);
    for (let i = 0; i < state.deferred.length; i++) {
      const { rel, layers } = state.deferred[i];
      yield* walkDir(state, rel, layers, opts, excluded, signal);
    }
  }
}

async function trackedUnder(root: string): Promise<RootState['tracked']> {
  const files = await trackedFiles(root);
  if (!files?.size) return undefined;
  const dirs = new Set<string>();
  for (const f of files) {
    for (let i = f.indexOf('/'); i !== -1; i = f.indexOf('/', i + 1)) dirs.add(f.slice(0, i));
  }
  return { files, dirs };
}

function isWithin(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function* walkDir(
  state: RootState,
  rel: string,
  layers: IgnoreLayer[],
  opts: WalkOptions,
  excluded: (rel: string) => boolean,
  signal?: AbortSignal,
): AsyncGenerator<WalkEntry> {
  if (signal?.aborted) return;
  await state.pace();
  const { root } = state;
  const abs = rel ? path.join(root, rel) : root;
  let entries;
  try {
    // Each real directory is walked once: a link to an ancestor (a loop) or to a walked directory is a no-op.
    // Without a link on the way its real path is known; only directories reached through a link need a lookup.
    const real = state.viaLink.has(rel) ? realpathSync(abs) : rel ? path.join(state.realRoot, rel) : state.realRoot;
    if (state.visited.has(real)) return;
    state.visited.add(real);
    entries = readdirSync(abs, { withFileTypes: true });
  } catch (e) {
    yield { path: toPosix(abs), skipped: `unreadable directory (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
    return;
  }
  if (opts.respectGitignore !== false && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
    // Non-blocking read of a regular file only (a FIFO swapped in cannot stall the walk); an unreadable or
    // binary .gitignore ignores nothing.
    const read = readBytesSync(path.join(abs, '.gitignore'), 1 << 20);
    if ('buf' in read) layers = [...layers, { dir: rel, ig: ignore().add(read.buf.toString('utf8')) }];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Entry paths are this directory's path plus the name (a name holds no separator): joined once per directory.
  const dirPath = toPosix(path.join(root, rel)); // normalised, as path.join(root, childRel) would be
  const prefix = dirPath === '.' ? '' : dirPath.endsWith('/') ? dirPath : `${dirPath}/`;
  for (const entry of entries) {
    if (signal?.aborted) return;
    const childRel = rel ? `${rel}/${entry.name}` : entry.name;
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(path.join(abs, entry.name));
      } catch {
        continue; // dangling link (or a loop of links)
      }
      // A committed link to ~/.aws/credentials must not put the runner's keys into CI logs.
      if (!isWithin(state.realRoot, real)) {
        yield { path: prefix + entry.name, skipped: 'symbolic link to a path outside the scan root' };
        continue;
      }
      const target = statSync(real, { throwIfNoEntry: false });
      isDir = !!target?.isDirectory();
      isFile = !!target?.isFile();
    }
    if (isDir) {
      if (!opts.noDefaultExcludes && DEFAULT_EXCLUDE_DIRS.has(entry.name)) continue;
      if (excluded(childRel)) continue;
      // An ignored directory is still entered when git tracks files inside it.
      if (ignoredBy(layers, childRel, true) && !state.tracked?.dirs.has(childRel)) continue;
      if (entry.isSymbolicLink() || state.viaLink.has(rel)) state.viaLink.add(childRel);
      if (entry.isSymbolicLink()) state.deferred.push({ rel: childRel, layers });
      else yield* walkDir(state, childRel, layers, opts, excluded, signal);
    } else if (isFile) {
      if (!opts.noDefaultExcludes && isExcludedFileName(entry.name)) continue;
      if (excluded(childRel)) continue;
      if (ignoredBy(layers, childRel, false) && !state.tracked?.files.has(childRel)) continue;
      yield { path: prefix + entry.name };
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
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
