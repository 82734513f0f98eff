/**
 * Comment syntax per language, for generating ignore comments ("Ignore on this line" etc.). Recognition does
 * not need this (directives are found anywhere on a line); generation does.
 */
import type { DirectiveScope } from './directives';

export interface CommentSyntax {
  /** Line comment opener (`//`, `#`, `--`, `;`, `%`, `REM`, `'`). */
  line?: string;
  /** Block comment delimiters, used when the language has no line comment. */
  block?: [string, string];
  /** False where a comment after a value on the same line changes the value (.properties, .ini, .env, batch). */
  trailingSafe: boolean;
}

const SLASH: CommentSyntax = { line: '//', trailingSafe: true };
const HASH: CommentSyntax = { line: '#', trailingSafe: true };
const HASH_UNSAFE: CommentSyntax = { line: '#', trailingSafe: false };
const DASH: CommentSyntax = { line: '--', trailingSafe: true };
const SEMI: CommentSyntax = { line: ';', trailingSafe: true };
const SEMI_UNSAFE: CommentSyntax = { line: ';', trailingSafe: false };
const PERCENT: CommentSyntax = { line: '%', trailingSafe: true };
const REM: CommentSyntax = { line: 'REM', trailingSafe: false };
const QUOTE: CommentSyntax = { line: "'", trailingSafe: true };
const CSS: CommentSyntax = { block: ['/*', '*/'], trailingSafe: true };
const HTML: CommentSyntax = { block: ['<!--', '-->'], trailingSafe: true };

/** VS Code language ids. */
const BY_LANGUAGE: Record<string, CommentSyntax> = {
  javascript: SLASH, javascriptreact: SLASH, typescript: SLASH, typescriptreact: SLASH, java: SLASH, kotlin: SLASH,
  c: SLASH, cpp: SLASH, csharp: SLASH, go: SLASH, rust: SLASH, swift: SLASH, scala: SLASH, dart: SLASH, php: SLASH,
  groovy: SLASH, fsharp: SLASH, 'objective-c': SLASH, 'objective-cpp': SLASH, jsonc: SLASH, json5: SLASH, scss: SLASH,
  less: SLASH, vue: SLASH, svelte: SLASH, proto: SLASH, zig: SLASH, solidity: SLASH, hcl: HASH, terraform: HASH,
  python: HASH, ruby: HASH, shellscript: HASH, yaml: HASH, toml: HASH, perl: HASH, r: HASH, dockerfile: HASH,
  makefile: HASH, powershell: HASH, elixir: HASH, coffeescript: HASH, nim: HASH, julia: HASH, cmake: HASH,
  graphql: HASH, nginx: HASH, 'github-actions-workflow': HASH, properties: HASH_UNSAFE, dotenv: HASH_UNSAFE,
  ignore: HASH, sql: DASH, lua: DASH, haskell: DASH, elm: DASH, ada: DASH, ini: SEMI_UNSAFE, clojure: SEMI,
  lisp: SEMI, scheme: SEMI, 'asm': SEMI, latex: PERCENT, tex: PERCENT, matlab: PERCENT, erlang: PERCENT,
  prolog: PERCENT, bat: REM, vb: QUOTE, vbscript: QUOTE, css: CSS, html: HTML, xml: HTML, markdown: HTML, svg: HTML,
  xsl: HTML, razor: HTML,
};

const BY_EXTENSION: Record<string, string> = {
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascriptreact', ts: 'typescript', mts: 'typescript',
  cts: 'typescript', tsx: 'typescriptreact', java: 'java', kt: 'kotlin', kts: 'kotlin', c: 'c', h: 'c', cc: 'cpp',
  cpp: 'cpp', hpp: 'cpp', cs: 'csharp', go: 'go', rs: 'rust', swift: 'swift', scala: 'scala', dart: 'dart', php: 'php',
  groovy: 'groovy', gradle: 'groovy', fs: 'fsharp', m: 'objective-c', mm: 'objective-cpp', jsonc: 'jsonc',
  json5: 'json5', scss: 'scss', less: 'less', vue: 'vue', svelte: 'svelte', proto: 'proto', zig: 'zig', sol: 'solidity',
  tf: 'terraform', tfvars: 'terraform', hcl: 'hcl', py: 'python', pyw: 'python', rb: 'ruby', sh: 'shellscript',
  bash: 'shellscript', zsh: 'shellscript', yml: 'yaml', yaml: 'yaml', toml: 'toml', pl: 'perl', pm: 'perl', r: 'r',
  ps1: 'powershell', psm1: 'powershell', ex: 'elixir', exs: 'elixir', coffee: 'coffeescript', nim: 'nim', jl: 'julia',
  cmake: 'cmake', graphql: 'graphql', gql: 'graphql', conf: 'nginx', properties: 'properties', env: 'dotenv',
  sql: 'sql', lua: 'lua', hs: 'haskell', elm: 'elm', adb: 'ada', ads: 'ada', ini: 'ini', cfg: 'ini', clj: 'clojure',
  cljs: 'clojure', lisp: 'lisp', el: 'lisp', scm: 'scheme', asm: 'asm', s: 'asm', tex: 'latex', sty: 'latex',
  erl: 'erlang', hrl: 'erlang', bat: 'bat', cmd: 'bat', vb: 'vb', vbs: 'vbscript', bas: 'vb', css: 'css',
  html: 'html', htm: 'html', xml: 'xml', xaml: 'xml', csproj: 'xml', config: 'xml', plist: 'xml', md: 'markdown',
  markdown: 'markdown', svg: 'svg', xsl: 'xsl', cshtml: 'razor', gitignore: 'ignore', dockerignore: 'ignore',
};

