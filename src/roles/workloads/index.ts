/** Every workload the descriptors in a workspace declare, with the role mechanism details each needs. */
import type { WorkloadSpec } from '../types';
import { isCdkSource, readCdk } from './cdk';
import { isTemplatePath, readCloudFormation } from './cloudformation';
import { isCopilotManifest, readCopilot } from './copilot';
import { readEcsTaskDefinition } from './ecs-task';
import { isWorkflowPath, readWorkflow } from './github-actions';
import { irsaServiceAccounts, readKubernetes } from './kubernetes';
import { isServerlessPath, readServerless } from './serverless';
import { podIdentityServiceAccounts, readTerraform } from './terraform';
import type { Workspace } from './workspace';

export function findWorkloads(ws: Workspace): WorkloadSpec[] {
  const out: WorkloadSpec[] = [];
  const irsa = new Map<string, string>();
  const podIdentity = new Set<string>();
  for (const [path, text] of ws.files) {
    try {
      if (isWorkflowPath(path)) out.push(...readWorkflow(ws, path, text));
      else if (isServerlessPath(path)) out.push(...readServerless(ws, path, text));
      else if (isCopilotManifest(path)) out.push(...readCopilot(ws, path, text));
      else if (path.endsWith('.tf')) {
        out.push(...readTerraform(ws, path, text));
        podIdentityServiceAccounts(text).forEach((s) => podIdentity.add(s));
      } else {
        const cdk = isCdkSource(path, text);
        if (cdk) out.push(...readCdk(ws, path, text, cdk));
        else if (/\.ya?ml$/i.test(path)) {
          const k8s = readKubernetes(path, text);
          out.push(...k8s);
          irsaServiceAccounts(text).forEach((v, k) => irsa.set(k, v));
          if (/podIdentityAssociations\s*:/.test(text)) for (const m of text.matchAll(/serviceAccountName\s*:\s*["']?([\w.-]+)/g)) podIdentity.add(m[1]);
          if (!k8s.length && isTemplatePath(path)) out.push(...readCloudFormation(ws, path, text));
        } else if (path.endsWith('.json')) {
          out.push(...readEcsTaskDefinition(path, text));
          if (isTemplatePath(path)) out.push(...readCloudFormation(ws, path, text));
        } else if (path.endsWith('.template')) out.push(...readCloudFormation(ws, path, text));
      }
    } catch {
      // a descriptor that cannot be read is skipped; the code it points to falls back to `unknown`
    }
  }
  for (const w of out) {
    if (w.runtime !== 'eks' || !w.meta) continue;
    const sa = w.meta.serviceAccount ?? 'default';
    if (!w.meta.irsaRoleArn && irsa.has(sa)) w.meta.irsaRoleArn = irsa.get(sa)!;
    if (podIdentity.has(sa)) w.meta.podIdentity = 'true';
  }
  return out;
}

/** Paths the analysis reads besides source code: descriptors and the scripts/manifests they point to. */
export function isDescriptorPath(path: string): boolean {
  return /\.(?:ya?ml|json|tf|template|sh)$/i.test(path) || /(?:^|\/)cdk\.json$/.test(path);
}
