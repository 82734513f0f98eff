/**
 * Seeded FAKE but well-formed AWS keys for the report fixtures. Fixture files hold placeholders
 * (`{{AKID}}`, `{{ASKEY2}}`…) so that nothing secret-looking is committed; tests materialise them here.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function fakeKeys(seed = 20240611): Record<string, string> {
  const rnd = mulberry32(seed);
  const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
  const out: Record<string, string> = {};
  for (const suffix of ['', '2', '3']) {
    out[`AKID${suffix}`] = 'AKIA' + pick(UPPER32, 16);
    // mixed classes so entropy checks pass
    out[`ASKEY${suffix}`] = pick(B64, 18) + 'q7Z' + pick(B64, 16) + 'k/9';
  }
  return out;
}

export function materialise(template: string, keys = fakeKeys()): string {
  return template.replace(/\{\{([A-Z0-9]+)\}\}/g, (m, name: string) => keys[name] ?? m);
}

const FIXTURE_ROOT = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'report', 'sdk');

/** Fixture files (relative posix path → materialised text), excluding labels.json. */
export function loadFixtures(keys = fakeKeys()): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name !== 'labels.json') out.set(relative(FIXTURE_ROOT, p).split('\\').join('/'), materialise(readFileSync(p, 'utf8'), keys));
    }
  };
  walk(FIXTURE_ROOT);
  return out;
}

export interface Labels {
  files: Record<string, { 'default-chain': number; static: number; 'config-or-env': number; lookups: number }>;
}

export function loadLabels(): Labels {
  return JSON.parse(readFileSync(join(FIXTURE_ROOT, 'labels.json'), 'utf8')) as Labels;
}
