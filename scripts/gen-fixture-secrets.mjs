#!/usr/bin/env node
/**
 * Deterministic generator of FAKE but well-formed credential values for the detection fixtures.
 *
 * Nothing here is a real credential: every value comes from a seeded PRNG (mulberry32). Formats follow
 * the providers' public shapes (alphabets, lengths, prefixes, and the CRC32/base62 checksums that GitHub
 * classic tokens and npm tokens carry) so that structure-validating rules accept them.
 *
 * Library use:
 *   import { SecretGen, crc32, base62Checksum, githubTokenChecksumOk } from './gen-fixture-secrets.mjs';
 *   const g = new SecretGen('my-seed'); g.githubClassic('ghp');
 *
 * CLI:
 *   node scripts/gen-fixture-secrets.mjs fill --src <template dir> --out <fixture dir> [--labels <file>]
 *       Expands «markers» in every template file, writes plain-text fixtures and a labels.jsonl
 *       (one line per labelled secret: file, line, kind). See MARKERS below.
 *   node scripts/gen-fixture-secrets.mjs sample <generator> [args...] [--seed s] [--raw]
 *       Prints one generated value (masked unless --raw; the values are fake either way).
 *   node scripts/gen-fixture-secrets.mjs list
 *       Lists generators with their default label kind.
 *
 * MARKERS (template syntax):  «name[:arg]...[@var][>transform]...[|label]»
 *   name       a generator from GENERATORS (e.g. akid, awssecret, ghp, pw, pem, uuid)
 *   :arg       generator arguments (e.g. «akid:ASIA», «pw:strong:20», «pem:ec»)
 *   @var       remember the value under var; «@var» alone re-emits it (no label unless |label given)
 *   >t         transforms: b64 (base64), b64url, urlenc, jsonesc (newlines -> \n), upper, lower
 *   |label     override the label kind; |- means "do not label" (decoy or already labelled on that line)
 * A marker whose value spans several lines is labelled at its first line (the PEM BEGIN line);
 * continuation lines inherit the marker line's leading whitespace when only whitespace precedes it.
 */
