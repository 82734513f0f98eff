/**
 * Seeded generator of FAKE but well-formed secrets for the remediation fixtures. Fixture files hold placeholders
 * (`{{AKID}}`, `{{ASKEY}}`, `{{PASSWORD}}`…) so that no secret-looking value is committed; tests materialise them.
 */
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

function pick(rnd: () => number, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
  return s;
}

const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** Deterministic placeholder → value map for one seed. */
export function fakeSecrets(seed = 4242): Record<string, string> {
  const rnd = mulberry32(seed);
  const mixed = (n: number) => {
    // guarantee classes so entropy/charset checks pass: upper, lower, digit, symbol
    const core = pick(rnd, ALNUM, n - 4);
    return core.slice(0, 3) + 'Q' + core.slice(3) + '7x#';
  };
  return {
    AKID: 'AKIA' + pick(rnd, UPPER32, 16),
    AKID2: 'AKIA' + pick(rnd, UPPER32, 16),
    ASKEY: pick(rnd, B64, 40),
    ASKEY2: pick(rnd, B64, 40),
    SESSION: 'IQoJb3JpZ2luX2Vj' + pick(rnd, B64, 180),
    PASSWORD: mixed(16),
    PASSWORD2: mixed(14),
    TOKEN: pick(rnd, ALNUM, 32),
    APIKEY: pick(rnd, ALNUM, 36),
  };
}

export function materialise(template: string, seed = 4242): string {
  const values = fakeSecrets(seed);
  return template.replace(/\{\{([A-Z0-9]+)\}\}/g, (m, name: string) => values[name] ?? m);
}

/** All generated values, to assert none survives a fix. */
export function allFakeValues(seed = 4242): string[] {
  return Object.values(fakeSecrets(seed));
}
