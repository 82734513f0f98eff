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
// templates: path -> text with ⟦kind|gen⟧ markers (assembled as plain template literals)

const T = {};

T[".github/workflows/ci.yml"] = `name: ci

on:
  pull_request:
  push:
    branches: [main]

jobs:
  test:
    runs-on: ubuntu-latest
    services:
      postgres:
        image: postgres:16
        env:
          POSTGRES_PASSWORD: postgres
        ports: ['5432:5432']
    env:
      DATABASE_URL: postgres://postgres:postgres@localhost:5432/test
      NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
    steps:
      - uses: actions/checkout@⟦-|sha1⟧ # v4.1.7
      - uses: aws-actions/configure-aws-credentials@⟦-|sha1⟧ # v4.0.2
        with:
          role-to-assume: arn:aws:iam::⟦-|account⟧:role/github-actions-ci
          aws-region: us-east-1
      - uses: actions/setup-node@⟦-|sha1⟧
        with:
          node-version: 20
          registry-url: https://registry.npmjs.org
      - run: npm ci
      - run: npm test
        env:
          STRIPE_SECRET_KEY: \${{ secrets.STRIPE_TEST_KEY }}
          API_KEY: \${{ secrets.API_KEY }}
          CODECOV_TOKEN: \${{ secrets.CODECOV_TOKEN }}
      - name: Login to GHCR
        uses: docker/login-action@⟦-|sha1⟧
        with:
          registry: ghcr.io
          username: \${{ github.actor }}
          password: \${{ secrets.GITHUB_TOKEN }}
      - name: cache key
        run: echo "key=deps-\${{ hashFiles('package-lock.json') }}" >> "$GITHUB_OUTPUT"
`;

T[".github/workflows/deploy.yml"] = `name: deploy

on:
  push:
    branches: [main]

permissions:
  contents: read
  id-token: write

env:
  AWS_REGION: us-east-1
  AWS_ACCESS_KEY_ID: ⟦aws-access-key-id|akia⟧
  AWS_SECRET_ACCESS_KEY: ⟦aws-secret-access-key|awssecret⟧

jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@⟦-|sha1⟧ # v4.1.7
      - uses: actions/setup-node@⟦-|sha1⟧ # v4.0.3
        with:
          node-version: 20
      - run: npm ci && npm run build
      - run: aws s3 sync dist/ s3://acme-www --delete
      - name: Notify
        run: |
          curl -X POST -H 'Content-type: application/json' \\
            --data '{"text":"deployed \${{ github.sha }}"}' \\
            ⟦slack-webhook|slackhook⟧
`;

T[".gitlab-ci.yml"] = `stages: [test, build, deploy]

variables:
  DOCKER_DRIVER: overlay2
  SONAR_HOST_URL: https://sonar.internal.example.com
  SONAR_TOKEN: "⟦other-provider-token|hex:40⟧"
  POSTGRES_PASSWORD: "postgres"

test:
  stage: test
  image: python:3.12
  services: [postgres:16]
  script:
    - pip install -r requirements-dev.txt
    - pytest -q

build:
  stage: build
  image: docker:27
  script:
    - echo "$CI_REGISTRY_PASSWORD" | docker login -u "$CI_REGISTRY_USER" --password-stdin "$CI_REGISTRY"
    - docker build -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .
    - docker push "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA"

deploy:
  stage: deploy
  image: registry.gitlab.com/gitlab-org/cloud-deploy/aws-base:latest
  variables:
    AWS_ACCESS_KEY_ID: ⟦aws-access-key-id|akia⟧
    AWS_SECRET_ACCESS_KEY: ⟦aws-secret-access-key|awssecret⟧
  script:
    - aws ecs update-service --cluster prod --service api --force-new-deployment
    - 'curl --header "PRIVATE-TOKEN: ⟦gitlab-token|glpat⟧" "https://gitlab.com/api/v4/projects/4821/releases"'
  only: [main]
`;

T["Makefile"] = `SHELL := /bin/bash
IMAGE ?= acme/billing-api
VERSION ?= $(shell git describe --tags --always)
REGISTRY_USER := acmeci
REGISTRY_PASSWORD := ⟦generic-password|pw:alnum:20⟧
SONAR_LOGIN := ⟦other-provider-token|hex:40⟧

.PHONY: build push test release

build:
	docker build -t $(IMAGE):$(VERSION) .

push: build
	echo "$(REGISTRY_PASSWORD)" | docker login -u $(REGISTRY_USER) --password-stdin
	docker push $(IMAGE):$(VERSION)

test:
	DATABASE_URL=postgres://postgres:postgres@localhost:5432/test go test ./...

sonar:
	sonar-scanner -Dsonar.login=$(SONAR_LOGIN) -Dsonar.projectKey=billing-api

release:
	AWS_PROFILE=release aws s3 cp dist/ s3://acme-releases/billing/$(VERSION)/ --recursive
`;

T["ansible/group_vars/all/main.yml"] = `---
app_user: deploy
app_dir: /opt/helpdesk
ntp_servers:
  - 0.pool.ntp.org
  - 1.pool.ntp.org

mysql_root_password: "⟦generic-password|pw:alnum:20⟧"
mysql_app_password: "{{ vault_mysql_app_password }}"
rabbitmq_default_pass: ⟦generic-password|pw:human⟧
newrelic_license_key: "⟦other-provider-token|hex:40⟧"
smtp_relay_password: "{{ lookup('amazon.aws.aws_secret', 'prod/helpdesk/smtp', region='eu-west-1') }}"
backup_s3_bucket: acme-helpdesk-backups
`;

T["ansible/group_vars/prod/vault.yml"] = `⟦-|vault⟧
`;

T["ansible/inventory.ini"] = `[web]
web01.corp.example.com
web02.corp.example.com

[db]
db01.corp.example.com ansible_user=admin ansible_password=⟦generic-password|pw:strong:16⟧

[windows]
ad01.corp.example.com

[windows:vars]
ansible_connection=winrm
ansible_user=CORP\\ansible
ansible_password=⟦generic-password|pw:human⟧
ansible_winrm_transport=ntlm

[all:vars]
ansible_become_pass={{ vault_become_pass }}
`;

T["ansible/roles/app/tasks/main.yml"] = `---
- name: Install app config
  ansible.builtin.template:
    src: app.env.j2
    dest: "{{ app_dir }}/.env"
    owner: "{{ app_user }}"
    mode: "0600"
  vars:
    db_password: "{{ vault_db_password }}"
    api_key: "{{ lookup('env', 'HELPDESK_API_KEY') }}"
  no_log: true

- name: Create MySQL app user
  community.mysql.mysql_user:
    name: helpdesk
    password: "{{ mysql_app_password }}"
    priv: "helpdesk.*:ALL"
    login_user: root
    login_password: "{{ mysql_root_password }}"
  no_log: true

- name: Fetch AWS creds for backups
  ansible.builtin.set_fact:
    backup_aws_secret: "{{ lookup('amazon.aws.aws_ssm', '/helpdesk/backup/aws-secret-key', decrypt=true) }}"

- name: Verify release tarball
  ansible.builtin.get_url:
    url: https://releases.example.com/helpdesk-4.2.1.tar.gz
    dest: /tmp/helpdesk.tar.gz
    checksum: "sha256:⟦-|sha256⟧"
`;

T["ansible/roles/deploy/vars/main.yml"] = `---
deploy_user: deploy
deploy_home: /home/deploy
deploy_repo: git@github.com:acme/helpdesk.git
deploy_version: "⟦-|sha1⟧"

# read-only deploy key for the helpdesk repo
deploy_ssh_private_key: |
  ⟦private-key|pemindent:openssh:2⟧

deploy_known_hosts:
  - "github.com ⟦-|sshpub⟧"
`;

T["ansible/roles/users/files/authorized_keys"] = `⟦-|sshpub⟧ dana@laptop
⟦-|sshrsapub⟧ ravi@workstation
⟦-|sshpub⟧ ci@runner-03
`;

T["apache/.htpasswd"] = `admin:⟦-|apr1⟧
deploy:⟦-|apr1⟧
grafana:{SHA}⟦-|b64:27⟧=
`;

T["apache/vhost.conf"] = `<VirtualHost *:443>
    ServerName intranet.example.com
    DocumentRoot /var/www/intranet

    SSLEngine on
    SSLCertificateFile    /etc/ssl/certs/intranet.crt
    SSLCertificateKeyFile /etc/ssl/private/intranet.key
    SSLPassPhraseDialog   exec:/usr/local/bin/ssl-passphrase.sh

    <Location "/admin">
        AuthType Basic
        AuthName "Intranet admin"
        AuthUserFile /etc/apache2/.htpasswd
        Require valid-user
    </Location>

    SetEnv APP_ENV production
    PassEnv DB_PASSWORD
    PassEnv API_SECRET

    Header always set Strict-Transport-Security "max-age=63072000"
    Header always set Content-Security-Policy "script-src 'self' '⟦-|sri256⟧'"
    ErrorLog \${APACHE_LOG_DIR}/intranet-error.log
</VirtualHost>
`;

T["c/firmware/certs.h"] = `#ifndef FIRMWARE_CERTS_H
#define FIRMWARE_CERTS_H

/* Root CA that signs the MQTT broker certificate (public). */
static const char ROOT_CA_PEM[] =
⟦-|pemc:cert⟧;

/* Device private key, provisioned per board. */
static const char DEVICE_KEY_PEM[] =
⟦private-key|pemc:ec⟧;

#endif
`;

T["c/firmware/config.h"] = `#ifndef FIRMWARE_CONFIG_H
#define FIRMWARE_CONFIG_H

/* Board: ESP32-S3 gateway, rev C */
#define WIFI_SSID          "acme-iot"
#define WIFI_PASSWORD      "⟦generic-password|pw:alnum:16⟧"

#define MQTT_HOST          "mqtt.iot.example.com"
#define MQTT_PORT          8883
#define MQTT_USER          "gateway-0042"
#define MQTT_PASSWORD      "⟦generic-password|pw:strong:24⟧"

#define OTA_URL            "https://ota.iot.example.com/firmware/gateway.bin"
#define OTA_SHA256         "⟦-|sha256⟧"

#define SENSOR_POLL_MS     5000
#define WATCHDOG_TIMEOUT_S 30

#endif /* FIRMWARE_CONFIG_H */
`;

T["ci/Jenkinsfile"] = `pipeline {
    agent { label 'docker' }

    environment {
        REGISTRY = 'nexus.internal.example.com:8443'
        NEXUS = credentials('nexus-deploy')
        ARTIFACTORY_API_KEY = '⟦generic-api-key|alnum:64⟧'
    }

    stages {
        stage('Build') {
            steps {
                sh './gradlew clean build -x test'
            }
        }
        stage('Publish') {
            steps {
                withCredentials([usernamePassword(credentialsId: 'nexus-deploy', usernameVariable: 'NEXUS_USER', passwordVariable: 'NEXUS_PASS')]) {
                    sh './gradlew publish -PnexusUser=$NEXUS_USER -PnexusPass=$NEXUS_PASS'
                }
            }
        }
        stage('Tag') {
            steps {
                sh "git push https://acme-ci:⟦github-token|ghp⟧@github.com/acme/orders-service.git --tags"
            }
        }
        stage('Deploy') {
            steps {
                sh '''
                    docker login -u deployer -p ⟦generic-password|pw:alnum:18⟧ \${REGISTRY}
                    docker push \${REGISTRY}/orders-service:\${BUILD_NUMBER}
                '''
            }
        }
    }
}
`;

T["ci/Jenkinsfile.release"] = `@Library('acme-shared@v3') _

pipeline {
    agent any
    parameters {
        string(name: 'VERSION', description: 'Release version, e.g. 3.8.0')
        password(name: 'GPG_PASSPHRASE', defaultValue: '', description: 'Passphrase for the release signing key')
    }
    environment {
        AWS_DEFAULT_REGION = 'us-east-1'
        GITHUB_TOKEN = credentials('github-release-token')
    }
    stages {
        stage('Release') {
            steps {
                withAWS(role: 'arn:aws:iam::⟦-|account⟧:role/jenkins-release', roleSessionName: "release-\${env.BUILD_NUMBER}") {
                    sh 'aws s3 cp build/release.zip s3://acme-releases/\${VERSION}/'
                }
                withCredentials([string(credentialsId: 'sonatype-password', variable: 'OSSRH_PASSWORD')]) {
                    sh './gradlew publishToSonatype -Psigning.password="$GPG_PASSPHRASE"'
                }
                script {
                    def secret = sh(script: "aws secretsmanager get-secret-value --secret-id release/slack-webhook --query SecretString --output text", returnStdout: true).trim()
                    slackSend(channel: '#releases', message: "Released \${params.VERSION}", tokenCredentialId: 'slack-bot')
                }
            }
        }
    }
}
`;

T["ci/azure-pipelines.yml"] = `trigger:
  branches:
    include: [main]

pool:
  vmImage: ubuntu-latest

variables:
  - group: prod-secrets
  - name: buildConfiguration
    value: Release

steps:
  - task: AzureKeyVault@2
    inputs:
      azureSubscription: 'prod-service-connection'
      KeyVaultName: 'kv-acme-prod'
      SecretsFilter: 'SqlPassword,StorageKey'
  - script: dotnet build --configuration $(buildConfiguration)
  - script: dotnet test --configuration $(buildConfiguration)
    env:
      SQL_PASSWORD: $(SqlPassword)
      STORAGE_KEY: $(StorageKey)
  - task: AWSShellScript@1
    inputs:
      awsCredentials: 'aws-prod'
      regionName: 'us-east-1'
      scriptType: inline
      inlineScript: aws s3 cp ./artifacts s3://acme-builds/$(Build.BuildId)/ --recursive
`;

T["cloudformation/app-stack.yaml"] = `AWSTemplateFormatVersion: '2010-09-09'
Description: Orders API (ECS service + RDS)

Parameters:
  Environment:
    Type: String
    AllowedValues: [staging, prod]
  DBPassword:
    Type: String
    NoEcho: true
    Default: '⟦generic-password|pw:alnum:20⟧'
    MinLength: 12
  ImageTag:
    Type: String
    Default: ⟦-|sha1⟧

Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.medium
      AllocatedStorage: '50'
      MasterUsername: orders
      MasterUserPassword: !Ref DBPassword
      StorageEncrypted: true

  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: !Sub orders-api-\${Environment}
      ContainerDefinitions:
        - Name: api
          Image: !Sub '\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/orders-api:\${ImageTag}'
          Environment:
            - Name: DB_HOST
              Value: !GetAtt Database.Endpoint.Address
            - Name: STRIPE_SECRET_KEY
              Value: ⟦stripe-key|sklive⟧
            - Name: SENTRY_DSN
              Value: https://⟦-|hex:32⟧@o4507.ingest.sentry.io/4508
          Secrets:
            - Name: JWT_SECRET
              ValueFrom: !Sub 'arn:aws:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:prod/orders/jwt'
`;

T["cloudformation/network.json"] = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Description": "Shared network and bastion",
  "Parameters": {
    "KeyName": { "Type": "AWS::EC2::KeyPair::KeyName", "Default": "ops-2024" },
    "AdminPassword": { "Type": "String", "NoEcho": true, "Description": "Set at deploy time, e.g. --parameter-overrides AdminPassword=<password>" }
  },
  "Resources": {
    "Vpc": {
      "Type": "AWS::EC2::VPC",
      "Properties": { "CidrBlock": "10.20.0.0/16", "EnableDnsHostnames": true }
    },
    "BastionRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
        },
        "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"],
        "PermissionsBoundary": "arn:aws:iam::⟦-|account@acct⟧:policy/platform-boundary"
      }
    },
    "DirectoryAdmin": {
      "Type": "AWS::DirectoryService::MicrosoftAD",
      "Properties": {
        "Name": "corp.example.com",
        "Password": "{{resolve:secretsmanager:prod/directory/admin:SecretString:password}}",
        "VpcSettings": { "VpcId": { "Ref": "Vpc" }, "SubnetIds": [{ "Ref": "SubnetA" }, { "Ref": "SubnetB" }] }
      }
    },
    "ApiKeyParam": {
      "Type": "AWS::SSM::Parameter",
      "Properties": {
        "Name": "/platform/partner/api-key-name",
        "Type": "String",
        "Value": { "Fn::Sub": "{{resolve:ssm-secure:/platform/partner/api-key:3}}" }
      }
    }
  },
  "Outputs": {
    "VpcId": { "Value": { "Ref": "Vpc" }, "Export": { "Name": { "Fn::Sub": "\${AWS::StackName}-VpcId" } } },
    "TrailBucketArn": { "Value": "arn:aws:s3:::acme-cloudtrail-⟦-|=acct⟧" }
  }
}
`;

T["cloudformation/reporting-lambda.json"] = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "ReportFunction": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Runtime": "python3.12",
        "Handler": "report.handler",
        "Role": { "Fn::GetAtt": ["ReportRole", "Arn"] },
        "Code": { "S3Bucket": "acme-lambda-artifacts", "S3Key": "report/⟦-|sha1⟧.zip" },
        "Environment": {
          "Variables": {
            "WAREHOUSE_URL": "postgresql://report_ro:⟦db-connection-string|pw:alnum:22⟧@warehouse.cluster-ro-x1y2z3.us-east-1.redshift.amazonaws.com:5439/analytics",
            "SENDGRID_API_KEY": "⟦sendgrid-key|sendgrid⟧",
            "REPORT_BUCKET": "acme-reports"
          }
        },
        "Timeout": 300
      }
    }
  }
}
`;

T["compose/docker-compose.prod.yml"] = `services:
  api:
    image: ghcr.io/acme/analytics-api:\${TAG:-latest}
    environment:
      DATABASE_URL: \${DATABASE_URL}
      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}
      AWS_ACCESS_KEY_ID: \${AWS_ACCESS_KEY_ID}
      AWS_SECRET_ACCESS_KEY: \${AWS_SECRET_ACCESS_KEY}
      JWT_SECRET_FILE: /run/secrets/jwt_secret
    secrets:
      - jwt_secret
      - db_password

  db:
    image: postgres:16-alpine
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password

secrets:
  jwt_secret:
    file: ./secrets/jwt_secret.txt
  db_password:
    external: true
`;

