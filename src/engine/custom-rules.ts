/**
 * Custom rules from a project config. Their patterns come from the workspace, so they run on re2js (a
 * linear-time RE2 port) instead of the backtracking JS engine: `(a+)+$` costs the same as `a+$`.
 *
 * The scanner walks a rule's `pattern` with `exec`/`lastIndex` and reads `index`, `groups` and `indices` (the
 * `d` flag). `LinearPattern` is a RegExp whose `exec` is answered by re2js in that shape, so custom rules share
 * the prefilter, windows, filters and overlap resolution of built-in rules without a second code path.
 */
import { RE2JS, type Matcher } from 're2js';
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

export class LinearPattern extends RegExp {
  private readonly re2: RE2JS;
  private input: string | undefined;
  private matcher: Matcher | undefined;
  private prevStart = -1;
  private prevEnd = -1;

  constructor(readonly re2Source: string) {
    super('(?!)'); // the JS side never matches anything; `exec` below answers instead
    this.re2 = compileRe2(re2Source);
  }

  override exec(str: string): RegExpExecArray | null {
    if (str !== this.input || this.lastIndex === 0) {
      if (str !== this.input) {
        this.input = str;
        this.matcher = this.re2.matcher(str);
      }
      this.prevStart = this.prevEnd = -1;
    }
    let from = this.lastIndex;
    // The scanner retries at `index + 1` after a rejected match. Restarting inside the previous match could
    // re-walk a long match once per character (quadratic); continue after it instead (non-overlapping).
    if (from > this.prevStart && from < this.prevEnd) from = this.prevEnd;
    const m = this.matcher!;
    if (from > str.length || !m.find(from)) {
      this.lastIndex = 0;
      return null;
    }
    const s = m.start();
    const e = m.end();
    const result = [str.slice(s, e)] as unknown as RegExpExecArray & { indices: RegExpIndicesArray };
    result.index = s;
    result.input = str;
    const indices = [[s, e]] as unknown as RegExpIndicesArray;
    if (m.namedGroups.secret !== undefined && m.start('secret') >= 0) {
      const ss = m.start('secret');
      const se = m.end('secret');
      result.groups = { secret: str.slice(ss, se) };
      indices.groups = { secret: [ss, se] };
    } else {
      result.groups = undefined;
      indices.groups = undefined;
    }
    result.indices = indices;
    this.prevStart = s;
    this.prevEnd = e;
    this.lastIndex = e;
    return result;
  }

  override test(str: string): boolean {
    return this.re2.matcher(str).find();
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
    pattern = new LinearPattern(def.pattern);
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
