import type { RuleSpec } from '../types';
import { RULES as AI } from './ai';
import { RULES as AWS } from './aws';
import { RULES as AZURE } from './azure';
import { RULES as CHAT } from './chat';
import { RULES as CLOUD } from './cloud';
import { RULES as CONNECTION } from './connection';
import { RULES as DEVOPS } from './devops';
import { RULES as FINTECH } from './fintech';
import { RULES as GENERIC } from './generic';
import { RULES as K8S } from './k8s';
import { RULES as KEYS } from './keys';
import { RULES as MESSAGING } from './messaging';
import { RULES as PACKAGES } from './packages';
import { RULES as PAYMENTS } from './payments';
import { RULES as PROVIDER_CONTEXT } from './provider-context';
import { RULES as SAAS } from './saas';
import { RULES as VCS } from './vcs';

/** Every built-in rule, most specific families first (order is also the tie-break for overlaps). */
export const BUILTIN_RULES: readonly RuleSpec[] = [
  ...AWS, ...VCS, ...CHAT, ...PAYMENTS, ...FINTECH, ...CLOUD, ...AZURE, ...AI, ...PACKAGES, ...SAAS, ...MESSAGING, ...DEVOPS,
  ...KEYS, ...CONNECTION, ...K8S, ...PROVIDER_CONTEXT, ...GENERIC,
];

const byId = new Map(BUILTIN_RULES.map((r) => [r.id, r]));
export function ruleById(id: string): RuleSpec | undefined {
  return byId.get(id);
}