T["compose/docker-compose.yml"] = `services:
  db:
    image: postgres:16-alpine
    environment:
      POSTGRES_USER: analytics
      POSTGRES_PASSWORD: ⟦generic-password|pw:alnum:22⟧
      POSTGRES_DB: analytics
    volumes:
      - pgdata:/var/lib/postgresql/data

  minio:
    image: minio/minio:RELEASE.2024-07-16T23-46-41Z
    command: server /data --console-address ":9001"
    environment:
      MINIO_ROOT_USER: analytics-admin
      MINIO_ROOT_PASSWORD: "⟦generic-password|pw:strong:24⟧"

  metabase:
    image: metabase/metabase:v0.50.13
    environment:
      MB_DB_TYPE: postgres
      MB_DB_CONNECTION_URI: "postgres://metabase:⟦db-connection-string|pw:alnum:22⟧@db:5432/metabase"
      MB_ENCRYPTION_SECRET_KEY: ⟦generic-api-key|b64bytes:32⟧
    ports:
      - "3000:3000"
    depends_on: [db]

  worker:
    build: .
    environment:
      - AWS_ACCESS_KEY_ID=⟦aws-access-key-id|akia⟧
      - AWS_SECRET_ACCESS_KEY=⟦aws-secret-access-key|awssecret⟧
      - AWS_REGION=eu-west-1

volumes:
  pgdata:
`;

T["config/app.ini"] = `[app]
name = inventory-sync
debug = false
log_level = INFO

[database]
host = inventory-db.internal.example.com
port = 5432
user = inventory
password = ⟦generic-password|pw:alnum:18⟧
pool_size = 10

[shopify]
shop = acme-store.myshopify.com
access_token = ⟦other-provider-token|shopify⟧
api_version = 2024-07

[sftp]
host = sftp.partner.example.com
username = acme
private_key_path = ~/.ssh/partner_ed25519
known_host_fingerprint = SHA256:⟦-|b64:43⟧
`;

T["config/my.cnf"] = `[client]
user = reporting
password = "⟦generic-password|pw:human⟧"
host = reporting-db.internal.example.com
ssl-ca = /etc/mysql/rds-ca-2019-root.pem

[mysqld]
bind-address = 0.0.0.0
max_connections = 500
validate_password.length = 14
validate_password.policy = STRONG
default_password_lifetime = 180
`;

T["config/passwd-s3fs"] = `⟦aws-access-key-id|akia⟧:⟦-|awssecret⟧
`;

T["config/rclone.conf"] = `[s3-archive]
type = s3
provider = AWS
access_key_id = ⟦aws-access-key-id|akia⟧
secret_access_key = ⟦aws-secret-access-key|awssecret⟧
region = eu-west-1
storage_class = GLACIER_IR

[b2]
type = b2
account = ⟦-|hex:12⟧
key = ⟦other-provider-token|alnum:31⟧

[gdrive]
type = drive
scope = drive.readonly
`;

T["config/settings.toml"] = `[default]
app_name = "crawler"
user_agent = "acme-crawler/2.1 (+https://example.com/bot)"
concurrency = 8

[default.proxy]
url = "http://crawler:⟦basic-auth-url|pw:alnum:16⟧@proxy.internal.example.com:3128"

[default.apis]
serpapi_key = "⟦generic-api-key|hex:64⟧"
discord_bot_token = "⟦other-provider-token|discord⟧"
telegram_bot_token = "⟦other-provider-token|telegram⟧"

[production]
dynaconf_merge = true
concurrency = 32
`;

T["cpp/include/hash_vectors.h"] = `// Known-answer test vectors for the SHA-256 and HMAC wrappers (public test data).
#pragma once

#include <array>
#include <string_view>

namespace crypto::test {

struct Vector {
  std::string_view message;
  std::string_view expected_hex;
};

inline constexpr std::array<Vector, 4> kSha256Vectors{{
    {"", "⟦-|sha256⟧"},
    {"abc", "⟦-|sha256⟧"},
    {"message digest", "⟦-|sha256⟧"},
    {"the quick brown fox", "⟦-|sha256⟧"},
}};

inline constexpr std::string_view kGitRevision = "⟦-|sha1⟧";
inline constexpr std::string_view kBuildId = "⟦-|uuid⟧";
inline constexpr const char* kPasswordPrompt = "Enter password: ";

}  // namespace crypto::test
`;

T["cpp/src/telemetry_uploader.cpp"] = `#include <aws/core/Aws.h>
#include <aws/core/auth/AWSCredentials.h>
#include <aws/kinesis/KinesisClient.h>
#include <aws/kinesis/model/PutRecordRequest.h>

#include <string>

namespace telemetry {

namespace {
constexpr const char* kAccessKeyId = "⟦aws-access-key-id|akia⟧";
constexpr const char* kSecretKey = "⟦aws-secret-access-key|awssecret⟧";
constexpr const char* kStream = "vehicle-telemetry";
}  // namespace

class Uploader {
 public:
  Uploader() {
    Aws::Client::ClientConfiguration cfg;
    cfg.region = "eu-central-1";
    Aws::Auth::AWSCredentials creds(kAccessKeyId, kSecretKey);
    client_ = std::make_unique<Aws::Kinesis::KinesisClient>(creds, cfg);
  }

  bool Put(const std::string& partition, const std::string& payload) {
    Aws::Kinesis::Model::PutRecordRequest req;
    req.SetStreamName(kStream);
    req.SetPartitionKey(partition);
    req.SetData(Aws::Utils::ByteBuffer(reinterpret_cast<const unsigned char*>(payload.data()), payload.size()));
    return client_->PutRecord(req).IsSuccess();
  }

 private:
  std::unique_ptr<Aws::Kinesis::KinesisClient> client_;
};

}  // namespace telemetry
`;

T["csharp/Api/Program.cs"] = `using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;

var builder = WebApplication.CreateBuilder(args);

var connectionString = builder.Configuration.GetConnectionString("Reports")
    ?? throw new InvalidOperationException("Connection string 'Reports' not found.");
var stripeKey = Environment.GetEnvironmentVariable("STRIPE_SECRET_KEY");
var clientSecret = builder.Configuration["AzureAd:ClientSecret"];

using var sm = new AmazonSecretsManagerClient();
var apiKey = (await sm.GetSecretValueAsync(new GetSecretValueRequest
{
    SecretId = "prod/reports/partner-api-key",
})).SecretString;

builder.Services.AddSingleton(new PartnerClientOptions { ApiKey = apiKey, BaseUrl = "https://partner.example.com" });
builder.Services.Configure<PasswordOptions>(o =>
{
    o.RequiredLength = 12;
    o.RequireNonAlphanumeric = true;
    o.RequiredUniqueChars = 4;
});

var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok());
app.Run();

public record PartnerClientOptions
{
    public required string ApiKey { get; init; }
    public required string BaseUrl { get; init; }
}
`;

T["csharp/Api/Web.config"] = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <connectionStrings>
    <add name="LegacyDb"
         connectionString="Data Source=sql01.corp.example.com;Initial Catalog=Billing;User Id=billing_web;Password=⟦db-connection-string|pw:human⟧;"
         providerName="System.Data.SqlClient" />
    <add name="LocalDb" connectionString="Data Source=(LocalDb)\\MSSQLLocalDB;Integrated Security=SSPI;" providerName="System.Data.SqlClient" />
  </connectionStrings>
  <appSettings>
    <add key="webpages:Version" value="3.0.0.0" />
    <add key="PaymentGateway.ApiKey" value="⟦generic-api-key|alnum:32⟧" />
    <add key="PaymentGateway.Endpoint" value="https://gateway.example-payments.com/v1" />
    <add key="Smtp.Password" value="⟦generic-password|pw:strong:16⟧" />
    <add key="Auth.CookieName" value=".BILLINGAUTH" />
  </appSettings>
  <system.web>
    <compilation debug="false" targetFramework="4.8" />
    <machineKey validationKey="⟦generic-api-key|hex:128⟧" decryptionKey="⟦-|hex:48⟧" validation="HMACSHA256" decryption="AES" />
    <authentication mode="Forms">
      <forms loginUrl="~/Account/Login" timeout="30" />
    </authentication>
  </system.web>
</configuration>
`;

T["csharp/Api/appsettings.Development.json"] = `{
  "Logging": {
    "LogLevel": {
      "Default": "Debug"
    }
  },
  "ConnectionStrings": {
    "Reports": "Server=(localdb)\\\\mssqllocaldb;Database=reports_dev;Trusted_Connection=True;MultipleActiveResultSets=true",
    "Storage": "UseDevelopmentStorage=true",
    "Redis": "localhost:6379"
  },
  "AzureAd": {
    "TenantId": "00000000-0000-0000-0000-000000000000",
    "ClientId": "<client-id>",
    "ClientSecret": "<YOUR_CLIENT_SECRET>"
  },
  "Smtp": {
    "Host": "localhost",
    "Port": 1025,
    "Username": "",
    "Password": ""
  },
  "ThirdParty": {
    "ApiKey": "your-api-key-here",
    "WebhookSecret": "REPLACE_ME"
  }
}
`;

T["csharp/Api/appsettings.json"] = `{
  "Logging": {
    "LogLevel": {
      "Default": "Information",
      "Microsoft.AspNetCore": "Warning"
    }
  },
  "AllowedHosts": "*",
  "ConnectionStrings": {
    "Reports": "Server=tcp:acme-reports.database.windows.net,1433;Initial Catalog=reports;User ID=reports_app;Password=⟦db-connection-string|pw:strong:20⟧;Encrypt=True;TrustServerCertificate=False;",
    "Storage": "DefaultEndpointsProtocol=https;AccountName=acmereports;AccountKey=⟦azure-key|azstorage⟧;EndpointSuffix=core.windows.net",
    "Redis": "acme-reports.redis.cache.windows.net:6380,password=⟦azure-key|b64:44⟧,ssl=True,abortConnect=False"
  },
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "TenantId": "⟦-|uuid⟧",
    "ClientId": "⟦-|uuid⟧",
    "ClientSecret": "⟦azure-key|azsecret⟧"
  },
  "Reports": {
    "MaxRows": 50000,
    "ExportBucket": "acme-report-archive"
  }
}
`;

T["csharp/Services/ArchiveService.cs"] = `using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Acme.Reports.Services;

public sealed class ArchiveService : IArchiveService
{
    private readonly AmazonS3Client _s3;
    private const string Bucket = "acme-report-archive";

    public ArchiveService()
    {
        var credentials = new BasicAWSCredentials("⟦aws-access-key-id|akia⟧", "⟦-|awssecret⟧");
        _s3 = new AmazonS3Client(credentials, RegionEndpoint.EUWest1);
    }

    public async Task ArchiveAsync(string key, Stream content, CancellationToken ct = default)
    {
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = content,
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        }, ct);
    }
}
`;

T["csharp/Services/QueueService.cs"] = `using Amazon;
using Amazon.Runtime;
using Amazon.SQS;

namespace Acme.Reports.Services;

public static class QueueFactory
{
    private const string AwsAccessKey = "⟦aws-access-key-id|akia⟧";
    private const string AwsSecretKey = "⟦aws-secret-access-key|awssecret⟧";

    public static IAmazonSQS Create()
    {
        var sessionCreds = new SessionAWSCredentials(
            AwsAccessKey,
            AwsSecretKey,
            Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN"));
        return new AmazonSQSClient(sessionCreds, new AmazonSQSConfig { RegionEndpoint = RegionEndpoint.USEast1 });
    }
}
`;

T["dart/lib/auth_repository.dart"] = `import 'package:flutter_secure_storage/flutter_secure_storage.dart';
import 'package:http/http.dart' as http;

class AuthRepository {
  AuthRepository(this._client, {FlutterSecureStorage? storage})
      : _storage = storage ?? const FlutterSecureStorage();

  final http.Client _client;
  final FlutterSecureStorage _storage;
  static const _tokenKey = 'access_token';
  static const passwordMinLength = 10;
  static const apiKey = String.fromEnvironment('API_KEY', defaultValue: '');

  Future<void> login(String email, String password) async {
    final res = await _client.post(
      Uri.parse('https://api.example.com/v1/login'),
      body: {'email': email, 'password': password},
      headers: {'X-Api-Key': apiKey},
    );
    if (res.statusCode != 200) throw Exception('login failed: \${res.statusCode}');
    await _storage.write(key: _tokenKey, value: res.body);
  }

