/**
 * Lazily created worker pool (src/node/scan-pool): nothing is spawned until a large document or a workspace
 * scan needs it, which keeps activation cheap.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ScanPool } from '../node/scan-pool';
import { threadsSetting } from './settings';

export class PoolHolder {
  private pool: Promise<ScanPool> | undefined;
  /** Threads of the current pool (test hook). */
  threads: number | undefined;

  constructor(private readonly trusted: () => boolean = () => true) {}

  get(): Promise<ScanPool> {
    this.pool ??= import('../node/scan-pool').then((m) => {
      // Bundled: dist/extension.js sits next to dist/scan-worker.js. Unbundled (tsc): scan-pool's own default.
      const bundled = path.join(__dirname, 'scan-worker.js');
      // Clamped to the cores; user settings only in an untrusted workspace (settings.ts).
      const threads = threadsSetting(this.trusted());
      this.threads = threads;
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
