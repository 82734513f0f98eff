/**
 * Kubernetes manifests: on AWS these run on EKS. Pods get AWS credentials through IRSA (ServiceAccount annotation
 * `eks.amazonaws.com/role-arn`) or EKS Pod Identity. Helm templates that are not YAML fall back to line patterns.
 */
import type { WorkloadSpec } from '../types';
import { asDirRoot, projectOf } from './workspace';
import { escapeRe, isRecord, lineMatching, readYamlDocs, str } from './yaml-docs';

const POD_KINDS = /^(?:Deployment|StatefulSet|DaemonSet|Job|CronJob|Pod|ReplicaSet|Rollout)$/;

function isKubernetesText(text: string): boolean {
  return /^\s*apiVersion\s*:/m.test(text) && /^\s*kind\s*:\s*(?:Deployment|StatefulSet|DaemonSet|Job|CronJob|Pod|ReplicaSet|Rollout|ServiceAccount|ClusterConfig)\b/m.test(text);
}

/** eksctl `ClusterConfig`: IRSA service accounts (`iam.serviceAccounts`) and Pod Identity associations. */
function eksctlWorkloads(path: string, text: string, d: Record<string, unknown>): WorkloadSpec[] {
  const iam = isRecord(d.iam) ? d.iam : {};
  const out: WorkloadSpec[] = [];
  const add = (sa: unknown, podIdentity: boolean) => {
    if (!isRecord(sa)) return;
    const md = isRecord(sa.metadata) ? sa.metadata : sa;
    const name = str(md.name) ?? str(sa.serviceAccountName);
    if (!name) return;
    out.push({ name, runtime: 'eks', descriptor: 'kubernetes', evidence: `${path}:${lineMatching(text, new RegExp(`name\\s*:\\s*["']?${escapeRe(name)}\\b`))}`, roots: [asDirRoot(projectOf(path))], explicit: false, meta: { serviceAccount: name, namespace: str(md.namespace) ?? str(sa.namespace) ?? 'default', ...(podIdentity ? { podIdentity: 'true' } : {}) } });
  };
  if (Array.isArray(iam.serviceAccounts)) iam.serviceAccounts.forEach((sa) => add(sa, false));
  if (Array.isArray(iam.podIdentityAssociations)) iam.podIdentityAssociations.forEach((sa) => add(sa, true));
  return out;
}

export function readKubernetes(path: string, text: string): WorkloadSpec[] {
  if (!/\.ya?ml$/i.test(path) || !isKubernetesText(text)) return [];
  const docs = readYamlDocs(text).filter(isRecord);
  const out: WorkloadSpec[] = [];
  const irsa = new Map<string, string>();
  for (const d of docs) {
    if (d.kind === 'ServiceAccount' && isRecord(d.metadata)) {
      const ann = isRecord(d.metadata.annotations) ? d.metadata.annotations : {};
      const role = str(ann['eks.amazonaws.com/role-arn']);
      if (role) irsa.set(str(d.metadata.name) ?? 'default', role);
    }
  }
  const project = asDirRoot(projectOf(path));
  const hasPods = docs.some((d) => POD_KINDS.test(String(d.kind)));
  for (const d of docs) if (d.kind === 'ClusterConfig' && !hasPods) out.push(...eksctlWorkloads(path, text, d));
  for (const d of docs) {
    if (!POD_KINDS.test(String(d.kind)) || !isRecord(d.metadata)) continue;
    // Helm: `name: {{ include "api.fullname" . }}` is not a string; the chart folder names it
    const name = str(d.metadata.name) ?? /([^/]+)\/templates\/[^/]+$/.exec(path)?.[1] ?? 'workload';
    const spec = podSpec(d);
    const sa = str(spec?.serviceAccountName) ?? str(spec?.serviceAccount) ?? 'default';
    const line = lineMatching(text, new RegExp(`^\\s*kind\\s*:\\s*${escapeRe(String(d.kind))}\\b[\\s\\S]*?name\\s*:\\s*["']?${escapeRe(name)}`, 'm'));
    out.push({
      name,
      runtime: 'eks',
      descriptor: 'kubernetes',
      evidence: `${path}:${line}`,
      roots: [project],
      explicit: false,
      meta: { serviceAccount: sa, namespace: str(d.metadata.namespace) ?? 'default', ...(irsa.has(sa) ? { irsaRoleArn: irsa.get(sa)! } : {}) },
    });
  }
  if (!docs.length) {
    // templated manifests: `kind: Deployment` plus a name on a later line
    const m = /^\s*kind\s*:\s*(Deployment|StatefulSet|DaemonSet|Job|CronJob)\b/m.exec(text);
    if (m) {
      const line = text.slice(0, m.index).split('\n').length;
      out.push({ name: /name\s*:\s*["']?([\w.-]+)/.exec(text.slice(m.index))?.[1] ?? 'workload', runtime: 'eks', descriptor: 'kubernetes', evidence: `${path}:${line}`, roots: [project], explicit: false, meta: { serviceAccount: 'default', namespace: 'default' } });
    }
  }
  return out;
}

/** ServiceAccounts with an IRSA annotation anywhere in a manifest (they may sit in another file than the Deployment). */
export function irsaServiceAccounts(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of readYamlDocs(text)) {
    if (isRecord(d) && d.kind === 'ServiceAccount' && isRecord(d.metadata) && isRecord(d.metadata.annotations)) {
      const role = str(d.metadata.annotations['eks.amazonaws.com/role-arn']);
      if (role) out.set(str(d.metadata.name) ?? 'default', role);
    }
  }
  return out;
}

function podSpec(d: Record<string, unknown>): Record<string, unknown> | undefined {
  const spec = isRecord(d.spec) ? d.spec : undefined;
  if (d.kind === 'Pod') return spec;
  if (d.kind === 'CronJob') {
    const jt = isRecord(spec?.jobTemplate) ? spec.jobTemplate : undefined;
    const js = isRecord(jt?.spec) ? jt.spec : undefined;
    const tpl = isRecord(js?.template) ? js.template : undefined;
    return isRecord(tpl?.spec) ? tpl.spec : undefined;
  }
  const tpl = isRecord(spec?.template) ? spec.template : undefined;
  return isRecord(tpl?.spec) ? tpl.spec : undefined;
}