  Future<String?> get token => _storage.read(key: _tokenKey);
}
`;

T["dart/lib/env.dart"] = `// Generated by hand; do not commit to the public repo.
class Env {
  static const String apiBaseUrl = 'https://api.example.com';
  static const String googleMapsApiKey = '⟦google-api-key|aiza⟧';
  static const String stripePublishableKey = 'pk_live_⟦-|alnum:99⟧';
  static const String algoliaAppId = 'H7XK2P9QWE';
  static const String algoliaAdminKey = '⟦other-provider-token|hex:32⟧';
  static const String supabaseServiceKey =
      '⟦jwt|jwt:supa⟧';
}
`;

T["dart/pubspec.lock"] = `# Generated by pub
# See https://dart.dev/tools/pub/glossary#lockfile
packages:
  crypto:
    dependency: transitive
    description:
      name: crypto
      sha256: "⟦-|sha256⟧"
      url: "https://pub.dev"
    source: hosted
    version: "3.0.3"
  flutter_secure_storage:
    dependency: "direct main"
    description:
      name: flutter_secure_storage
      sha256: "⟦-|sha256⟧"
      url: "https://pub.dev"
    source: hosted
    version: "9.2.2"
  http:
    dependency: "direct main"
    description:
      name: http
      sha256: "⟦-|sha256⟧"
      url: "https://pub.dev"
    source: hosted
    version: "1.2.2"
  acme_ui:
    dependency: "direct main"
    description:
      path: "."
      ref: main
      resolved-ref: "⟦-|sha1⟧"
      url: "git@github.com:acme/acme_ui.git"
    source: git
    version: "0.4.0"
sdks:
  dart: ">=3.4.0 <4.0.0"
  flutter: ">=3.22.0"
`;

T["deploy/id_ed25519"] = `⟦private-key|pem:openssh⟧
`;

T["deploy/id_ed25519.pub"] = `⟦-|sshpub⟧ deploy@ci-runner-03
`;

T["docker/Dockerfile"] = `FROM node:20-bookworm-slim@sha256:⟦-|sha256⟧ AS build
WORKDIR /app

ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=⟦npm-token|npm⟧" > .npmrc
COPY package.json package-lock.json ./
RUN npm ci && rm -f .npmrc

COPY . .
RUN npm run build

FROM node:20-bookworm-slim@sha256:⟦-|sha256⟧
WORKDIR /app
ENV NODE_ENV=production \\
    SENTRY_AUTH_TOKEN=⟦other-provider-token|sentryauth⟧
COPY --from=build /app/dist ./dist
COPY --from=build /app/node_modules ./node_modules
USER node
CMD ["node", "dist/server.js"]
`;

T["docker/Dockerfile.worker"] = `FROM python:3.12-slim@sha256:⟦-|sha256⟧

ARG PIP_INDEX_URL
ENV PYTHONDONTWRITEBYTECODE=1 \\
    PYTHONUNBUFFERED=1

WORKDIR /srv
COPY requirements.txt .
RUN --mount=type=secret,id=pip_conf,target=/etc/pip.conf pip install --no-cache-dir -r requirements.txt

COPY . .
# AWS credentials come from the task role; DB password from Secrets Manager at startup
ENV DB_SECRET_ID=prod/worker/db \\
    AWS_REGION=eu-west-1
USER 10001
CMD ["python", "-m", "worker"]
`;

T["docs/ONBOARDING.md"] = `# Onboarding (internal wiki export)

Welcome! A few things you need on day one.

## Staging access

- Grafana: https://grafana.staging.example.com — service account token for dashboards-as-code:
  \`⟦other-provider-token|glsa⟧\`
- Staging database (read only):
  \`psql "postgresql://readonly:⟦db-connection-string|pw:alnum:18⟧@staging-db.internal.example.com:5432/app"\`
- The shared Postman workspace key is \`⟦other-provider-token|pmak⟧\` (ask #platform before rotating).

## Laptop setup

1. Install the AWS CLI and run \`aws configure sso\`.
2. Ask for a Vault token; log in with \`vault login -method=oidc\`. Tokens look like \`hvs.CAES...\`.
3. Our internal npm registry token goes in \`~/.npmrc\`, never in a repo.

Emergency break-glass Vault token (only for incidents): ⟦other-provider-token|hvs⟧
`;

T["docs/README.md"] = `# orders-service

Orders API for the storefront.

## Configuration

The service never reads credentials from files in the repository. Locally, use an AWS profile:

\`\`\`bash
aws configure --profile orders-dev
# AWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE
# AWS Secret Access Key [None]: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
export AWS_PROFILE=orders-dev
\`\`\`

Access key ids start with \`AKIA\` (long-term) or \`ASIA\` (temporary, from STS), e.g. \`AKIA...\`, and the
secret access key is 40 characters. If you see something like \`AKIA****************\` in a log, rotate it.

| Variable | Description | Example |
|----------|-------------|---------|
| \`DATABASE_URL\` | Postgres URL | \`postgres://user:password@localhost:5432/orders\` |
| \`STRIPE_SECRET_KEY\` | Stripe secret key | \`sk_live_...\` |
| \`SLACK_WEBHOOK_URL\` | Alerts channel | \`https://hooks.slack.com/services/T000/B000/XXXX\` |
| \`JWT_SECRET\` | HMAC key for session tokens | \`<32+ random bytes>\` |
| \`GITHUB_TOKEN\` | Release bot token | \`ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\` |

In production every value above is read from AWS Secrets Manager (\`prod/orders/*\`) by the task role
\`arn:aws:iam::⟦-|account⟧:role/orders-task\`.

## Password policy

Passwords must be at least 12 characters and are hashed with Argon2id (\`$argon2id$v=19$m=65536,t=3,p=4$...\`).
`;

T["docs/api.md"] = `# Public API

All requests need an API key in the \`Authorization\` header:

\`\`\`http
GET /v1/orders HTTP/1.1
Host: api.example.com
Authorization: Bearer <YOUR_API_KEY>
\`\`\`

\`\`\`bash
curl https://api.example.com/v1/orders \\
  -H "Authorization: Bearer $ACME_API_KEY" \\
  -H "Idempotency-Key: ⟦-|uuid⟧"
\`\`\`

\`\`\`python
import os, requests
resp = requests.get("https://api.example.com/v1/orders", headers={"Authorization": f"Bearer {os.environ['ACME_API_KEY']}"})
\`\`\`

\`\`\`js
const client = new Acme({ apiKey: process.env.ACME_API_KEY, secret: '***' });
\`\`\`

API keys look like \`ak_live_\` followed by 32 characters. Test keys start with \`ak_test_\`. Webhook signatures
are HMAC-SHA256 over the raw body; the \`Acme-Signature\` header looks like
\`t=1718000000,v1=⟦-|sha256⟧\`.

Rate limits: 100 requests/second per key. Errors: \`401 invalid_api_key\`, \`403 key_revoked\`.
`;

T["dotfiles/.aws/config"] = `[default]
region = us-east-1
output = json

[profile prod-admin]
region = us-east-1
role_arn = arn:aws:iam::⟦-|account@prod⟧:role/OrganizationAccountAccessRole
source_profile = default
mfa_serial = arn:aws:iam::⟦-|account@root⟧:mfa/dana

[profile dev]
sso_session = acme
sso_account_id = ⟦-|account⟧
sso_role_name = PowerUserAccess
region = eu-west-1

[sso-session acme]
sso_start_url = https://acme.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile ci]
credential_process = /usr/local/bin/aws-vault exec ci --json
`;

T["dotfiles/.aws/credentials"] = `[default]
aws_access_key_id = ⟦aws-access-key-id|akia⟧
aws_secret_access_key = ⟦aws-secret-access-key|awssecret⟧

[prod-admin]
aws_access_key_id=⟦aws-access-key-id|akia⟧
aws_secret_access_key=⟦aws-secret-access-key|awssecret⟧

[sso-session-cache]
aws_access_key_id = ⟦aws-access-key-id|asia⟧
aws_secret_access_key = ⟦aws-secret-access-key|awssecret⟧
aws_session_token = ⟦aws-session-token|awstoken⟧

[localstack]
aws_access_key_id = test
aws_secret_access_key = test
`;

T["dotfiles/.config/gh/hosts.yml"] = `github.com:
    users:
        dana-w:
            oauth_token: ⟦github-token|gho⟧
    git_protocol: ssh
    oauth_token: ⟦github-token|gho⟧
    user: dana-w
`;

T["dotfiles/.docker/config.json"] = `{
  "auths": {
    "https://index.docker.io/v1/": {
      "auth": "⟦generic-password|dockerauth:acmeci⟧"
    },
    "ghcr.io": {
      "auth": "⟦github-token|basicof:acme-ci:ghp⟧"
    },
    "⟦-|account⟧.dkr.ecr.us-east-1.amazonaws.com": {}
  },
  "credHelpers": {
    "public.ecr.aws": "ecr-login"
  },
  "currentContext": "desktop-linux"
}
`;

T["dotfiles/.git-credentials"] = `https://dana-w:⟦github-token|ghp⟧@github.com
https://oauth2:⟦gitlab-token|glpat⟧@gitlab.com
https://ci-bot:⟦azure-key|azdopat⟧@dev.azure.com
`;

T["dotfiles/.netrc"] = `machine api.heroku.com
  login dana@example.com
  password ⟦other-provider-token|uuid⟧
machine git.heroku.com
  login dana@example.com
  password ⟦other-provider-token|uuid⟧
machine artifacts.internal.example.com login ci password ⟦generic-password|pw:alnum:20⟧
`;

T["dotfiles/.pgpass"] = `# hostname:port:database:username:password
orders-db.internal.example.com:5432:orders:orders_app:⟦generic-password|pw:alnum:22⟧
analytics.cluster-ro-x1y2.us-east-1.rds.amazonaws.com:5432:*:analyst:⟦generic-password|pw:strong:18⟧
localhost:5432:*:postgres:postgres
`;

T["dotfiles/.pypirc"] = `[distutils]
index-servers =
    pypi
    internal

[pypi]
username = __token__
password = ⟦other-provider-token|pypi⟧

[internal]
repository = https://pypi.internal.example.com/simple/
username = release-bot
password = ⟦generic-password|pw:strong:20⟧
`;

T["elixir/config/dev.exs"] = `import Config

config :ledger, Ledger.Repo,
  username: "ledger",
  password: "⟦generic-password|pw:alnum:16⟧",
  hostname: "ledger-dev.internal.example.com",
  database: "ledger_dev",
  stacktrace: true,
  show_sensitive_data_on_connection_error: true,
  pool_size: 10

config :ledger, LedgerWeb.Endpoint,
  http: [ip: {127, 0, 0, 1}, port: 4000],
  check_origin: false,
  code_reloader: true,
  debug_errors: true,
  secret_key_base: "⟦generic-api-key|alnum:64⟧",
  watchers: [esbuild: {Esbuild, :install_and_run, [:ledger, ~w(--sourcemap=inline --watch)]}]

config :ex_aws,
  access_key_id: "⟦aws-access-key-id|akia⟧",
  secret_access_key: "⟦aws-secret-access-key|awssecret⟧",
  region: "eu-west-1"
`;

T["elixir/config/runtime.exs"] = `import Config

if config_env() == :prod do
  database_url =
    System.get_env("DATABASE_URL") ||
      raise """
      environment variable DATABASE_URL is missing.
      For example: ecto://USER:PASS@HOST/DATABASE
      """

  config :ledger, Ledger.Repo,
    url: database_url,
    pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10")

  secret_key_base = System.fetch_env!("SECRET_KEY_BASE")

  config :ledger, LedgerWeb.Endpoint,
    url: [host: "ledger.example.com", port: 443, scheme: "https"],
    secret_key_base: secret_key_base

  config :ex_aws,
    access_key_id: [{:system, "AWS_ACCESS_KEY_ID"}, :instance_role],
    secret_access_key: [{:system, "AWS_SECRET_ACCESS_KEY"}, :instance_role]
end
`;

T["env/.env"] = `# local overrides -- DO NOT COMMIT (oops)
NODE_ENV=development
PORT=3000

DATABASE_URL=postgresql://app:⟦db-connection-string|pw:alnum:20⟧@db.staging.internal.example.com:5432/app
REDIS_URL=redis://default:⟦db-connection-string|pw:alnum:32⟧@redis-14321.c12.us-east-1-2.ec2.redns.redis-cloud.com:14321

AWS_ACCESS_KEY_ID=⟦aws-access-key-id|akia⟧
AWS_SECRET_ACCESS_KEY="⟦aws-secret-access-key|awssecret⟧"
AWS_REGION=us-east-1

STRIPE_SECRET_KEY=⟦stripe-key|sklive⟧
STRIPE_PUBLISHABLE_KEY=pk_live_⟦-|alnum:99⟧
OPENAI_API_KEY=⟦other-provider-token|openailegacy⟧
HUGGINGFACE_TOKEN=⟦other-provider-token|hf⟧
GITHUB_TOKEN=⟦github-token|ghpat⟧
SESSION_SECRET=⟦generic-api-key|hex:64⟧
SENTRY_DSN=https://⟦-|hex:32⟧@o450123.ingest.sentry.io/5512345
FEATURE_NEW_CHECKOUT=true
`;

T["env/.env.example"] = `# Copy to .env and fill in. Never commit real values.
NODE_ENV=development
PORT=3000

DATABASE_URL=postgresql://app:<password>@localhost:5432/app
REDIS_URL=redis://localhost:6379

AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
AWS_REGION=us-east-1

STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx
OPENAI_API_KEY=your-api-key-here
HUGGINGFACE_TOKEN=<YOUR_HF_TOKEN>
GITHUB_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
SESSION_SECRET=changeme
SLACK_WEBHOOK_URL=https://hooks.slack.com/services/XXXXXXXXX/XXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX
SMTP_PASSWORD=REPLACE_ME
SENTRY_DSN=
`;

T["env/.env.test"] = `NODE_ENV=test
DATABASE_URL=postgresql://postgres:postgres@localhost:5432/app_test
REDIS_URL=redis://localhost:6379/15
ADMIN_PASSWORD=test123
SESSION_SECRET=secret
JWT_SECRET=test-secret
STRIPE_SECRET_KEY=sk_test_dummy
AWS_ACCESS_KEY_ID=test
AWS_SECRET_ACCESS_KEY=test
AWS_ENDPOINT_URL=http://localhost:4566
`;

T["gcp/bigquery-exporter-sa.json"] = `{
  "type": "service_account",
  "project_id": "acme-analytics-prod",
  "private_key_id": "⟦-|hex:40⟧",
  "private_key": "⟦private-key|pemjson:pkcs8⟧",
  "client_email": "bq-exporter@acme-analytics-prod.iam.gserviceaccount.com",
  "client_id": "⟦-|digits:21⟧",
  "auth_uri": "https://accounts.google.com/o/oauth2/auth",
  "token_uri": "https://oauth2.googleapis.com/token",
  "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
  "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/bq-exporter%40acme-analytics-prod.iam.gserviceaccount.com",
  "universe_domain": "googleapis.com"
}
`;

T["go/cmd/server/main.go"] = `package main

import (
	"database/sql"
	"log"
	"net/http"
	"os"

	_ "github.com/go-sql-driver/mysql"
	"github.com/google/go-github/v62/github"
)

const (
	defaultDSN  = "catalog:⟦db-connection-string|pw:alnum:22⟧@tcp(catalog-db.internal.example.com:3306)/catalog?parseTime=true"
	githubToken = "⟦github-token|ghpat⟧"
)

func main() {
	dsn := os.Getenv("CATALOG_DSN")
	if dsn == "" {
		dsn = defaultDSN
	}
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		log.Fatalf("open db: %v", err)
	}
	defer db.Close()

	gh := github.NewClient(nil).WithAuthToken(githubToken)
	_ = gh

	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	log.Fatal(http.ListenAndServe(":8080", mux))
}
`;

T["go/go.sum"] = `github.com/aws/aws-sdk-go-v2 v1.30.3 ⟦-|h1⟧
github.com/aws/aws-sdk-go-v2 v1.30.3/go.mod ⟦-|h1⟧
github.com/aws/aws-sdk-go-v2/config v1.27.27 ⟦-|h1⟧
github.com/aws/aws-sdk-go-v2/config v1.27.27/go.mod ⟦-|h1⟧
github.com/aws/aws-sdk-go-v2/credentials v1.17.27 ⟦-|h1⟧
github.com/aws/aws-sdk-go-v2/credentials v1.17.27/go.mod ⟦-|h1⟧
github.com/go-sql-driver/mysql v1.8.1 ⟦-|h1⟧
github.com/go-sql-driver/mysql v1.8.1/go.mod ⟦-|h1⟧
github.com/google/go-github/v62 v62.0.0 ⟦-|h1⟧
github.com/google/go-github/v62 v62.0.0/go.mod ⟦-|h1⟧
`;

T["go/internal/auth/auth_test.go"] = `package auth

import (
	"testing"

	"golang.org/x/crypto/bcrypt"
)

const testPassword = "password"

func TestHashAndCompare(t *testing.T) {
	hash, err := bcrypt.GenerateFromPassword([]byte(testPassword), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	if err := bcrypt.CompareHashAndPassword(hash, []byte(testPassword)); err != nil {
		t.Fatalf("expected match: %v", err)
	}
	if err := bcrypt.CompareHashAndPassword(hash, []byte("test123")); err == nil {
		t.Fatal("expected mismatch")
	}
}

func TestRedactsAccessKey(t *testing.T) {
	got := Redact("key=AKIA************ secret=****")
	if got != "key=AKIA************ secret=****" {
		t.Fatalf("unexpected: %s", got)
	}
}

func TestValidatePolicy(t *testing.T) {
	p := PasswordPolicy{MinLength: 12, RequireSymbol: true}
	for _, pw := range []string{"short", "nouppercase1!", "secret"} {
		if p.Validate(pw) == nil {
			t.Errorf("%q should fail policy", pw)
		}
	}
}
`;

T["go/internal/config/config.go"] = `package config

import (
	"errors"
	"os"
	"time"
)

// Config holds runtime settings. Secrets are read from the environment only.
type Config struct {
	DatabaseURL     string        \`json:"database_url" env:"DATABASE_URL"\`
	APIKey          string        \`json:"api_key" env:"API_KEY"\`
	AWSAccessKeyID  string        \`json:"aws_access_key_id" env:"AWS_ACCESS_KEY_ID"\`
	AWSSecretKey    string        \`json:"-" env:"AWS_SECRET_ACCESS_KEY"\`
	SlackWebhookURL string        \`json:"-" env:"SLACK_WEBHOOK_URL"\`
	TokenTTL        time.Duration \`json:"token_ttl"\`
}

var ErrMissingSecret = errors.New("config: missing secret")

// Load reads the configuration.
func Load() (*Config, error) {
	c := &Config{
		DatabaseURL:     os.Getenv("DATABASE_URL"),
		APIKey:          os.Getenv("API_KEY"),
		AWSAccessKeyID:  os.Getenv("AWS_ACCESS_KEY_ID"),
		AWSSecretKey:    os.Getenv("AWS_SECRET_ACCESS_KEY"),
		SlackWebhookURL: os.Getenv("SLACK_WEBHOOK_URL"),
		TokenTTL:        15 * time.Minute,
	}
	password, ok := os.LookupEnv("DB_PASSWORD")
	if !ok || password == "" {
		return nil, ErrMissingSecret
	}
	return c, nil
}
`;

T["go/internal/legacy/sqs.go"] = `package legacy

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/sqs"
)

const (
	awsKeyID  = "⟦aws-access-key-id|akia⟧"
	awsSecret = "⟦aws-secret-access-key|awssecret⟧"
)

// NewQueue returns an SQS client for the legacy billing queue (aws-sdk-go v1).
func NewQueue() *sqs.SQS {
	sess := session.Must(session.NewSession(&aws.Config{
		Region:      aws.String("us-east-1"),
		Credentials: credentials.NewStaticCredentials(awsKeyID, awsSecret, ""),
	}))
	return sqs.New(sess)
}
`;

T["go/internal/notify/slack.go"] = `package notify

import (
	"bytes"
	"encoding/json"
	"net/http"
)

var webhookURL = "⟦slack-webhook|slackhook⟧"

// Alert posts a message to the on-call channel.
func Alert(text string) error {
	body, _ := json.Marshal(map[string]string{"text": text})
	resp, err := http.Post(webhookURL, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
`;

T["go/internal/storage/s3.go"] = `package storage

import (
	"context"
	"fmt"
	"io"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Store wraps an S3 bucket.
type Store struct {
	client *s3.Client
	bucket string
}

// New builds a Store. FIXME: static creds until the EKS IRSA role lands.
func New(ctx context.Context, bucket string) (*Store, error) {
	cfg, err := config.LoadDefaultConfig(ctx,
		config.WithRegion("eu-west-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(
			"⟦aws-access-key-id|akia⟧",
			"⟦aws-secret-access-key|awssecret⟧",
			"",
		)),
	)
	if err != nil {
		return nil, fmt.Errorf("load aws config: %w", err)
	}
	return &Store{client: s3.NewFromConfig(cfg), bucket: bucket}, nil
}

// Put uploads r under key.
func (s *Store) Put(ctx context.Context, key string, r io.Reader) error {
	_, err := s.client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(key), Body: r})
	return err
}
`;

T["har/checkout-session.har"] = `{
  "log": {
    "version": "1.2",
    "creator": { "name": "WebInspector", "version": "537.36" },
    "entries": [
      {
        "startedDateTime": "2024-06-12T10:22:41.512Z",
        "time": 182.4,
        "request": {
          "method": "POST",
          "url": "https://app.example.com/api/session",
          "httpVersion": "HTTP/2",
          "headers": [
            { "name": "content-type", "value": "application/json" },
            { "name": "user-agent", "value": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36" }
          ],
          "postData": {
            "mimeType": "application/json",
            "text": "{\\"email\\":\\"dana@example.com\\",\\"password\\":\\"⟦generic-password|pw:human⟧\\"}"
          }
        },
        "response": {
          "status": 200,
          "headers": [
            { "name": "set-cookie", "value": "session=⟦generic-api-key|b64url:64⟧; Path=/; HttpOnly; Secure; SameSite=Lax" },
            { "name": "etag", "value": "W/\\"⟦-|hex:32⟧\\"" }
          ],
          "content": { "size": 61, "mimeType": "application/json" }
        }
      },
      {
        "startedDateTime": "2024-06-12T10:22:42.031Z",
        "time": 96.1,
        "request": {
          "method": "GET",
          "url": "https://app.example.com/api/orders?page=1",
          "headers": [
            { "name": "authorization", "value": "Bearer ⟦jwt|jwt:user⟧" },
            { "name": "x-request-id", "value": "⟦-|uuid⟧" }
          ]
        },
        "response": { "status": 200, "headers": [], "content": { "size": 2048, "mimeType": "application/json" } }
      }
    ]
  }
}
`;

T["helm/orders/templates/externalsecret.yaml"] = `{{- if .Values.externalSecrets.enabled }}
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: {{ include "orders.fullname" . }}
spec:
  refreshInterval: 1h
  secretStoreRef:
    name: {{ .Values.externalSecrets.secretStore }}
    kind: ClusterSecretStore
  target:
    name: {{ include "orders.fullname" . }}
  data:
    - secretKey: STRIPE_SECRET_KEY
      remoteRef:
        key: {{ .Values.externalSecrets.keys.stripe }}
        property: secret_key
    - secretKey: DATABASE_PASSWORD
      remoteRef:
        key: prod/orders/db
        property: password
{{- end }}
`;

T["helm/orders/templates/secret.yaml"] = `{{- if not .Values.externalSecrets.enabled }}
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "orders.fullname" . }}
  labels:
    {{- include "orders.labels" . | nindent 4 }}
type: Opaque
data:
  DATABASE_PASSWORD: {{ .Values.postgresql.auth.password | b64enc | quote }}
  REDIS_PASSWORD: {{ .Values.redis.auth.password | b64enc | quote }}
  STRIPE_SECRET_KEY: {{ required "config.stripeKey is required" .Values.config.stripeKey | b64enc | quote }}
  {{- if .Values.config.sentryDsn }}
  SENTRY_DSN: {{ .Values.config.sentryDsn | b64enc | quote }}
  {{- end }}
{{- end }}
`;

T["helm/orders/values.yaml"] = `replicaCount: 2

image:
  repository: ghcr.io/acme/orders-api
  tag: ""
  pullPolicy: IfNotPresent

imagePullSecrets:
  - name: ghcr

service:
  type: ClusterIP
  port: 8080

postgresql:
  enabled: true
  auth:
    username: orders
    password: "⟦generic-password|pw:alnum:24⟧"
    database: orders
    existingSecret: ""

redis:
  enabled: true
  auth:
    password: "⟦generic-password|pw:strong:20⟧"

externalSecrets:
  enabled: false
  secretStore: aws-secrets-manager
  keys:
    stripe: prod/orders/stripe

config:
  stripeKey: ""
  sentryDsn: ""
`;

T["java/pom.xml"] = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId>
  <artifactId>orders-service</artifactId>
  <version>3.8.0-SNAPSHOT</version>

  <properties>
    <java.version>21</java.version>
    <aws.sdk.version>2.26.20</aws.sdk.version>
    <jjwt.version>0.12.6</jjwt.version>
    <git.commit.id>⟦-|sha1⟧</git.commit.id>
  </properties>

  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>software.amazon.awssdk</groupId>
        <artifactId>bom</artifactId>
        <version>\${aws.sdk.version}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>

