/**
 * `scan --staged` and `scan --since REV`: scans changed files as git sees them and reports only findings that
 * touch added lines. Staged content comes from the index (`git show :path`), so what is checked is exactly
 * what will be committed, with its line numbers. Files are few, so they are scanned on this thread.
 */
import path from 'node:path';
import { scan, type Finding, type ScanOptions } from '../../engine';
import { DEFAULT_EXCLUDE_DIRS, isExcludedFileName } from '../../node/default-excludes';
import {
  addedLinesSince, changedFilesSince, gitToplevel, stagedAddedLines, stagedContent, stagedFiles, type AddedLines,
} from '../../node/git';
import { CONFIG_FILE } from '../../node/config';
import { excludedByConfig, scanOptionsFor } from '../../node/policy';
import { decodeText, readTextFile } from '../../node/read-text';
import type { CliIO } from '../io';
import type { ScanCliOptions } from './scan-options';
import { chainFor, type PolicyCollector, type Project } from './scan-project';

const CONCURRENCY = 8;

export async function scanGitChanges(opts: ScanCliOptions, io: CliIO, project: Project, collector: PolicyCollector): Promise<ScanOptions> {
  const top = await gitToplevel(io.cwd);
  let names: string[];
  let added: AddedLines;
  let untracked = new Set<string>();
  if (opts.staged) {
    [names, added] = await Promise.all([stagedFiles(top), stagedAddedLines(top)]);
  } else {
    const files = await changedFilesSince(top, opts.since!);
    added = await addedLinesSince(top, opts.since!);
    untracked = new Set(files.untracked);
    names = [...files.changed, ...files.untracked];
  }
  const roots = opts.explicitPaths ? opts.paths.map((p) => path.resolve(io.cwd, p)) : [];
  const candidates: { name: string; abs: string; display: string }[] = [];
  for (const name of names) {
    const abs = path.resolve(top, name);
    if (roots.length && !roots.some((r) => isWithin(r, abs))) continue;
    const base = path.posix.basename(name);
    if (name.split('/').some((seg) => DEFAULT_EXCLUDE_DIRS.has(seg)) || isExcludedFileName(base) || base === CONFIG_FILE) continue;
    if (excludedByConfig(await chainFor(project, abs), abs, roots)) continue;
    candidates.push({ name, abs, display: toPosix(path.relative(io.cwd, abs)) || name });
  }
  const chains = await Promise.all(candidates.map((c) => chainFor(project, c.abs)));
  const scanOpts = scanOptionsFor([...new Set(chains)], opts.scan);
  const { stats, errors } = collector.report;
  const results: { display: string; text: string; findings: Finding[] }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < candidates.length) {
      const c = candidates[next++];
      collector.examined.push(c.abs);
      const read = opts.staged ? await readStaged(top, c.name, opts.maxFileBytes) : await readTextFile(c.abs, opts.maxFileBytes);
      if ('skipped' in read) {
        stats.skipped++;
        errors.push({ file: c.display, message: `skipped: ${read.skipped}` });
        continue;
      }
      stats.files++;
      stats.bytes += read.bytes;
      if (read.lossy) stats.lossy++;
      const all = scan(read.text, { ...scanOpts, path: c.display });
      const findings = untracked.has(c.name) ? all : onAddedLines(all, added.get(c.name));
      if (findings.length) results.push({ display: c.display, text: read.text, findings });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, candidates.length) }, worker));
  for (const r of results) await collector.add(r.display, r.text, r.findings);
  return scanOpts;
}

async function readStaged(top: string, name: string, maxBytes: number): ReturnType<typeof readTextFile> {
  try {
    const buf = await stagedContent(top, name);
    if (buf.length > maxBytes) return { skipped: `larger than ${Math.round(maxBytes / 1024)} KB`, bytes: buf.length };
    return decodeText(buf);
  } catch (e) {
    return { skipped: `unreadable in the index (${(e as Error).message})`, bytes: 0 };
  }
}

/** Findings touching at least one added line (none when the diff has no hunk for the file, e.g. a mode change). */
function onAddedLines(findings: Finding[], lines: Set<number> | undefined): Finding[] {
  if (!lines) return [];
  return findings.filter((f) => {
    for (let l = f.start.line; l <= f.end.line; l++) if (lines.has(l)) return true;
    return false;
  });
}

function isWithin(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
