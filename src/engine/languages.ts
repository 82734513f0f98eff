/**
 * Coarse file families. What matters to detection is whether an unquoted value after `=` is a literal
 * (config formats) or a reference to something else (programming languages).
 */
export type Family = 'code' | 'config' | 'unknown';

const CODE_EXT = new Set([
  'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'py', 'pyw', 'java', 'kt', 'kts', 'go', 'cs', 'rs', 'php', 'rb',
  'swift', 'scala', 'c', 'h', 'cc', 'cpp', 'hpp', 'm', 'mm', 'dart', 'lua', 'pl', 'r', 'groovy', 'gradle', 'fs', 'vb',
  'ex', 'exs', 'erl', 'clj', 'hs', 'jl', 'vue', 'svelte', 'ipynb', 'pyi', 'pm', 'ps1', 'psm1',
]);
const CODE_LANG = new Set([
  'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python', 'java', 'kotlin', 'go', 'csharp', 'rust',
  'php', 'ruby', 'swift', 'scala', 'c', 'cpp', 'objective-c', 'dart', 'lua', 'perl', 'r', 'groovy', 'fsharp', 'vb',
  'elixir', 'erlang', 'clojure', 'haskell', 'julia', 'vue', 'svelte',
]);

export function extensionOf(path: string | undefined): string {
  if (!path) return '';
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? base : base.slice(dot + 1);
}

export function familyOf(path?: string, languageId?: string): Family {
  if (languageId && CODE_LANG.has(languageId)) return 'code';
  const ext = extensionOf(path);
  if (CODE_EXT.has(ext)) return 'code';
  if (path || languageId) return 'config';
  return 'unknown';
}

/** Test and fixture code, where weak example passwords are expected and harmless. */
export function isTestPath(path?: string): boolean {
  return !!path && /(?:^|[\\/])(?:tests?|specs?|__tests__|__mocks__|mocks?|testdata|test-data)(?:[\\/])|[._-](?:test|spec)s?\.[A-Za-z]+$|(?:^|[\\/])(?:test|spec)s?\.[A-Za-z]+$|(?:^|[\\/])test_[^\\/]+\.py$/i.test(path);
}