  <dependencies>
    <dependency>
      <groupId>software.amazon.awssdk</groupId>
      <artifactId>secretsmanager</artifactId>
    </dependency>
    <dependency>
      <groupId>io.jsonwebtoken</groupId>
      <artifactId>jjwt-api</artifactId>
      <version>\${jjwt.version}</version>
    </dependency>
  </dependencies>

  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-gpg-plugin</artifactId>
        <version>3.2.4</version>
        <configuration>
          <passphraseServerId>gpg.passphrase</passphraseServerId>
          <keyname>⟦-|hex:16⟧</keyname>
        </configuration>
      </plugin>
      <plugin>
        <groupId>org.codehaus.mojo</groupId>
        <artifactId>checksum-maven-plugin</artifactId>
        <version>1.11</version>
        <configuration>
          <algorithms><algorithm>SHA-256</algorithm></algorithms>
          <expectedChecksum>⟦-|sha256⟧</expectedChecksum>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
`;

T["java/settings.xml"] = `<?xml version="1.0" encoding="UTF-8"?>
<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.2.0 https://maven.apache.org/xsd/settings-1.2.0.xsd">
  <servers>
    <server>
      <id>acme-releases</id>
      <username>deploy</username>
      <password>⟦generic-password|pw:alnum:24⟧</password>
    </server>
    <server>
      <id>github</id>
      <username>acme-ci</username>
      <password>⟦github-token|ghp⟧</password>
    </server>
    <server>
      <id>acme-snapshots</id>
      <username>\${env.NEXUS_USER}</username>
      <password>\${env.NEXUS_PASSWORD}</password>
    </server>
  </servers>
  <mirrors>
    <mirror>
      <id>acme-central</id>
      <mirrorOf>central</mirrorOf>
      <url>https://nexus.internal.example.com/repository/maven-public/</url>
    </mirror>
  </mirrors>
</settings>
`;

T["java/src/main/java/com/acme/orders/LegacyArchiveClient.java"] = `package com.acme.orders;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.auth.BasicSessionCredentials;
import com.amazonaws.regions.Regions;
import com.amazonaws.services.glacier.AmazonGlacier;
import com.amazonaws.services.glacier.AmazonGlacierClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;

/** Old SDK v1 client kept for the archive batch job. */
public final class LegacyArchiveClient {

    private static final String ACCESS_KEY = "⟦aws-access-key-id|akia⟧";
    private static final String SECRET_KEY = "⟦aws-secret-access-key|awssecret⟧";

    private LegacyArchiveClient() {}

    public static AmazonS3 s3() {
        BasicAWSCredentials awsCreds = new BasicAWSCredentials(ACCESS_KEY, SECRET_KEY);
        return AmazonS3ClientBuilder.standard()
                .withRegion(Regions.US_EAST_1)
                .withCredentials(new AWSStaticCredentialsProvider(awsCreds))
                .build();
    }

    public static AmazonGlacier glacier() {
        BasicSessionCredentials session = new BasicSessionCredentials(
                "⟦aws-access-key-id|asia⟧",
                "⟦aws-secret-access-key|awssecret⟧",
                "⟦aws-session-token|awstoken⟧");
        return AmazonGlacierClientBuilder.standard()
                .withRegion(Regions.US_EAST_1)
                .withCredentials(new AWSStaticCredentialsProvider(session))
                .build();
    }
}
`;

T["java/src/main/java/com/acme/orders/S3Config.java"] = `package com.acme.orders;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

@Configuration
public class S3Config {

    @Bean
    public S3Client s3Client() {
        AwsBasicCredentials creds = AwsBasicCredentials.create(
                "⟦aws-access-key-id|akia⟧",
                "⟦aws-secret-access-key|awssecret⟧");
        return S3Client.builder()
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(creds))
                .build();
    }
}
`;

T["java/src/main/resources/application-aws.yml"] = `cloud:
  aws:
    region:
      static: eu-west-1
    stack:
      auto: false
    credentials:
      access-key: ⟦aws-access-key-id|akia⟧
      secret-key: ⟦aws-secret-access-key|awssecret⟧

spring:
  cloud:
    aws:
      secretsmanager:
        enabled: true
  config:
    import: aws-secretsmanager:prod/billing-service/config
`;

T["java/src/main/resources/application-prod.properties"] = `# Production profile: every secret is injected by the platform (ECS task secrets -> env)
spring.datasource.url=\${DB_URL}
spring.datasource.username=\${DB_USER}
spring.datasource.password=\${DB_PASSWORD}
spring.mail.password=\${SENDGRID_API_KEY:}
app.jwt.secret=\${JWT_SECRET}
app.aws.secret-name=prod/orders-service/config
app.security.password.min-length=14
app.security.password.require-digit=true
app.security.lockout.max-attempts=5
cloud.aws.credentials.instance-profile=true
cloud.aws.credentials.access-key=
cloud.aws.credentials.secret-key=
`;

T["java/src/main/resources/application.properties"] = `spring.application.name=orders-service
server.port=8080

spring.datasource.url=jdbc:postgresql://orders-db.internal.example.com:5432/orders
spring.datasource.username=orders_app
spring.datasource.password=⟦generic-password|pw:strong:18⟧
spring.datasource.hikari.maximum-pool-size=20

spring.jpa.hibernate.ddl-auto=validate
spring.jpa.open-in-view=false

spring.mail.host=smtp.sendgrid.net
spring.mail.port=587
spring.mail.username=apikey
spring.mail.password=⟦sendgrid-key|sendgrid⟧

management.endpoints.web.exposure.include=health,info,prometheus
logging.level.org.hibernate.SQL=INFO
`;

T["java/src/main/resources/application.yml"] = `server:
  port: 8081

spring:
  application:
    name: billing-service
  datasource:
    url: jdbc:mysql://billing-db.internal.example.com:3306/billing?useSSL=true
    username: billing
    password: "⟦generic-password|pw:human⟧"
  rabbitmq:
    host: mq.internal.example.com
    username: billing
    password: \${RABBIT_PASSWORD:guest}
  security:
    oauth2:
      client:
        registration:
          keycloak:
            client-id: billing-service
            client-secret: ⟦generic-api-key|alnum:32⟧

app:
  jwt:
    secret: ⟦generic-api-key|b64bytes:48⟧
    expiration-minutes: 30
  stripe:
    api-key: \${STRIPE_API_KEY}
`;

T["java/src/main/resources/legacy/aws.properties"] = `# used by the nightly archive job (com.acme.archive.Main)
aws.accessKeyId=⟦aws-access-key-id|akia⟧
aws.secretKey=⟦aws-secret-access-key|awssecret⟧
aws.region=us-east-1
archive.bucket=acme-archive-legacy
archive.kms.key.arn=arn:aws:kms:us-east-1:⟦-|account⟧:key/⟦-|uuid⟧
`;

T["java/src/main/resources/log4j2.xml"] = `<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN">
  <Properties>
    <Property name="pattern">%d{ISO8601} %-5level [%t] %c{1.} - %replace{%m}{(password|secret|token|apiKey)=\\S+}{$1=****}%n</Property>
    <Property name="logDir">\${sys:log.dir:-/var/log/orders}</Property>
  </Properties>
  <Appenders>
    <Console name="Console" target="SYSTEM_OUT">
      <PatternLayout pattern="\${pattern}"/>
    </Console>
    <RollingFile name="File" fileName="\${logDir}/orders.log" filePattern="\${logDir}/orders-%d{yyyy-MM-dd}.log.gz">
      <PatternLayout pattern="\${pattern}"/>
      <Policies><TimeBasedTriggeringPolicy/></Policies>
    </RollingFile>
    <Http name="Loki" url="https://logs.internal.example.com/loki/api/v1/push">
      <Property name="Authorization" value="Bearer \${env:LOKI_TOKEN}"/>
      <JsonLayout compact="true" eventEol="true"/>
    </Http>
  </Appenders>
  <Loggers>
    <Logger name="com.acme.orders.security" level="info"/>
    <Root level="info">
      <AppenderRef ref="Console"/>
      <AppenderRef ref="File"/>
    </Root>
  </Loggers>
</Configuration>
`;

T["java/src/test/java/com/acme/orders/UserServiceTest.java"] = `package com.acme.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class UserServiceTest {

    private static final String PASSWORD = "password";
    private static final String STORED_HASH = "⟦-|bcrypt⟧";

    private UserService service;

    @BeforeEach
    void setUp() {
        service = new UserService(new InMemoryUserRepository(), new BCryptPasswordEncoder(4));
    }

    @Test
    void registersUserWithHashedPassword() {
        User u = service.register("alice@example.com", PASSWORD);
        assertThat(u.getPasswordHash()).isNotEqualTo(PASSWORD).startsWith("$2a$");
    }

    @Test
    void rejectsWrongPassword() {
        service.register("bob@example.com", "test123");
        assertThatThrownBy(() -> service.login("bob@example.com", "secret"))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void hashFixtureHasBcryptShape() {
        assertThat(STORED_HASH).hasSize(60);
    }
}
`;

T["js/.npmrc"] = `registry=https://registry.npmjs.org/
@acme:registry=https://npm.pkg.github.com/
//registry.npmjs.org/:_authToken=⟦npm-token|npm⟧
//npm.pkg.github.com/:_authToken=⟦github-token|ghp⟧
save-exact=true
engine-strict=true
`;

T["js/.yarnrc.yml"] = `nodeLinker: node-modules
enableTelemetry: false

npmScopes:
  acme:
    npmRegistryServer: "https://registry.npmjs.org"
    npmAuthToken: ⟦npm-token|npm⟧
    npmAlwaysAuth: true

yarnPath: .yarn/releases/yarn-4.3.1.cjs
`;

T["js/cdk/lib/data-stack.ts"] = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';

export interface DataStackProps extends cdk.StackProps {
  vpc: ec2.IVpc;
}

export class DataStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);

    const masterSecret = new secretsmanager.Secret(this, 'DbMasterSecret', {
      secretName: 'prod/orders/db-master',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: 'orders_admin' }),
        generateStringKey: 'password',
        excludePunctuation: true,
        passwordLength: 32,
      },
    });

    const db = new rds.DatabaseInstance(this, 'Orders', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16_3 }),
      vpc: props.vpc,
      credentials: rds.Credentials.fromSecret(masterSecret),
      storageEncrypted: true,
    });

    const apiKey = secretsmanager.Secret.fromSecretCompleteArn(
      this,
      'PartnerApiKey',
      'arn:aws:secretsmanager:eu-west-1:⟦-|account@acct⟧:secret:prod/partner-api-key-Xy12Ab',
    );

    const reader = iam.Role.fromRoleArn(this, 'Reader', \`arn:aws:iam::⟦-|=acct⟧:role/orders-reader\`);
    apiKey.grantRead(reader);
    db.grantConnect(reader);

    new cdk.CfnOutput(this, 'DbSecretArn', { value: masterSecret.secretArn });
    new cdk.CfnOutput(this, 'SecretValueRef', { value: cdk.SecretValue.secretsManager('prod/orders/db-master', { jsonField: 'password' }).unsafeUnwrap() });
  }
}
`;

T["js/cdk/lib/pipeline-stack.ts"] = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as pipelines from 'aws-cdk-lib/pipelines';

export class PipelineStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const githubToken = cdk.SecretValue.unsafePlainText('⟦github-token|ghp⟧');

    const source = pipelines.CodePipelineSource.gitHub('acme/storefront', 'main', {
      authentication: githubToken,
    });

    const dockerHub = new secretsmanager.Secret(this, 'DockerHubCreds', {
      secretName: 'ci/dockerhub',
      secretObjectValue: {
        username: cdk.SecretValue.unsafePlainText('acmeci'),
        password: cdk.SecretValue.unsafePlainText('⟦generic-password|pw:strong:22⟧'),
      },
    });

    const pipeline = new pipelines.CodePipeline(this, 'Pipeline', {
      synth: new pipelines.ShellStep('Synth', {
        input: source,
        commands: ['npm ci', 'npm run build', 'npx cdk synth'],
      }),
      codeBuildDefaults: {
        buildEnvironment: {
          buildImage: codebuild.LinuxBuildImage.STANDARD_7_0,
          environmentVariables: {
            SONAR_TOKEN: { value: '⟦generic-api-key|hex:40⟧' },
            NPM_TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: 'ci/npm-token' },
          },
        },
      },
    });
    dockerHub.grantRead(pipeline.pipeline.role);
  }
}
`;

T["js/knexfile.js"] = `// Update with your config settings.
module.exports = {
  development: {
    client: 'postgresql',
    connection: {
      database: 'inventory_dev',
      user: 'postgres',
      password: 'postgres',
    },
  },

  staging: {
    client: 'postgresql',
    connection: 'postgres://inventory:⟦db-connection-string|pw:alnum:20⟧@staging-db.internal.example.com:5432/inventory',
    pool: { min: 2, max: 10 },
    migrations: { tableName: 'knex_migrations' },
  },

  production: {
    client: 'postgresql',
    connection: process.env.DATABASE_URL,
    pool: { min: 2, max: 10 },
    migrations: { tableName: 'knex_migrations' },
  },
};
`;

T["js/lambda/legacy-export.js"] = `// Nightly export job (runs on the old EC2 cron box, not in Lambda any more)
var AWS = require('aws-sdk');
var moment = require('moment');

AWS.config.region = 'us-west-2';
AWS.config.credentials = new AWS.Credentials(
  '⟦aws-access-key-id|akia⟧',
  '⟦aws-secret-access-key|awssecret⟧'
);

var dynamo = new AWS.DynamoDB.DocumentClient();
var s3 = new AWS.S3();

exports.run = function (cb) {
  var day = moment().subtract(1, 'day').format('YYYY-MM-DD');
  dynamo.scan({ TableName: 'events', FilterExpression: '#d = :d', ExpressionAttributeNames: { '#d': 'day' }, ExpressionAttributeValues: { ':d': day } }, function (err, data) {
    if (err) return cb(err);
    s3.putObject({ Bucket: 'acme-exports', Key: 'events/' + day + '.json', Body: JSON.stringify(data.Items) }, cb);
  });
};
`;

T["js/lib/mailer.js"] = `const sgMail = require('@sendgrid/mail');
const { renderTemplate } = require('./templates');

sgMail.setApiKey('⟦sendgrid-key|sendgrid⟧');

const FROM = { email: 'no-reply@shop.example.com', name: 'Example Shop' };

