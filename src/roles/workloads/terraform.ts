/**
 * Terraform: `aws_instance` / `aws_launch_template` (EC2 instance profile), `aws_lambda_function` (its code from
 * `filename`/`source_dir` through `data "archive_file"`), `aws_ecs_task_definition` (task role), and EKS Pod
 * Identity associations. Blocks are delimited on the lexed shape (strings and comments inert).
 */
import { lex, shapeView } from '../../syntax/lexer';
import { bracketPairs } from '../../report/shape';
import type { Runtime, WorkloadSpec } from '../types';
import { handlerFile, javaModuleDir } from './handlers';
import { asDirRoot, dirOf, isDir, join, projectOf, type Workspace } from './workspace';

interface Block {
  kind: 'resource' | 'data';
  type: string;
  name: string;
  body: string;
  line: number;
}

function readTerraformBlocks(text: string): Block[] {
  const shape = shapeView(lex(text, 'terraform'));
  const pairs = bracketPairs(shape);
  const out: Block[] = [];
  const re = /(?:^|\n)\s*(resource|data)\s+"[^"\n]*"\s+"[^"\n]*"\s*\{/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(shape))) {
    const open = m.index + m[0].length - 1;
    const close = pairs[open] ?? -1;
    if (close < 0) continue;
    const head = /(resource|data)\s+"([^"]*)"\s+"([^"]*)"/.exec(text.slice(m.index, open + 1));
    if (!head) continue;
    const start = m.index + m[0].search(/resource|data/);
    out.push({ kind: head[1] as Block['kind'], type: head[2], name: head[3], body: text.slice(open + 1, close), line: text.slice(0, start).split('\n').length });
  }
  return out;
}

/** A top-level `key = "value"` (or `key = ref.path`) of a block body. */
function attr(body: string, key: string): string | undefined {
  const m = new RegExp(`(?:^|\\n)\\s*${key}\\s*=\\s*(?:"([^"\\n]*)"|([\\w.\\[\\]"-]+))`).exec(body);
  return m ? (m[1] ?? m[2]) : undefined;
}

const RUNTIME_BY_TYPE: Record<string, Runtime> = {
  aws_instance: 'ec2',
  aws_launch_template: 'ec2',
  aws_launch_configuration: 'ec2',
  aws_spot_instance_request: 'ec2',
  aws_elastic_beanstalk_environment: 'ec2',
  aws_lambda_function: 'lambda',
  aws_ecs_task_definition: 'ecs',
  // the Terraform kubernetes provider on EKS
  kubernetes_deployment: 'eks',
  kubernetes_deployment_v1: 'eks',
  kubernetes_stateful_set: 'eks',
  kubernetes_stateful_set_v1: 'eks',
  kubernetes_cron_job: 'eks',
  kubernetes_cron_job_v1: 'eks',
  kubernetes_job: 'eks',
  kubernetes_job_v1: 'eks',
};

export function readTerraform(ws: Workspace, path: string, text: string): WorkloadSpec[] {
  if (!path.endsWith('.tf') || !/resource\s+"(?:aws_(?:instance|launch_template|launch_configuration|spot_instance_request|elastic_beanstalk_environment|lambda_function|ecs_task_definition)|kubernetes_(?:deployment|stateful_set|cron_job|job)(?:_v1)?)"/.test(text)) return [];
  const blocks = readTerraformBlocks(text);
  const moduleDir = dirOf(path);
  const archives = new Map(blocks.filter((b) => b.kind === 'data' && b.type === 'archive_file').map((b) => [b.name, b]));
  const local = (p: string | undefined) => (p === undefined ? undefined : join(moduleDir, p.replace(/\$\{path\.(?:module|root|cwd)\}\/?/g, '')));
  const out: WorkloadSpec[] = [];
  for (const b of blocks) {
    const runtime = b.kind === 'resource' ? RUNTIME_BY_TYPE[b.type] : undefined;
    if (!runtime) continue;
    const evidence = `${path}:${b.line}`;
    const meta: Record<string, string> = { address: `${b.type}.${b.name}` };
    if (runtime === 'eks') {
      const sa = /service_account_name\s*=\s*"([^"]+)"/.exec(b.body)?.[1];
      if (sa) meta.serviceAccount = sa;
    }
    if (runtime !== 'lambda') {
      out.push({ name: b.name, runtime, descriptor: runtime === 'eks' ? 'kubernetes' : 'terraform', evidence, roots: [asDirRoot(projectOf(path))], explicit: false, meta });
      continue;
    }
    let codeDir: string | undefined;
    let codeFile: string | undefined;
    const filename = attr(b.body, 'filename');
    const arch = filename && /^data\.archive_file\.([\w-]+)\.output_path$/.exec(filename);
    if (arch && archives.has(arch[1])) {
      const a = archives.get(arch[1])!;
      codeDir = local(attr(a.body, 'source_dir'));
      codeFile = local(attr(a.body, 'source_file'));
    }
    const roots: string[] = [];
    const handler = attr(b.body, 'handler');
    if (codeFile && ws.files.has(codeFile)) roots.push(codeFile);
    else if (codeDir !== undefined && isDir(ws, codeDir)) {
      const file = handlerFile(ws, codeDir, handler);
      roots.push(file && /\.java$|\.kt$/.test(file) ? asDirRoot(javaModuleDir(file)) : asDirRoot(codeDir));
    } else {
      const file = handlerFile(ws, projectOf(path), handler);
      if (file) roots.push(file);
    }
    out.push({ name: attr(b.body, 'function_name') && !/[${}]/.test(attr(b.body, 'function_name')!) ? attr(b.body, 'function_name')! : b.name, runtime, descriptor: 'terraform', evidence, roots: roots.length ? roots : [asDirRoot(projectOf(path))], explicit: roots.length > 0, meta });
  }
  return out;
}

/** `aws_eks_pod_identity_association` service accounts (EKS Pod Identity instead of IRSA). */
export function podIdentityServiceAccounts(text: string): Set<string> {
  const out = new Set<string>();
  if (!/aws_eks_pod_identity_association/.test(text)) return out;
  for (const b of readTerraformBlocks(text)) if (b.type === 'aws_eks_pod_identity_association') out.add(attr(b.body, 'service_account') ?? 'default');
  return out;
}
