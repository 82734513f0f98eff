import type { RuleSpec } from '../types';
import { RULES as AI } from './ai';
import { RULES as AWS } from './aws';
import { RULES as AZURE } from './azure';
import { RULES as CALLS } from './call-arguments';
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

/** The rule families (one file each), most specific first: the order is also the tie-break for overlaps. */
export const RULE_FAMILIES: readonly { family: string; rules: readonly RuleSpec[] }[] = [
  { family: 'aws', rules: AWS }, { family: 'vcs', rules: VCS }, { family: 'chat', rules: CHAT },
  { family: 'payments', rules: PAYMENTS }, { family: 'fintech', rules: FINTECH }, { family: 'cloud', rules: CLOUD },
  { family: 'azure', rules: AZURE }, { family: 'ai', rules: AI }, { family: 'packages', rules: PACKAGES },
  { family: 'saas', rules: SAAS }, { family: 'messaging', rules: MESSAGING }, { family: 'devops', rules: DEVOPS },
  { family: 'keys', rules: KEYS }, { family: 'connection', rules: CONNECTION }, { family: 'k8s', rules: K8S },
  { family: 'provider-context', rules: PROVIDER_CONTEXT }, { family: 'calls', rules: CALLS },
  { family: 'generic', rules: GENERIC },
];

/** Every built-in rule, in family order. */
export const BUILTIN_RULES: readonly RuleSpec[] = RULE_FAMILIES.flatMap((f) => f.rules);

const byId = new Map(BUILTIN_RULES.map((r) => [r.id, r]));
export function ruleById(id: string): RuleSpec | undefined {
  return byId.get(id);
}
