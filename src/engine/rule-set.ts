import { leadingLiteral } from './file-context';
import { KeywordAutomaton } from './prefilter';
import type { RuleSpec, ScanOptions } from './types';
import { BUILTIN_RULES } from './rules';
import { customRuleSpecs, isLinearPattern } from './custom-rules';

export interface CompiledRule {
  spec: RuleSpec;
}

/**
 * Rules sharing one pattern (e.g. the password and api-key assignment rules) run it once per window;
 * each match is then offered to the group's rules in order.
 */
export interface PatternGroup {
  /** The shared pattern with `g` added, so each window can be walked. */
  re: RegExp;
  /**
   * Sticky variant with `d` (match indices), run again only where a rule accepted a match, to locate the secret:
   * computing indices on every exec costs about half as much again as the match itself.
   */
  locate?: RegExp;
  /** Sticky variant for identifier-anchored groups: tried exactly at each anchor. */
  sticky?: RegExp;
  /** Sticky separator tried after the name before `sticky` (when every rule of the group declares the same one). */
  separatorAfterName?: RegExp;
  /** The group's `separatorMayStart` (when every rule declares the same one). */
  separatorMayStart?: (text: string, at: number) => boolean;
  /** The group's `literalWithin` (when every rule declares the same one). */
  literalWithin?: { literal: string; chars: number };
  /** The group's `literalAfterKeyword` (when every rule declares the same one). */
  literalAfterKeyword?: { literal: string; chars: number };
  /** The group's `keywordShape`, sticky (when every rule declares the same one). */
  keywordShape?: RegExp;
  rules: CompiledRule[];
  spanLines: number;
}

/** Rules selected for a scan plus the keyword automaton that routes text to them. */
export class RuleSet {
  readonly groups: PatternGroup[] = [];
  readonly automaton: KeywordAutomaton;
  /** keyword index → indexes into `groups` */
  readonly groupsByKeyword: number[][];
  /** keyword index → file contexts whose leading literal the keyword is (see file-context.ts) */
  readonly contextsByKeyword: (RegExp[] | undefined)[] = [];
  /** File contexts routed that way: a whole-text pass knows every place they can match. */
  readonly routedContexts = new Set<RegExp>();
  /** How far (in lines) an edit can influence a finding: the incremental window radius. */
  readonly contextLines: number;

  constructor(specs: readonly RuleSpec[]) {
    const groupOf = new Map<RegExp, number>();
    const keywords: string[] = [];
    const indexOf = new Map<string, number>();
    this.groupsByKeyword = [];
    /** The automaton's index of a (lower-case) keyword, added on first use. */
    const keywordIndex = (kw: string): number => {
      let k = indexOf.get(kw);
      if (k === undefined) {
        k = keywords.length;
        keywords.push(kw);
        indexOf.set(kw, k);
        this.groupsByKeyword.push([]);
      }
      return k;
    };
    for (const spec of specs) {
      let gi = groupOf.get(spec.pattern);
      if (gi === undefined) {
        gi = this.groups.length;
        groupOf.set(spec.pattern, gi);
        // Custom rules' re2js patterns are used as they are (they already report indices).
        const linear = isLinearPattern(spec.pattern);
        const re = linear ? spec.pattern : withFlags(spec.pattern, 'g');
        const locate = linear ? undefined : withFlags(spec.pattern, 'yd');
        const sticky = spec.anchor === 'identifier' && !linear ? withFlags(spec.pattern, 'y') : undefined;
        this.groups.push({ re, locate, sticky, rules: [], spanLines: 0 });
      }
      const group = this.groups[gi];
      const hint = spec.separatorAfterName && group.sticky ? spec.separatorAfterName : undefined;
      const mayStart = hint ? spec.separatorMayStart : undefined;
      group.literalWithin = sharedHint(group, group.sticky ? spec.literalWithin : undefined, group.literalWithin);
      group.literalAfterKeyword = sharedHint(group, group.sticky ? undefined : spec.literalAfterKeyword, group.literalAfterKeyword);
      const shape = group.sticky ? undefined : spec.keywordShape;
      if (group.rules.length === 0) group.keywordShape = shape && withFlags(shape, 'y');
      else if (shape?.source !== group.keywordShape?.source || shape?.flags.replace(/[gy]/g, '') !== group.keywordShape?.flags.replace(/[gy]/g, '')) group.keywordShape = undefined;
      if (group.rules.length === 0) {
        group.separatorAfterName = hint && withFlags(hint, 'y');
        group.separatorMayStart = mayStart;
      } else if (group.separatorAfterName && hint?.source !== group.separatorAfterName.source) {
        group.separatorAfterName = undefined;
        group.separatorMayStart = undefined;
      } else if (group.separatorMayStart !== mayStart) {
        group.separatorMayStart = undefined;
      }
      group.rules.push({ spec });
      group.spanLines = Math.max(group.spanLines, spec.spanLines ?? 0);
      for (const raw of spec.keywords) {
        const k = keywordIndex(raw.toLowerCase());
        if (!this.groupsByKeyword[k].includes(gi)) this.groupsByKeyword[k].push(gi);
      }
    }
    for (const spec of specs) {
      const fc = spec.fileContext;
      const literal = fc ? leadingLiteral(fc).toLowerCase() : '';
      if (!fc || !literal || !/^[\x20-\x7e]+$/.test(literal) || this.routedContexts.has(fc)) continue;
      (this.contextsByKeyword[keywordIndex(literal)] ??= []).push(fc);
      this.routedContexts.add(fc);
    }
    this.automaton = new KeywordAutomaton(keywords);
    this.contextLines = Math.max(
      2,
      ...specs.map((s) => Math.max(s.requiresNearby?.withinLines ?? 0, Math.min(s.spanLines ?? 0, 10))),
    );
  }
}

