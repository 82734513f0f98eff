import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUILTIN_RULES } from '../../../src/engine';
import { RULE_FAMILIES } from '../../../src/engine/rules';
import { rulesReference, rulesTable, spliceReadme } from '../../../src/cli/rules-doc';

const root = path.resolve(__dirname, '../../../..');

describe('generated rule docs are in sync with the rule table (run `npm run docs` to fix)', () => {
  it('README rule count per family', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.equal(spliceReadme(readme, rulesTable(RULE_FAMILIES)), readme);
  });
  it('docs/rules.md', () => {
    assert.equal(readFileSync(path.join(root, 'docs/rules.md'), 'utf8'), rulesReference(BUILTIN_RULES) + '\n');
  });
});
