/**
 * Package registries and build tooling: npm/Yarn, PyPI, RubyGems, NuGet, Docker Hub, Artifactory, Sonatype,
 * Pulumi, Postman, Snyk, Clojars, crates.io, Gradle. All example secrets below are generated fakes
 * (npm tokens carry a valid checksum).
 */
import { hasValidBase62Crc32 } from '../checksums';
import { shannonEntropy } from '../entropy';
import { isPlaceholder, isWeakTestValue } from '../placeholders';
import type { RuleSpec } from '../types';

function decodeBase64(s: string): string | undefined {
  if (s.length % 4 === 1) return undefined;
  const out = Buffer.from(s, 'base64').toString('utf8');
  // Printable ASCII/UTF-8 only; binary blobs are not credentials of this shape.
  return /^[\x20-\x7e\u00a0-\uffff]+$/.test(out) && !out.includes('\ufffd') ? out : undefined;
}

/** base64(`user:password`) with a non-placeholder password, as in .docker/config.json and .npmrc `_auth`. */
export function isBase64UserPass(secret: string): boolean {
  const decoded = decodeBase64(secret);
  if (!decoded) return false;
  const colon = decoded.indexOf(':');
  if (colon < 1) return false;
  const password = decoded.slice(colon + 1);
  // `user:pass`, `my_username:my_password`: the placeholder pair of registry documentation, not an account.
  if (GENERIC_CREDENTIAL_WORD.test(decoded.slice(0, colon)) && GENERIC_CREDENTIAL_WORD.test(password)) return false;
  return password.length >= 4 && !isPlaceholder(password) && !isWeakTestValue(password);
}

const GENERIC_CREDENTIAL_WORD = /^(?:my[_-]?)?(?:user(?:name)?|login|admin|pass(?:word|wd)?|secret|token)$/i;

/** A literal registry token: not a placeholder/template, and random enough. UUID-shaped tokens are fine. */
const literalToken = (min: number) => (secret: string): boolean => !isPlaceholder(secret) && shannonEntropy(secret) >= min;

