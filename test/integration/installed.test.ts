/**
 * Which copy of the extension the suite runs against: the development folder (`npm run test:integration`) or the
 * packaged .vsix installed into the host's extensions dir (`npm run test:vsix`). The runner passes the expected
 * root in CH_EXPECT_EXTENSION_ROOT.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, getApi } from './helpers';

describe('extension under test', () => {
  it('is the copy the runner installed (development folder or the .vsix in the extensions dir)', async function () {
    const expected = process.env.CH_EXPECT_EXTENSION_ROOT;
    if (!expected) this.skip();
    await getApi();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const copies = vscode.extensions.all.filter((e) => e.id.toLowerCase() === EXTENSION_ID);
    assert.equal(copies.length, 1, `one copy of ${EXTENSION_ID} expected`);
    const rel = path.relative(fs.realpathSync(expected!), fs.realpathSync(ext.extensionPath));
    assert.ok(!rel.startsWith('..') && !path.isAbsolute(rel), `active copy ${ext.extensionPath} is not under ${expected}`);
    console.log(`      mode ${process.env.CH_EXTENSION_MODE}: ${ext.id} ${ext.packageJSON.version} from ${rel || '.'}`);
    if (process.env.CH_EXTENSION_MODE === 'vsix') {
      // The packaged copy holds only what .vscodeignore allows: no sources, tests, fixtures or source maps.
      const files = (fs.readdirSync(ext.extensionPath, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/'));
      for (const f of files) assert.ok(!/^(src|out|test|node_modules|scripts|docs)\/|\.map$|\.ts$/.test(f), `unexpected file in the installed package: ${f}`);
      assert.ok(files.includes('dist/extension.js') && files.includes('dist/scan-worker.js'));
      assert.equal(ext.packageJSON.main, './dist/extension.js');
      assert.equal(ext.packageJSON.bin, undefined, 'npm-only manifest fields are stripped from the package');
    }
  });
});
