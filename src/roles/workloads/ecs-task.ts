/** ECS task-definition JSON (`containerDefinitions`, `taskRoleArn`): the project's code runs as the task role. */
import type { WorkloadSpec } from '../types';
import { asDirRoot, projectOf } from './workspace';
import { isRecord, lineMatching, str } from './yaml-docs';

export function readEcsTaskDefinition(path: string, text: string): WorkloadSpec[] {
  if (!path.endsWith('.json') || !/"containerDefinitions"\s*:/.test(text)) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  if (isRecord(doc) && isRecord(doc.taskDefinition)) doc = doc.taskDefinition; // `aws ecs describe-task-definition` output
  if (!isRecord(doc) || !Array.isArray(doc.containerDefinitions)) return [];
  const line = lineMatching(text, /"taskRoleArn"\s*:/) > 1 ? lineMatching(text, /"taskRoleArn"\s*:/) : lineMatching(text, /"family"\s*:/);
  return [
    {
      name: str(doc.family) ?? 'ecs-task',
      runtime: 'ecs',
      descriptor: 'ecs-task-definition',
      evidence: `${path}:${line}`,
      roots: [asDirRoot(projectOf(path))],
      explicit: false,
      meta: { file: path, ...(str(doc.taskRoleArn) ? { taskRoleArn: String(doc.taskRoleArn) } : {}) },
    },
  ];
}