const BY_BASENAME: Record<string, string> = {
  dockerfile: 'dockerfile', containerfile: 'dockerfile', makefile: 'makefile', gnumakefile: 'makefile',
  '.env': 'dotenv', '.npmrc': 'ini', '.gitconfig': 'ini', '.pypirc': 'ini', '.netrc': 'shellscript',
  '.bashrc': 'shellscript', '.zshrc': 'shellscript', '.profile': 'shellscript', gemfile: 'ruby', rakefile: 'ruby',
  jenkinsfile: 'groovy', vagrantfile: 'ruby',
};

/** Languages without comments: ignores live in the baseline or the project config instead. */
const NO_COMMENTS = new Set(['json', 'jsonl', 'ipynb', 'csv', 'plaintext', 'log']);

/** Resolves a VS Code language id, or a file path, to a language id we know. */
function languageOf(languageIdOrPath: string): string | undefined {
  if (BY_LANGUAGE[languageIdOrPath] || NO_COMMENTS.has(languageIdOrPath)) return languageIdOrPath;
  const base = languageIdOrPath.slice(Math.max(languageIdOrPath.lastIndexOf('/'), languageIdOrPath.lastIndexOf('\\')) + 1).toLowerCase();
  if (BY_BASENAME[base]) return BY_BASENAME[base];
  if (base.startsWith('.env') || base.endsWith('.env')) return 'dotenv';
  if (base.startsWith('dockerfile')) return 'dockerfile';
  const dot = base.lastIndexOf('.');
  const ext = dot === -1 ? '' : base.slice(dot + 1);
  if (ext === 'json' || ext === 'jsonl' || ext === 'ipynb' || ext === 'csv') return 'json';
  return BY_EXTENSION[ext];
}

/** The comment syntax for a language id or path; `undefined` when the format has no comments (JSON). */
export function commentSyntaxFor(languageIdOrPath: string): CommentSyntax | undefined {
  const lang = languageOf(languageIdOrPath);
  return lang ? BY_LANGUAGE[lang] : undefined;
}

export interface IgnoreCommentOptions {
  reason?: string;
  /** YYYY-MM-DD */
  until?: string;
}

/**
 * The full comment text of an ignore directive in the file's syntax, e.g.
 * `// credential-hygiene:ignore-next-line aws-access-key-id -- test fixture`.
 *  - `line`: append to the finding's line (after a space). `undefined` where a trailing comment would change
 *    the value (.properties, .ini, .env, batch): use `next-line` there.
 *  - `next-line`: insert as its own line above the finding (same indentation).
 *  - `file`: insert within the first 10 lines of the file (after a shebang).
 * Returns `undefined` for formats without comments (JSON): use the baseline or the config instead.
 */
export function ignoreCommentFor(
  languageIdOrPath: string,
  ruleId: string | undefined,
  kind: DirectiveScope,
  opts: IgnoreCommentOptions = {},
): string | undefined {
  const syntax = commentSyntaxFor(languageIdOrPath);
  if (!syntax) return undefined;
  if (kind === 'line' && !syntax.trailingSafe) return undefined;
  let body = `credential-hygiene:ignore${kind === 'line' ? '' : `-${kind}`}`;
  if (ruleId) body += ` ${ruleId}`;
  if (opts.until) body += ` until ${opts.until}`;
  if (opts.reason) body += ` -- ${opts.reason.replace(/\r?\n/g, ' ').replace(/\*\/|-->/g, '')}`;
  if (syntax.line) return `${syntax.line} ${body}`;
  const [open, close] = syntax.block!;
  return `${open} ${body} ${close}`;
}
