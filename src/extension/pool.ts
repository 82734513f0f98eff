/**
 * Lazily created worker pool (src/node/scan-pool): nothing is spawned until a large document or a workspace
 * scan needs it, which keeps activation cheap.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ScanPool } from '../node/scan-pool';
import { threadsSetting } from './settings';

export class PoolHolder {
  private pool: Promise<ScanPool> | undefined;

  get(): Promise<ScanPool> {
    this.pool ??= import('../node/scan-pool').then((m) => {
      // Bundled: dist/extension.js sits next to dist/scan-worker.js. Unbundled (tsc): scan-pool's own default.
      const bundled = path.join(__dirname, 'scan-worker.js');
      // Leave one core to the extension host (and the editor) so a workspace scan never starves it.
      const threads = threadsSetting() ?? Math.max(1, Math.min(4, (os.availableParallelism?.() ?? os.cpus().length) - 1));
      return new m.ScanPool({ threads, workerPath: fs.existsSync(bundled) ? bundled : undefined });
    });
    return this.pool;
  }

  /** Drops the pool (threads setting changed); the next user creates a fresh one. */
  async reset(): Promise<void> {
    const p = this.pool;
    this.pool = undefined;
    if (p) await (await p).dispose();
  }

  async dispose(): Promise<void> {
    await this.reset();
  }
}
