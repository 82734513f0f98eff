/** Paths no scan wants by default: dependencies, VCS internals, lockfiles. */
export const DEFAULT_EXCLUDE_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'bower_components', 'jspm_packages', '.venv', 'venv', '__pycache__',
  '.tox', '.mypy_cache', '.pytest_cache', '.gradle', '.idea', '.terraform', '.next', '.nuxt', '.cache', '.yarn',
  '.pnpm-store', 'vendor', 'target', '.vscode-test', '.bench',
]);

const DEFAULT_EXCLUDE_FILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'composer.lock', 'Gemfile.lock',
  'Cargo.lock', 'poetry.lock', 'Pipfile.lock', 'go.sum', 'bun.lockb', 'packages.lock.json', 'mix.lock', 'flake.lock',
  '.credential-hygiene-baseline.json', '.credential-hygiene.json',
]);

/**
 * Lockfiles, our own config files and minified bundles. Binary files are not excluded by name: whether a file is
 * text is decided by its content (read-text.ts), so a `.map` with `sourcesContent` or a text `.dat` is scanned.
 */
export function isExcludedFileName(name: string): boolean {
  if (DEFAULT_EXCLUDE_FILES.has(name)) return true;
  return /\.min\.(?:js|css|mjs)$/.test(name);
}
