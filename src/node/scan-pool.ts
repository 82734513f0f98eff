import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Finding, ScanOptions } from '../engine';
import { DEFAULT_MAX_FILE_BYTES } from './read-text';
import { scanFile } from './scan-file';
import type { FileScanResult, WorkerRequest, WorkerResponse } from './scan-protocol';

export type { FileScanResult } from './scan-protocol';

export interface ScanPoolOptions {
  threads?: number;
  /** Compiled worker entry; the esbuild bundle passes its own `dist/scan-worker.js`. */
  workerPath?: string;
  maxFileBytes?: number;
  /** Paths per message: amortises message cost without starving the other workers. */
  batchSize?: number;
  /**
   * Also scan file batches on the calling thread whenever every worker already holds its queue. For the CLI, whose
   * main thread otherwise only walks directories: on two cores one worker plus the main thread is faster than two
   * workers competing with it for the cores (and a second engine warming up). Never in the extension host.
   */
  callerLane?: boolean;
}

/** A file with the engine options of the project config it falls under. */
export interface PathToScan {
  path: string;
  scan: ScanOptions;
}

interface Slot {
  worker: Worker;
  /** Requests handed to callers and not yet released: running, queued in the worker, or about to be sent. */
  held: number;
  /** Replies awaited, by request id. */
  jobs: Map<number, (r: WorkerResponse | Error) => void>;
}

/**
 * File batches queued per worker. With two, a worker starts its next batch the moment it finishes one, instead of
 * idling until the main thread (busy walking directories, or not scheduled on a loaded machine) sends it more.
 */
const FILE_QUEUE_DEPTH = 2;
/** With a caller lane the main thread is away scanning files of its own: the workers queue deeper meanwhile. */
const FILE_QUEUE_DEPTH_WITH_CALLER = 4;

/**
 * A small pool of scan workers so big scans never run on the caller's thread (unless it offers itself as a caller
 * lane, as the CLI does); every job is abortable.
 */
