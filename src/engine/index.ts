/**
 * Public engine API (package export `credential-hygiene/engine`). Pure: no I/O, no `vscode`.
 */
export * from './types';
export { scan, scanAscii, scanIncremental, scanUtf8 } from './scanner';
export { revealSecret } from './secret-access';
export { maskSecret } from './mask';
export { fingerprintOf } from './fingerprint';
export { BUILTIN_RULES, ruleById } from './rules';
