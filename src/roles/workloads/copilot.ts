/** AWS Copilot service manifests (`copilot/<svc>/manifest.yml`): ECS services and jobs; the build context is the code. */
import type { WorkloadSpec } from '../types';
import { asDirRoot, dirOf, isDir, join, projectOf, type Workspace } from './workspace';
import { isRecord, lineMatching, readYamlDocs, str } from './yaml-docs';

const TYPES = /^(?:Load Balanced Web Service|Backend Service|Worker Service|Scheduled Job|Request-Driven Web Service|Static Site)$/;

export function isCopilotManifest(path: string): boolean {
  return /(?:^|\/)copilot\/[^/]+\/manifest\.ya?ml$/.test(path);
}

export function readCopilot(ws: Workspace, path: string, text: string): WorkloadSpec[] {
  const doc = readYamlDocs(text)[0];
  if (!isRecord(doc) || !TYPES.test(String(doc.type))) return [];
  const project = projectOf(dirOf(path)); // copilot/<svc>/ → the project
  const image = isRecord(doc.image) ? doc.image : {};
  const build = image.build;
  let context: string | undefined;
  if (typeof build === 'string') context = join(project, dirOf(build));
  else if (isRecord(build)) context = join(project, str(build.context) ?? dirOf(str(build.dockerfile) ?? 'Dockerfile'));
  const explicit = context !== undefined && context !== project && isDir(ws, context);
  return [
    {
      name: str(doc.name) ?? 'service',
      runtime: doc.type === 'Request-Driven Web Service' ? 'unknown' : 'ecs',
      descriptor: 'ecs-task-definition',
      evidence: `${path}:${lineMatching(text, /^type\s*:/m)}`,
      roots: [asDirRoot(explicit ? context! : project)],
      explicit,
      meta: { copilot: 'true' },
    },
  ];
}