export class ScanPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: { depth: number; take: (slot: Slot) => void }[] = [];
  private readonly threads: number;
  private readonly workerPath: string;
  private readonly maxFileBytes: number;
  private readonly batchSize: number;
  private readonly callerLane: boolean;
  private readonly fileQueueDepth: number;
  private nextId = 1;
  private disposed = false;

  constructor(opts: ScanPoolOptions = {}) {
    const cores = os.availableParallelism?.() ?? os.cpus().length;
    this.callerLane = opts.callerLane ?? false;
    this.fileQueueDepth = this.callerLane ? FILE_QUEUE_DEPTH_WITH_CALLER : FILE_QUEUE_DEPTH;
    this.threads = Math.max(1, opts.threads ?? Math.min(this.callerLane ? cores - 1 : cores, 4));
    this.workerPath = opts.workerPath ?? path.join(__dirname, 'scan-worker.js');
    this.maxFileBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.batchSize = opts.batchSize ?? 16;
  }

  /**
   * Scans files in parallel, reporting each result as it arrives. Resolves when done or aborted. A path may carry
   * its own scan options (files under different project configs): a batch never mixes options, so paths that
   * share them should arrive together, as a directory walk yields them.
   */
  async scanFiles(
    paths: Iterable<string | PathToScan> | AsyncIterable<string | PathToScan>,
    opts: { scan?: ScanOptions; withReport?: boolean },
    onResult: (r: FileScanResult) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const inflight = new Set<Promise<void>>();
    let batch: string[] = [];
    const sharedScan = opts.scan ?? {};
    let batchScan = sharedScan;
    const dispatch = async (paths: string[], scan: ScanOptions): Promise<void> => {
      const res = await this.run(
        { type: 'files', id: 0, paths, scan, maxFileBytes: this.maxFileBytes, withReport: opts.withReport },
        signal,
        this.fileQueueDepth,
      ).catch((e: Error) => e);
      if (res instanceof Error) {
        if (!signal?.aborted) for (const p of paths) onResult({ path: p, findings: [], bytes: 0, error: res.message });
        return;
      }
      if (res.type === 'files') res.results.forEach(onResult);
    };
    let yielded = performance.now();
    const flush = async (): Promise<void> => {
      if (this.callerLane && this.workersFull()) {
        // One file here, then back to the walk: as soon as a worker has room it gets the batch, so a large file on
        // this thread never leaves a worker idle. Replies come in every few milliseconds.
        const p = batch.shift()!;
        if (!signal?.aborted) onResult(await scanFile(p, batchScan, this.maxFileBytes, opts.withReport));
        if (performance.now() - yielded > 4) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          yielded = performance.now();
        }
        return;
      }
      const p = dispatch(batch, batchScan);
      batch = [];
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
      // Back-pressure: one batch waiting for a worker beyond those the workers hold.
      if (inflight.size > this.threads * this.fileQueueDepth) await Promise.race(inflight);
    };
    for await (const item of paths) {
      if (signal?.aborted) break;
      const scan = typeof item === 'string' ? sharedScan : item.scan;
      if (scan !== batchScan) {
        while (batch.length && !signal?.aborted) await flush();
        batchScan = scan;
      }
      batch.push(typeof item === 'string' ? item : item.path);
      if (batch.length >= this.batchSize) await flush();
    }
    while (batch.length && !signal?.aborted) await flush();
    await Promise.all(inflight);
  }

  /** Every worker is running and holds as many file batches as it queues. */
  private workersFull(): boolean {
    return this.slots.length >= this.threads && this.slots.every((s) => s.held >= this.fileQueueDepth);
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

  /** Sends `req` to a worker holding fewer than `depth` requests (one: it starts at once). */
  private async run(req: WorkerRequest, signal?: AbortSignal, depth = 1): Promise<WorkerResponse> {
    if (signal?.aborted) throw abortError();
    const slot = await this.acquire(depth);
    const id = this.nextId++;
    try {
      return await new Promise<WorkerResponse>((resolve, reject) => {
        const onAbort = (): void => {
          // A worker stuck in a long scan can only be stopped by terminating it; a fresh one replaces it.
          this.replace(slot);
          reject(abortError());
        };
        slot.jobs.set(id, (r) => {
          slot.jobs.delete(id);
          signal?.removeEventListener('abort', onAbort);
          if (r instanceof Error) reject(r);
          else if (r.type === 'error') reject(new Error(r.message));
          else resolve(r);
        });
        signal?.addEventListener('abort', onAbort, { once: true });
        slot.worker.postMessage({ ...req, id });
      });
    } finally {
      slot.jobs.delete(id);
      this.release(slot);
    }
  }

  private async acquire(depth: number): Promise<Slot> {
    if (this.disposed) throw new Error('scan pool disposed');
    const idle = this.slots.find((s) => s.held === 0);
    if (idle) return this.hold(idle);
    if (this.slots.length < this.threads) return this.hold(this.spawn());
    const least = this.slots.reduce((a, b) => (b.held < a.held ? b : a));
    if (least.held < depth) return this.hold(least);
    return new Promise((resolve) => this.waiting.push({ depth, take: (s) => resolve(this.hold(s)) }));
  }

  private hold(slot: Slot): Slot {
    slot.held++;
    return slot;
  }

  private release(slot: Slot): void {
    slot.held--;
    if (!this.slots.includes(slot)) return;
    const i = this.waiting.findIndex((w) => slot.held < w.depth);
    if (i !== -1) this.waiting.splice(i, 1)[0].take(slot);
  }

  private spawn(): Slot {
    // A small young generation makes workers collect file buffers sooner: lower peak memory, same speed.
    const slot: Slot = { worker: new Worker(this.workerPath, { resourceLimits: { maxYoungGenerationSizeMb: 8 } }), held: 0, jobs: new Map() };
    slot.worker.on('message', (r: WorkerResponse) => slot.jobs.get(r.id)?.(r));
    slot.worker.on('error', (e) => [...slot.jobs.values()].forEach((settle) => settle(e)));
    slot.worker.on('exit', (code) => {
      [...slot.jobs.values()].forEach((settle) => settle(new Error(`scan worker exited (${code})`)));
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
    if (waiter && !this.disposed) waiter.take(this.spawn());
  }
}

function abortError(): Error {
  const e = new Error('scan cancelled');
  e.name = 'AbortError';
  return e;
}
