/**
 * Test helper for rule families: applies one RuleSpec to a text the way the engine contract describes
 * (keyword prefilter, file context, pattern with `g`, `secret` group, entropy, allow, stopwords,
 * placeholder filter, validate). Used to unit-test rules independently of the scanner; when the
 * engine's `scan()` is available the family tests check it as well.
 */
import { shannonEntropy } from '../../../src/engine/entropy';
import { isIdentifierOrHash, isPlaceholder } from '../../../src/engine/placeholders';
import type { Finding, RuleSpec, ScanOptions } from '../../../src/engine/types';

export interface RuleHit {
  secret: string;
  start: number;
  end: number;
}

export function applyRule(rule: RuleSpec, text: string): RuleHit[] {
  const lower = text.toLowerCase();
  if (!rule.keywords.some((k) => lower.includes(k))) return [];
  if (rule.fileContext && !rule.fileContext.test(text)) return [];
  const re = new RegExp(rule.pattern.source, rule.pattern.flags.replace(/[gy]/g, '') + 'g');
  const hits: RuleHit[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const secret = m.groups?.secret ?? m[0];
    if (secret === undefined || secret.length === 0) continue;
    const rel = m.groups?.secret !== undefined ? m[0].indexOf(secret) : 0;
    const start = m.index + Math.max(0, rel);
    if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) continue;
    if (rule.allow?.some((a) => a.test(secret))) continue;
    const ls = secret.toLowerCase();
    if (rule.stopwords?.some((w) => ls.includes(w))) continue;
    if (rule.placeholderFilter && (isPlaceholder(secret) || isIdentifierOrHash(secret))) continue;
    if (rule.validate && !rule.validate(secret, { text, match: m[0], matchOffset: m.index, groups: m.groups ?? {} })) continue;
    hits.push({ secret, start, end: start + secret.length });
  }
  return hits;
}

type ScanFn = (text: string, opts?: ScanOptions) => Finding[];

/** The engine's scan(), or undefined while the scanner is not built yet. */
export function engineScan(): ScanFn | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('../../../src/engine/index') as { scan?: ScanFn };
    return typeof mod.scan === 'function' ? mod.scan : undefined;
  } catch {
    return undefined;
  }
}

/** Built-in rule ids, so a rule can be run through scan() alone (as an extra rule). */
export function builtinIds(): string[] {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('../../../src/engine/index') as { BUILTIN_RULES?: readonly RuleSpec[] };
    return (mod.BUILTIN_RULES ?? []).map((r) => r.id);
  } catch {
    return [];
  }
}

/** Findings of `rule` alone through the engine (other built-ins disabled), or undefined without an engine. */
export function scanWithOnly(rule: RuleSpec, text: string): Finding[] | undefined {
  const scan = engineScan();
  if (!scan) return undefined;
  const probe: RuleSpec = { ...rule, id: `${rule.id}--under-test` };
  return scan(text, { extraRules: [probe], disabledRules: builtinIds() }).filter((f) => f.ruleId === probe.id);
}
