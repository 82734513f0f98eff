/** Maps a VS Code languageId or a file path to the recipe family that knows how to rewrite it. */
import type { LanguageFamily } from './types';
import { languageByExtension, languageById } from '../engine/languages';

/** The recipe family of a VS Code language id or an extension, from the one language table. */
const recipeOfId = (languageId: string) => languageById(languageId)?.recipe as LanguageFamily | undefined;
const recipeOfExtension = (ext: string) => languageByExtension(ext)?.recipe as LanguageFamily | undefined;

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
    const byExt = recipeOfExtension(ext);
    if (byExt) return byExt;
    if (ext === 'yml' || ext === 'yaml') return 'yaml';
    if (ext === 'ini' || ext === 'cfg') return 'aws-credentials';
  }
  const byId = languageId ? recipeOfId(languageId) : undefined;
  if (byId) return byId;
  return 'unknown';
}
