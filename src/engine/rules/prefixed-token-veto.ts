/**
 * Malformed copies of prefixed tokens. A value that starts with a token prefix one of our provider rules owns
 * (`bkua_`, `gloas-`, `sk-or-v1-`, `duffel_test_`, `cfut_`, …) is that provider's token; when the provider rule's
 * own pattern only matches a shorter start of the value, the value completed to a longer one, or the value in the
 * other letter case, it is padded, truncated or retyped (`cfut_…EXTRA`, `gloas-` + 32 hex of 64, `spu-` + upper-case
 * hex), and the generic rules must not report it either. A value in a
 * layout the rule does not know at all is left to the generic rules (the provider may have a newer format). Likewise a JWT-looking value (`eyJ….….`) that does not decode
 * to a JWT, and publishable keys (`pk_live_`, Lob `live_pub_`), which are public by design.
 * Test keys (`sk_test_`) stay secrets: they are not publishable, and a shortened test key is still test material.
 */
import type { RuleSpec } from '../types';
import { RULES as AI } from './ai';
import { RULES as AWS } from './aws';
import { RULES as AZURE } from './azure';
import { RULES as CHAT } from './chat';
import { RULES as CLOUD } from './cloud';
import { RULES as DEVOPS } from './devops';
import { RULES as FINTECH } from './fintech';
import { RULES as KEYS } from './keys';
import { isBrokenJwtOrPublicKey } from '../token-shape';
import { RULES as MESSAGING } from './messaging';
import { RULES as PACKAGES } from './packages';
import { RULES as PAYMENTS } from './payments';
import { RULES as SAAS } from './saas';
import { RULES as VCS } from './vcs';

/** Prefix keywords that are ordinary words: a value starting with them may belong to anyone. */
const WORD_PREFIX = /^(?:api|key|keys|secret|token|pat|private|public|test|live|session|access|account|search|function|primary|message|sl|sg|t1|a3|pul|ingest|vf)[_.-]$/;

/** Token prefix (lower-case) → the rules owning it. Built once, on first use. */
let owners: Map<string, RuleSpec[]> | undefined;
let prefixLengths: number[] = [];

function prefixOwners(): Map<string, RuleSpec[]> {
  if (owners) return owners;
  owners = new Map();
  const families = [AI, AWS, AZURE, CHAT, CLOUD, DEVOPS, FINTECH, KEYS, MESSAGING, PACKAGES, PAYMENTS, SAAS, VCS];
  for (const rule of families.flat()) {
    // Only rules that judge a bare token: no file context, no neighbour requirement, no identifier anchor.
    if (rule.fileContext || rule.requiresNearby || rule.anchor) continue;
    for (const k of rule.keywords) {
      if (k.length < 4 || !/^[a-z0-9]+(?:[_.-][a-z0-9]+)*[_.-]$/.test(k) || WORD_PREFIX.test(k)) continue;
      if (/test/.test(k)) continue; // test key material stays flagged, even in a shortened sample (`sk_test_abcd1234…`)
      const list = owners.get(k) ?? [];
      list.push(rule);
      owners.set(k, list);
    }
  }
  prefixLengths = [...new Set([...owners.keys()].map((k) => k.length))].sort((a, b) => a - b);
  return owners;
}

const globalPatterns = new WeakMap<RuleSpec, RegExp>();

/** True when a rule's pattern, run on the value alone, takes the whole value as its secret. */
function ownsWhole(rule: RuleSpec, value: string): boolean {
  let re = globalPatterns.get(rule);
  if (!re) globalPatterns.set(rule, (re = new RegExp(rule.pattern.source, rule.pattern.flags.replace(/[gy]/g, '') + 'g')));
  for (const m of value.matchAll(re)) {
    const secret = m.groups?.secret ?? m.groups?.secret2 ?? m[0];
    if (secret === value) return true;
  }
  return false;
}

/** True when the value is a malformed copy of a prefixed token, a broken JWT or a publishable key. */
export function isMalformedOrPublicToken(value: string): boolean {
  if (isBrokenJwtOrPublicKey(value)) return true;
  const table = prefixOwners();
  const lower = value.slice(0, 40).toLowerCase();
  let owned: RuleSpec[] = [];
  for (const n of prefixLengths) {
    if (n >= value.length) break;
    owned = owned.concat(table.get(lower.slice(0, n)) ?? []);
  }
  if (!owned.length) return false;
  const fits = (candidate: string): boolean => owned.some((r) => ownsWhole(r, candidate));
  // Only layout, length and letter case are judged, not the exact alphabet (our pattern may be stricter about it
  // than the provider): lower-case letters become `a`, upper-case `A`, digits `0`.
  const cut = prefixLengths.find((n) => table.has(lower.slice(0, n))) ?? 0;
  const head = value.slice(0, cut);
  const rest = value.slice(cut);
  const layout = head + rest.replace(/[a-z]/g, 'a').replace(/[A-Z]/g, 'A').replace(/[0-9]/g, '0');
  if (fits(value) || fits(layout)) return false;
  // A copy in the other letter case, padded (`cfut_…EXTRA`, `spu-…badwad`: its start is a whole token) or truncated
  // (completed, it is one). Any other layout may be a format our rule does not know yet: left to the generic rules.
  for (const v of [layout, head + rest.replace(/[A-Za-z]/g, 'a').replace(/[0-9]/g, '0'), head + rest.replace(/[A-Za-z]/g, 'A').replace(/[0-9]/g, '0')]) {
    if (v !== layout && fits(v)) return true;
    for (let n = v.length - 1; n >= cut + 8; n--) if (fits(v.slice(0, n))) return true;
    for (let pad = 1; pad <= 64; pad++) for (const c of 'aA0') if (fits(v + c.repeat(pad))) return true;
  }
  return false;
}