async function sendOrderConfirmation(order) {
  const html = await renderTemplate('order-confirmation', { order });
  const msg = {
    to: order.customer.email,
    from: FROM,
    subject: \`Your order #\${order.number}\`,
    html,
    trackingSettings: { clickTracking: { enable: false } },
  };
  try {
    await sgMail.send(msg);
  } catch (err) {
    if (err.response) console.error(err.response.body);
    throw err;
  }
}

module.exports = { sendOrderConfirmation };
`;

T["js/package-lock.json"] = `{
  "name": "storefront",
  "version": "2.4.1",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "storefront",
      "version": "2.4.1",
      "dependencies": {
        "@aws-sdk/client-s3": "3.614.0",
        "stripe": "16.2.0"
      }
    },
    "node_modules/@aws-sdk/client-s3": {
      "version": "3.614.0",
      "resolved": "https://registry.npmjs.org/@aws-sdk/client-s3/-/client-s3-3.614.0.tgz",
      "integrity": "⟦-|sri⟧",
      "license": "Apache-2.0"
    },
    "node_modules/@smithy/signature-v4": {
      "version": "3.1.2",
      "resolved": "https://registry.npmjs.org/@smithy/signature-v4/-/signature-v4-3.1.2.tgz",
      "integrity": "⟦-|sri⟧",
      "license": "Apache-2.0"
    },
    "node_modules/qs": {
      "version": "6.12.3",
      "resolved": "https://registry.npmjs.org/qs/-/qs-6.12.3.tgz",
      "integrity": "⟦-|sri⟧",
      "license": "BSD-3-Clause"
    },
    "node_modules/stripe": {
      "version": "16.2.0",
      "resolved": "https://registry.npmjs.org/stripe/-/stripe-16.2.0.tgz",
      "integrity": "⟦-|sri⟧",
      "license": "MIT"
    },
    "node_modules/uuid": {
      "version": "9.0.1",
      "resolved": "https://registry.npmjs.org/uuid/-/uuid-9.0.1.tgz",
      "integrity": "⟦-|sri⟧",
      "funding": ["https://github.com/sponsors/broofa", "https://github.com/sponsors/ctavan"],
      "license": "MIT"
    },
    "node_modules/secret-handshake": {
      "version": "1.1.21",
      "resolved": "git+ssh://git@github.com/acme/secret-handshake.git#⟦-|sha1⟧",
      "integrity": "⟦-|sri⟧"
    }
  }
}
`;

T["js/scripts/notify-release.js"] = `#!/usr/bin/env node
// Posts the release notes to #deploys. Run from the release job.
const { WebClient } = require('@slack/web-api');
const https = require('https');

const SLACK_WEBHOOK = '⟦slack-webhook|slackhook⟧';
const slack = new WebClient('⟦slack-token|xoxb⟧');

async function main() {
  const version = process.argv[2];
  const notes = require('fs').readFileSync('CHANGELOG.md', 'utf8').split('\\n## ')[1];
  await slack.chat.postMessage({ channel: '#deploys', text: \`Released \${version}\\n\${notes}\` });

  const req = https.request(SLACK_WEBHOOK, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
  req.end(JSON.stringify({ text: \`:rocket: \${version} is live\` }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
`;

T["js/server/payments.ts"] = `import Stripe from 'stripe';
import type { Request, Response } from 'express';
import { db } from './db';

const stripe = new Stripe('⟦stripe-key|sklive⟧', {
  apiVersion: '2024-06-20',
  typescript: true,
});

const endpointSecret = '⟦stripe-key|whsec⟧';

export async function createCheckout(req: Request, res: Response) {
  const { priceId, customerId } = req.body as { priceId: string; customerId?: string };
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [{ price: priceId, quantity: 1 }],
    customer: customerId,
    success_url: 'https://app.example.com/billing/success?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://app.example.com/billing',
  });
  res.json({ url: session.url });
}

export function webhook(req: Request, res: Response) {
  const sig = req.headers['stripe-signature'] as string;
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, sig, endpointSecret);
  } catch (err) {
    res.status(400).send(\`Webhook Error: \${(err as Error).message}\`);
    return;
  }
  if (event.type === 'invoice.paid') {
    void db.markInvoicePaid((event.data.object as Stripe.Invoice).id);
  }
  res.sendStatus(200);
}
`;

T["js/src/auth/jwks-public.pem"] = `⟦-|pem:pub⟧
`;

T["js/src/auth/tokens.js"] = `const jwt = require('jsonwebtoken');

// RS256 signing key for session tokens. TODO: load from KMS
const PRIVATE_KEY = \`⟦private-key|pem:rsa⟧\`;

const PUBLIC_KEY_URL = 'https://auth.example.com/.well-known/jwks.json';

function sign(user) {
  return jwt.sign({ sub: user.id, role: user.role }, PRIVATE_KEY, {
    algorithm: 'RS256',
    expiresIn: '15m',
    issuer: 'https://auth.example.com/',
    keyid: '⟦-|hex:16⟧',
  });
}

module.exports = { sign, PUBLIC_KEY_URL };
`;

T["js/src/auth/verify.ts"] = `import { createPublicKey, createVerify } from 'node:crypto';

// Public half of the session signing key (safe to ship).
const PUBLIC_KEY = \`⟦-|pem:pub⟧\`;

export function verifySignature(payload: string, signatureB64: string): boolean {
  const v = createVerify('RSA-SHA256');
  v.update(payload);
  return v.verify(createPublicKey(PUBLIC_KEY), signatureB64, 'base64');
}

export const EXAMPLE_TOKEN = 'eyJhbGciOi...'; // truncated, for docs only
`;

T["js/src/aws/clients.ts"] = `import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';

const region = process.env.AWS_REGION ?? 'us-east-1';

export const s3 = new S3Client({ region, credentials: fromNodeProviderChain() });

export const s3Local = new S3Client({
  region,
  credentials: fromIni({ profile: process.env.AWS_PROFILE ?? 'dev' }),
});

export const crossAccount = new S3Client({
  region,
  credentials: fromTemporaryCredentials({
    params: { RoleArn: 'arn:aws:iam::⟦-|account⟧:role/cross-account-reader', RoleSessionName: 'orders-api' },
  }),
});

const sm = new SecretsManagerClient({ region });

export async function getSecret(secretId = 'prod/orders/api-keys'): Promise<Record<string, string>> {
  const res = await sm.send(new GetSecretValueCommand({ SecretId: secretId }));
  return JSON.parse(res.SecretString ?? '{}');
}

// Example key format for the docs tooltip: AKIA... (20 chars) / secret (40 chars)
export const ACCESS_KEY_PATTERN = /^(AKIA|ASIA)[A-Z2-7]{16}$/;
`;

T["js/src/components/StoreMap.tsx"] = `import { useEffect, useRef } from 'react';
import { Loader } from '@googlemaps/js-api-loader';
import type { Store } from '../types/store';

const loader = new Loader({
  apiKey: '⟦google-api-key|aiza⟧',
  version: 'weekly',
  libraries: ['places'],
});

export function StoreMap({ stores }: { stores: Store[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    loader.load().then((google) => {
      if (cancelled || !ref.current) return;
      const map = new google.maps.Map(ref.current, { center: { lat: 52.37, lng: 4.89 }, zoom: 11 });
      for (const s of stores) new google.maps.Marker({ position: s.location, map, title: s.name });
    });
    return () => {
      cancelled = true;
    };
  }, [stores]);
  return <div ref={ref} className="store-map" aria-label="Map of our stores" />;
}
`;

T["js/src/config/aws.js"] = `'use strict';

const AWS = require('aws-sdk');
const logger = require('../logger');

// TODO(ops-412): move these to the instance role before the audit
AWS.config.update({
  region: 'eu-west-1',
  accessKeyId: '⟦aws-access-key-id|akia⟧',
  secretAccessKey: '⟦aws-secret-access-key|awssecret⟧',
  maxRetries: 3,
});

const s3 = new AWS.S3({ apiVersion: '2006-03-01', signatureVersion: 'v4' });
const sqs = new AWS.SQS({ apiVersion: '2012-11-05' });

const BUCKET = process.env.UPLOAD_BUCKET || 'acme-prod-uploads';
const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/⟦-|account⟧/thumbnail-jobs';

async function putObject(key, body, contentType) {
  logger.debug({ key }, 'uploading object');
  return s3
    .putObject({ Bucket: BUCKET, Key: key, Body: body, ContentType: contentType, ServerSideEncryption: 'AES256' })
    .promise();
}

async function enqueueThumbnail(key) {
  return sqs.sendMessage({ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify({ key }) }).promise();
}

module.exports = { s3, putObject, enqueueThumbnail };
`;

T["js/src/config/index.js"] = `// Central configuration. Everything sensitive comes from the environment (or Secrets Manager in prod).
const required = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(\`Missing required env var \${name}\`);
  return v;
};

module.exports = {
  port: Number(process.env.PORT || 3000),
  aws: {
    region: process.env.AWS_REGION || 'us-east-1',
    accessKeyId: process.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
    sessionToken: process.env['AWS_SESSION_TOKEN'],
  },
  db: {
    host: process.env.PGHOST || 'localhost',
    user: process.env.PGUSER || 'app',
    password: required('PGPASSWORD'),
    database: 'orders',
  },
  stripe: {
    secretKey: required('STRIPE_SECRET_KEY'),
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET || '',
  },
  jwt: {
    secretName: 'prod/orders-api/jwt-signing-key',
    issuer: 'https://auth.example.com/',
    expiresIn: '15m',
  },
  sentry: {
    dsn: process.env.SENTRY_DSN || null,
    release: process.env.GIT_SHA || '⟦-|sha1⟧',
  },
  passwordPolicy: {
    minLength: 12,
    requireSymbols: true,
    maxAgeDays: 90,
  },
};
`;

T["js/src/i18n/en.ts"] = `export const en = {
  login: {
    title: 'Sign in',
    email: 'Email address',
    password: 'Password',
    passwordPlaceholder: 'Enter your password',
    forgotPassword: 'Forgot your password?',
    submit: 'Sign in',
  },
  settings: {
    apiKeys: {
      title: 'API keys',
      description: 'API keys let scripts call the API on your behalf. Treat them like a password.',
      create: 'Create API key',
      secretKeyLabel: 'Secret key',
      secretKeyWarning: 'This secret key is shown only once. Copy it now.',
      revoke: 'Revoke',
      token: 'Token',
    },
    password: {
      current: 'Current password',
      new: 'New password',
      confirm: 'Confirm new password',
      tooShort: 'Password must be at least {{min}} characters',
      mismatch: 'Passwords do not match',
    },
  },
  errors: {
    invalidCredentials: 'Invalid email or password',
    tokenExpired: 'Your session has expired. Please sign in again.',
  },
} as const;

export type Messages = typeof en;
`;

T["js/src/services/llm.ts"] = `import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';

type Provider = 'openai' | 'anthropic';

// keys for the hackathon demo account
const OPENAI_API_KEY = '⟦other-provider-token|openai⟧';
const anthropic = new Anthropic({
  apiKey: '⟦other-provider-token|anthropic⟧',
});

const openai = new OpenAI({ apiKey: OPENAI_API_KEY, organization: 'org-⟦-|alnum:24⟧' });

export async function summarize(text: string, provider: Provider = 'openai'): Promise<string> {
  if (provider === 'anthropic') {
    const msg = await anthropic.messages.create({
      model: 'claude-3-5-sonnet-latest',
      max_tokens: 512,
      messages: [{ role: 'user', content: \`Summarize:\\n\\n\${text}\` }],
    });
    return msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
  }
  const res = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: \`Summarize:\\n\\n\${text}\` }],
  });
  return res.choices[0]?.message?.content ?? '';
}
`;

T["js/src/services/s3-upload.ts"] = `import { S3Client, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

// temporary creds from \`aws sts assume-role\` so the demo works on the conference wifi
const client = new S3Client({
  region: 'us-east-1',
  credentials: {
    accessKeyId: '⟦aws-access-key-id|asia⟧',
    secretAccessKey: '⟦aws-secret-access-key|awssecret⟧',
    sessionToken:
      '⟦aws-session-token|awstoken⟧',
  },
});

export async function upload(bucket: string, key: string, body: Uint8Array): Promise<string> {
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  return getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 3600 });
}
`;

T["js/src/services/video.js"] = `const twilio = require('twilio');

const accountSid = '⟦-|twsid⟧';
const apiKeySid = '⟦-|twsk⟧';
const apiKeySecret = '⟦twilio-key|alnum:32⟧';

const client = twilio(apiKeySid, apiKeySecret, { accountSid });

async function createRoom(name) {
  return client.video.v1.rooms.create({ uniqueName: name, type: 'group' });
}

module.exports = { createRoom };
`;

T["js/src/types/auth.ts"] = `export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface LoginRequest {
  email: string;
  password: string;
  otp?: string;
}

export interface ApiKeyRecord {
  id: string; // e.g. "⟦-|uuid⟧"
  prefix: string; // first 8 chars, shown in the UI
  hashedKey: string; // sha256 of the key, hex
  createdAt: string;
  lastUsedAt: string | null;
}

export type TokenKind = 'access_token' | 'refresh_token' | 'id_token';

export const PASSWORD_MIN_LENGTH = 12;
export const API_KEY_HEADER = 'X-Api-Key';
export const SECRET_ACCESS_KEY_FIELD = 'secretAccessKey';

export function isExpired(c: Credentials, now = new Date()): boolean {
  return !!c.expiration && c.expiration.getTime() <= now.getTime();
}

export function redact(c: Credentials): Credentials {
  return { ...c, secretAccessKey: '********', sessionToken: c.sessionToken ? '***' : undefined };
}
`;

T["js/test/auth.spec.ts"] = `import { expect } from 'chai';
import request from 'supertest';
import { app } from '../src/app';
import { createUser, resetDb } from './helpers';

const TEST_PASSWORD = 'password';

describe('POST /login', () => {
  beforeEach(async () => {
    await resetDb();
    await createUser({ email: 'alice@example.com', password: TEST_PASSWORD });
    await createUser({ email: 'bob@example.com', password: 'test123' });
  });

  it('accepts valid credentials', async () => {
    const res = await request(app).post('/login').send({ email: 'alice@example.com', password: TEST_PASSWORD });
    expect(res.status).to.equal(200);
    expect(res.body).to.have.property('token');
  });

  it('rejects a wrong password', async () => {
    const res = await request(app).post('/login').send({ email: 'bob@example.com', password: 'secret' });
    expect(res.status).to.equal(401);
    expect(res.body.error).to.equal('Invalid email or password');
  });

  it('rate limits after five failures', async () => {
    for (let i = 0; i < 5; i++) {
      await request(app).post('/login').send({ email: 'bob@example.com', password: 'wrong-password' });
    }
    const res = await request(app).post('/login').send({ email: 'bob@example.com', password: 'test123' });
    expect(res.status).to.equal(429);
  });

  it('rejects a tampered token', async () => {
    const res = await request(app).get('/me').set('Authorization', 'Bearer not-a-real-token');
    expect(res.status).to.equal(401);
  });
});
`;

T["js/tools/publish/.npmrc"] = `# CI writes NPM_TOKEN from the repository secrets; never commit a literal token here.
//registry.npmjs.org/:_authToken=\${NPM_TOKEN}
always-auth=true
access=public
provenance=true
`;

T["k8s/base/configmap.yaml"] = `apiVersion: v1
kind: ConfigMap
metadata:
  name: orders-api-config
  namespace: orders
  annotations:
    kubectl.kubernetes.io/last-applied-configuration-hash: ⟦-|sha256⟧
data:
  LOG_LEVEL: info
  AWS_REGION: us-east-1
  DB_SECRET_ID: prod/orders/db
  DB_SECRET_ARN: arn:aws:secretsmanager:us-east-1:⟦-|account⟧:secret:prod/orders/db-AbC123
  ROLE_ARN: arn:aws:iam::⟦-|account⟧:role/orders-api-irsa
  PASSWORD_MIN_LENGTH: "12"
  FEATURE_FLAGS: "checkout_v2,apple_pay"
  BUILD_SHA: ⟦-|sha1⟧
  INSTANCE_ID: ⟦-|uuid⟧
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: orders-api
  namespace: orders
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::⟦-|account⟧:role/orders-api-irsa
`;

T["k8s/base/deployment.yaml"] = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders-api
  namespace: orders
  annotations:
    checksum/config: ⟦-|sha256⟧
spec:
  replicas: 3
  selector:
    matchLabels:
      app: orders-api
  template:
    metadata:
      labels:
        app: orders-api
    spec:
      serviceAccountName: orders-api
      containers:
        - name: api
          image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-api@sha256:⟦-|sha256⟧
          ports:
            - containerPort: 8080
          env:
            - name: DATABASE_HOST
              value: orders-db.orders.svc.cluster.local
            - name: DATABASE_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: orders-api
                  key: DATABASE_PASSWORD
            - name: REDIS_PASSWORD
              value: "⟦generic-password|pw:alnum:20⟧"
            - name: NEW_RELIC_LICENSE_KEY
              value: ⟦other-provider-token|hex:40⟧
            - name: AWS_REGION
              value: us-east-1
          envFrom:
            - secretRef:
                name: orders-api-smtp
          resources:
            limits:
              memory: 512Mi
`;

T["k8s/base/secret.yaml"] = `apiVersion: v1
kind: Secret
metadata:
  name: orders-api
  namespace: orders
  labels:
    app.kubernetes.io/name: orders-api
type: Opaque
data:
  DATABASE_PASSWORD: ⟦k8s-secret-data|k8s:pw:alnum:24⟧
  STRIPE_SECRET_KEY: ⟦k8s-secret-data|k8s:sklive⟧
  JWT_SIGNING_KEY: ⟦k8s-secret-data|k8s:b64bytes:32⟧
---
apiVersion: v1
kind: Secret
metadata:
  name: orders-api-smtp
  namespace: orders
type: Opaque
stringData:
  SMTP_PASSWORD: "⟦k8s-secret-data|pw:strong:20⟧"
`;

T["k8s/kubeconfig-ci.yaml"] = `apiVersion: v1
kind: Config
clusters:
  - name: prod-eks
    cluster:
      server: https://⟦-|hex:32⟧.gr7.us-east-1.eks.amazonaws.com
      certificate-authority-data: ⟦-|b64:1400⟧
contexts:
  - name: ci@prod-eks
    context:
      cluster: prod-eks
      user: ci
      namespace: orders
current-context: ci@prod-eks
users:
  - name: ci
    user:
      token: ⟦jwt|jwt:k8s⟧
  - name: admin
    user:
      client-certificate-data: ⟦-|b64:1500⟧
      client-key-data: ⟦private-key|k8s:pem:rsa⟧
`;

T["k8s/overlays/prod/sealed-secret.yaml"] = `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: orders-api
  namespace: orders
spec:
  encryptedData:
    DATABASE_PASSWORD: ⟦-|sealed⟧
    STRIPE_SECRET_KEY: ⟦-|sealed⟧
  template:
    metadata:
      name: orders-api
      namespace: orders
    type: Opaque
`;

T["kotlin/app/build.gradle.kts"] = `plugins {
    id("com.android.application")
    kotlin("android")
    \`maven-publish\`
    signing
}

android {
    namespace = "com.acme.mobile"
    compileSdk = 34
    defaultConfig {
        applicationId = "com.acme.mobile"
        minSdk = 26
        versionCode = 412
        versionName = "4.12.0"
        buildConfigField("String", "SENTRY_DSN", "\\"\${System.getenv("SENTRY_DSN") ?: ""}\\"")
    }
    signingConfigs {
        create("release") {
            storeFile = file(System.getenv("KEYSTORE_PATH") ?: "release.jks")
            storePassword = System.getenv("KEYSTORE_PASSWORD")
            keyAlias = "release"
            keyPassword = providers.gradleProperty("releaseKeyPassword").orNull
        }
    }
}

publishing {
    repositories {
        maven {
            url = uri("https://s01.oss.sonatype.org/service/local/staging/deploy/maven2/")
            credentials {
                username = findProperty("ossrhUsername") as String?
                password = findProperty("ossrhPassword") as String?
            }
        }
    }
}

dependencies {
    implementation("com.squareup.retrofit2:retrofit:2.11.0")
    implementation("com.squareup.okhttp3:okhttp:4.12.0")
}
`;

T["kotlin/app/src/main/kotlin/com/acme/mobile/ApiClient.kt"] = `package com.acme.mobile

import okhttp3.Interceptor
import okhttp3.OkHttpClient
import retrofit2.Retrofit
import retrofit2.converter.moshi.MoshiConverterFactory

object ApiClient {
    private const val BASE_URL = "https://api.example.com/v2/"
    private const val API_TOKEN = "⟦generic-api-key|alnum:40⟧"
    private val mapsKey = "⟦google-api-key|aiza⟧"

    private val auth = Interceptor { chain ->
        val req = chain.request().newBuilder()
            .header("Authorization", "Bearer $API_TOKEN")
            .header("X-Client", "android/\${BuildConfig.VERSION_NAME}")
            .build()
        chain.proceed(req)
    }

    val retrofit: Retrofit by lazy {
        Retrofit.Builder()
            .baseUrl(BASE_URL)
            .client(OkHttpClient.Builder().addInterceptor(auth).build())
            .addConverterFactory(MoshiConverterFactory.create())
            .build()
    }

    fun staticMapUrl(lat: Double, lng: Double) =
        "https://maps.googleapis.com/maps/api/staticmap?center=$lat,$lng&zoom=14&size=600x300&key=$mapsKey"
}
`;

T["kotlin/app/src/main/kotlin/com/acme/mobile/aws/Uploader.kt"] = `package com.acme.mobile.aws

import aws.sdk.kotlin.runtime.auth.credentials.StaticCredentialsProvider
import aws.sdk.kotlin.services.s3.S3Client
import aws.sdk.kotlin.services.s3.model.PutObjectRequest
import aws.smithy.kotlin.runtime.content.ByteStream

class Uploader {
    private val s3 = S3Client {
        region = "us-east-1"
        credentialsProvider = StaticCredentialsProvider {
            accessKeyId = "⟦aws-access-key-id|akia⟧"
            secretAccessKey = "⟦aws-secret-access-key|awssecret⟧"
        }
    }

    suspend fun upload(bucket: String, key: String, bytes: ByteArray) {
        s3.putObject(PutObjectRequest {
            this.bucket = bucket
            this.key = key
            body = ByteStream.fromBytes(bytes)
        })
    }
}
`;

T["kotlin/gradle.properties"] = `org.gradle.jvmargs=-Xmx4g -Dfile.encoding=UTF-8
org.gradle.parallel=true
android.useAndroidX=true
kotlin.code.style=official

ossrhUsername=acme-release
ossrhPassword=⟦generic-password|pw:strong:20⟧
signing.keyId=⟦-|hex:8⟧
signing.password=⟦generic-password|pw:human⟧
signing.secretKeyRingFile=/home/ci/.gnupg/secring.gpg
`;

T["make/Makefile"] = `# Infra helpers. Credentials come from your AWS profile / environment only.
ENV ?= staging
AWS_PROFILE ?= acme-$(ENV)
TF := terraform -chdir=envs/$(ENV)

export AWS_PROFILE

.PHONY: plan apply db-password

plan:
	$(TF) init -input=false
	$(TF) plan -var "db_password=$$DB_PASSWORD" -out=tfplan

apply:
	$(TF) apply tfplan

db-password:
	@aws secretsmanager get-secret-value --secret-id $(ENV)/app/db --query SecretString --output text | jq -r .password

check-env:
ifndef DB_PASSWORD
	$(error DB_PASSWORD is undefined)
endif
`;

T["nginx/api.conf"] = `upstream billing_backend {
    server 10.0.12.15:8080;
    server 10.0.12.16:8080;
    keepalive 32;
}

server {
    listen 443 ssl http2;
    server_name api.example.com;

    ssl_certificate     /etc/nginx/tls/api.example.com.crt;
    ssl_certificate_key /etc/nginx/tls/api.example.com.key;

    location /internal/ {
        auth_basic "internal";
        auth_basic_user_file /etc/nginx/.htpasswd;
        proxy_pass http://billing_backend;
    }

    location /partner/ {
        proxy_set_header Authorization "Basic ⟦basic-auth-url|basicb64:partner-gw⟧";
        proxy_set_header X-Api-Key "⟦generic-api-key|alnum:40⟧";
        proxy_pass https://partner.example.net/api/;
    }

    location / {
        proxy_set_header Host $host;
        proxy_set_header X-Request-Id $request_id;
        proxy_pass http://billing_backend;
    }
}
`;

T["ops/assume-role-output.json"] = `{
    "Credentials": {
        "AccessKeyId": "⟦aws-access-key-id|asia⟧",
        "SecretAccessKey": "⟦aws-secret-access-key|awssecret⟧",
        "SessionToken": "⟦aws-session-token|awstoken⟧",
        "Expiration": "2024-06-12T22:14:51+00:00"
    },
    "AssumedRoleUser": {
        "AssumedRoleId": "AROA⟦-|b32:17⟧:dana",
        "Arn": "arn:aws:sts::⟦-|account⟧:assumed-role/OrganizationAccountAccessRole/dana"
    }
}
`;

T["ops/caller-identity.json"] = `{
    "UserId": "AIDA⟦-|b32:17⟧",
    "Account": "⟦-|account@a⟧",
    "Arn": "arn:aws:iam::⟦-|=a⟧:user/dana"
}
`;

T["ops/create-access-key.json"] = `{
    "AccessKey": {
        "UserName": "svc-backup",
        "AccessKeyId": "⟦aws-access-key-id|akia⟧",
        "Status": "Active",
        "SecretAccessKey": "⟦aws-secret-access-key|awssecret⟧",
        "CreateDate": "2024-05-02T14:11:09+00:00"
    }
}
`;

T["ops/iam-policy.json"] = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadAppSecrets",
      "Effect": "Allow",
      "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
      "Resource": [
        "arn:aws:secretsmanager:us-east-1:⟦-|account@a⟧:secret:prod/orders/*",
        "arn:aws:secretsmanager:us-east-1:⟦-|=a⟧:secret:prod/shared/stripe-api-key-Ab12Cd"
      ]
    },
    {
      "Sid": "DecryptWithAppKey",
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "arn:aws:kms:us-east-1:⟦-|=a⟧:key/⟦-|uuid⟧"
    },
    {
      "Sid": "DenyKeyCreation",
      "Effect": "Deny",
      "Action": ["iam:CreateAccessKey", "iam:UpdateAccessKey"],
      "Resource": "*",
      "Condition": { "StringNotEquals": { "aws:PrincipalArn": "arn:aws:iam::⟦-|=a⟧:role/BreakGlass" } }
    }
  ]
}
`;

T["ops/new_user_credentials.csv"] = `User name,Password,Access key ID,Secret access key,Console login link
svc-reporting,,⟦aws-access-key-id|akia⟧,⟦-|awssecret⟧,https://⟦-|account⟧.signin.aws.amazon.com/console
`;

T["php/.env"] = `APP_NAME=Shop
APP_ENV=production
APP_KEY=⟦generic-api-key|laravelkey⟧
APP_DEBUG=false
APP_URL=https://shop.example.com