/** A literal hint applies to a group only when every rule of it declares the same one. */
function sharedHint(
  group: PatternGroup,
  hint: { literal: string; chars: number } | undefined,
  current: { literal: string; chars: number } | undefined,
): { literal: string; chars: number } | undefined {
  if (group.rules.length === 0) return hint;
  return hint && current && hint.literal === current.literal && hint.chars === current.chars ? current : undefined;
}

function withFlags(re: RegExp, extra: string): RegExp {
  let flags = re.flags.replace(/[gy]/g, '');
  for (const f of extra) if (!flags.includes(f)) flags += f;
  return new RegExp(re.source, flags);
}

let defaultSet: RuleSet | undefined;
const cache = new Map<string, RuleSet>();

/** Rule sets are cached by their selection so repeated scans (every keystroke) compile nothing. */
export function ruleSetFor(opts: ScanOptions = {}): RuleSet {
  if (opts.customRules?.length) opts = { ...opts, extraRules: withCustomRules(opts) };
  const plain = !opts.kinds && !opts.onlyRules && !opts.disabledRules?.length && !opts.extraRules?.length;
  if (plain) return (defaultSet ??= new RuleSet(BUILTIN_RULES));
  const key = JSON.stringify([opts.kinds ?? null, opts.disabledRules ?? null, opts.onlyRules ?? null]);
  if (!opts.extraRules?.length) {
    let rs = cache.get(key);
    if (!rs) {
      rs = new RuleSet(selectRules(BUILTIN_RULES, opts));
      if (cache.size > 32) cache.clear();
      cache.set(key, rs);
    }
    return rs;
  }
  let perExtra = extraCache.get(opts.extraRules);
  if (!perExtra) extraCache.set(opts.extraRules, (perExtra = new Map()));
  let rs = perExtra.get(key);
  if (!rs) perExtra.set(key, (rs = new RuleSet(selectRules([...BUILTIN_RULES, ...opts.extraRules], opts))));
  return rs;
}

/** Custom rules arrive as one array per loaded config; key the compiled set on that array's identity. */
const extraCache = new WeakMap<readonly RuleSpec[], Map<string, RuleSet>>();

const EMPTY: RuleSpec[] = [];
const joined = new WeakMap<readonly RuleSpec[], WeakMap<readonly RuleSpec[], RuleSpec[]>>();

/** `extraRules` + compiled `customRules`, with a stable identity per (extraRules, customRules content). */
function withCustomRules(opts: ScanOptions): RuleSpec[] {
  const custom = customRuleSpecs(opts.customRules!);
  const extra = opts.extraRules ?? EMPTY;
  if (extra.length === 0) return custom;
  let byCustom = joined.get(extra);
  if (!byCustom) joined.set(extra, (byCustom = new WeakMap()));
  let all = byCustom.get(custom);
  if (!all) byCustom.set(custom, (all = [...extra, ...custom]));
  return all;
}

function selectRules(all: readonly RuleSpec[], opts: ScanOptions): RuleSpec[] {
  const disabled = new Set(opts.disabledRules ?? []);
  const kinds = opts.kinds ? new Set(opts.kinds) : undefined;
  const only = opts.onlyRules ? new Set(opts.onlyRules) : undefined;
  return all.filter((r) => !disabled.has(r.id) && (!kinds || kinds.has(r.kind)) && (!only || only.has(r.id)));
}
