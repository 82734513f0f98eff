import { parentPort } from 'node:worker_threads';
import { scan } from '../engine';
import { scanFile } from './scan-file';
import type { FileScanResult, WorkerRequest, WorkerResponse } from './scan-protocol';

/** Worker entry: scans batches of files or one large text off the main thread. */
parentPort?.on('message', async (req: WorkerRequest) => {
  let res: WorkerResponse;
  try {
    if (req.type === 'files') {
      const results: FileScanResult[] = [];
      for (const p of req.paths) results.push(await scanFile(p, req.scan, req.maxFileBytes, req.withReport));
      res = { type: 'files', id: req.id, results };
    } else if (req.type === 'texts') {
      res = { type: 'texts', id: req.id, findings: req.items.map((it) => scan(it.text, { ...req.scan, path: it.path })) };
    } else {
      res = { type: 'text', id: req.id, findings: scan(req.text, req.scan) };
    }
  } catch (e) {
    res = { type: 'error', id: req.id, message: (e as Error).message };
  }
  parentPort!.postMessage(res);
});
