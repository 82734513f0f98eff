/**
 * The one language table of the code base: file extensions and VS Code language ids per language, and what each
 * layer does with it — detection's coarse family, the remediation recipe family, the report's SDK-client
 * language. Remediation (`remediation/language.ts`) and the report (`report/sdk-clients.ts`) derive their
 * lookups from it; the lexical rules per language live beside the tokenizer (`syntax/syntax-rules.ts`).
 */

/**
 * Coarse file families. What matters to detection is whether an unquoted value after `=` is a literal
 * (config formats) or a reference to something else (programming languages).
 */
export type Family = 'code' | 'config' | 'unknown';

export interface LanguageEntry {
  extensions: readonly string[];
  languageIds: readonly string[];
  family: 'code' | 'config';
  /** Remediation recipe family (a `LanguageFamily`), when fixes know this language. */
  recipe?: string;
  /** Language of the report's SDK-client detector, when it reads this language. */
  sdk?: string;
}

const code = (extensions: string[], languageIds: string[], recipe?: string, sdk?: string): LanguageEntry =>
  ({ extensions, languageIds, family: 'code', recipe, sdk });
const config = (extensions: string[], languageIds: string[], recipe?: string, sdk?: string): LanguageEntry =>
  ({ extensions, languageIds, family: 'config', recipe, sdk });

export const LANGUAGES: readonly LanguageEntry[] = [
  code(['js', 'mjs', 'cjs', 'jsx'], ['javascript', 'javascriptreact'], 'javascript', 'javascript'),
  code(['ts', 'mts', 'cts', 'tsx'], ['typescript', 'typescriptreact'], 'typescript', 'javascript'),
  code(['vue'], ['vue'], undefined, 'javascript'),
  code(['svelte'], ['svelte'], undefined, 'javascript'),
  code(['py', 'pyw', 'pyi'], ['python'], 'python', 'python'),
  code(['ipynb'], []),
  // A source map embeds the original code (`sourcesContent`): judged as code, not as configuration.
  code(['map'], []),
  code(['java'], ['java'], 'java', 'java'),
  code(['kt', 'kts'], ['kotlin'], 'kotlin', 'kotlin'),
  code(['go'], ['go'], 'go', 'go'),
  code(['cs'], ['csharp'], 'csharp', 'csharp'),
  code(['rs'], ['rust'], 'rust', 'rust'),
  code(['php'], ['php'], 'php', 'php'),
  code(['rb'], ['ruby'], 'ruby', 'ruby'),
  code(['swift'], ['swift']), code(['scala'], ['scala']), code(['c', 'h'], ['c']), code(['cc', 'cpp', 'hpp'], ['cpp']),
  code(['m', 'mm'], ['objective-c']), code(['dart'], ['dart']), code(['lua'], ['lua']), code(['pl', 'pm'], ['perl']),
  code(['r'], ['r']), code(['groovy', 'gradle'], ['groovy']), code(['fs'], ['fsharp']), code(['vb'], ['vb']),
  code(['ex', 'exs'], ['elixir']), code(['erl'], ['erlang']), code(['clj'], ['clojure']), code(['hs'], ['haskell']),
  code(['jl'], ['julia']), code(['ps1', 'psm1'], []),
  // Terraform is configuration to detection (`key = value` holds literals), code to fixes and the report
  config(['tf'], ['terraform', 'hcl'], 'terraform', 'terraform'),
  config(['hcl', 'tfvars'], [], 'terraform'),
  config([], ['dotenv'], 'dotenv'),
  config([], ['dockerfile'], 'dockerfile'),
  config([], ['dockercompose'], 'docker-compose'),
  config([], ['github-actions-workflow'], 'github-actions'),
  config([], ['ini'], 'aws-credentials'),
  config([], ['yaml'], 'yaml'),
];

const byExtension = new Map<string, LanguageEntry>();
const byLanguageId = new Map<string, LanguageEntry>();
for (const entry of LANGUAGES) {
  for (const ext of entry.extensions) byExtension.set(ext, entry);
  for (const id of entry.languageIds) byLanguageId.set(id, entry);
}

/** The table entry for a file extension (lower case, no dot) or a VS Code language id. */
export function languageByExtension(ext: string): LanguageEntry | undefined { return byExtension.get(ext); }
export function languageById(languageId: string): LanguageEntry | undefined { return byLanguageId.get(languageId); }

/** Lower-cased extension of a path; a name without a dot (`Dockerfile`) is its own extension. */
function extensionOf(path: string | undefined): string {
  if (!path) return '';
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? base : base.slice(dot + 1);
}

/** Validators ask once per match, always about the file being scanned: the last answer is kept. */
let lastAsked: { path?: string; languageId?: string; family: Family } = { family: 'unknown' };

export function familyOf(path?: string, languageId?: string): Family {
  if (lastAsked.path === path && lastAsked.languageId === languageId) return lastAsked.family;
  let family: Family = path || languageId ? 'config' : 'unknown';
  if (languageId && languageById(languageId)?.family === 'code') family = 'code';
  else if (languageByExtension(extensionOf(path))?.family === 'code') family = 'code';
  lastAsked = { path, languageId, family };
  return family;
}

/** Test and fixture code, where weak example passwords are expected and harmless. */
export function isTestPath(path?: string): boolean {
  return !!path && /(?:^|[\\/])(?:tests?|specs?|__tests__|__mocks__|mocks?|testdata|test-data)(?:[\\/])|[._-](?:test|spec)s?\.[A-Za-z]+$|(?:^|[\\/])(?:test|spec)s?\.[A-Za-z]+$|(?:^|[\\/])test_[^\\/]+\.py$/i.test(path);
}
