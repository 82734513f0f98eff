/**
 * Custom rules from a project config. Their patterns come from the workspace, so they run on re2js (a
 * linear-time RE2 port) instead of the backtracking JS engine: `(a+)+$` costs the same as `a+$`.
 *
 * The scanner walks a rule's `pattern` with `exec`/`lastIndex` and reads `index`, `groups` and `indices` (the
 * `d` flag). `LinearPattern` is a RegExp whose `exec` is answered by re2js in that shape, so custom rules share
 * the prefilter, windows, filters and overlap resolution of built-in rules without a second code path.
 */
import { RE2JS } from 're2js';
import { FINDING_KINDS, type CustomRuleDef, type RuleSpec } from './types';

export class CustomRuleError extends Error {
  constructor(
    readonly ruleId: string,
    /** The offending field of the definition, e.g. `pattern`. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Compiles an RE2 pattern or throws a one-line message (no stack, no pattern echo beyond the error). */
export function compileRe2(source: string, flags = 0): RE2JS {
  try {
    return RE2JS.compile(source, flags);
  } catch (e) {
    throw new Error(`invalid RE2 pattern: ${(e as Error).message}`);
  }
}

/** On lines longer than a piece, a custom rule sees this many characters before / after each keyword. */
const LONG_LINE_BEFORE = 256;
const LONG_LINE_AFTER = 2048;

interface Hit {
  start: number;
  end: number;
  secret?: [number, number];
}

export class LinearPattern extends RegExp {
  private readonly re2: RE2JS;
  /** Longest input matched in one go: re2js uses its bounded backtracker (fast) only up to a length. */
  private readonly piece: number;
  private readonly keywordRe: RegExp | undefined;
  private input: string | undefined;
  private hits: Hit[] = [];

  constructor(
    readonly re2Source: string,
    keywords: readonly string[] = [],
  ) {
    super('(?!)'); // the JS side never matches anything; `exec` below answers instead
    this.re2 = compileRe2(re2Source);
    this.piece = Math.max(1024, Math.min(16384, Math.floor(262144 / Math.max(1, this.re2.programSize())) - 1));
    const lits = keywords.filter(Boolean).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.keywordRe = lits.length ? new RegExp(lits.join('|'), 'gi') : undefined;
  }

  /**
   * All non-overlapping matches of a window, computed once per window. The scanner's retry after a rejected
   * match (`lastIndex = index + 1`) then lands on the next match instead of re-walking a long one (quadratic).
   */
  override exec(str: string): RegExpExecArray | null {
    if (str !== this.input || this.lastIndex === 0) {
      if (str !== this.input) this.hits = this.matchAll(str);
      this.input = str;
    }
    const from = this.lastIndex;
    let lo = 0;
    let hi = this.hits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.hits[mid].start < from) lo = mid + 1;
      else hi = mid;
    }
    const hit = this.hits[lo];
    if (!hit) {
      this.lastIndex = 0;
      return null;
    }
    const result = [str.slice(hit.start, hit.end)] as unknown as RegExpExecArray & { indices: RegExpIndicesArray };
    result.index = hit.start;
    result.input = str;
    const indices = [[hit.start, hit.end]] as unknown as RegExpIndicesArray;
    result.groups = hit.secret ? { secret: str.slice(hit.secret[0], hit.secret[1]) } : undefined;
    indices.groups = hit.secret ? { secret: hit.secret } : undefined;
    result.indices = indices;
    this.lastIndex = hit.end;
    return result;
  }

  override test(str: string): boolean {
    return this.re2.test(str);
  }

  private matchAll(str: string): Hit[] {
    if (str.length <= this.piece) return this.matchPiece(str, 0);
    const out: Hit[] = [];
    for (const [s, e] of this.regions(str)) {
      for (let p = s; p < e; p += this.piece) out.push(...this.matchPiece(str.slice(p, Math.min(e, p + this.piece)), p));
    }
    return out;
  }

  private matchPiece(text: string, base: number): Hit[] {
    const out: Hit[] = [];
    if (!this.re2.test(text)) return out; // DFA, no captures: the cheap common case
    const m = this.re2.matcher(text);
    const hasSecret = this.re2.namedGroups().secret !== undefined;
    while (m.find()) {
      const s = m.start();
      const e = m.end();
      if (e === s) continue;
      const hit: Hit = { start: base + s, end: base + e };
      if (hasSecret) {
        const ss = m.start('secret');
        if (ss >= 0) hit.secret = [base + ss, base + m.end('secret')];
      }
      out.push(hit);
    }
    return out;
  }

  /** Merged spans around keyword occurrences (long lines only): what a custom rule may look at. */
  private regions(str: string): [number, number][] {
    const out: [number, number][] = [];
    if (!this.keywordRe) return [[0, str.length]];
    this.keywordRe.lastIndex = 0;
    let k: RegExpExecArray | null;
    while ((k = this.keywordRe.exec(str)) !== null) {
      const s = Math.max(0, k.index - LONG_LINE_BEFORE);
      const e = Math.min(str.length, k.index + k[0].length + LONG_LINE_AFTER);
      const last = out[out.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else out.push([s, e]);
      if (k[0].length === 0) this.keywordRe.lastIndex++;
    }
    return out;
  }
}

export function isLinearPattern(re: RegExp): re is LinearPattern {
  return re instanceof LinearPattern;
}

/** Turns one definition into a rule; throws `CustomRuleError` naming the bad field. */
export function compileCustomRule(def: CustomRuleDef): RuleSpec {
  const fail = (field: string, msg: string): never => {
    throw new CustomRuleError(def.id, field, msg);
  };
  if (!def.id) fail('id', 'a custom rule needs an id');
  if (!FINDING_KINDS.includes(def.kind)) fail('kind', `unknown kind '${String(def.kind)}'`);
  if (!['error', 'warning', 'info'].includes(def.severity)) fail('severity', `unknown severity '${String(def.severity)}'`);
  const keywords = def.keywords.map((k) => k.toLowerCase()).filter(Boolean);
  if (keywords.length === 0) fail('keywords', 'needs at least one non-empty keyword (the prefilter routes text by them)');
  let pattern: LinearPattern;
  try {
    pattern = new LinearPattern(def.pattern, keywords);
  } catch (e) {
    return fail('pattern', (e as Error).message);
  }
  return {
    id: def.id,
    kind: def.kind,
    severity: def.severity,
    title: def.title,
    description: def.description ?? def.title,
    keywords,
    pattern,
    entropy: def.entropy,
    examples: { positive: def.examples?.positive ?? [], negative: def.examples?.negative ?? [] },
  };
}

const compiledCache = new Map<string, RuleSpec[]>();

/**
 * Compiled rules for a list of definitions, cached by content: every scan of a file (or keystroke) with the
 * same config gets the same array, so the rule set built from it is cached too.
 */
export function customRuleSpecs(defs: readonly CustomRuleDef[]): RuleSpec[] {
  const key = JSON.stringify(defs);
  let specs = compiledCache.get(key);
  if (!specs) {
    specs = defs.map(compileCustomRule);
    if (compiledCache.size > 16) compiledCache.clear();
    compiledCache.set(key, specs);
  }
  return specs;
}
