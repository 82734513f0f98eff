/**
 * Seeded generator of FAKE, well-formed AWS credentials for the CLI and suppression tests. Nothing here is a real
 * key: values come from a mulberry32 PRNG. Never the AWS documentation examples (the engine ignores those).
 */
export function fakeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function pick(rng: () => number, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rng() * alphabet.length)];
  return s;
}

/** `AKIA` + 16 base32 characters (a fresh one per seed). */
export function fakeAwsKeyId(seed: number): string {
  return 'AKIA' + pick(fakeRng(seed), B32, 16);
}

/** 40 base64 characters with a digit, a lower and an upper case letter and a `/`. */
export function fakeAwsSecret(seed: number): string {
  const rng = fakeRng(seed * 7919 + 17);
  return pick(rng, B64, 18) + 'q7/Z' + pick(rng, B64, 18);
}
