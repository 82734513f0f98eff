import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Writes through a temporary file in the same folder and a rename, so no reader (a CI job, the editor, git)
 * ever sees a half-written file; the temporary file is removed if the rename fails.
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  await fs.writeFile(tmp, data, 'utf8');
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