import { readFileSync, writeFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative, dirname, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------------------------
// primitives

export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash of a string: turns a seed string into a PRNG seed. */
export function fnv1a(str) {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** Standard CRC-32 (IEEE, reflected, as zlib) of the UTF-8 bytes of `input`. */
export function crc32(input) {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const UPPER_B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
export const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const HEX = '0123456789abcdef';

/** Encode a non-negative integer in base62 (0-9A-Za-z), left-padded with '0' to `width`. */
export function base62(n, width = 0) {
  let s = '';
  let v = Math.floor(n);
  do {
    s = BASE62[v % 62] + s;
    v = Math.floor(v / 62);
  } while (v > 0);
  return s.padStart(width, '0');
}

/** base62(crc32(s)) padded to 6 chars: the checksum GitHub classic tokens and npm tokens append. */
export function base62Checksum(s) {
  return base62(crc32(s), 6);
}

/** True if a ghp_/gho_/ghu_/ghs_/ghr_ token's last 6 chars are the base62 CRC32 of its 30-char body. */
export function githubTokenChecksumOk(token) {
  const m = /^gh[pousr]_([0-9A-Za-z]{30})([0-9A-Za-z]{6})$/.exec(token);
  return !!m && base62Checksum(m[1]) === m[2];
}

/** True if an npm_ token's last 6 chars are the base62 CRC32 of its first 30 body chars. */
export function npmTokenChecksumOk(token) {
  const m = /^npm_([0-9A-Za-z]{30})([0-9A-Za-z]{6})$/.exec(token);
  return !!m && base62Checksum(m[1]) === m[2];
}

const b64 = (buf) => Buffer.from(buf).toString('base64');
const b64url = (buf) => Buffer.from(buf).toString('base64url');
const wrap = (s, w) => s.match(new RegExp(`.{1,${w}}`, 'g')).join('\n');

// ---------------------------------------------------------------------------------------------
// generator

const WORDS = [
  'harbor', 'maple', 'falcon', 'copper', 'violet', 'summit', 'orbit', 'lantern', 'cedar', 'willow',
  'thunder', 'marble', 'canyon', 'ember', 'glacier', 'juniper', 'meadow', 'quartz', 'raven', 'saffron',
  'tundra', 'velvet', 'zephyr', 'aurora', 'basalt', 'cobalt', 'dynamo', 'fjord', 'granite', 'hollow',
];
const PW_SYMBOLS = '!#%*-_+=.,?^~';

export class SecretGen {
  constructor(seed = 'credential-hygiene') {
    this.rand = mulberry32(typeof seed === 'number' ? seed : fnv1a(String(seed)));
  }
  int(n) { return Math.floor(this.rand() * n); }
  range(lo, hi) { return lo + this.int(hi - lo + 1); }
  chars(alphabet, n) { let s = ''; for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)]; return s; }
  bytes(n) { const b = Buffer.alloc(n); for (let i = 0; i < n; i++) b[i] = this.int(256); return b; }
  pick(arr) { return arr[this.int(arr.length)]; }
  digits(n) { return String(1 + this.int(9)) + this.chars('0123456789', n - 1); }

  // --- AWS
  awsAccessKeyId(prefix = 'AKIA') {
    // Avoid the documentation example suffix and keep at least a few digits for realism.
    let s;
    do s = prefix + this.chars(UPPER_B32, 16); while (/EXAMPLE$/.test(s) || !/[2-7]/.test(s.slice(4)));
    return s;
  }
  awsSecretAccessKey() {
    let s;
    do s = this.chars(B64, 40); while (!/[+/]/.test(s) && this.rand() < 0.5);
    return s;
  }
  awsSessionToken(len = 0) {
    const n = len || this.range(300, 560);
    // Real STS tokens start with "IQoJb3JpZ2luX2Vj" (base64 of a protobuf-ish header).
    return 'IQoJb3JpZ2luX2Vj' + this.chars(B64, n - 16 - 2) + this.chars(B64, 1) + '=';
  }
  // --- GitHub / GitLab
  githubClassic(prefix = 'ghp') {
    const body = this.chars(BASE62, 30);
    return `${prefix}_${body}${base62Checksum(body)}`;
  }
  githubFineGrained() { return `github_pat_${this.chars(ALNUM, 22)}_${this.chars(ALNUM, 59)}`; }
  gitlabPat() { return `glpat-${this.chars(ALNUM + '-_', 20)}`; }
  // --- Slack
  slackBot() { return `xoxb-${this.digits(12)}-${this.digits(13)}-${this.chars(ALNUM, 24)}`; }
  slackUser() { return `xoxp-${this.digits(12)}-${this.digits(12)}-${this.digits(13)}-${this.chars(HEX, 32)}`; }
  slackWebhook() {
    const up = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    return `https://hooks.slack.com/services/T${this.chars(up, 10)}/B${this.chars(up, 10)}/${this.chars(ALNUM, 24)}`;
  }
  // --- Stripe
  stripe(kind = 'sk', len = 0) {
    const n = len || this.pick([24, 99, 99, 34]);
    return `${kind}_live_${this.chars(ALNUM, n)}`;
  }
  stripePublishable() { return `pk_live_${this.chars(ALNUM, 99)}`; }
  // --- Google
  googleApiKey() { return `AIza${this.chars(ALNUM + '-_', 35)}`; }
  gcpClientId() { return this.digits(21); }
  // --- misc providers
  sendgrid() { return `SG.${this.chars(B64URL, 22)}.${this.chars(B64URL, 43)}`; }
  twilioApiKeySid() { return `SK${this.chars(HEX, 32)}`; }
  twilioAccountSid() { return `AC${this.chars(HEX, 32)}`; }
  twilioAuthToken() { return this.chars(HEX, 32); }
  npmToken() { const body = this.chars(BASE62, 30); return `npm_${body}${base62Checksum(body)}`; }
  pypiToken() { return `pypi-AgEIcHlwaS5vcmcCJ${this.chars(B64URL, this.range(140, 180))}`; }
  dockerPat() { return `dckr_pat_${this.chars(ALNUM + '-_', 27)}`; }
  openaiProject() { return `sk-proj-${this.chars(ALNUM + '-_', 74)}T3BlbkFJ${this.chars(ALNUM + '-_', 74)}`; }
  anthropic() { return `sk-ant-api03-${this.chars(ALNUM + '-_', 93)}AA`; }
  herokuV2() { return `HRKU-AA${this.chars(ALNUM + '-_', 58)}`; }
  datadogApiKey() { return this.chars(HEX, 32); }
  datadogAppKey() { return this.chars(HEX, 40); }
  azureStorageKey() { return b64(this.bytes(64)); } // 88 chars ending "=="
  // --- keys and tokens
  privateKeyPem(type = 'rsa') {
    const t = String(type).toLowerCase();
    if (t === 'ec') {
      const der = Buffer.concat([Buffer.from('30770201010420', 'hex'), this.bytes(32),
        Buffer.from('a00a06082a8648ce3d030107a144034200', 'hex'), Buffer.from([4]), this.bytes(64)]);
      return `-----BEGIN EC PRIVATE KEY-----\n${wrap(b64(der), 64)}\n-----END EC PRIVATE KEY-----`;
    }
    if (t === 'openssh') {
      const head = Buffer.from('openssh-key-v1\0\0\0\0\x04none\0\0\0\x04none\0\0\0\0\0\0\0\x01\0\0\0\x33\0\0\0\x0bssh-ed25519\0\0\0\x20', 'latin1');
      const der = Buffer.concat([head, this.bytes(32), Buffer.from('\0\0\0\x88', 'latin1'), this.bytes(136 + 48)]);
      return `-----BEGIN OPENSSH PRIVATE KEY-----\n${wrap(b64(der), 70)}\n-----END OPENSSH PRIVATE KEY-----`;
    }
    if (t === 'pkcs8') {
      const der = Buffer.concat([Buffer.from('308204bd020100300d06092a864886f70d0101010500048204a7308204a30201000282010100', 'hex'), this.bytes(1190)]);
      return `-----BEGIN PRIVATE KEY-----\n${wrap(b64(der), 64)}\n-----END PRIVATE KEY-----`;
    }
    if (t === 'pkcs8ec') {
      const der = Buffer.concat([Buffer.from('308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b0201010420', 'hex'), this.bytes(32), Buffer.from('a144034200', 'hex'), Buffer.from([4]), this.bytes(64)]);
      return `-----BEGIN PRIVATE KEY-----\n${wrap(b64(der), 64)}\n-----END PRIVATE KEY-----`;
    }
    // rsa (PKCS#1, 2048-bit shaped)
    const der = Buffer.concat([Buffer.from('308204a40201000282010100', 'hex'), this.bytes(1180)]);
    return `-----BEGIN RSA PRIVATE KEY-----\n${wrap(b64(der), 64)}\n-----END RSA PRIVATE KEY-----`;
  }
  jwt(alg = 'HS256') {
    const header = b64url(JSON.stringify({ alg, typ: 'JWT' }));
    const now = 1717000000 + this.int(20000000);
    const payload = b64url(JSON.stringify({
      sub: this.pick(['svc-billing', 'user_' + this.digits(6), 'ci-deployer', 'orders-api']),
      iss: this.pick(['https://auth.internal.example.net', 'orders-service', 'https://id.acme-corp.io']),
      iat: now, exp: now + this.pick([3600, 86400, 31536000]),
      scope: this.pick(['read:orders write:orders', 'admin', 'deploy']),
    }));
    const sig = b64url(this.bytes(alg.startsWith('RS') ? 256 : 32));
    return `${header}.${payload}.${sig}`;
  }
  /** Passwords: strong (random, mixed classes), human (words+digits+symbol), url (URL-safe), alnum. */
  password(style = 'strong', len = 0) {
    const n = Number(len) || this.range(14, 24);
    if (style === 'human') {
      const cap = (w) => w[0].toUpperCase() + w.slice(1);
      return `${cap(this.pick(WORDS))}${this.pick(['-', '_', '.', ''])}${cap(this.pick(WORDS))}${this.digits(this.range(2, 4))}${this.pick(['!', '#', '%', '*', '?'])}`;
    }
    const alpha = style === 'url' ? ALNUM + '-_.~' : style === 'alnum' ? ALNUM : ALNUM + PW_SYMBOLS;
    let s;
    do s = this.chars(alpha, n); while (!(/[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s)) || /^[-.]/.test(s));
    return s;
  }
  apiKey(len = 32, alphabet = 'alnum') {
    const a = { alnum: ALNUM, hex: HEX, b64: B64, b64url: B64URL, upper: UPPER_B32 }[alphabet] || ALNUM;
    return this.chars(a, Number(len));
  }
  // --- decoys (not secrets)
  uuid() { const h = this.chars(HEX, 32); return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(4)]}${h.slice(17, 20)}-${h.slice(20)}`; }
  gitSha() { return this.chars(HEX, 40); }
  sha256() { return this.chars(HEX, 64); }
  md5() { return this.chars(HEX, 32); }
  sri(alg = 'sha512') { return `${alg}-${b64(this.bytes(alg === 'sha512' ? 64 : alg === 'sha384' ? 48 : 32))}`; }
  sshRsaPublic(comment = 'deploy@ci') {
    const blob = Buffer.concat([Buffer.from('000000077373682d727361000000030100010000010100', 'hex'), this.bytes(256)]);
    return `ssh-rsa ${b64(blob)} ${comment}`;
  }
  sshEd25519Public(comment = 'dev@laptop') {
    const blob = Buffer.concat([Buffer.from('0000000b7373682d6564323535313900000020', 'hex'), this.bytes(32)]);
    return `ssh-ed25519 ${b64(blob)} ${comment}`;
  }
  publicKeyPem() {
    const der = Buffer.concat([Buffer.from('30820122300d06092a864886f70d01010105000382010f003082010a0282010100', 'hex'), this.bytes(256), Buffer.from('0203010001', 'hex')]);
    return `-----BEGIN PUBLIC KEY-----\n${wrap(b64(der), 64)}\n-----END PUBLIC KEY-----`;
  }
  certificatePem() {
    const der = Buffer.concat([Buffer.from('308203', 'hex'), this.bytes(780)]);
    return `-----BEGIN CERTIFICATE-----\n${wrap(b64(der), 64)}\n-----END CERTIFICATE-----`;
  }
  pngDataUri(n = 120) {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), this.bytes(Number(n))]);
    return `data:image/png;base64,${b64(png)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// marker generators: name -> [default label kind or null, (gen, args) => value]

export const GENERATORS = {
  akid: ['aws-access-key-id', (g, [p]) => g.awsAccessKeyId(p || 'AKIA')],
  awssecret: ['aws-secret-access-key', (g) => g.awsSecretAccessKey()],
  awssession: ['aws-session-token', (g, [n]) => g.awsSessionToken(Number(n) || 0)],
  ghp: ['github-token', (g, [p]) => g.githubClassic(p || 'ghp')],
  ghpat: ['github-token', (g) => g.githubFineGrained()],
  glpat: ['gitlab-token', (g) => g.gitlabPat()],
  xoxb: ['slack-token', (g) => g.slackBot()],
  xoxp: ['slack-token', (g) => g.slackUser()],
  slackhook: ['slack-webhook', (g) => g.slackWebhook()],
  stripe: ['stripe-key', (g, [k, n]) => g.stripe(k || 'sk', Number(n) || 0)],
  gapi: ['google-api-key', (g) => g.googleApiKey()],
  sendgrid: ['sendgrid-key', (g) => g.sendgrid()],
  twiliosk: ['twilio-key', (g) => g.twilioApiKeySid()],
  twiliotoken: ['twilio-key', (g) => g.twilioAuthToken()],
  npm: ['npm-token', (g) => g.npmToken()],
  pypi: ['other-provider-token', (g) => g.pypiToken()],
  dockerpat: ['other-provider-token', (g) => g.dockerPat()],
  openai: ['other-provider-token', (g) => g.openaiProject()],
  anthropic: ['other-provider-token', (g) => g.anthropic()],
  heroku: ['other-provider-token', (g) => g.herokuV2()],
  ddapi: ['other-provider-token', (g) => g.datadogApiKey()],
  ddapp: ['other-provider-token', (g) => g.datadogAppKey()],
  azurekey: ['azure-key', (g) => g.azureStorageKey()],
  pem: ['private-key', (g, [t]) => g.privateKeyPem(t || 'rsa')],
  jwt: ['jwt', (g, [a]) => g.jwt(a || 'HS256')],
  pw: ['generic-password', (g, [s, n]) => g.password(s || 'strong', n)],
  userpass: ['generic-password', (g, [u, s, n]) => `${u || 'admin'}:${s === 'ghp' ? g.githubClassic() : g.password(s || 'strong', n)}`],
  apikey: ['generic-api-key', (g, [n, a]) => g.apiKey(Number(n) || 32, a || 'alnum')],
  // raw material: unlabelled unless |label is given
  hex: [null, (g, [n]) => g.chars(HEX, Number(n) || 32)],
  alnum: [null, (g, [n]) => g.chars(ALNUM, Number(n) || 32)],
  b64raw: [null, (g, [n]) => g.chars(B64, Number(n) || 40)],
  digits: [null, (g, [n]) => g.digits(Number(n) || 12)],
  // decoys
  uuid: [null, (g) => g.uuid()],
  gitsha: [null, (g) => g.gitSha()],
  sha256: [null, (g) => g.sha256()],
  md5: [null, (g) => g.md5()],
  sri: [null, (g, [a]) => g.sri(a || 'sha512')],
  sshpub: [null, (g, [c]) => g.sshRsaPublic(c || 'deploy@ci')],
  sshed: [null, (g, [c]) => g.sshEd25519Public(c || 'dev@laptop')],
  pubpem: [null, (g) => g.publicKeyPem()],
  certpem: [null, (g) => g.certificatePem()],
  png: [null, (g, [n]) => g.pngDataUri(n || 120)],
  pklive: [null, (g) => g.stripePublishable()],
  twilioac: [null, (g) => g.twilioAccountSid()],
  gcpclientid: [null, (g) => g.gcpClientId()],
};

const TRANSFORMS = {
  b64: (v) => Buffer.from(v, 'utf8').toString('base64'),
  b64url: (v) => Buffer.from(v, 'utf8').toString('base64url'),
  urlenc: (v) => encodeURIComponent(v),
  jsonesc: (v) => v.replace(/\n/g, '\\n'),
  upper: (v) => v.toUpperCase(),
  lower: (v) => v.toLowerCase(),
};

const MARKER = /«([^«»]+)»/g;

/**
 * Expand every marker in `text`. Returns { text, labels: [{line, kind}] } (lines 1-based).
 * Deterministic: the PRNG is seeded from `seed` (use the file's relative path).
 */
export function expandTemplate(text, seed) {
  const g = new SecretGen(seed);
  const vars = new Map();
  const labels = [];
  let out = '';
  let last = 0;
  let line = 1;
  for (const m of text.matchAll(MARKER)) {
    const before = text.slice(last, m.index);
    out += before;
    line += (before.match(/\n/g) || []).length;
    let spec = m[1];
    let label;
    const bar = spec.indexOf('|');
    if (bar >= 0) { label = spec.slice(bar + 1).trim(); spec = spec.slice(0, bar); }
    const [genPart, ...transforms] = spec.split('>');
    let value;
    let defaultLabel = null;
    const at = genPart.indexOf('@');
    const varName = at >= 0 ? genPart.slice(at + 1) : null;
    const call = at >= 0 ? genPart.slice(0, at) : genPart;
    if (call === '') {
      if (!vars.has(varName)) throw new Error(`${seed}: unknown marker variable @${varName}`);
      value = vars.get(varName);
    } else {
      const [name, ...args] = call.split(':');
      const gen = GENERATORS[name];
      if (!gen) throw new Error(`${seed}: unknown generator "${name}" in «${m[1]}»`);
      defaultLabel = gen[0];
      value = gen[1](g, args);
      if (varName) vars.set(varName, value);
    }
    for (const t of transforms) {
      const fn = TRANSFORMS[t.trim()];
      if (!fn) throw new Error(`${seed}: unknown transform "${t}"`);
      value = fn(value);
    }
    if (value.includes('\n')) {
      const lineStart = out.lastIndexOf('\n') + 1;
      const prefix = out.slice(lineStart);
      if (/^[ \t]*$/.test(prefix) && prefix.length) value = value.split('\n').join('\n' + prefix);
    }
    const kind = label === undefined ? defaultLabel : label === '-' ? null : label;
    if (kind) labels.push({ line, kind });
    out += value;
    line += (value.match(/\n/g) || []).length;
    last = m.index + m[0].length;
  }
  out += text.slice(last);
  return { text: out, labels };
}

function walk(dir) {
  const files = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files.push(...walk(p));
    else files.push(p);
  }
  return files;
}

function fill(src, out, labelsPath) {
  const all = [];
  let count = 0;
  for (const file of walk(src)) {
    const rel = relative(src, file).split(sep).join('/');
    const raw = readFileSync(file, 'utf8');
    const { text, labels } = expandTemplate(raw, rel);
    const dest = join(out, rel);
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, text);
    count++;
    const seen = new Set();
    for (const l of labels) {
      if (seen.has(l.line)) continue; // one label per (file, line)
      seen.add(l.line);
      all.push({ file: rel, line: l.line, kind: l.kind });
    }
  }
  all.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  writeFileSync(labelsPath, all.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const withLabels = new Set(all.map((l) => l.file)).size;
  console.log(`wrote ${count} files (${withLabels} with secrets, ${count - withLabels} decoy-only), ${all.length} labels -> ${labelsPath}`);
}

function main(argv) {
  const [cmd, ...rest] = argv;
  const opt = (name, dflt) => { const i = rest.indexOf(name); return i >= 0 ? rest[i + 1] : dflt; };
  if (cmd === 'fill') {
    const src = opt('--src');
    const out = opt('--out', 'test/fixtures/realistic');
    if (!src) throw new Error('fill needs --src <template dir>');
    fill(src, out, opt('--labels', join(out, 'labels.jsonl')));
  } else if (cmd === 'sample') {
    const [spec, ...more] = rest.filter((a, i) => !a.startsWith('--') && !(rest[i - 1] || '').startsWith('--seed'));
    const [name, ...args] = [...spec.split(':'), ...more];
    const gen = GENERATORS[name];
    if (!gen) throw new Error(`unknown generator ${name}; try "list"`);
    const v = gen[1](new SecretGen(opt('--seed', 'sample')), args);
    console.log(rest.includes('--raw') ? v : v.slice(0, 4) + '…' + ` (${v.length} chars, label ${gen[0] || 'none'})`);
  } else if (cmd === 'list') {
    for (const [k, [label]] of Object.entries(GENERATORS)) console.log(`${k.padEnd(12)} ${label || '(decoy / unlabelled)'}`);
  } else {
    console.log('usage: gen-fixture-secrets.mjs fill --src <dir> [--out <dir>] [--labels <file>] | sample <gen> [args] [--seed s] [--raw] | list');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) main(process.argv.slice(2));
