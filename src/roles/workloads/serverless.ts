/**
 * Serverless Framework (`serverless.yml`): one workload per service, because every function of a service shares
 * the role declared under `provider.iam.role.statements`. Handlers (`src/handlers/orders.create`) → files.
 */
import type { WorkloadSpec } from '../types';
import { handlerFile, javaModuleDir } from './handlers';
import { asDirRoot, dirOf, type Workspace } from './workspace';
import { isRecord, lineMatching, readYamlDocs, str } from './yaml-docs';

export function isServerlessPath(path: string): boolean {
  return /(?:^|\/)serverless\.ya?ml$/i.test(path);
}

export function readServerless(ws: Workspace, path: string, text: string): WorkloadSpec[] {
  const doc = readYamlDocs(text)[0];
  if (!isRecord(doc)) return [];
  const provider = isRecord(doc.provider) ? doc.provider : {};
  if (provider.name !== undefined && provider.name !== 'aws') return [];
  const dir = dirOf(path);
  const roots: string[] = [];
  if (isRecord(doc.functions)) {
    for (const fn of Object.values(doc.functions)) {
      if (!isRecord(fn)) continue;
      const file = handlerFile(ws, dir, str(fn.handler));
      if (file) roots.push(/\.java$|\.kt$/.test(file) ? asDirRoot(javaModuleDir(file)) : file);
    }
  }
  const service = isRecord(doc.service) ? str(doc.service.name) : str(doc.service);
  return [
    {
      name: service ?? 'serverless-service',
      runtime: 'lambda',
      descriptor: 'serverless',
      evidence: `${path}:${lineMatching(text, /^functions\s*:/m)}`,
      roots: roots.length ? roots : [asDirRoot(dir)],
      explicit: roots.length > 0,
      meta: {},
    },
  ];
}
