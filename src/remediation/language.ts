/** Maps a VS Code languageId or a file path to the recipe family that knows how to rewrite it. */
import type { LanguageFamily } from './types';

const BY_LANGUAGE_ID: Record<string, LanguageFamily> = {
  javascript: 'javascript', javascriptreact: 'javascript', typescript: 'typescript', typescriptreact: 'typescript',
  python: 'python', java: 'java', kotlin: 'kotlin', go: 'go', csharp: 'csharp', php: 'php', rust: 'rust',
  ruby: 'ruby', terraform: 'terraform', hcl: 'terraform', dotenv: 'dotenv', dockerfile: 'dockerfile',
  dockercompose: 'docker-compose', 'github-actions-workflow': 'github-actions', ini: 'aws-credentials',
};

const BY_EXTENSION: Record<string, LanguageFamily> = {
  js: 'javascript', cjs: 'javascript', mjs: 'javascript', jsx: 'javascript',
  ts: 'typescript', cts: 'typescript', mts: 'typescript', tsx: 'typescript',
  py: 'python', java: 'java', kt: 'kotlin', kts: 'kotlin', go: 'go', cs: 'csharp', php: 'php', rs: 'rust',
  rb: 'ruby', tf: 'terraform', hcl: 'terraform', tfvars: 'terraform',
};

function baseName(path: string): string {
  const parts = path.replace(/\\/g, '/').split('/');
  return parts[parts.length - 1] ?? '';
}

export function extensionOf(path: string | undefined): string {
  if (!path) return '';
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Recognises a file from its path first (more specific for YAML/INI flavours), then from the languageId. */
export function detectLanguage(languageId?: string, path?: string): LanguageFamily {
  if (path) {
    const norm = path.replace(/\\/g, '/');
    const name = baseName(norm).toLowerCase();
    if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'dotenv';
    if (name === 'dockerfile' || name.startsWith('dockerfile.') || name.endsWith('.dockerfile')) return 'dockerfile';
    if (/^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(name)) return 'docker-compose';
    if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(norm)) return 'github-actions';
    if (name === 'credentials' && /(^|\/)\.aws\//.test(norm)) return 'aws-credentials';
    if (name === 'credentials' || name.endsWith('.credentials')) return 'aws-credentials';
    if (/^appsettings(\.[\w-]+)?\.json$/.test(name)) return 'appsettings';
    if (/^(application|bootstrap)(-[\w-]+)?\.ya?ml$/.test(name)) return 'spring-yaml';
    const ext = extensionOf(norm);
    if (ext === 'properties') return 'properties';
    if (BY_EXTENSION[ext]) return BY_EXTENSION[ext];
    if (ext === 'yml' || ext === 'yaml') return 'yaml';
    if (ext === 'ini' || ext === 'cfg') return 'aws-credentials';
  }
  if (languageId && BY_LANGUAGE_ID[languageId]) return BY_LANGUAGE_ID[languageId];
  if (languageId === 'yaml') return 'yaml';
  return 'unknown';
}
