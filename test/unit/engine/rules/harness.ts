/**
 * Test helper for rule families: applies one RuleSpec to a text the way the engine contract describes
 * (keyword prefilter, file context, pattern with `g`, `secret` group, entropy, allow, stopwords,
 * placeholder filter, validate). Used to unit-test rules independently of the scanner; when the
 * engine's `scan()` is available the family tests check it as well.
 */
import { shannonEntropy } from '../../../../src/engine/entropy';
import { isIdentifierOrHash, isPlaceholder } from '../../../../src/engine/placeholders';
import { KeywordAutomaton } from '../../../../src/engine/prefilter';
import type { Finding, RuleSpec, ScanOptions } from '../../../../src/engine/types';

export interface RuleHit {
  secret: string;
  start: number;
  end: number;
}

export function applyRule(rule: RuleSpec, text: string): RuleHit[] {
  const lower = text.toLowerCase();
  if (!rule.keywords.some((k) => lower.includes(k))) return [];
  if (rule.fileContext && !rule.fileContext.test(text)) return [];
  const hits: RuleHit[] = [];
  for (const m of matchesOf(rule, text)) {
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

/** Characters of an assignment name, as the scanner's identifier back-scan accepts them. */
const IDENT = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$@.-') IDENT[c.charCodeAt(0)] = 1;

/**
 * The pattern's matches as the engine tries them: everywhere for plain rules; for identifier-anchored rules
 * once at the start of each identifier that holds a keyword (the scanner's sticky back-scan, ≤ 64 characters).
 */
export function* matchesOf(rule: RuleSpec, text: string): Generator<RegExpExecArray> {
  const flags = rule.pattern.flags.replace(/[gy]/g, '');
  if (rule.anchor !== 'identifier') {
    const re = new RegExp(rule.pattern.source, flags + 'g');
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++;
      else yield m;
    }
    return;
  }
  const re = new RegExp(rule.pattern.source, flags + 'y');
  const starts = new Set<number>();
  automatonFor(rule).scan(text, (_kw, hitEnd) => {
    const end = hitEnd - 1;
    let start = end;
    const floor = Math.max(0, end - 64);
    while (start > floor && IDENT[text.charCodeAt(start - 1)] === 1) start--;
    starts.add(start);
  });
  const ends = new Set<number>();
  for (const start of [...starts].sort((a, b) => a - b)) {
    re.lastIndex = start;
    const m = re.exec(text);
    if (m && m[0].length > 0 && !ends.has(m.index + m[0].length)) {
      ends.add(m.index + m[0].length);
      yield m;
    }
  }
}

const automata = new WeakMap<RuleSpec, KeywordAutomaton>();
function automatonFor(rule: RuleSpec): KeywordAutomaton {
  let a = automata.get(rule);
  if (!a) automata.set(rule, (a = new KeywordAutomaton(rule.keywords)));
  return a;
}

type ScanFn = (text: string, opts?: ScanOptions) => Finding[];

/** The engine's scan(), or undefined while the scanner is not built yet. */
export function engineScan(): ScanFn | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('../../../../src/engine/index') as { scan?: ScanFn };
    return typeof mod.scan === 'function' ? mod.scan : undefined;
  } catch {
    return undefined;
  }
}

/** Built-in rule ids, so a rule can be run through scan() alone (as an extra rule). */
function builtinIds(): string[] {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('../../../../src/engine/index') as { BUILTIN_RULES?: readonly RuleSpec[] };
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
