/** Paths no scan wants by default: dependencies, VCS internals, lockfiles, media and archives. */
export const DEFAULT_EXCLUDE_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'bower_components', 'jspm_packages', '.venv', 'venv', '__pycache__',
  '.tox', '.mypy_cache', '.pytest_cache', '.gradle', '.idea', '.terraform', '.next', '.nuxt', '.cache', '.yarn',
  '.pnpm-store', 'vendor', 'target', '.vscode-test', '.bench',
]);

export const DEFAULT_EXCLUDE_FILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'composer.lock', 'Gemfile.lock',
  'Cargo.lock', 'poetry.lock', 'Pipfile.lock', 'go.sum', 'bun.lockb', 'packages.lock.json', 'mix.lock', 'flake.lock',
  '.credential-hygiene-baseline.json', '.credential-hygiene.json',
]);

export const BINARY_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'bmp', 'ico', 'webp', 'tif', 'tiff', 'psd', 'svgz', 'mp3', 'mp4', 'mov', 'avi', 'mkv',
  'wav', 'flac', 'ogg', 'webm', 'woff', 'woff2', 'ttf', 'otf', 'eot', 'zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z',
  'rar', 'jar', 'war', 'ear', 'class', 'so', 'dll', 'dylib', 'exe', 'bin', 'o', 'a', 'lib', 'pyc', 'pyo', 'wasm',
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'sqlite', 'db', 'dat', 'iso', 'dmg', 'node', 'map',
]);

export function isExcludedFileName(name: string): boolean {
  if (DEFAULT_EXCLUDE_FILES.has(name)) return true;
  if (/\.min\.(?:js|css|mjs)$/.test(name)) return true;
  const dot = name.lastIndexOf('.');
  return dot > 0 && BINARY_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}