DB_CONNECTION=mysql
DB_HOST=shop-db.internal.example.com
DB_PORT=3306
DB_DATABASE=shop
DB_USERNAME=shop
DB_PASSWORD=⟦generic-password|pw:strong:18⟧

MAIL_MAILER=smtp
MAIL_HOST=smtp.mailgun.org
MAIL_USERNAME=postmaster@mg.shop.example.com
MAIL_PASSWORD=⟦generic-password|hex:32⟧
MAILGUN_SECRET=⟦other-provider-token|mailgun⟧

AWS_ACCESS_KEY_ID=⟦aws-access-key-id|akia⟧
AWS_SECRET_ACCESS_KEY=⟦aws-secret-access-key|awssecret⟧
AWS_DEFAULT_REGION=eu-west-1
AWS_BUCKET=shop-uploads

PUSHER_APP_ID=1784512
PUSHER_APP_KEY=⟦-|hex:20⟧
PUSHER_APP_SECRET=⟦generic-api-key|hex:20⟧
`;

T["php/config/database.php"] = `<?php

use Illuminate\\Support\\Str;

return [
    'default' => env('DB_CONNECTION', 'mysql'),

    'connections' => [
        'mysql' => [
            'driver' => 'mysql',
            'url' => env('DB_URL'),
            'host' => env('DB_HOST', '127.0.0.1'),
            'port' => env('DB_PORT', '3306'),
            'database' => env('DB_DATABASE', 'laravel'),
            'username' => env('DB_USERNAME', 'root'),
            'password' => env('DB_PASSWORD', ''),
            'charset' => 'utf8mb4',
        ],

        'legacy' => [
            'driver' => 'mysql',
            'host' => 'legacy-db.internal.example.com',
            'database' => 'shop_legacy',
            'username' => 'shop_ro',
            'password' => '⟦generic-password|pw:human⟧',
            'charset' => 'utf8',
        ],
    ],

    'redis' => [
        'client' => env('REDIS_CLIENT', 'phpredis'),
        'options' => [
            'prefix' => env('REDIS_PREFIX', Str::slug(env('APP_NAME', 'laravel'), '_').'_database_'),
        ],
        'default' => [
            'url' => env('REDIS_URL'),
            'password' => env('REDIS_PASSWORD'),
        ],
    ],
];
`;

T["php/src/Mailer.php"] = `<?php

declare(strict_types=1);

namespace Acme\\Shop;

use Aws\\SecretsManager\\SecretsManagerClient;
use PHPMailer\\PHPMailer\\PHPMailer;

final class Mailer
{
    private const SECRET_ID = 'prod/shop/smtp';

    public function __construct(private ?SecretsManagerClient $secrets = null)
    {
        $this->secrets ??= new SecretsManagerClient(['region' => 'eu-west-1', 'version' => 'latest']);
    }

    public function create(): PHPMailer
    {
        $mail = new PHPMailer(true);
        $mail->isSMTP();
        $mail->Host = getenv('SMTP_HOST') ?: 'smtp.mailgun.org';
        $mail->SMTPAuth = true;
        $mail->Username = $_ENV['SMTP_USER'] ?? '';
        $mail->Password = $this->smtpPassword();
        $mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;
        $mail->Port = 587;
        return $mail;
    }

    private function smtpPassword(): string
    {
        $result = $this->secrets->getSecretValue(['SecretId' => self::SECRET_ID]);
        $data = json_decode($result['SecretString'], true, 512, JSON_THROW_ON_ERROR);
        return $data['password'];
    }
}
`;

T["php/src/Storage/S3Factory.php"] = `<?php

namespace Acme\\Shop\\Storage;

use Aws\\S3\\S3Client;

class S3Factory
{
    public static function make(): S3Client
    {
        return new S3Client([
            'version' => 'latest',
            'region' => 'eu-west-1',
            'credentials' => [
                'key' => '⟦aws-access-key-id|akia⟧',
                'secret' => '⟦aws-secret-access-key|awssecret⟧',
            ],
        ]);
    }

    public static function fromEnvironment(): S3Client
    {
        // default provider chain: env vars, web identity, ECS/EC2 role
        return new S3Client(['version' => 'latest', 'region' => getenv('AWS_REGION') ?: 'eu-west-1']);
    }
}
`;

T["php/wp-config.php"] = `<?php
/**
 * The base configuration for WordPress
 */

// ** Database settings ** //
define( 'DB_NAME', 'wp_marketing' );
define( 'DB_USER', 'wp_marketing' );
define( 'DB_PASSWORD', '⟦generic-password|pw:strong:20⟧' );
define( 'DB_HOST', 'marketing-db.internal.example.com' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

/**#@+
 * Authentication unique keys and salts.
 */
define( 'AUTH_KEY',         '⟦generic-api-key|wpsalt⟧' );
define( 'SECURE_AUTH_KEY',  '⟦generic-api-key|wpsalt⟧' );
define( 'LOGGED_IN_KEY',    '⟦generic-api-key|wpsalt⟧' );
define( 'NONCE_KEY',        '⟦generic-api-key|wpsalt⟧' );
/**#@-*/

define( 'WP_MAIL_SMTP_PASS', '⟦sendgrid-key|sendgrid⟧' );

$table_prefix = 'wp_';

define( 'WP_DEBUG', false );

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}

require_once ABSPATH . 'wp-settings.php';
`;

T["postman/Orders-API.postman_collection.json"] = `{
  "info": {
    "_postman_id": "⟦-|uuid⟧",
    "name": "Orders API",
    "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
  },
  "auth": {
    "type": "bearer",
    "bearer": [
      {
        "key": "token",
        "value": "⟦jwt|jwt:svc⟧",
        "type": "string"
      }
    ]
  },
  "item": [
    {
      "name": "List orders",
      "request": {
        "method": "GET",
        "header": [
          { "key": "X-Api-Key", "value": "{{apiKey}}" },
          { "key": "Accept", "value": "application/json" }
        ],
        "url": { "raw": "{{baseUrl}}/v1/orders?limit=20", "host": ["{{baseUrl}}"], "path": ["v1", "orders"] }
      }
    },
    {
      "name": "Refund (Stripe direct)",
      "request": {
        "method": "POST",
        "header": [
          { "key": "Authorization", "value": "Bearer ⟦stripe-key|rklive⟧" },
          { "key": "Content-Type", "value": "application/x-www-form-urlencoded" }
        ],
        "body": { "mode": "urlencoded", "urlencoded": [{ "key": "charge", "value": "ch_3PqR8sLkdIwHu7ix0Qm1Zx2Y" }] },
        "url": { "raw": "https://api.stripe.com/v1/refunds" }
      }
    },
    {
      "name": "Login",
      "request": {
        "method": "POST",
        "header": [],
        "body": {
          "mode": "raw",
          "raw": "{\\n  \\"email\\": \\"qa-admin@example.com\\",\\n  \\"password\\": \\"⟦generic-password|pw:strong:16⟧\\"\\n}"
        },
        "url": { "raw": "{{baseUrl}}/v1/login" }
      }
    }
  ],
  "variable": [
    { "key": "baseUrl", "value": "https://api.example.com" },
    { "key": "apiKey", "value": "" }
  ]
}
`;

T["postman/staging.postman_environment.json"] = `{
  "id": "⟦-|uuid⟧",
  "name": "staging",
  "values": [
    { "key": "baseUrl", "value": "https://api.staging.example.com", "type": "default", "enabled": true },
    { "key": "apiKey", "value": "", "type": "secret", "enabled": true },
    { "key": "password", "value": "", "type": "secret", "enabled": true },
    { "key": "accessToken", "value": "{{login.token}}", "type": "default", "enabled": true },
    { "key": "tenantId", "value": "⟦-|uuid⟧", "type": "default", "enabled": true }
  ],
  "_postman_variable_scope": "environment",
  "_postman_exported_at": "2024-06-12T09:14:03.118Z",
  "_postman_exported_using": "Postman/11.2.0"
}
`;

T["powershell/Connect-Prod.ps1"] = `<#
.SYNOPSIS
  Opens a session to the production jump host. Credentials are prompted for or read from the vault.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string]$ComputerName,
    [securestring]$Password
)

if (-not $Password) {
    $Password = Read-Host -AsSecureString -Prompt 'Password'
}
$cred = [pscredential]::new("CORP\\$env:USERNAME", $Password)

$apiKey = $env:OPS_API_KEY
if (-not $apiKey) {
    $apiKey = (Get-Secret -Name 'ops-api-key' -Vault 'CorpVault' -AsPlainText)
}

$awsSecret = (Get-SECSecretValue -SecretId 'prod/ops/aws-break-glass').SecretString | ConvertFrom-Json

Write-Verbose "Using API key ending in $($apiKey.Substring($apiKey.Length - 4))"
Enter-PSSession -ComputerName $ComputerName -Credential $cred
`;

T["powershell/Deploy-Site.ps1"] = `#Requires -Modules AWS.Tools.S3
param(
    [string]$Bucket = 'acme-intranet',
    [string]$Region = 'us-east-1'
)

Set-AWSCredential -AccessKey ⟦aws-access-key-id|akia⟧ -SecretKey ⟦-|awssecret⟧ -StoreAs deploy
Set-AWSCredential -ProfileName deploy

$env:AZURE_STORAGE_KEY = "⟦azure-key|azstorage⟧"

$securePass = ConvertTo-SecureString "⟦generic-password|pw:human⟧" -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential ("CORP\\svc-deploy", $securePass)

Get-ChildItem -Path .\\publish -Recurse -File | ForEach-Object {
    $key = $_.FullName.Substring((Resolve-Path .\\publish).Path.Length + 1).Replace('\\', '/')
    Write-S3Object -BucketName $Bucket -Key $key -File $_.FullName -Region $Region
}

Invoke-Command -ComputerName web01.corp.example.com -Credential $cred -ScriptBlock { iisreset /noforce }
`;

T["py/app/celeryconfig.py"] = `from kombu import Queue

broker_url = "amqp://shop:⟦db-connection-string|pw:alnum:24⟧@mq.internal.example.com:5672/shop"
result_backend = "redis://cache.internal.example.com:6379/1"
task_serializer = "json"
result_serializer = "json"
accept_content = ["json"]
timezone = "UTC"
task_queues = (Queue("default"), Queue("emails"), Queue("reports"))
task_routes = {"shop.tasks.send_*": {"queue": "emails"}}
`;

T["py/app/schemas.py"] = `from datetime import datetime
from typing import Optional

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_prefix="SHOP_")

    database_url: str = "postgresql://localhost/shop"
    redis_url: str = "redis://localhost:6379/0"
    secret_key: SecretStr
    stripe_api_key: SecretStr = Field(..., description="Stripe secret key (sk_live_...)")
    aws_access_key_id: Optional[str] = None
    aws_secret_access_key: Optional[SecretStr] = None
    password_min_length: int = 12


class UserCreate(BaseModel):
    email: str
    password: str = Field(min_length=12, max_length=128)


class ApiKeyOut(BaseModel):
    id: int
    name: str
    prefix: str = Field(examples=["sk_live_xxxx"])
    created_at: datetime
    token: Optional[str] = Field(None, description="Only returned once, on creation")
`;

T["py/app/settings.py"] = `"""
Django settings for shopsite project.
"""
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = '⟦generic-api-key|djangokey⟧'

DEBUG = False
ALLOWED_HOSTS = ['shop.example.com', '.shop.example.com']

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'storages',
    'shop',
]

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'shopsite',
        'USER': 'shopsite',
        'PASSWORD': '⟦generic-password|pw:human⟧',
        'HOST': 'shopsite-db.cluster-ro-abc123.eu-west-1.rds.amazonaws.com',
        'PORT': '5432',
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {'NAME': 'django.contrib.auth.password_validation.UserAttributeSimilarityValidator'},
    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator', 'OPTIONS': {'min_length': 10}},
    {'NAME': 'django.contrib.auth.password_validation.CommonPasswordValidator'},
]
PASSWORD_HASHERS = ['django.contrib.auth.hashers.Argon2PasswordHasher']

EMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'
EMAIL_HOST = 'smtp.mailgun.org'
EMAIL_HOST_USER = 'postmaster@mg.shop.example.com'
EMAIL_HOST_PASSWORD = '⟦generic-password|hex:32⟧'

AWS_STORAGE_BUCKET_NAME = 'shopsite-static'
AWS_S3_REGION_NAME = 'eu-west-1'
STATIC_URL = 'https://shopsite-static.s3.amazonaws.com/'
`;

T["py/app/settings_prod.py"] = `import os

import environ

from .settings import *  # noqa: F401,F403

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)

DATABASES = {"default": env.db("DATABASE_URL", default="postgres://localhost/shopsite")}

EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
AWS_ACCESS_KEY_ID = os.getenv("AWS_ACCESS_KEY_ID")
AWS_SECRET_ACCESS_KEY = os.getenv("AWS_SECRET_ACCESS_KEY")
STRIPE_API_KEY = os.environ["STRIPE_API_KEY"]

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

SENTRY_DSN = env.str("SENTRY_DSN", default="")
`;

T["py/app/sms.py"] = `from twilio.rest import Client

TWILIO_ACCOUNT_SID = "⟦-|twsid⟧"
TWILIO_AUTH_TOKEN = "⟦twilio-key|hex:32⟧"
TWILIO_FROM = "+15005550006"

client = Client(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)


def send_code(phone: str, code: str) -> str:
    msg = client.messages.create(to=phone, from_=TWILIO_FROM, body=f"Your verification code is {code}")
    return msg.sid
`;

T["py/app/storage.py"] = `"""S3 helpers for the media service."""
import logging
import mimetypes

import boto3
from botocore.config import Config

log = logging.getLogger(__name__)

_s3 = boto3.client(
    "s3",
    region_name="eu-central-1",
    aws_access_key_id="⟦aws-access-key-id|akia⟧",
    aws_secret_access_key="⟦aws-secret-access-key|awssecret⟧",
    config=Config(retries={"max_attempts": 5, "mode": "standard"}),
)

MEDIA_BUCKET = "acme-media-prod"


def upload_file(path: str, key: str) -> str:
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    log.info("uploading %s to s3://%s/%s", path, MEDIA_BUCKET, key)
    _s3.upload_file(path, MEDIA_BUCKET, key, ExtraArgs={"ContentType": content_type})
    return f"https://{MEDIA_BUCKET}.s3.amazonaws.com/{key}"


def presign(key: str, expires: int = 3600) -> str:
    return _s3.generate_presigned_url("get_object", Params={"Bucket": MEDIA_BUCKET, "Key": key}, ExpiresIn=expires)
`;

T["py/etl/aws_clients.py"] = `"""Shared boto3 clients for the ETL jobs."""
import boto3

AWS_CONFIG = {
    "aws_access_key_id": "⟦aws-access-key-id|akia⟧",
    "aws_secret_access_key": "⟦aws-secret-access-key|awssecret⟧",
    "region_name": "us-west-2",
}

s3 = boto3.client("s3", **AWS_CONFIG)
glue = boto3.client("glue", **AWS_CONFIG)
dynamodb = boto3.resource("dynamodb", **AWS_CONFIG)

# second account (data lake); the key pair was shared over chat
lake = boto3.session.Session("⟦aws-access-key-id|akia⟧",
                             "⟦aws-secret-access-key|awssecret⟧")
lake_s3 = lake.client("s3")
`;

T["py/etl/clients_default.py"] = `"""boto3 clients using the default credential chain (env, SSO profile, instance role)."""
import os

import boto3
from botocore.config import Config

