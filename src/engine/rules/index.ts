import type { RuleSpec } from '../types';
import { RULES as AWS } from './aws';
import { RULES as GENERIC } from './generic';
import { RULES as K8S } from './k8s';

/** Every built-in rule, most specific families first (order is also the tie-break for overlaps). */
export const BUILTIN_RULES: readonly RuleSpec[] = [...AWS, ...K8S, ...GENERIC];

const byId = new Map(BUILTIN_RULES.map((r) => [r.id, r]));
export function ruleById(id: string): RuleSpec | undefined {
  return byId.get(id);
}