export const RULES: RuleSpec[] = [
  {
    id: 'npm-access-token',
    kind: 'npm-token',
    severity: 'error',
    title: 'npm access token',
    description: 'An npm access token (npm_) with a valid embedded checksum. Revoke it with `npm token revoke` and use an automation token from CI secrets.',
    keywords: ['npm_'],
    pattern: /\b(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/,
    validate: (s) => hasValidBase62Crc32(s),
    examples: {
      positive: ['//registry.npmjs.org/:_authToken=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', 'NPM_TOKEN=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'],
      negative: ['NPM_TOKEN=npm_LUeQoTPLNggMBEvgk8iVhtQa1geLVa2NwvNA', 'NPM_TOKEN=npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'npmrc-auth-token',
    kind: 'npm-token',
    severity: 'error',
    title: 'npm registry auth token in .npmrc',
    description: 'A literal `_authToken` in an .npmrc. Use `_authToken=${NPM_TOKEN}` and provide the variable from CI secrets.',
    keywords: ['_authtoken'],
    pattern: /_authToken\s{0,3}=\s{0,3}["']?(?<secret>[A-Za-z0-9._~+/=-]{20,500})(?![A-Za-z0-9._~+/=-])/,
    validate: literalToken(3),
    allow: [/^(?:npm_|gh[pousr]_|github_pat_|glpat-|AKCp|cmVmdGtuOjAxOj)/], // reported by the provider's own rule
    examples: {
      positive: ['//registry.npmjs.org/:_authToken=8baadd7d-787a-4d91-ab0a-8d117903abed', '//npm.pkg.github.com/:_authToken=1jQpN4r4xvFbHAoAUv9sPUO6l1Z1fLEDadwL7H3d', '//artifactory.acme.io/api/npm/npm/:_authToken=dqdAAhffX0g5W1cVke5SlfIk4tjf2KNiRrIDD0y6ewAR9uuVSEwOxU4bXFEq1HwE'],
      negative: ['//npm.pkg.github.com/:_authToken=${NPM_TOKEN}', '//registry.npmjs.org/:_authToken=00000000-0000-0000-0000-000000000000'],
    },
  },
  {
    id: 'npmrc-legacy-auth',
    kind: 'npm-token',
    severity: 'error',
    title: 'npm legacy basic auth in .npmrc',
    description: 'A legacy `_auth` (base64 user:password) or `_password` entry in an .npmrc.',
    keywords: ['_auth', '_password'],
    pattern: /(?:^|[^A-Za-z0-9_])_(?<field>auth|password)\s{0,3}=\s{0,3}["']?(?<secret>[A-Za-z0-9+/]{8,400}={0,2})(?![A-Za-z0-9+/=])/,
    validate: (s, ctx) => (ctx.groups.field === 'auth' ? isBase64UserPass(s) : decodeBase64(s) !== undefined && literalToken(3)(s)),
    examples: {
      positive: ['_auth=Y2ktYm90OlZxODNuTHcwUno0S2QyVHg=', '//registry.acme.io/:_password=UHE4MXhNdjNabjdMdzJTZA=='],
      negative: ['_auth=${NPM_AUTH}', '_auth=bm9ib2R5'],
    },
  },
  {
    id: 'yarnrc-npm-auth-token',
    kind: 'npm-token',
    severity: 'error',
    title: 'Yarn npmAuthToken in .yarnrc.yml',
    description: 'A literal `npmAuthToken` in a Yarn (Berry) configuration.',
    keywords: ['npmauthtoken'],
    pattern: /npmAuthToken\s{0,3}:\s{0,3}["']?(?<secret>[A-Za-z0-9._~+/=-]{20,500})(?![A-Za-z0-9._~+/=-])/,
    validate: literalToken(3),
    examples: {
      positive: ['npmScopes:\n  acme:\n    npmAuthToken: "ef741787-e73c-4af5-a52a-93a6ef0eb441"'],
      negative: ['    npmAuthToken: "${NPM_TOKEN}"'],
    },
  },
  {
    id: 'pypi-upload-token',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'PyPI API token',
    description: 'A PyPI or TestPyPI upload token (pypi-AgE…). Revoke it in the PyPI account settings and prefer trusted publishing.',
    keywords: ['pypi-age'],
    pattern: /\b(?<secret>pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,300})(?![A-Za-z0-9_-])/,
    entropy: 4,
    examples: {
      positive: ['[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmcEqFFMkpvp-CR7h6fLnuOlkmq-OqBkLcheR502P_DfzcWR_XumhGoePSZk4eCMMFEInzQi9v2dTn2QPWk6PTEae_57W2uFfXFWFbIJjvNqkDNaYSUgEYMuQUlnI7iulFZbupLWzx7gADS0maKLuOH81', 'TWINE_PASSWORD=pypi-AgENdGVzdC5weXBpLm9yZw5U_4SoS2H3fOkrP8Va5dmpnm2adFh1nJpSHoN7a7NPgBg3lP0Vx_1mDGJrHbPHZPf55JOP5RI7GXUt-EZqGzOoJNbi9iFhFKDqVBwM9JKd_i3KxShwoWg7p-'],
      negative: ['password = pypi-AgEIcHlwaS5vcmc', 'password = pypi-97HDtdNEJTDRpxTUfABkaINbzsl5MohELPeDsklzFffseLS7dxBnc1X6RyVy'],
    },
  },
  {
    id: 'rubygems-api-key',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'RubyGems API key',
    description: 'A RubyGems.org API key (rubygems_).',
    keywords: ['rubygems_'],
    pattern: /\b(?<secret>rubygems_[a-f0-9]{48})(?![A-Za-z0-9_])/,
    entropy: 3,
    examples: {
      positive: [':rubygems_api_key: rubygems_7d889122d0aa6559583c88e43a81e05b2439d763648cb4ea', 'GEM_HOST_API_KEY=rubygems_65513b4fdc40782da24826d2579fecdee4ae686c212f6ca3'],
      negative: ['GEM_HOST_API_KEY=rubygems_2761256311a8d7859913'],
    },
  },
  {
    id: 'nuget-api-key',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'NuGet API key',
    description: 'A nuget.org API key (oy2…).',
    keywords: ['oy2'],
    pattern: /\b(?<secret>oy2[a-z0-9]{43})(?![A-Za-z0-9_])/,
    entropy: 3.5,
    examples: {
      positive: ['dotnet nuget push pkg.nupkg --api-key oy2cisbwc2vyayihag60gnqi5gy4qt53c14e9ibecp72tg --source https://api.nuget.org/v3/index.json'],
      negative: ['--api-key oy2kggcd83qv8qutagctbr5'],
    },
  },
  {
    id: 'dockerhub-access-token',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Docker Hub access token',
    description: 'A Docker Hub personal or organization access token (dckr_pat_, dckr_oat_).',
    keywords: ['dckr_pat_', 'dckr_oat_'],
    pattern: /\b(?<secret>dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32})(?![A-Za-z0-9_-])/,
    entropy: 3.5,
    examples: {
      positive: ['DOCKER_TOKEN=dckr_pat_gvAvZJlxiLidPzMv4D5gq3zzbPo', 'echo "dckr_pat_0pSuuXI1dgc1GeL7PRQfCbC7-fX" | docker login -u acme --password-stdin'],
      negative: ['DOCKER_TOKEN=dckr_pat_tooshort', 'DOCKER_TOKEN=dckr_pat_'],
    },
  },
  {
    id: 'docker-config-auth',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Registry credentials in Docker config.json',
    description: 'A base64 `user:password` pair in a Docker config.json `auths` entry. Use a credential helper (credsStore) instead.',
    keywords: ['"auth"', 'auth\\"'],
    // Also inside an escaped JSON string (`DOCKER_AUTH_CONFIG={\"auths\":{…{\"auth\":\"…\"}}}`).
    pattern: /"auth\\{0,3}"\s{0,3}:\s{0,3}\\{0,3}"(?<secret>[A-Za-z0-9+/]{8,400}={0,2})\\{0,3}"/,
    validate: isBase64UserPass,
    examples: {
      positive: [
        '{\n  "auths": {\n    "https://index.docker.io/v1/": {\n      "auth": "YWNtZS1jaTpKcjd3MkxxOVh6NFZiMU5j"\n    }\n  }\n}',
        'environment = ["DOCKER_AUTH_CONFIG={\\"auths\\":{\\"registry.acme.io\\":{\\"auth\\":\\"YWNtZS1jaTpKcjd3MkxxOVh6NFZiMU5j\\"}}}"]',
      ],
      negative: [
        '{ "auths": { "ghcr.io": { "auth": "" } }, "credsStore": "desktop" }',
        '{ "auth": "anVzdGF1c2VybmFtZQ==" }',
        '{"auths":{"registry.example.com:5000":{"auth":"bXlfdXNlcm5hbWU6bXlfcGFzc3dvcmQ="}}}',
        '{"auths":{"":{"auth":"dXNlcjpwYXNz"}}}',
      ],
    },
  },
  {
    id: 'artifactory-api-key',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'JFrog Artifactory API key',
    description: 'A JFrog Artifactory API key (AKCp…).',
    keywords: ['akcp'],
    pattern: /\b(?<secret>AKCp[A-Za-z0-9]{69})(?![A-Za-z0-9])/,
    entropy: 4,
    examples: {
      positive: ['ARTIFACTORY_API_KEY=AKCpcyMUH5Pmu9TaqT10OgzI6rtzYfVOz16svX1Z0ADGUKB7SjNB89NW3xs8sUrZ8bnqGO2gp'],
      negative: ['ARTIFACTORY_API_KEY=AKCpZ4JpkmH928n2T6AH901j'],
    },
  },
  {
    id: 'artifactory-reference-token',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'JFrog reference token',
    description: 'A JFrog Platform reference token (base64 of `reftkn:01:`).',
    keywords: ['cmvmdgtuojaxoj'],
    pattern: /\b(?<secret>cmVmdGtuOjAxOj[A-Za-z0-9]{40,60})(?![A-Za-z0-9])/,
    entropy: 4,
    examples: {
      positive: ['JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjlacjvL5Q0vGxRotubHok0ltmaVyrPBUbOjLmPuu6r5tVuFkeo1'],
      negative: ['JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOj'],
    },
  },
  {
    id: 'artifactory-password-named',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Artifactory / JFrog credential (named)',
    description: 'A token or password assigned to an Artifactory/JFrog-named variable.',
    keywords: ['artifactory', 'jfrog'],
    pattern: /(?:artifactory|jfrog)[\w.-]{0,24}(?:token|password|passwd|api[_.-]?key)["'\]]{0,2}\s{0,3}(?::=|=>|=|:|,)\s{0,3}["'`]?(?<secret>[A-Za-z0-9_.+/=-]{20,200})(?![A-Za-z0-9_.+/=-])/i,
    entropy: 3.8,
    placeholderFilter: true,
    allow: [/^AKCp/, /^cmVmdGtuOjAxOj/], // reported by the Artifactory key / reference-token rules
    examples: {
      positive: ['ARTIFACTORY_PASSWORD=Obza5FYO5QTAYkomAfMEksIs1tVCNUTv-Rcg9qSz'],
      negative: ['ARTIFACTORY_PASSWORD=${ARTIFACTORY_PASSWORD}', 'artifactory_password: <artifactory-password-here>'],
    },
  },
  {
    id: 'sonatype-credential',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Sonatype / Nexus credential (named)',
    description: 'A token or password assigned to a Sonatype/OSSRH/Nexus-named variable.',
    keywords: ['sonatype', 'ossrh', 'nexus'],
    pattern: /(?:sonatype|ossrh|nexus)[\w.-]{0,24}(?:token|password|passwd|secret)["'\]]{0,2}\s{0,3}(?::=|=>|=|:|,)\s{0,3}["'`]?(?<secret>[A-Za-z0-9_.+/=-]{12,100})(?![A-Za-z0-9_.+/=-])/i,
    entropy: 3.5,
    placeholderFilter: true,
    examples: {
      positive: ['ossrhPassword=8FbdwVyni7Uuy4hbpbOddJ-hft7pNsP51UB9UZH9dmlx', 'SONATYPE_TOKEN_PASSWORD: "h3rrD14xZUFsiHWmneUFd_50uWd5d9fdi75NKwne0Ld_"'],
      negative: ['ossrhPassword=${env.OSSRH_PASSWORD}', 'nexus_password: changeme'],
    },
  },
  {
    id: 'pulumi-access-token',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Pulumi access token',
    description: 'A Pulumi Cloud access token (pul-).',
    keywords: ['pul-'],
    pattern: /\b(?<secret>pul-[a-f0-9]{40})(?![A-Za-z0-9_-])/,
    entropy: 3,
    examples: {
      positive: ['PULUMI_ACCESS_TOKEN=pul-be35dea0ce2f14cee0f30370addfd3462907e863'],
      negative: ['PULUMI_ACCESS_TOKEN=pul-0000000000000000000000000000000000000000'],
    },
  },
  {
    id: 'postman-api-key',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Postman API key',
    description: 'A Postman API key (PMAK-).',
    keywords: ['pmak-'],
    pattern: /\b(?<secret>PMAK-[a-f0-9]{24}-[a-f0-9]{34})(?![A-Za-z0-9_-])/,
    entropy: 3,
    examples: {
      positive: ['POSTMAN_API_KEY=PMAK-2f5b33fcb229aae8ebcdc36f-11a1caab784a04d680ad6e1fba957547b9'],
      negative: ['POSTMAN_API_KEY=PMAK-6330678e1817d797199301c4'],
    },
  },
  {
    id: 'snyk-api-token',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Snyk API token (named)',
    description: 'A UUID-format Snyk API token assigned to a Snyk-named variable.',
    keywords: ['snyk'],
    pattern: /snyk[\w.-]{0,16}(?:token|api[_.-]?key|auth)["'\]]{0,2}\s{0,3}(?::=|=>|=|:|,)\s{0,3}["'`]?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])/i,
    entropy: 3,
    examples: {
      positive: ['SNYK_TOKEN=52dbccbc-52ee-446d-a75b-f7ffb44ace6e'],
      negative: ['SNYK_ORG_ID=4c10f9a6-d356-46f6-aa59-b8651e60bde0', 'SNYK_TOKEN=00000000-0000-0000-0000-000000000000'],
    },
  },
  {
    id: 'clojars-deploy-token',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Clojars deploy token',
    description: 'A Clojars deploy token (CLOJARS_).',
    keywords: ['clojars_'],
    pattern: /\b(?<secret>CLOJARS_[a-z0-9]{60})(?![A-Za-z0-9_])/,
    entropy: 3.5,
    examples: {
      positive: ['CLOJARS_PASSWORD=CLOJARS_zgqyoakefdim0hicol27ngwojy792swtlfibaqkg8d2m979dhiq1rmgipu4i'],
      negative: ['CLOJARS_USERNAME=acme'],
    },
  },
  {
    id: 'crates-io-token',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'crates.io API token',
    description: 'A crates.io API token (cio…).',
    keywords: ['cio'],
    pattern: /\b(?<secret>cio[A-Za-z0-9]{32})(?![A-Za-z0-9_])/,
    entropy: 4,
    examples: {
      positive: ['CARGO_REGISTRY_TOKEN=ciogIm1OjHwFV3ZcGvLnwwLmmPiWMODTkIG', '[registry]\ntoken = "cioLev0GtUcUSZJHX1kKB4rITCy4zpbrynE"'],
      negative: ['let precious = "social";', 'CARGO_REGISTRY_TOKEN=ciocCJxMFlhhd'],
    },
  },
  {
    id: 'gradle-plugin-portal-secret',
    kind: 'other-provider-token',
    severity: 'error',
    title: 'Gradle Plugin Portal publishing secret',
    description: 'A `gradle.publish.secret` / `gradle.publish.key` value in a properties file or build script.',
    keywords: ['gradle.publish.'],
    pattern: /gradle\.publish\.(?:secret|key)["']?\s{0,3}[=:]\s{0,3}["']?(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9_-])/,
    entropy: 3.8,
    examples: {
      positive: ['gradle.publish.key=e2X1f1n2KMZugOtyJ36L6OvmThfhGnb2\ngradle.publish.secret=KvpUyHMhMw8rdiK0pNQXHjbbMrzKsy0H'],
      negative: ['gradle.publish.secret=${GRADLE_PUBLISH_SECRET}'],
    },
  },
];
