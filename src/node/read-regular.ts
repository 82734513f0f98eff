import { constants, promises as fs } from 'node:fs';

/** Why a path that must be a regular file (config, baseline) is not one. */
export class NotRegularFileError extends Error {
  constructor(
    readonly file: string,
    readonly what: string,
  ) {
    super(`${file} is ${what}, not a regular file`);
  }
}

/**
 * Reads a file that must be a regular file, as UTF-8. Opened non-blocking and checked with fstat on the open
 * handle, so a FIFO or a link to /dev/stdin can neither block the read nor slip in between check and read.
 * Rejects with the fs error (ENOENT…) or `NotRegularFileError`.
 */
export async function readRegularFile(file: string): Promise<string> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    // Opening a socket (`/dev/stdin` of a spawned process) fails with ENXIO: name what the path is instead.
    const st = await fs.stat(file).catch(() => undefined);
    if (st && !st.isFile()) throw new NotRegularFileError(file, kindOf(st));
    throw e;
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new NotRegularFileError(file, kindOf(st));
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** A short noun for a non-regular file type, for messages. */
export function kindOf(st: import('node:fs').Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}