_cfg = Config(region_name=os.environ.get("AWS_REGION", "us-west-2"), retries={"max_attempts": 10})

session = boto3.Session(profile_name=os.environ.get("AWS_PROFILE"))
s3 = session.client("s3", config=_cfg)
sts = session.client("sts", config=_cfg)


def assume(role_arn="arn:aws:iam::⟦-|account⟧:role/etl-lake-reader", name="etl"):
    creds = sts.assume_role(RoleArn=role_arn, RoleSessionName=name)["Credentials"]
    return boto3.Session(
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )


def whoami():
    ident = sts.get_caller_identity()
    return ident["Account"], ident["Arn"]
`;

T["py/etl/session.py"] = `import boto3
import pandas as pd

# creds pasted from the SSO portal ("Command line or programmatic access"), valid 12h
session = boto3.Session(
    aws_access_key_id='⟦aws-access-key-id|asia⟧',
    aws_secret_access_key='⟦aws-secret-access-key|awssecret⟧',
    aws_session_token='⟦aws-session-token|awstoken⟧',
    region_name='us-east-1',
)

athena = session.client('athena')
s3 = session.resource('s3')


def run_query(sql: str, output='s3://acme-athena-results/etl/'):
    qid = athena.start_query_execution(
        QueryString=sql,
        QueryExecutionContext={'Database': 'analytics'},
        ResultConfiguration={'OutputLocation': output},
    )['QueryExecutionId']
    waiter_state = 'RUNNING'
    while waiter_state in ('QUEUED', 'RUNNING'):
        waiter_state = athena.get_query_execution(QueryExecutionId=qid)['QueryExecution']['Status']['State']
    return pd.read_csv(f'{output}{qid}.csv')
`;

T["py/lambda/handler.py"] = `import json
import os

import boto3
import pymysql

SECRET_ARN = os.environ.get(
    "DB_SECRET_ARN",
    "arn:aws:secretsmanager:us-east-1:⟦-|account⟧:secret:prod/reporting/mysql-a1B2c3",
)
_sm = boto3.client("secretsmanager")
_conn = None


def _connection():
    global _conn
    if _conn is None:
        secret = json.loads(_sm.get_secret_value(SecretId=SECRET_ARN)["SecretString"])
        _conn = pymysql.connect(
            host=secret["host"],
            user=secret["username"],
            password=secret["password"],
            database="reporting",
            connect_timeout=5,
        )
    return _conn


def handler(event, context):
    with _connection().cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM orders WHERE created_at > NOW() - INTERVAL 1 DAY")
        (count,) = cur.fetchone()
    return {"statusCode": 200, "body": json.dumps({"orders_24h": count})}
`;

T["py/notebooks/churn_exploration.ipynb"] = `{
 "cells": [
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": [
    "# Churn exploration\\n",
    "Pulls the last 90 days of events from the warehouse export bucket and asks the LLM to label free-text cancellation reasons."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {},
   "outputs": [],
   "source": [
    "import boto3\\n",
    "import pandas as pd\\n",
    "from openai import OpenAI\\n",
    "\\n",
    "s3 = boto3.client('s3',\\n",
    "    aws_access_key_id='⟦aws-access-key-id|akia⟧',\\n",
    "    aws_secret_access_key='⟦aws-secret-access-key|awssecret⟧')\\n",
    "client = OpenAI(api_key=\\"⟦other-provider-token|openai⟧\\")"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 2,
   "metadata": {},
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "downloaded 48213 rows, etag \\"⟦-|hex:32⟧\\"\\n"
     ]
    }
   ],
   "source": [
    "obj = s3.get_object(Bucket='acme-warehouse-exports', Key='churn/latest.csv')\\n",
    "df = pd.read_csv(obj['Body'])\\n",
    "print(f\\"downloaded {len(df)} rows, etag {obj['ETag']}\\")"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 3,
   "metadata": {},
   "outputs": [],
   "source": [
    "def label(reason):\\n",
    "    r = client.chat.completions.create(model='gpt-4o-mini', messages=[{'role': 'user', 'content': f'Label this churn reason: {reason}'}])\\n",
    "    return r.choices[0].message.content\\n",
    "df['label'] = df['reason'].head(200).map(label)"
   ]
  }
 ],
 "metadata": {
  "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
  "language_info": {"name": "python", "version": "3.11.6"}
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
`;

T["py/notebooks/model_eval.ipynb"] = `{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 1,
   "id": "⟦-|uuid⟧",
   "metadata": {},
   "outputs": [],
   "source": [
    "import os, getpass\\n",
    "import mlflow\\n",
    "\\n",
    "os.environ['MLFLOW_TRACKING_PASSWORD'] = getpass.getpass('MLflow password: ')\\n",
    "HF_TOKEN = os.environ.get('HF_TOKEN')  # set in the kernel env, never here\\n",
    "mlflow.set_tracking_uri('https://mlflow.internal.example.com')"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 2,
   "id": "⟦-|uuid⟧",
   "metadata": {},
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "run_id=⟦-|hex:32⟧\\n",
      "model sha256: ⟦-|sha256⟧\\n",
      "artifact uri: s3://acme-mlflow/7/⟦-|hex:32⟧/artifacts\\n"
     ]
    }
   ],
   "source": [
    "run = mlflow.last_active_run()\\n",
    "print(f'run_id={run.info.run_id}')\\n",
    "print('model sha256:', open('model.sha256').read().strip())\\n",
    "print('artifact uri:', run.info.artifact_uri)"
   ]
  },
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": [
    "Set \`HF_TOKEN=<your-token>\` before starting Jupyter. Tokens look like \`hf_...\`; create one under Settings → Access Tokens."
   ]
  }
 ],
 "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
 "nbformat": 4,
 "nbformat_minor": 5
}
`;

T["py/ops/rotate_keys.py"] = `"""Rotate the IAM user keys of the legacy reporting user.

Bootstraps with the break-glass key below, creates a new key, stores it in Secrets Manager and
deletes the old one.
"""
import boto3

BREAK_GLASS = ("⟦aws-access-key-id|akia⟧",
               "⟦aws-secret-access-key|awssecret⟧")

iam = boto3.client("iam", aws_access_key_id=BREAK_GLASS[0], aws_secret_access_key=BREAK_GLASS[1])
sm = boto3.client("secretsmanager", region_name="us-east-1")

USER = "legacy-reporting"
SECRET_ID = "prod/legacy-reporting/iam-key"


def rotate():
    old = iam.list_access_keys(UserName=USER)["AccessKeyMetadata"]
    new = iam.create_access_key(UserName=USER)["AccessKey"]
    sm.put_secret_value(SecretId=SECRET_ID, SecretString=f'{{"id": "{new["AccessKeyId"]}", "secret": "{new["SecretAccessKey"]}"}}')
    for k in old:
        iam.delete_access_key(UserName=USER, AccessKeyId=k["AccessKeyId"])


if __name__ == "__main__":
    rotate()
`;

T["py/scripts/slack_cleanup.py"] = `"""Archive Slack channels with no messages in 180 days."""
import time

from slack_sdk import WebClient

client = WebClient(token="⟦slack-token|xoxp⟧")
CUTOFF = time.time() - 180 * 86400


def stale_channels():
    cursor = None
    while True:
        resp = client.conversations_list(limit=200, cursor=cursor, exclude_archived=True)
        for ch in resp["channels"]:
            hist = client.conversations_history(channel=ch["id"], limit=1)
            if not hist["messages"] or float(hist["messages"][0]["ts"]) < CUTOFF:
                yield ch
        cursor = resp.get("response_metadata", {}).get("next_cursor")
        if not cursor:
            break


if __name__ == "__main__":
    for ch in stale_channels():
        print("archiving", ch["name"])
        client.conversations_archive(channel=ch["id"])
`;

T["py/scripts/sync_labels.py"] = `#!/usr/bin/env python3
"""Copy issue labels from the template repo to every repo in the org."""
import sys

import requests

GITHUB_TOKEN = "⟦github-token|ghp⟧"
ORG = "acme-platform"
TEMPLATE = "repo-template"

s = requests.Session()
s.headers.update({
    "Authorization": f"token {GITHUB_TOKEN}",
    "Accept": "application/vnd.github+json",
    "X-GitHub-Api-Version": "2022-11-28",
})


def labels(repo):
    r = s.get(f"https://api.github.com/repos/{ORG}/{repo}/labels", params={"per_page": 100})
    r.raise_for_status()
    return {l["name"]: l for l in r.json()}


def main():
    wanted = labels(TEMPLATE)
    repos = s.get(f"https://api.github.com/orgs/{ORG}/repos", params={"per_page": 100}).json()
    for repo in repos:
        have = labels(repo["name"])
        for name, l in wanted.items():
            if name not in have:
                s.post(f"https://api.github.com/repos/{ORG}/{repo['name']}/labels",
                       json={"name": name, "color": l["color"], "description": l.get("description") or ""})
    return 0


if __name__ == "__main__":
    sys.exit(main())
`;

T["py/tests/test_accounts.py"] = `import hashlib

import pytest
from django.contrib.auth import get_user_model

User = get_user_model()

KNOWN_DIGEST = "⟦-|sha256⟧"


@pytest.fixture
def user(db):
    return User.objects.create_user(username="alice", email="alice@example.com", password="password")


def test_login(client, user):
    assert client.login(username="alice", password="password")


def test_wrong_password(client, user):
    assert not client.login(username="alice", password="test123")


def test_api_key_is_hashed(user):
    key = user.api_keys.create(name="ci").plaintext
    stored = user.api_keys.get(name="ci").hashed_key
    assert stored == hashlib.sha256(key.encode()).hexdigest()
    assert stored != key


def test_fixture_digest():
    assert hashlib.sha256(b"fixture-bytes").hexdigest() != KNOWN_DIGEST


@pytest.mark.parametrize("pw", ["short", "alllowercaseletters", "12345678901"])
def test_weak_passwords_rejected(client, pw):
    resp = client.post("/signup/", {"username": "bob", "password1": pw, "password2": pw})
    assert resp.status_code == 200
    assert "password" in resp.context["form"].errors
`;

T["ruby/Gemfile"] = `source "https://rubygems.org"

ruby "3.3.4"

gem "rails", "~> 7.1.3"
gem "pg", "~> 1.5"
gem "puma", ">= 6.0"
gem "aws-sdk-s3", require: false
gem "sidekiq", "~> 7.2"

source "https://acme-ci:⟦basic-auth-url|alnum:32⟧@gems.internal.example.com/private/" do
  gem "acme-auth", "~> 2.4"
  gem "acme-billing-client", "~> 1.9"
end

source "https://enterprise.contribsys.com/" do
  gem "sidekiq-pro"
end

group :development, :test do
  gem "rspec-rails"
  gem "factory_bot_rails"
end
`;

T["ruby/config/database.yml"] = `default: &default
  adapter: postgresql
  encoding: unicode
  pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>

development:
  <<: *default
  database: helpdesk_development
  username: postgres
  password: postgres

test:
  <<: *default
  database: helpdesk_test

staging:
  <<: *default
  url: postgres://helpdesk:⟦db-connection-string|pw:alnum:20⟧@helpdesk-staging.cluster-c9xk2.us-east-1.rds.amazonaws.com/helpdesk

production:
  <<: *default
  url: <%= ENV["DATABASE_URL"] %>
  password: <%= Rails.application.credentials.dig(:database, :password) %>
`;

T["ruby/config/initializers/aws.rb"] = `# frozen_string_literal: true

require 'aws-sdk-s3'

Aws.config.update(
  region: 'us-east-1',
  credentials: Aws::Credentials.new(
    '⟦aws-access-key-id|akia⟧',
    '⟦aws-secret-access-key|awssecret⟧'
  )
)

S3_BUCKET = Aws::S3::Resource.new.bucket(ENV.fetch('S3_BUCKET', 'acme-rails-uploads'))
`;

T["ruby/config/storage.yml"] = `test:
  service: Disk
  root: <%= Rails.root.join("tmp/storage") %>

local:
  service: Disk
  root: <%= Rails.root.join("storage") %>

amazon:
  service: S3
  access_key_id: <%= Rails.application.credentials.dig(:aws, :access_key_id) %>
  secret_access_key: <%= Rails.application.credentials.dig(:aws, :secret_access_key) %>
  region: us-east-1
  bucket: helpdesk-attachments-<%= Rails.env %>

minio:
  service: S3
  endpoint: http://localhost:9000
  access_key_id: <%= ENV.fetch("MINIO_ACCESS_KEY", "minioadmin") %>
  secret_access_key: <%= ENV.fetch("MINIO_SECRET_KEY", "minioadmin") %>
  force_path_style: true
  bucket: helpdesk-dev
`;

T["ruby/lib/tasks/zendesk.rake"] = `namespace :zendesk do
  desc "Import tickets from the old Zendesk account"
  task import: :environment do
    client = ZendeskAPI::Client.new do |config|
      config.url = "https://acme-legacy.zendesk.com/api/v2"
      config.username = "support-bot@example.com/token"
      config.token = "⟦other-provider-token|alnum:40⟧"
      config.retry = true
    end

    client.tickets.all! do |ticket|
      Ticket.import_from_zendesk!(ticket)
    end
  end
end
`;

T["ruby/spec/factories/users.rb"] = `FactoryBot.define do
  factory :user do
    sequence(:email) { |n| "user#{n}@example.com" }
    name { "Test User" }
    password { "password" }
    password_confirmation { "password" }
    api_token { SecureRandom.hex(20) }

    trait :admin do
      role { :admin }
      password { "test123" }
    end

    trait :with_2fa do
      otp_secret { ROTP::Base32.random }
      otp_required_for_login { true }
    end
  end
end
`;

T["rust/Cargo.lock"] = `# This file is automatically @generated by Cargo.
# It is not intended for manual editing.
version = 3

[[package]]
name = "aws-config"
version = "1.5.4"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "⟦-|sha256⟧"

[[package]]
name = "aws-credential-types"
version = "1.2.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "⟦-|sha256⟧"

[[package]]
name = "aws-sdk-dynamodb"
version = "1.38.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "⟦-|sha256⟧"

[[package]]
name = "ring"
version = "0.17.8"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "⟦-|sha256⟧"

[[package]]
name = "secrecy"
version = "0.8.0"
source = "git+https://github.com/iqlusioninc/crates?rev=⟦-|sha1⟧#⟦-|sha1⟧"
`;

T["rust/config/default.toml"] = `[server]
host = "0.0.0.0"
port = 8080

[database]
url = "postgres://sessions:⟦db-connection-string|pw:alnum:20⟧@sessions-db.internal.example.com:5432/sessions"
max_connections = 16

[telemetry]
honeycomb_api_key = "⟦other-provider-token|alnum:22⟧"
service_name = "sessions"

[auth]
jwt_secret = "⟦generic-api-key|b64bytes:32⟧"
token_ttl_secs = 900
`;

T["rust/src/config.rs"] = `use serde::Deserialize;
use std::env;

#[derive(Debug, Deserialize)]
pub struct Settings {
    pub database_url: String,
    pub redis_url: String,
    pub api_key: Option<String>,
    pub jwt_secret: String,
}

