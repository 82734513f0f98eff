import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scan } from '../../../src/engine';
import { decodeText } from '../../../src/node/read-text';
import { scanFile } from '../../../src/node/scan-file';
import { fakeAwsKeyId, fakeAwsSecret } from '../cli/fake-secrets';

describe('scanFile: bytes prefiltered before decoding', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'ch-scanfile-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const body = (seed: number) =>
    `# Zugangsdaten — 認証情報 😀\naws_access_key_id = ${fakeAwsKeyId(seed)}\naws_secret_access_key = ${fakeAwsSecret(seed)}\n`;

  /** What the engine finds in the text `decodeText` gives for the file's bytes. */
  function expected(bytes: Buffer, file: string) {
    const read = decodeText(bytes);
    assert.ok('text' in read);
    return scan(read.text, { path: file });
  }

  for (const [name, bytes] of [
    ['ASCII', Buffer.from(`x = 1\naws_access_key_id = ${fakeAwsKeyId(41)}\naws_secret_access_key = ${fakeAwsSecret(41)}\n`)],
    ['UTF-8', Buffer.from(body(42))],
    ['UTF-8 with a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('// ' + 'é'.repeat(300) + '\n' + body(43))])],
    ['invalid UTF-8 (lossy)', Buffer.concat([Buffer.from('name='), Buffer.from([0xe9, 0x0a]), Buffer.from(body(44))])],
  ] as const) {
    it(`${name}: the findings and positions of a scan of the decoded text`, async () => {
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.ini`);
      writeFileSync(file, bytes);
      // Twice: the second read reuses the first one's buffer.
      for (let i = 0; i < 2; i++) {
        const r = await scanFile(file, {}, 1 << 20);
        assert.equal(r.bytes, bytes.length);
        assert.ok(r.findings.length >= 2, `${r.findings.length} findings`);
        assert.deepEqual(r.findings, expected(bytes, file));
      }
    });
  }

  it('a shorter file read after a longer one sees only its own bytes', async () => {
    const long = path.join(dir, 'long.ini');
    const short = path.join(dir, 'short.ini');
    writeFileSync(long, `${'# filler line\n'.repeat(500)}aws_access_key_id = ${fakeAwsKeyId(45)}\n`);
    writeFileSync(short, 'x = 1\n');
    assert.equal((await scanFile(long, {}, 1 << 20)).findings.length, 1);
    const r = await scanFile(short, {}, 1 << 20);
    assert.equal(r.bytes, 6);
    assert.deepEqual(r.findings, []);
  });
});
