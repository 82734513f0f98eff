/**
 * SAM / CloudFormation templates: `AWS::Serverless::Function` and `AWS::Lambda::Function` (CodeUri + Handler →
 * code), `AWS::ECS::TaskDefinition` and `AWS::EC2::Instance` (the project's code). One workload per function:
 * each gets its own execution role.
 */
import type { DescriptorKind, WorkloadSpec } from '../types';
import { handlerFile, javaModuleDir } from './handlers';
import { asDirRoot, dirOf, isDir, join, projectOf, type Workspace } from './workspace';
import { escapeRe, isRecord, lineMatching, readYamlDocs, str } from './yaml-docs';

export function isTemplatePath(path: string): boolean {
  return /\.(?:ya?ml|json|template)$/i.test(path) && !/(?:^|\/)\.github\/|(?:^|\/)serverless\.ya?ml$|package(?:-lock)?\.json$|tsconfig|\.vscode\//.test(path);
}

export function readCloudFormation(ws: Workspace, path: string, text: string): WorkloadSpec[] {
  if (!/AWS::(?:Serverless|Lambda|ECS|EC2|AutoScaling)::/.test(text)) return [];
  let doc: unknown;
  if (path.endsWith('.json')) {
    try {
      doc = JSON.parse(text);
    } catch {
      return [];
    }
  } else doc = readYamlDocs(text)[0];
  if (!isRecord(doc) || !isRecord(doc.Resources)) return [];
  const sam = typeof doc.Transform === 'string' ? /Serverless/.test(doc.Transform) : Array.isArray(doc.Transform) && doc.Transform.some((t) => /Serverless/.test(String(t)));
  const globals = isRecord(doc.Globals) && isRecord(doc.Globals.Function) ? doc.Globals.Function : {};
  const dir = dirOf(path);
  const functions = Object.entries(doc.Resources).filter(([, r]) => isRecord(r) && /^AWS::(?:Serverless::Function|Lambda::Function)$/.test(String(r.Type)));
  const codeUris = functions.map(([, r]) => str((r as { Properties?: Record<string, unknown> }).Properties?.CodeUri) ?? str(globals.CodeUri) ?? '.');
  const out: WorkloadSpec[] = [];
  for (const [id, res] of Object.entries(doc.Resources)) {
    if (!isRecord(res)) continue;
    const type = String(res.Type);
    const props = isRecord(res.Properties) ? res.Properties : {};
    const evidence = `${path}:${lineMatching(text, new RegExp(`^\\s*"?${escapeRe(id)}"?\\s*:`, 'm'))}`;
    const descriptor: DescriptorKind = sam ? 'sam' : 'cloudformation';
    if (type === 'AWS::Serverless::Function' || type === 'AWS::Lambda::Function') {
      const meta0 = isRecord(res.Metadata) ? res.Metadata : {};
      // container images: the Docker build context is the code
      const codeUri = str(props.CodeUri) ?? (props.PackageType === 'Image' ? str(meta0.DockerContext) : undefined) ?? str(globals.CodeUri) ?? (type === 'AWS::Serverless::Function' ? '.' : undefined);
      const handler = str(props.Handler) ?? str(globals.Handler);
      const roots: string[] = [];
      const codeDir = codeUri !== undefined ? join(dir, codeUri) : undefined;
      const meta = isRecord(res.Metadata) ? res.Metadata : {};
      const entries = isRecord(meta.BuildProperties) && Array.isArray(meta.BuildProperties.EntryPoints) ? meta.BuildProperties.EntryPoints.map(String) : [];
      if (codeDir !== undefined) {
        const file = handlerFile(ws, codeDir, handler) ?? entries.map((e) => handlerFile(ws, codeDir, `${e.replace(/\.[jt]s$/, '')}.handler`)).find(Boolean);
        const shared = codeUris.filter((c) => c === codeUri).length > 1;
        if (file && (shared || !isDir(ws, codeDir))) roots.push(/\.java$|\.kt$/.test(file) ? asDirRoot(javaModuleDir(file)) : file);
        else if (isDir(ws, codeDir)) roots.push(asDirRoot(codeDir));
        else if (ws.files.has(codeDir)) roots.push(codeDir);
      }
      out.push({ name: id, runtime: 'lambda', descriptor, evidence, roots, explicit: true, meta: { resource: id, ...(str(props.Runtime) ? { lambdaRuntime: String(props.Runtime) } : {}) } });
    } else if (type === 'AWS::ECS::TaskDefinition') {
      out.push({ name: str(props.Family) ?? id, runtime: 'ecs', descriptor, evidence, roots: [asDirRoot(projectOf(path))], explicit: false, meta: { resource: id } });
    } else if (type === 'AWS::EC2::Instance' || type === 'AWS::EC2::LaunchTemplate' || type === 'AWS::AutoScaling::LaunchConfiguration') {
      out.push({ name: id, runtime: 'ec2', descriptor, evidence, roots: [asDirRoot(projectOf(path))], explicit: false, meta: { resource: id } });
    }
  }
  return out;
}
