// Regenerates docs/rules.md and the README's rule count per family from the built rule table (run: npm run docs).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { BUILTIN_RULES } = require('../out/src/engine/index.js');
const { RULE_FAMILIES } = require('../out/src/engine/rules/index.js');
const doc = require('../out/src/cli/rules-doc.js');
const root = new URL('..', import.meta.url).pathname;
writeFileSync(root + 'docs/rules.md', doc.rulesReference(BUILTIN_RULES) + '\n');
const readme = readFileSync(root + 'README.md', 'utf8');
writeFileSync(root + 'README.md', doc.spliceReadme(readme, doc.rulesTable(RULE_FAMILIES)));
console.log(`docs: ${BUILTIN_RULES.length} rules written to docs/rules.md and README.md`);
