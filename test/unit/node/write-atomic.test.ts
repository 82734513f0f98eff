/** The one atomic writer: mode kept, no temp file left behind, links respected, abort hook honoured. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../../../src/node/write-atomic';

describe('node/write-atomic', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ch-write-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const tmpFiles = () => fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'));

  it('creates a new file and replaces an existing one, keeping its permission bits', async () => {
    const f = path.join(dir, 'a.txt');
    await writeFileAtomic(f, 'one\n');
    assert.equal(fs.readFileSync(f, 'utf8'), 'one\n');
    fs.chmodSync(f, 0o600);
    await writeFileAtomic(f, 'two\n');
    assert.equal(fs.readFileSync(f, 'utf8'), 'two\n');
    assert.equal(fs.statSync(f).mode & 0o777, 0o600);
    assert.deepEqual(tmpFiles(), []);
  });

  it('writes through a symbolic link and keeps the link', async () => {
    const target = path.join(dir, 'target.txt');
    fs.writeFileSync(target, 'old');
    fs.symlinkSync('target.txt', path.join(dir, 'link.txt'));
    await writeFileAtomic(path.join(dir, 'link.txt'), 'new');
    assert.ok(fs.lstatSync(path.join(dir, 'link.txt')).isSymbolicLink());
    assert.equal(fs.readFileSync(target, 'utf8'), 'new');
  });

  it('rewrites a hard-linked file in place (same inode, every name sees the new content)', async () => {
    const a = path.join(dir, 'a.txt');
    const b = path.join(dir, 'b.txt');
    fs.writeFileSync(a, 'a much longer old content\n');
    fs.linkSync(a, b);
    const ino = fs.statSync(a).ino;
    await writeFileAtomic(a, 'short\n');
    assert.equal(fs.statSync(a).ino, ino);
    assert.equal(fs.readFileSync(b, 'utf8'), 'short\n');
  });

  it('leaves the target untouched and removes the temp file when beforeReplace throws', async () => {
    const f = path.join(dir, 'a.txt');
    fs.writeFileSync(f, 'keep');
    await assert.rejects(writeFileAtomic(f, 'lost', { beforeReplace: () => { throw new Error('changed'); } }), /changed/);
    assert.equal(fs.readFileSync(f, 'utf8'), 'keep');
    assert.deepEqual(tmpFiles(), []);
  });
});
