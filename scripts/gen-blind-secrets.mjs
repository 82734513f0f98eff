#!/usr/bin/env node
/**
 * Blind fixture set for the detection engine: regenerates test/fixtures/blind/** and its labels.jsonl.
 *
 * Written independently of the engine and of test/fixtures/realistic (a second, blind check against
 * overfitting). Every credential-looking value below is FAKE: it comes from a seeded PRNG (sfc32, seeded
 * per file from the file's path) and only follows the public shape of the provider's format.
 *
 *   node scripts/gen-blind-secrets.mjs            # rewrite test/fixtures/blind/ (stale files removed)
 *   node scripts/gen-blind-secrets.mjs --check    # fail if the committed files differ from a fresh run
 *
 * Template markers:  ⟦kind|gen[:arg[:arg]][@name]⟧
 *   kind   label kind written to labels.jsonl (e.g. aws-access-key-id), or "-" for an unlabelled value
 *          (decoys: hashes, UUIDs, public keys, ...)
 *   gen    generator name from GEN below; "=name" re-emits a value remembered with @name
 *   @name  remember the generated value under name (per file)
 * The label line is the line on which the value starts (for a PEM block: the BEGIN line). At most one
 * label per line; a second labelled marker on the same line is an error.
 */
import { writeFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { join, dirname, resolve, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'test/fixtures/blind');

// ------------------------------------------------------------------------------------------------
// seeded PRNG

function hashSeed(str) {
  // xmur3-style string hash -> four 32-bit words
  let h = 1779033703 ^ str.length;
  for (let i = 0; i < str.length; i++) {
    h = Math.imul(h ^ str.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  const words = [];
  for (let k = 0; k < 4; k++) {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    words.push((h ^= h >>> 16) >>> 0);
  }
  return words;
}

function sfc32(a, b, c, d) {
  return function next() {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) {
    this.next = sfc32(...hashSeed(seed));
    for (let i = 0; i < 12; i++) this.next();
  }
  int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  pick(arr) { return arr[Math.floor(this.next() * arr.length)]; }
  str(alphabet, n) {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
  bytes(n) { return Buffer.from(Array.from({ length: n }, () => Math.floor(this.next() * 256))); }
}

const UP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LO = 'abcdefghijklmnopqrstuvwxyz';
const DIG = '0123456789';
const B32 = UP + '234567';
const B62 = DIG + UP + LO;
const ALNUM = UP + LO + DIG;
const B64 = UP + LO + DIG + '+/';
const B64URL = UP + LO + DIG + '-_';
const HEX = '0123456789abcdef';

// ------------------------------------------------------------------------------------------------
// checksums

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(s) {
  let c = 0xffffffff;
  for (const b of Buffer.from(s, 'utf8')) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function base62(n) {
  let s = '';
  do { s = B62[n % 62] + s; n = Math.floor(n / 62); } while (n > 0);
  return s;
}
/** 30 random base62 chars + base62(crc32(those 30 chars)) left-padded with '0' to 6 (GitHub classic / npm). */
function checksummed(r, prefix) {
  const body = r.str(B62, 30);
  return prefix + body + base62(crc32(body)).padStart(6, '0');
}

const b64 = (s) => Buffer.from(s).toString('base64');
const b64url = (buf) => Buffer.from(buf).toString('base64url');

// ------------------------------------------------------------------------------------------------
// generators: (rng, ...args) => string

function pemBody(r, lead, bytes) {
  const total = Math.ceil(bytes / 3) * 4;
  const pad = (3 - (bytes % 3)) % 3;
  const body = lead + r.str(B64, total - lead.length - pad) + '='.repeat(pad);
  return body.match(/.{1,64}/g);
}
function pem(r, kind) {
  const spec = {
    rsa: ['RSA PRIVATE KEY', 'MIIEpAIBAAKCAQEA', 1190],
    pkcs8: ['PRIVATE KEY', 'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQ', 1218],
    ec: ['EC PRIVATE KEY', 'MHcCAQEEI', 121],
    openssh: ['OPENSSH PRIVATE KEY', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQAAACD', 399],
    encrypted: ['ENCRYPTED PRIVATE KEY', 'MIIFHzBJBgkqhkiG9w0BBQ0wPDAbBgkqhkiG9w0BBQwwDgQI', 1315],
    pub: ['PUBLIC KEY', 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA', 294],
    cert: ['CERTIFICATE', 'MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa', 891],
  }[kind];
  const [label, lead, bytes] = spec;
  return [`-----BEGIN ${label}-----`, ...pemBody(r, lead, bytes), `-----END ${label}-----`].join('\n');
}

function password(r, style = 'strong', len = '16') {
  const n = Number(len);
  if (style === 'strong') {
    const sym = '!#%&*+-=?@^_~';
    let s;
    do s = r.str(ALNUM, 1) + r.str(ALNUM + sym, n - 1); while (!/[A-Z]/.test(s) || !/[a-z]/.test(s) || !/\d/.test(s));
    return s;
  }
  if (style === 'alnum') {
    let s;
    do s = r.str(ALNUM, n); while (!/[A-Z]/.test(s) || !/[a-z]/.test(s) || !/\d/.test(s));
    return s;
  }
  // "human": word-ish + digits + symbol, the kind people actually type
  const words = ['Harbor', 'Falcon', 'Quartz', 'Maple', 'Tundra', 'Orbit', 'Cobalt', 'Juniper', 'Saffron', 'Basalt', 'Walrus', 'Pixel', 'Meadow', 'Cinder', 'Lantern'];
  return r.pick(words) + r.pick(['!', '#', '$', '%', '&', '*', '@', '-', '_', '.']) + r.str(DIG, r.int(2, 4)) + r.pick(words).toLowerCase() + r.pick(['!', '?', '#', '']);
}

function jwt(r, kind = 'user') {
  const now = 1718000000 + r.int(0, 20000000);
  const payloads = {
    user: { sub: String(r.int(10000, 99999)), name: r.pick(['Dana Whitfield', 'Ravi Menon', 'Ola Nordmann', 'Chen Wei']), role: 'admin', iat: now, exp: now + 31536000 },
    svc: { iss: 'https://auth.internal.example.net/', sub: `svc-${r.str(LO + DIG, 8)}@clients`, aud: 'https://api.example.net', iat: now, exp: now + 86400 * 365, scope: 'read:orders write:orders' },
    k8s: { iss: 'kubernetes/serviceaccount', 'kubernetes.io/serviceaccount/namespace': 'ci', 'kubernetes.io/serviceaccount/secret.name': `deployer-token-${r.str(LO + DIG, 5)}`, 'kubernetes.io/serviceaccount/service-account.name': 'deployer', sub: 'system:serviceaccount:ci:deployer' },
    supa: { iss: 'supabase', ref: r.str(LO, 20), role: 'service_role', iat: now, exp: now + 315360000 },
  }[kind];
  const header = kind === 'k8s' ? { alg: 'RS256', kid: r.str(B64URL, 43) } : { alg: 'HS256', typ: 'JWT' };
  const sigLen = kind === 'k8s' ? 342 : 43;
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payloads))}.${r.str(B64URL, sigLen)}`;
}

const GEN = {
  // AWS
  akia: (r) => 'AKIA' + r.str(B32, 16),
  asia: (r) => 'ASIA' + r.str(B32, 16),
  awssecret: (r) => r.str(B64, 40),
  awstoken: (r) => r.pick(['IQoJb3JpZ2luX2VjE', 'FwoGZXIvYXdzE']) + r.str(B64, r.int(340, 520)) + r.pick(['', '=', '==']),
  account: (r) => String(r.int(1, 9)) + r.str(DIG, 11),
  // source control / registries
  ghp: (r) => checksummed(r, 'ghp_'),
  gho: (r) => checksummed(r, 'gho_'),
  ghs: (r) => checksummed(r, 'ghs_'),
  ghpat: (r) => 'github_pat_' + '11' + r.str(UP + DIG, 20) + '_' + r.str(ALNUM, 59),
  glpat: (r) => 'glpat-' + r.str(ALNUM + '-_', 20),
  glrt: (r) => 'glrt-' + r.str(ALNUM + '-_', 20),
  npm: (r) => checksummed(r, 'npm_'),
  pypi: (r) => 'pypi-AgEIcHlwaS5vcmc' + r.str(B64URL, 140),
  // chat / saas
  xoxb: (r) => `xoxb-${r.str(DIG, r.int(10, 12))}-${r.str(DIG, 13)}-${r.str(ALNUM, 24)}`,
  xoxp: (r) => `xoxp-${r.str(DIG, 11)}-${r.str(DIG, 11)}-${r.str(DIG, 13)}-${r.str(HEX, 32)}`,
  slackhook: (r) => `https://hooks.slack.com/services/T${r.str(UP + DIG, 8)}/B${r.str(UP + DIG, 10)}/${r.str(ALNUM, 24)}`,
  sklive: (r) => 'sk_live_51' + r.str(ALNUM, 97),
  sklive24: (r) => 'sk_live_' + r.str(ALNUM, 24),
  rklive: (r) => 'rk_live_51' + r.str(ALNUM, 97),
  whsec: (r) => 'whsec_' + r.str(ALNUM, 32),
  aiza: (r) => 'AIza' + r.str(ALNUM + '-_', 35),
  sendgrid: (r) => `SG.${r.str(B64URL, 22)}.${r.str(B64URL, 43)}`,
  twsid: (r) => 'AC' + r.str(HEX, 32),
  twsk: (r) => 'SK' + r.str(HEX, 32),
  hex: (r, n = '32') => r.str(HEX, Number(n)),
  openai: (r) => 'sk-proj-' + r.str(B64URL, 74) + 'T3BlbkFJ' + r.str(B64URL, 74),
  openailegacy: (r) => 'sk-' + r.str(ALNUM, 20) + 'T3BlbkFJ' + r.str(ALNUM, 20),
  anthropic: (r) => 'sk-ant-api03-' + r.str(B64URL, 93) + 'AA',
  datadog: (r) => r.str(HEX, 32),
  hf: (r) => 'hf_' + r.str(UP + LO, 34),
  shopify: (r) => 'shpat_' + r.str(HEX, 32),
  dop: (r) => 'dop_v1_' + r.str(HEX, 64),
  hvs: (r) => 'hvs.' + r.str(ALNUM, 24),
  pmak: (r) => `PMAK-${r.str(HEX, 24)}-${r.str(HEX, 34)}`,
  telegram: (r) => `${r.int(1000000000, 7999999999)}:AA${r.str(ALNUM + '-_', 33)}`,
  mailgun: (r) => 'key-' + r.str(HEX, 32),
  nrak: (r) => 'NRAK-' + r.str(UP + DIG, 27),
  glsa: (r) => `glsa_${r.str(ALNUM, 32)}_${r.str(HEX, 8)}`,
  linear: (r) => 'lin_api_' + r.str(ALNUM, 40),
  dapi: (r) => 'dapi' + r.str(HEX, 32),
  azstorage: (r) => r.str(B64, 86) + '==',
  azsecret: (r) => r.str(ALNUM, 3) + '8Q~' + r.str(ALNUM + '_~.-', 34),
  sentryauth: (r) => 'sntrys_' + r.str(B64URL, 120),
  tfc: (r) => `${r.str(ALNUM, 14)}.atlasv1.${r.str(ALNUM, 67)}`,
  // keys and tokens
  pem: (r, kind = 'rsa') => pem(r, kind),
  pemc: (r, kind = 'rsa') => pem(r, kind).split('\n').map((l) => `"${l}\\n"`).join('\n'),
  pemindent: (r, kind = 'rsa', n = '2') => pem(r, kind).split('\n').join('\n' + ' '.repeat(Number(n))),
  pemjson: (r, kind = 'pkcs8') => pem(r, kind).split('\n').join('\\n') + '\\n',
  jwt: (r, kind) => jwt(r, kind),
  // generic
  pw: (r, style, len) => password(r, style, len),
  alnum: (r, n = '32') => r.str(ALNUM, Number(n)),
  b64: (r, n = '44') => r.str(B64, Number(n)),
  b64bytes: (r, n = '32') => r.bytes(Number(n)).toString('base64'),
  djangokey: (r) => 'django-insecure-' + r.str(LO + DIG + '!@#%^&*(-_=+)', 50),
  laravelkey: (r) => 'base64:' + r.bytes(32).toString('base64'),
  wpsalt: (r) => r.str(ALNUM + '!@#%^&*()-_[]{}<>~+=,.;:/?|', 64),
  dockerauth: (r, user = 'ci-bot') => b64(`${user}:${password(r, 'alnum', '20')}`),
  basicb64: (r, user = 'svc') => b64(`${user}:${password(r, 'strong', '18')}`),
  k8s: (r, gen, ...args) => b64(GEN[gen](r, ...args)),
  basicof: (r, user, gen, ...args) => b64(`${user}:${GEN[gen](r, ...args)}`),
  b64url: (r, n = '43') => r.str(B64URL, Number(n)),
  discord: (r) => `${b64(String(r.int(100000000, 999999999)) + r.str(DIG, 9)).replace(/=+$/, '')}.${r.str(B64URL, 6)}.${r.str(B64URL, 38)}`,
  azdopat: (r) => r.str('abcdefghijklmnopqrstuvwxyz234567', 52),
  // decoys
  sha1: (r) => r.str(HEX, 40),
  sha256: (r) => r.str(HEX, 64),
  sri: (r) => 'sha512-' + r.bytes(64).toString('base64'),
  sri256: (r) => 'sha256-' + r.bytes(32).toString('base64'),
  h1: (r) => 'h1:' + r.bytes(32).toString('base64'),
  uuid: (r) => {
    const h = r.str(HEX, 32).split('');
    h[12] = '4';
    h[16] = '89ab'[r.int(0, 3)];
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  },
  bcrypt: (r) => '$2b$12$' + r.str('./' + ALNUM, 53),
  apr1: (r) => '$apr1$' + r.str(ALNUM, 8) + '$' + r.str('./' + ALNUM, 22),
  sshpub: (r) => 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI' + r.str(B64, 43),
  sshrsapub: (r) => 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ' + r.str(B64, 507),
  vault: (r) => ['$ANSIBLE_VAULT;1.1;AES256', ...r.str(HEX, 80 * 9).match(/.{80}/g)].join('\n'),
  sealed: (r) => 'AgB' + r.str(B64, 600) + '==',
  digits: (r, n = '6') => r.str(DIG, Number(n)),
  b32: (r, n = '17') => r.str(B32, Number(n)),
};

// ------------------------------------------------------------------------------------------------
// templates: test/fixtures/blind-templates/<fixture path>.tpl, text with ⟦kind|gen⟧ markers (data, not code)

const TEMPLATES = join(ROOT, 'test/fixtures/blind-templates');

function readTemplates() {
  const out = {};
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.tpl')) out[relative(TEMPLATES, p).split(sep).join('/').slice(0, -4)] = readFileSync(p, 'utf8');
    }
  };
  walk(TEMPLATES);
  return out;
}

const T = readTemplates();
/** The fixture folder's own README (kept beside the templates; not a fixture). */
const README = T['README.md'];
delete T['README.md'];

// ------------------------------------------------------------------------------------------------
// expansion

const MARKER = /⟦([^|⟧]+)\|([^⟧]+)⟧/g;
const EXAMPLE_VALUES = ['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'];

function expand(path, template) {
  const r = new Rng('blind-v1:' + path);
  const vars = new Map();
  const labels = [];
  let out = '';
  let last = 0;
  for (const m of template.matchAll(MARKER)) {
    out += template.slice(last, m.index);
    last = m.index + m[0].length;
    const kind = m[1].trim();
    let spec = m[2].trim();
    let save;
    const at = spec.lastIndexOf('@');
    if (at > 0) { save = spec.slice(at + 1); spec = spec.slice(0, at); }
    let value;
    if (spec.startsWith('=')) {
      if (!vars.has(spec.slice(1))) throw new Error(`${path}: unknown variable ${spec}`);
      value = vars.get(spec.slice(1));
    } else {
      const [name, ...args] = spec.split(':');
      const g = GEN[name];
      if (!g) throw new Error(`${path}: unknown generator ${name}`);
      value = g(r, ...args);
    }
    if (save) vars.set(save, value);
    if (kind !== '-') {
      const line = out.split('\n').length;
      if (labels.some((l) => l.line === line)) throw new Error(`${path}:${line}: two labels on one line`);
      if (EXAMPLE_VALUES.includes(value)) throw new Error(`${path}:${line}: documentation example used as a positive`);
      labels.push({ file: path, line, kind });
    }
    out += value;
  }
  out += template.slice(last);
  if (/[⟦⟧]/.test(out)) throw new Error(`${path}: malformed marker`);
  return { text: out, labels };
}


function listFiles(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(relative(OUT, p).split(sep).join('/'));
  }
  return out;
}

function main() {
  const check = process.argv.includes('--check');
  const files = new Map([['README.md', README]]);
  const labels = [];
  for (const [path, tpl] of Object.entries(T)) {
    const { text, labels: l } = expand(path, tpl);
    files.set(path, text);
    labels.push(...l);
  }
  labels.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  files.set('labels.jsonl', labels.map((l) => JSON.stringify(l)).join('\n') + '\n');
  if (check) {
    const stale = [];
    for (const [p, text] of files) {
      const full = join(OUT, p);
      if (!existsSync(full) || readFileSync(full, 'utf8') !== text) stale.push(p);
    }
    for (const p of listFiles(OUT)) if (!files.has(p)) stale.push(p + ' (not generated)');
    if (stale.length) {
      console.error('blind fixtures out of date:\n  ' + stale.join('\n  '));
      process.exit(1);
    }
    console.log(`blind fixtures up to date (${files.size - 2} files, ${labels.length} labels)`);
    return;
  }
  for (const p of listFiles(OUT)) if (!files.has(p)) rmSync(join(OUT, p));
  for (const [p, text] of files) {
    mkdirSync(dirname(join(OUT, p)), { recursive: true });
    writeFileSync(join(OUT, p), text);
  }
  const decoyOnly = [...Object.keys(T)].filter((p) => !labels.some((l) => l.file === p)).length;
  console.log(`wrote ${files.size - 2} fixture files (${decoyOnly} decoy-only) and ${labels.length} labels to ${relative(ROOT, OUT)}`);
}

main();
