#!/usr/bin/env node
/**
 * Assembles src/engine/prefilter.wat (the keyword automaton's hot loop) with wabt and writes its bytes, base64,
 * to src/engine/prefilter-wasm-binary.ts. The binary is committed so neither install nor the extension needs
 * wabt; `test/unit/engine/prefilter-wasm.test.ts` fails when the committed bytes no longer match the .wat.
 *
 *   node scripts/build-wasm.mjs          # rewrite the binary module
 *   node scripts/build-wasm.mjs --check  # exit 1 if it is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleAutomaton, BINARY_PATH, binaryModuleSource } from './wasm-source.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, BINARY_PATH);
const source = binaryModuleSource(await assembleAutomaton(root));
if (process.argv.includes('--check')) {
  if (readFileSync(out, 'utf8') !== source) {
    console.error(`${BINARY_PATH} is out of date: run node scripts/build-wasm.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(out, source);
  console.log(`wrote ${BINARY_PATH}`);
}
