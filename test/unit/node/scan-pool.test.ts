import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScanPool, type FileScanResult } from '../../../src/node/scan-pool';
import { fakeAwsKeyId } from '../cli/fake-secrets';

describe('ScanPool caller lane', function () {
  this.timeout(30_000);
  let dir: string;
  const files: string[] = [];
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ch-pool-'));
    for (let i = 0; i < 120; i++) {
      const f = path.join(dir, `f${i}.env`);
      writeFileSync(f, i % 3 === 0 ? `AWS_ACCESS_KEY_ID=${fakeAwsKeyId(500 + i)}\n` : `PLAIN=${i}\n`);
      files.push(f);
    }
    // A slow stand-in worker: it answers every batch after 30 ms, marking each file as its own.
    writeFileSync(
      path.join(dir, 'slow-worker.js'),
      `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (req) => setTimeout(() => parentPort.postMessage({ type: 'files', id: req.id,
  results: req.paths.map((p) => ({ path: p, findings: [], bytes: 0, skipped: 'stand-in' })) }), 30));\n`,
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function run(pool: ScanPool): Promise<FileScanResult[]> {
    const out: FileScanResult[] = [];
    try {
      await pool.scanFiles(files, {}, (r) => out.push(r));
    } finally {
      await pool.dispose();
    }
    return out;
  }

  it('scans on the calling thread while the workers are busy, each file exactly once', async () => {
    const out = await run(new ScanPool({ threads: 1, batchSize: 4, callerLane: true, workerPath: path.join(dir, 'slow-worker.js') }));
    assert.deepEqual(out.map((r) => r.path).sort(), [...files].sort());
    const byWorker = out.filter((r) => r.skipped === 'stand-in');
    const here = out.filter((r) => !r.skipped);
    assert.ok(byWorker.length > 0, 'the worker got batches');
    assert.ok(here.length > byWorker.length, `the caller scanned ${here.length}, the slow worker ${byWorker.length}`);
    // What the caller scanned is a real scan.
    for (const r of here) assert.equal(r.findings.length, Number(/f(\d+)\.env$/.exec(r.path)![1]) % 3 === 0 ? 1 : 0, r.path);
  });

  it('finds the same as workers alone', async () => {
    const key = (rs: FileScanResult[]) => rs.map((r) => `${path.basename(r.path)}:${r.findings.map((f) => f.ruleId).join(',')}`).sort();
    const withCaller = await run(new ScanPool({ threads: 1, batchSize: 4, callerLane: true }));
    const workersOnly = await run(new ScanPool({ threads: 2, batchSize: 4 }));
    assert.deepEqual(key(withCaller), key(workersOnly));
    assert.equal(workersOnly.filter((r) => r.findings.length).length, 40);
  });
});
