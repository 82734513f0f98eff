/**
 * A fixture "full of known fake secrets" for the tool's own secret hygiene: one file per built-in rule holding
 * that rule's positive examples (fake, well-formed values maintained with the rules), written at test time.
 * The secrets are what the engine itself finds there (revealSecret over its findings), so every value the tool
 * could possibly echo is in the list.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILTIN_RULES, revealSecret, scan } from '../../../../src/engine';

export interface SecretCorpus {
  dir: string;
  /** Absolute paths of the files written. */
  files: string[];
  /** Raw secret values found in them, longest first (all at least 8 chars). */
  secrets: string[];
  /** Files with the number of findings in each. */
  counts: Map<string, number>;
}

export function writeSecretCorpus(dir: string, opts: { rules?: number } = {}): SecretCorpus {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const secrets = new Set<string>();
  const counts = new Map<string, number>();
  for (const rule of BUILTIN_RULES.slice(0, opts.rules ?? BUILTIN_RULES.length)) {
    // Blank lines between examples keep each one's context (multi-line rules look a few lines around).
    const text = rule.examples.positive.join('\n\n\n\n\n\n\n') + '\n';
    const file = path.join(dir, `${rule.id}.txt`);
    const found = scan(text, { path: file });
    if (found.length === 0) continue;
    writeFileSync(file, text);
    files.push(file);
    counts.set(file, found.length);
    for (const f of found) {
      const s = revealSecret(f, text);
      if (s.length >= 8) secrets.add(s);
    }
  }
  // Public constants some rules capture as a "secret" and their docs quote (e.g. GitHub's `x-oauth-basic` password
  // placeholder): not secrets, and the SARIF rule descriptions legitimately contain them.
  const docs = BUILTIN_RULES.map((r) => `${r.title}\n${r.description}`).join('\n');
  const real = [...secrets].filter((s) => !docs.includes(s));
  return { dir, files, secrets: real.sort((a, b) => b.length - a.length), counts };
}

/** Secrets that appear in full in any of the outputs (with where). */
export function leaked(secrets: readonly string[], outputs: Record<string, string>): string[] {
  const out: string[] = [];
  for (const s of secrets) {
    for (const [where, text] of Object.entries(outputs)) if (text.includes(s)) out.push(`${where}: ${s.slice(0, 4)}… (${s.length} chars)`);
  }
  return out;
}
