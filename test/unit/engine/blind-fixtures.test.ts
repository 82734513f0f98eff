/** The committed blind fixtures are exactly what their templates (test/fixtures/blind-templates) generate. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');

describe('blind fixtures', () => {
  it('are up to date with their templates (scripts/gen-blind-secrets.mjs --check)', function () {
    this.timeout(60000);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/gen-blind-secrets.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /up to date \(180 files, 270 labels\)/);
  });
});
