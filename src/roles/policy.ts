/**
 * Least-privilege policy from resolved calls: exactly the actions the code needs; each action on the ARNs of the
 * literal resources its calls name, or `*` when any call of it names none (said plainly by the renderers).
 */
import type { ResolvedCall } from './catalogue';
import { arnsFor } from './resources';
import type { PolicyDocument, PolicyStatement } from './types';

export interface ActionResources {
  action: string;
  /** Sorted ARNs, or `['*']`. */
  resources: string[];
}

export function actionResources(resolved: ResolvedCall[]): ActionResources[] {
  const byAction = new Map<string, Set<string> | '*'>();
  for (const { call, actions } of resolved) {
    for (const { action, resourceTypes } of actions) {
      const cur = byAction.get(action);
      if (cur === '*') continue;
      let arns: string[] | undefined;
      if (call.resources?.length) {
        const all = call.resources.map((h) => arnsFor(h, action, resourceTypes));
        arns = all.every((a) => a) ? (all.flat() as string[]) : undefined;
      }
      if (!arns) byAction.set(action, '*');
      else {
        const set = cur ?? new Set<string>();
        arns.forEach((a) => set.add(a));
        byAction.set(action, set);
      }
    }
  }
  return [...byAction.entries()]
    .map(([action, r]) => ({ action, resources: r === '*' ? ['*'] : [...r].sort() }))
    .sort((a, b) => cmp(a.action, b.action));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One statement per (service, resource set): readable, and each statement is easy to tighten by hand. */
export function buildPolicy(list: ActionResources[]): PolicyDocument {
  const groups = new Map<string, { service: string; actions: string[]; resources: string[] }>();
  for (const { action, resources } of list) {
    const service = action.slice(0, action.indexOf(':'));
    const key = `${service}|${resources.join(',')}`;
    const g = groups.get(key) ?? { service, actions: [], resources };
    g.actions.push(action);
    groups.set(key, g);
  }
  const sids = new Map<string, number>();
  const statements: PolicyStatement[] = [...groups.values()]
    .sort((a, b) => cmp(a.service, b.service) || cmp(a.resources.join(','), b.resources.join(',')))
    .map((g) => {
      const base = g.service.replace(/(^|[-_])(\w)/g, (_m, _s, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '') + (g.resources[0] === '*' ? 'Any' : '');
      const n = (sids.get(base) ?? 0) + 1;
      sids.set(base, n);
      return { Sid: n > 1 ? `${base}${n}` : base, Effect: 'Allow' as const, Action: [...g.actions].sort(), Resource: g.resources };
    });
  return { Version: '2012-10-17', Statement: statements };
}
