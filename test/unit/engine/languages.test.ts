/** The one language table (src/engine/languages.ts) and the three lookups derived from it. */
import * as assert from 'node:assert/strict';
import { LANGUAGES, familyOf } from '../../../src/engine/languages';
import { detectLanguage } from '../../../src/remediation';
import { sdkLanguageOf } from '../../../src/report';

describe('engine/languages: one table for detection, remediation and the report', () => {
  it('maps every extension and language id to one entry only', () => {
    const exts = LANGUAGES.flatMap((l) => l.extensions);
    const ids = LANGUAGES.flatMap((l) => l.languageIds);
    assert.equal(new Set(exts).size, exts.length);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('agrees across the layers for each kind of file', () => {
    const rows: Array<[string, string, string, string | undefined]> = [
      // path, detection family, recipe family, report language
      ['src/app.ts', 'code', 'typescript', 'javascript'],
      ['src/app.mjs', 'code', 'javascript', 'javascript'],
      ['tool.pyw', 'code', 'python', 'python'],
      ['App.vue', 'code', 'unknown', 'javascript'],
      ['main.tf', 'config', 'terraform', 'terraform'],
      ['prod.tfvars', 'config', 'terraform', undefined],
      ['Main.kt', 'code', 'kotlin', 'kotlin'],
      ['build.gradle', 'code', 'unknown', undefined],
      ['settings.yaml', 'config', 'yaml', undefined],
      ['.env', 'config', 'dotenv', undefined],
    ];
    for (const [p, family, recipe, sdk] of rows) {
      assert.equal(familyOf(p), family, `${p} detection`);
      assert.equal(detectLanguage(undefined, p), recipe, `${p} remediation`);
      assert.equal(sdkLanguageOf(p), sdk, `${p} report`);
    }
  });

  it('resolves VS Code language ids the same way', () => {
    assert.equal(familyOf(undefined, 'typescriptreact'), 'code');
    assert.equal(detectLanguage('typescriptreact'), 'typescript');
    assert.equal(sdkLanguageOf(undefined, 'typescriptreact'), 'javascript');
    assert.equal(familyOf(undefined, 'hcl'), 'config');
    assert.equal(detectLanguage('hcl'), 'terraform');
    assert.equal(sdkLanguageOf(undefined, 'hcl'), 'terraform');
    assert.equal(detectLanguage('dockercompose'), 'docker-compose');
    assert.equal(detectLanguage('yaml'), 'yaml');
  });
});