impl Settings {
    pub fn from_env() -> Result<Self, env::VarError> {
        Ok(Self {
            database_url: env::var("DATABASE_URL")?,
            redis_url: env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into()),
            api_key: env::var("API_KEY").ok(),
            jwt_secret: env::var("JWT_SECRET")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_defaults() {
        env::set_var("DATABASE_URL", "postgres://postgres:postgres@localhost/test");
        env::set_var("JWT_SECRET", "secret");
        let s = Settings::from_env().unwrap();
        assert_eq!(s.redis_url, "redis://127.0.0.1:6379");
    }
}
`;

T["rust/src/main.rs"] = `use aws_config::BehaviorVersion;
use aws_credential_types::Credentials;
use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;

const TABLE: &str = "sessions";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // local load test against the staging table
    let creds = Credentials::new(
        "⟦aws-access-key-id|akia⟧",
        "⟦aws-secret-access-key|awssecret⟧",
        None,
        None,
        "hardcoded",
    );
    let config = aws_config::defaults(BehaviorVersion::latest())
        .region("eu-west-1")
        .credentials_provider(creds)
        .load()
        .await;
    let client = Client::new(&config);

    for i in 0..1000 {
        client
            .put_item()
            .table_name(TABLE)
            .item("pk", AttributeValue::S(format!("load-{i}")))
            .send()
            .await?;
    }
    Ok(())
}
`;

T["sam/template.yaml"] = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Image resize service

Globals:
  Function:
    Timeout: 30
    Runtime: nodejs20.x
    MemorySize: 1024

Resources:
  ResizeFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: resize.handler
      Environment:
        Variables:
          CLOUDINARY_URL: cloudinary://⟦-|digits:15⟧:⟦other-provider-token|alnum:27⟧@acme
          OUTPUT_BUCKET: !Ref OutputBucket
          API_KEY_SECRET_ARN: !Sub arn:aws:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:resize/api-key
      Policies:
        - S3CrudPolicy:
            BucketName: !Ref OutputBucket
        - AWSSecretsManagerGetSecretValuePolicy:
            SecretArn: !Sub arn:aws:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:resize/api-key
      Events:
        Upload:
          Type: S3
          Properties:
            Bucket: !Ref InputBucket
            Events: s3:ObjectCreated:*

  InputBucket:
    Type: AWS::S3::Bucket
  OutputBucket:
    Type: AWS::S3::Bucket
`;

T["scala/src/main/resources/application.conf"] = `ingest {
  kafka {
    bootstrap-servers = "b-1.msk.internal.example.com:9096"
    sasl-jaas-config = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\\"ingest\\" password=\\"⟦generic-password|pw:alnum:28⟧\\";"
  }

  db {
    url = "jdbc:postgresql://warehouse.internal.example.com:5432/ingest"
    user = "ingest"
    password = \${?INGEST_DB_PASSWORD}
  }

  datadog {
    api-key = "⟦other-provider-token|datadog⟧"
    site = "datadoghq.eu"
  }
}

akka.http.server.idle-timeout = 60s
`;

T["scala/src/main/scala/com/acme/ingest/Warehouse.scala"] = `package com.acme.ingest

import slick.jdbc.PostgresProfile.api._
import software.amazon.awssdk.auth.credentials.{AwsBasicCredentials, StaticCredentialsProvider}
import software.amazon.awssdk.services.s3.S3Client

object Warehouse {
  val db = Database.forURL(
    url = "jdbc:postgresql://warehouse.internal.example.com:5432/ingest",
    user = "ingest",
    password = sys.env.getOrElse("INGEST_DB_PASSWORD", ""),
    driver = "org.postgresql.Driver"
  )

  private val creds = AwsBasicCredentials.create(
    "⟦aws-access-key-id|akia⟧",
    "⟦aws-secret-access-key|awssecret⟧"
  )

  lazy val s3: S3Client = S3Client.builder()
    .credentialsProvider(StaticCredentialsProvider.create(creds))
    .build()
}
`;

T["scripts/smoke-test.sh"] = `#!/usr/bin/env bash
# quick smoke test against staging
set -eu
BASE=https://api.staging.example.com
TOKEN="⟦jwt|jwt:svc⟧"

curl -fsS "$BASE/healthz"
curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/v1/orders?limit=1" | jq '.data | length'
curl -fsS -H "Authorization: Bearer $STAGING_ADMIN_TOKEN" "$BASE/v1/admin/stats" | jq .
curl -fsS "https://prom-reader:⟦basic-auth-url|pw:alnum:20⟧@metrics.staging.example.com/api/v1/query?query=up"
`;

T["serverless/serverless.prod.yml"] = `service: billing-webhooks

provider:
  name: aws
  runtime: nodejs20.x
  region: us-east-1
  environment:
    STRIPE_SECRET_KEY: \${ssm:/billing/prod/stripe-secret-key}
    STRIPE_WEBHOOK_SECRET: \${env:STRIPE_WEBHOOK_SECRET}
    DB_URL: \${self:custom.secrets.dbUrl}
    JWT_SECRET: \${file(./secrets.\${sls:stage}.json):jwtSecret}
    API_KEY: \${param:apiKey}
  deploymentBucket:
    name: acme-serverless-deployments-\${aws:accountId}

custom:
  secrets: \${ssm(raw):/aws/reference/secretsmanager/billing/prod/db}

functions:
  stripeWebhook:
    handler: dist/webhook.handler
    events:
      - httpApi:
          path: /webhooks/stripe
          method: post
`;

T["serverless/serverless.yml"] = `service: notifications

frameworkVersion: '3'

provider:
  name: aws
  runtime: python3.12
  region: eu-west-1
  stage: \${opt:stage, 'dev'}
  environment:
    STAGE: \${self:provider.stage}
    SLACK_BOT_TOKEN: ⟦slack-token|xoxb⟧
    TWILIO_ACCOUNT_SID: ⟦-|twsid⟧
    TWILIO_AUTH_TOKEN: ⟦twilio-key|hex:32⟧
    PAGERDUTY_KEY: \${ssm:/notifications/\${self:provider.stage}/pagerduty-key}
    DB_PASSWORD: \${env:DB_PASSWORD}
  iam:
    role:
      statements:
        - Effect: Allow
          Action: [sqs:SendMessage, sqs:ReceiveMessage]
          Resource: arn:aws:sqs:eu-west-1:⟦-|account⟧:notifications-*

functions:
  dispatch:
    handler: handler.dispatch
    events:
      - sqs:
          arn: !GetAtt NotificationsQueue.Arn
          batchSize: 10
`;

T["shell/scripts/backup-db.sh"] = `#!/bin/bash
# nightly cron on db-backup-01
DATE=$(date +%F)
export PGPASSWORD='⟦generic-password|pw:strong:20⟧'
pg_dump -h orders-db.internal.example.com -U backup -Fc orders > /backups/orders-$DATE.dump
mysqldump -h legacy-db.internal.example.com -u backup -p'⟦generic-password|pw:alnum:14⟧' --all-databases | gzip > /backups/legacy-$DATE.sql.gz
aws s3 cp /backups/ s3://acme-db-backups/$DATE/ --recursive --sse aws:kms
find /backups -mtime +7 -delete
`;

T["shell/scripts/bootstrap.sh"] = `#!/usr/bin/env bash
# Bootstrap a developer machine. Prompts for secrets; nothing is stored in this file.
set -euo pipefail

: "\${AWS_PROFILE:=dev}"
export AWS_PROFILE

read -r -s -p "Vault password: " VAULT_PASSWORD
echo
export VAULT_PASSWORD

DB_PASSWORD="$(aws secretsmanager get-secret-value --secret-id dev/app/db --query SecretString --output text | jq -r .password)"
export DB_PASSWORD

GITHUB_TOKEN="\${GITHUB_TOKEN:-$(gh auth token)}"
export GITHUB_TOKEN

if [ -z "\${NPM_TOKEN:-}" ]; then
  echo "NPM_TOKEN is not set; see docs/onboarding.md" >&2
fi

cat > .env.local <<ENV
DATABASE_URL=postgres://app:\\\${DB_PASSWORD}@localhost:5432/app
API_KEY=changeme
ENV

echo "expected installer checksum: ⟦-|sha256⟧"
`;

T["shell/scripts/deploy.sh"] = `#!/usr/bin/env bash
set -euo pipefail

# deploy the static site to S3 + invalidate CloudFront
export AWS_ACCESS_KEY_ID=⟦aws-access-key-id|akia⟧
export AWS_SECRET_ACCESS_KEY=⟦aws-secret-access-key|awssecret⟧
export AWS_DEFAULT_REGION=us-east-1

BUCKET="s3://www-example-com"
DISTRIBUTION_ID="E2QWRUHEXAMPLE"

npm ci
npm run build
aws s3 sync ./dist "$BUCKET" --delete --cache-control "public,max-age=300"
aws cloudfront create-invalidation --distribution-id "$DISTRIBUTION_ID" --paths "/*"
`;

T["shell/scripts/setup-ci-runner.sh"] = `#!/bin/sh
# One-time setup of the self-hosted runner box.
set -e

aws configure set aws_access_key_id ⟦aws-access-key-id|akia⟧ --profile ci
aws configure set aws_secret_access_key ⟦aws-secret-access-key|awssecret⟧ --profile ci
aws configure set region eu-west-1 --profile ci

curl -fsSL -u "deploy:⟦generic-password|pw:alnum:18⟧" \\
  https://artifacts.internal.example.com/runner/runner-2.317.0.tar.gz -o /tmp/runner.tgz
echo "⟦-|sha256⟧  /tmp/runner.tgz" | sha256sum -c -

docker login registry.gitlab.com -u ci-bot -p ⟦gitlab-token|glpat⟧

git clone https://oauth2:⟦gitlab-token|glpat⟧@gitlab.com/acme/infra/runner-config.git /opt/runner-config
`;

T["sql/001_roles.sql"] = `-- Roles for the reporting stack. Run as rds_superuser.
CREATE ROLE reporting_ro WITH LOGIN PASSWORD '⟦generic-password|pw:alnum:20⟧';
GRANT CONNECT ON DATABASE analytics TO reporting_ro;
GRANT USAGE ON SCHEMA public TO reporting_ro;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting_ro;

CREATE USER etl_writer WITH ENCRYPTED PASSWORD '⟦generic-password|pw:strong:18⟧';
GRANT INSERT, UPDATE ON ALL TABLES IN SCHEMA staging TO etl_writer;

-- MySQL side (legacy)
-- CREATE USER 'legacy_sync'@'%' IDENTIFIED BY 'changeme';

ALTER ROLE metabase WITH PASSWORD '⟦generic-password|pw:human⟧';

CREATE EXTENSION IF NOT EXISTS postgres_fdw;
CREATE SERVER legacy FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'legacy-db.internal.example.com', dbname 'legacy');
CREATE USER MAPPING FOR etl_writer SERVER legacy OPTIONS (user 'fdw_reader', password '⟦generic-password|pw:alnum:16⟧');
`;

T["sql/002_seed_users.sql"] = `-- Seed data for local development and CI. Passwords below are bcrypt hashes of "password".
INSERT INTO users (id, email, password_hash, role, created_at) VALUES
  ('⟦-|uuid⟧', 'admin@example.com', '⟦-|bcrypt⟧', 'admin', NOW()),
  ('⟦-|uuid⟧', 'support@example.com', '⟦-|bcrypt⟧', 'support', NOW()),
  ('⟦-|uuid⟧', 'viewer@example.com', '⟦-|bcrypt⟧', 'viewer', NOW());

INSERT INTO api_keys (user_id, name, key_prefix, key_sha256) VALUES
  ((SELECT id FROM users WHERE email = 'admin@example.com'), 'local-dev', 'ak_live_', '⟦-|sha256⟧');

INSERT INTO settings (key, value) VALUES
  ('password_min_length', '12'),
  ('password_require_symbol', 'true'),
  ('session_timeout_minutes', '30'),
  ('smtp_password_secret_arn', 'arn:aws:secretsmanager:us-east-1:⟦-|account⟧:secret:prod/smtp-Zx9Yw8');

UPDATE users SET password_hash = crypt('test123', gen_salt('bf')) WHERE email = 'viewer@example.com';
`;

T["swift/Sources/App/Secrets.swift"] = `import Foundation

enum Secrets {
    static let revenueCatKey = "⟦other-provider-token|alnum:32⟧"
    static let awsAccessKey = "⟦aws-access-key-id|akia⟧"
    static let awsSecretKey = "⟦aws-secret-access-key|awssecret⟧"
    static let sentryDSN = URL(string: "https://⟦-|hex:32⟧@o4507.ingest.sentry.io/4507")!
}
`;

T["swift/Sources/App/TokenStore.swift"] = `import Foundation
import Security

/// Stores the session token in the keychain. Nothing secret is compiled into the app.
final class TokenStore {
    static let shared = TokenStore()
    private let service = "com.acme.helpdesk.session"

    var apiBaseURL: String {
        ProcessInfo.processInfo.environment["API_BASE_URL"] ?? "https://api.example.com"
    }

    func save(token: String, account: String = "default") throws {
        let query: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: account,
            kSecValueData as String: Data(token.utf8),
        ]
        SecItemDelete(query as CFDictionary)
        let status = SecItemAdd(query as CFDictionary, nil)
        guard status == errSecSuccess else { throw KeychainError.unhandled(status) }
    }

    func token(account: String = "default") -> String? {
        let query: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: account,
            kSecReturnData as String: true,
        ]
        var item: CFTypeRef?
        guard SecItemCopyMatching(query as CFDictionary, &item) == errSecSuccess, let data = item as? Data else { return nil }
        return String(data: data, encoding: .utf8)
    }
}

enum KeychainError: Error { case unhandled(OSStatus) }

let passwordFieldPlaceholder = NSLocalizedString("Password", comment: "Password field placeholder")
`;

T["terraform/.terraform.lock.hcl"] = `# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/datadog/datadog" {
  version = "3.42.0"
  hashes = [
    "⟦-|h1⟧",
    "zh:⟦-|sha256⟧",
    "zh:⟦-|sha256⟧",
    "zh:⟦-|sha256⟧",
  ]
}

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.60.0"
  constraints = "~> 5.60"
  hashes = [
    "⟦-|h1⟧",
    "zh:⟦-|sha256⟧",
    "zh:⟦-|sha256⟧",
    "zh:⟦-|sha256⟧",
    "zh:⟦-|sha256⟧",
  ]
}
`;

T["terraform/backend-ci.tf"] = `terraform {
  cloud {
    organization = "acme"
    hostname     = "app.terraform.io"
    workspaces {
      name = "platform-prod"
    }
    token = "⟦other-provider-token|tfc⟧"
  }
}

provider "digitalocean" {
  token = "⟦other-provider-token|dop⟧"
}

provider "github" {
  owner = "acme"
  token = var.github_token
}
`;

T["terraform/iam.tf"] = `data "aws_caller_identity" "current" {}

data "aws_secretsmanager_secret_version" "db" {
  secret_id = "arn:aws:secretsmanager:us-east-1:⟦-|account@acct⟧:secret:prod/platform/db-master-Qw3rTy"
}

locals {
  db_creds = jsondecode(data.aws_secretsmanager_secret_version.db.secret_string)
}

resource "aws_iam_user" "ci" {
  name = "ci-deployer"
}

resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}

resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::⟦-|=acct⟧:root" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = "⟦-|uuid⟧" } }
    }]
  })
}

resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length        = 14
  require_lowercase_characters   = true
  require_numbers                = true
  require_uppercase_characters   = true
  require_symbols                = true
  allow_users_to_change_password = true
  max_password_age               = 90
  password_reuse_prevention      = 24
}

output "ci_access_key_id" {
  value = aws_iam_access_key.ci.id
}

output "ci_secret_access_key" {
  value     = aws_iam_access_key.ci.secret
  sensitive = true
}

output "db_password" {
  value     = local.db_creds["password"]
  sensitive = true
}
`;

T["terraform/lambda.tf"] = `resource "aws_lambda_function" "webhook" {
  function_name = "github-webhook"
  role          = aws_iam_role.lambda.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "build/webhook.zip"

  environment {
    variables = {
      GITHUB_WEBHOOK_SECRET = "⟦generic-api-key|hex:40⟧"
      GITHUB_APP_TOKEN      = "⟦github-token|ghs⟧"
      SLACK_BOT_TOKEN       = "⟦slack-token|xoxb⟧"
      DB_SECRET_ARN         = aws_secretsmanager_secret.db.arn
      LOG_LEVEL             = "info"
    }
  }
}
`;

T["terraform/modules/db/main.tf"] = `resource "aws_db_subnet_group" "this" {
  name       = "\${var.name}-subnets"
  subnet_ids = var.subnet_ids
}

resource "aws_db_instance" "this" {
  identifier              = var.name
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.r6g.large"
  allocated_storage       = 100
  db_name                 = "app"
  username                = "app_admin"
  password                = "⟦generic-password|pw:alnum:24⟧"
  db_subnet_group_name    = aws_db_subnet_group.this.name
  storage_encrypted       = true
  backup_retention_period = 14
  skip_final_snapshot     = false
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "\${var.name}-cache"
  description                = "session cache"
  node_type                  = "cache.t4g.medium"
  transit_encryption_enabled = true
  auth_token                 = "⟦generic-password|pw:alnum:32⟧"
}
`;

T["terraform/modules/db/variables.tf"] = `variable "name" {
  type        = string
  description = "Name prefix for the database resources"
}

variable "subnet_ids" {
  type = list(string)
}

variable "master_password" {
  type        = string
  description = "Master password for the RDS instance. Pass via TF_VAR_master_password or a secrets manager data source."
  sensitive   = true
  default     = ""
}

variable "api_key" {
  type      = string
  sensitive = true
  validation {
    condition     = length(var.api_key) >= 32
    error_message = "The api_key must be at least 32 characters."
  }
}

variable "password_policy" {
  type = object({
    minimum_length    = number
    require_symbols   = bool
    max_password_age  = number
  })
  default = {
    minimum_length   = 14
    require_symbols  = true
    max_password_age = 90
  }
}
`;

T["terraform/prod.tfvars"] = `environment     = "prod"
region          = "us-east-1"
vpc_cidr        = "10.40.0.0/16"
master_password = "⟦generic-password|pw:strong:20⟧"
pagerduty_token = "⟦other-provider-token|alnum:20⟧"
grafana_token   = "⟦other-provider-token|glsa⟧"
alert_emails    = ["oncall@example.com"]
`;

T["terraform/providers.tf"] = `terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
    datadog = {
      source = "DataDog/datadog"
    }
  }
  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "platform/prod.tfstate"
    region = "us-east-1"
  }
}

provider "aws" {
  region     = "us-east-1"
  access_key = "⟦aws-access-key-id|akia⟧"
  secret_key = "⟦aws-secret-access-key|awssecret⟧"
}

provider "datadog" {
  api_key = "⟦other-provider-token|datadog⟧"
  app_key = "⟦other-provider-token|hex:40⟧"
  api_url = "https://api.datadoghq.eu/"
}
`;

T["vagrant/Vagrantfile"] = `# -*- mode: ruby -*-
Vagrant.configure("2") do |config|
  config.vm.box = "dummy"

  config.vm.provider :aws do |aws, override|
    aws.access_key_id = "⟦aws-access-key-id|akia⟧"
    aws.secret_access_key = "⟦aws-secret-access-key|awssecret⟧"
    aws.keypair_name = "ops-2024"
    aws.region = "us-west-2"
    aws.ami = "ami-0c2d06d50ce30b442"
    aws.instance_type = "t3.medium"

    override.ssh.username = "ubuntu"
    override.ssh.private_key_path = "~/.ssh/ops-2024.pem"
  end

  config.vm.provision "shell", inline: <<-SHELL
    apt-get update && apt-get install -y docker.io
    usermod -aG docker ubuntu
  SHELL
end
`;

T["web/index.html"] = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Acme Store</title>
  <link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/css/bootstrap.min.css"
        integrity="⟦-|sri⟧" crossorigin="anonymous">
  <script src="https://cdn.jsdelivr.net/npm/htmx.org@2.0.1/dist/htmx.min.js"
          integrity="⟦-|sri⟧" crossorigin="anonymous"></script>
  <script async src="https://www.googletagmanager.com/gtag/js?id=G-8QX2K7LM3P"></script>
  <script src="https://www.google.com/recaptcha/api.js" async defer></script>
  <meta name="csrf-token" content="{{ csrf_token }}">
</head>
<body>
  <form action="/login" method="post">
    <label for="email">Email</label>
    <input id="email" name="email" type="email" autocomplete="username">
    <label for="password">Password</label>
    <input id="password" name="password" type="password" placeholder="••••••••" autocomplete="current-password">
    <div class="g-recaptcha" data-sitekey="6Lc⟦-|b64url:37⟧"></div>
    <button type="submit">Sign in</button>
  </form>
  <img alt="logo" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==">
  <script nonce="⟦-|b64bytes:16⟧">window.__BUILD__ = { sha: "⟦-|sha1⟧", env: "production" };</script>
</body>
</html>
`;

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

const README = `# Blind detection fixtures

A second, independently written labelled corpus for the detection engine (see
\`scripts/eval-detection.mjs\`). It was written without looking at the engine's rules or at
\`test/fixtures/realistic/\`, as a check against overfitting. Regenerate with
\`node scripts/gen-blind-secrets.mjs\` (the files are committed as plain text).

**Every credential-looking value in this folder is fake**: generated by a seeded PRNG in
\`scripts/gen-blind-secrets.mjs\` in the public shape of the provider's format (GitHub and npm
tokens carry a valid CRC32/base62 checksum). None of them grants access to anything.

Labelling convention (\`labels.jsonl\`, one JSON object per real secret):

- \`file\` is relative to this folder, \`line\` is the 1-based line on which the secret value
  starts, \`kind\` is one of the engine's finding kinds.
- PEM/OpenSSH private keys are labelled on their \`-----BEGIN\` line.
- At most one label per line; when a line holds a key id and its secret (e.g. an IAM credentials CSV),
  the line is labelled once.
- Not labelled (decoys): environment and secret-store lookups, template references
  (\`\${{ secrets.X }}\`, \`{{ .Values.x }}\`, \`\${var.x}\`), placeholders, AWS documentation example keys,
  hashes and checksums, UUIDs, public keys and certificates, ARNs and account ids, secret *names*,
  trivial test passwords (\`password\`, \`test123\`, \`secret\`), password policies, identifiers such as a
  Twilio Account SID, encrypted blobs (Ansible Vault, SealedSecrets) and truncated format examples.
- About a third of the files contain decoys only.
`;

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
