/**
 * The language server in a real editor: Debian's Neovim 0.7, headless, with its built-in LSP client
 * (`npm test` installs neovim through scripts/setup-test-tools.sh).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fakeAwsKeyId, fakeAwsSecret } from '../cli/fake-secrets';
import { BIN, fakeGithubToken } from './lsp-client';

const LUA = path.resolve(__dirname, '../../../../test/unit/lsp/neovim-client.lua');

function hasNeovim(): boolean {
  try {
    execFileSync('nvim', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface NvimResult {
  attached: boolean;
  typed_seen: boolean;
  initial: { lnum: number; message: string; source: string; code?: string }[];
  typed: { lnum: number; message: string }[];
  actions: string[];
}

describe('language server in headless Neovim', function () {
  this.timeout(90000);

  it('shows diagnostics on exactly the credential lines, offers the default chain, and flags a typed token', function () {
    assert.ok(hasNeovim(), 'neovim is required (run: bash scripts/setup-test-tools.sh)');
    const dir = mkdtempSync(path.join(tmpdir(), 'ch-nvim-'));
    try {
      const keyId = fakeAwsKeyId(77);
      const secret = fakeAwsSecret(77);
      const token = fakeGithubToken(78);
      const typed = fakeGithubToken(79);
      const file = path.join(dir, 'upload.ts');
      writeFileSync(file, [
        "import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';",
        '',
        'const s3 = new S3Client({',
        "  region: 'us-east-2',",
        '  credentials: {',
        `    accessKeyId: '${keyId}',`,
        `    secretAccessKey: '${secret}',`,
        '  },',
        '});',
        '',
        `const deployToken = '${token}';`,
        'export const upload = (b: string) => s3.send(new PutObjectCommand({ Bucket: b, Key: deployToken.slice(0, 4), Body: "x" }));',
        '',
      ].join('\n'));
      const out = path.join(dir, 'result.json');
      const r = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${LUA}`, file], {
        cwd: dir,
        env: { ...process.env, CH_ROOT: dir, CH_OUT: out, CH_BIN: BIN, CH_NODE: process.execPath, CH_TYPED: typed },
        timeout: 80000,
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, `nvim exited ${r.status}: ${r.stderr}`);
      const res = JSON.parse(readFileSync(out, 'utf8')) as NvimResult;
      assert.ok(res.attached, 'diagnostics arrived');
      assert.deepEqual([...new Set(res.initial.map((d) => d.lnum))].sort((a, b) => a - b), [5, 6, 10]);
      for (const d of [...res.initial, ...res.typed]) {
        for (const s of [keyId, secret, token, typed]) assert.ok(!d.message.includes(s), 'no secret in a message');
      }
      assert.ok(res.initial.every((d) => d.source === 'credential-hygiene'));
      assert.ok(res.actions.some((t) => /default credential chain/i.test(t)), `actions: ${res.actions.join(' | ')}`);
      assert.ok(res.typed_seen, 'the typed token got a diagnostic');
      assert.ok(res.typed.some((d) => d.lnum === 12));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
