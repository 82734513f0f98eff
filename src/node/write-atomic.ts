import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface WriteAtomicOptions {
  /**
   * Called just before the new content replaces the old one (after the temporary file is written and synced).
   * Throw to abort: the temporary file is removed and the target is left untouched. `fix` uses it to detect a
   * change made to the file since it was read.
   */
  beforeReplace?: (target: string) => Promise<void> | void;
}

/**
 * The project's one atomic file writer (scan --output, baseline, report, the editor's baseline action, fix).
 *
 * Writes through a temporary file in the same folder, fsyncs it and renames it over the target, so no reader
 * (a CI job, the editor, git) ever sees a half-written file. An existing file keeps its permission bits.
 * Links are respected: a symbolic link is written through to its target (the link stays a link), and a file
 * with several hard links is rewritten in place (a rename would detach this name from the others, which would
 * keep the old content).
 */
export async function writeFileAtomic(file: string, data: string, opts: WriteAtomicOptions = {}): Promise<void> {
  const target = await fs.realpath(file).catch(() => file);
  const st = await fs.stat(target).catch(() => undefined);
  const mode = st ? st.mode & 0o7777 : undefined;
  if (st && st.nlink > 1) {
    await opts.beforeReplace?.(target);
    await writeInPlace(target, data);
    return;
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    const fh = await fs.open(tmp, 'wx', mode ?? 0o666);
    try {
      await fh.writeFile(data, 'utf8');
      if (mode !== undefined) await fh.chmod(mode); // the umask applied at open
      await fh.sync();
    } finally {
      await fh.close();
    }
    await opts.beforeReplace?.(target);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/** Overwrites the file's content through its existing inode (all hard links see it). */
async function writeInPlace(target: string, data: string): Promise<void> {
  const fh = await fs.open(target, 'r+');
  try {
    const buf = Buffer.from(data, 'utf8');
    await fh.write(buf, 0, buf.length, 0);
    await fh.truncate(buf.length);
    await fh.sync();
  } finally {
    await fh.close();
  }
}
