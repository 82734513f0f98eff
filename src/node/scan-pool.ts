import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Finding, ScanOptions } from '../engine';
import { DEFAULT_MAX_FILE_BYTES } from './read-text';
import type { FileScanResult, WorkerRequest, WorkerResponse } from './scan-protocol';

export type { FileScanResult } from './scan-protocol';

export interface ScanPoolOptions {
  threads?: number;
  /** Compiled worker entry; the esbuild bundle passes its own `dist/scan-worker.js`. */
  workerPath?: string;
  maxFileBytes?: number;
  /** Paths per message: amortises message cost without starving the other workers. */
  batchSize?: number;
}

interface Slot {
  worker: Worker;
  /** Handed to a caller (between acquire and release), busy or about to be. */
  reserved?: boolean;
  busy?: { id: number; settle: (r: WorkerResponse | Error) => void };
}

/** A small pool of scan workers so big scans never run on the caller's thread; every job is abortable. */
export class ScanPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private readonly threads: number;
  private readonly workerPath: string;
  private readonly maxFileBytes: number;
  private readonly batchSize: number;
  private nextId = 1;
  private disposed = false;

  constructor(opts: ScanPoolOptions = {}) {
    this.threads = Math.max(1, opts.threads ?? Math.min(os.availableParallelism?.() ?? os.cpus().length, 4));
    this.workerPath = opts.workerPath ?? path.join(__dirname, 'scan-worker.js');
    this.maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.batchSize = opts.batchSize ?? 16;
  }

  /** Scans files in parallel, reporting each result as it arrives. Resolves when done or aborted. */
  async scanFiles(
    paths: Iterable<string> | AsyncIterable<string>,
    opts: { scan?: ScanOptions; withReport?: boolean },
    onResult: (r: FileScanResult) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const inflight = new Set<Promise<void>>();
    let batch: string[] = [];
    const dispatch = async (paths: string[]): Promise<void> => {
      const res = await this.run(
        { type: 'files', id: 0, paths, scan: opts.scan ?? {}, maxFileBytes: this.maxFileBytes, withReport: opts.withReport },
        signal,
      ).catch((e: Error) => e);
      if (res instanceof Error) {
        if (!signal?.aborted) for (const p of paths) onResult({ path: p, findings: [], bytes: 0, error: res.message });
        return;
      }
      if (res.type === 'files') res.results.forEach(onResult);
    };
    const flush = async (): Promise<void> => {
      const p = dispatch(batch);
      batch = [];
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
      // Back-pressure: never queue more than two batches per thread.
      if (inflight.size >= this.threads * 2) await Promise.race(inflight);
    };
    for await (const p of paths) {
      if (signal?.aborted) break;
      batch.push(p);
      if (batch.length >= this.batchSize) await flush();
    }
    if (batch.length && !signal?.aborted) await flush();
    await Promise.all(inflight);
  }

  /** Scans one text on a worker (large editor documents). Rejects with an AbortError when aborted. */
  async scanText(text: string, scan: ScanOptions, signal?: AbortSignal): Promise<Finding[]> {
    const res = await this.run({ type: 'text', id: 0, text, scan }, signal);
    if (res.type === 'text') return res.findings;
    throw new Error(res.type === 'error' ? res.message : 'unexpected worker reply');
  }

  /** Scans a batch of small texts (each with the path its rules see) on one worker; findings per text, in order. */
  async scanTexts(items: { path: string; text: string }[], scan: ScanOptions, signal?: AbortSignal): Promise<Finding[][]> {
    const res = await this.run({ type: 'texts', id: 0, items, scan }, signal);
    if (res.type === 'texts') return res.findings;
    throw new Error(res.type === 'error' ? res.message : 'unexpected worker reply');
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }

  private async run(req: WorkerRequest, signal?: AbortSignal): Promise<WorkerResponse> {
    if (signal?.aborted) throw abortError();
    const slot = await this.acquire();
    const id = this.nextId++;
    try {
      return await new Promise<WorkerResponse>((resolve, reject) => {
        const onAbort = (): void => {
          // A worker stuck in a long scan can only be stopped by terminating it; a fresh one replaces it.
          this.replace(slot);
          reject(abortError());
        };
        slot.busy = {
          id,
          settle: (r) => {
            signal?.removeEventListener('abort', onAbort);
            if (r instanceof Error) reject(r);
            else if (r.type === 'error') reject(new Error(r.message));
            else resolve(r);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        slot.worker.postMessage({ ...req, id });
      });
    } finally {
      slot.busy = undefined;
      this.release(slot);
    }
  }

  private async acquire(): Promise<Slot> {
    if (this.disposed) throw new Error('scan pool disposed');
    const idle = this.slots.find((s) => !s.busy && !s.reserved);
    if (idle) return this.reserve(idle);
    if (this.slots.length < this.threads) return this.reserve(this.spawn());
    return new Promise((resolve) => this.waiting.push((s) => resolve(this.reserve(s))));
  }

  private reserve(slot: Slot): Slot {
    slot.reserved = true;
    return slot;
  }

  private release(slot: Slot): void {
    slot.reserved = false;
    if (!this.slots.includes(slot)) return;
    const next = this.waiting.shift();
    if (next) next(slot);
  }

  private spawn(): Slot {
    // A small young generation makes workers collect file buffers sooner: lower peak memory, same speed.
    const slot: Slot = { worker: new Worker(this.workerPath, { resourceLimits: { maxYoungGenerationSizeMb: 8 } }) };
    slot.worker.on('message', (r: WorkerResponse) => {
      if (slot.busy && slot.busy.id === r.id) slot.busy.settle(r);
    });
    slot.worker.on('error', (e) => slot.busy?.settle(e));
    slot.worker.on('exit', (code) => {
      if (slot.busy) slot.busy.settle(new Error(`scan worker exited (${code})`));
      const i = this.slots.indexOf(slot);
      if (i !== -1) this.slots.splice(i, 1);
    });
    this.slots.push(slot);
    return slot;
  }

  private replace(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i !== -1) this.slots.splice(i, 1);
    void slot.worker.terminate();
    const waiter = this.waiting.shift();
    if (waiter && !this.disposed) waiter(this.spawn());
  }
}

function abortError(): Error {
  const e = new Error('scan cancelled');
  e.name = 'AbortError';
  return e;
}
