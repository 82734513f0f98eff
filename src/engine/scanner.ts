import { shannonEntropy } from './entropy';
import { fingerprintOf } from './fingerprint';
import { DisjointSpans, NearbyIndex } from './finalize-index';
import { LineIndex, SparsePositions } from './line-index';
import { maskSecret } from './mask';
import { isIdentifierOrHash, isPlaceholder } from './placeholders';
import { contextMatchesAt, hasContext, leadingLiteral } from './file-context';
import { ruleSetFor, type CompiledRule, type PatternGroup, type RuleSet } from './rule-set';
import type { Finding, LineChange, MatchContext, ScanOptions } from './types';

interface Candidate {
  rule: CompiledRule;
  start: number;
  end: number;
  secret: string;
}

/** Scans a whole text. */
export function scan(text: string, opts: ScanOptions = {}): Finding[] {
  const rs = ruleSetFor(opts);
  const candidates = collect(text, 0, text.length, rs, opts);
  if (candidates.length === 0) return [];
  const index = positionsFor(text, candidates, rs);
  const findings = candidates.map((c) => toFinding(c, index));
  return finalize(findings, candidates, []);
}

/**
 * Rescans only the lines around an edit and reuses `previous` elsewhere (shifted by the edit).
 * `change` is in NEW-text coordinates; `previous` in old-text coordinates.
 */
export function scanIncremental(
  text: string,
  previous: readonly Finding[],
  change: LineChange & { offset?: number; charDelta?: number },
  opts: ScanOptions = {},
): Finding[] {
  const rs = ruleSetFor(opts);
  const oldEndLine = change.endLine - change.lineDelta;
  let fromLine = Math.max(1, change.startLine - rs.contextLines);
  let toLine = change.endLine + rs.contextLines;
  // A multi-line finding (PEM block) touching the window is rescanned whole.
  for (const f of previous) {
    const startNew = f.start.line > oldEndLine ? f.start.line + change.lineDelta : f.start.line;
    const endNew = f.end.line > oldEndLine ? f.end.line + change.lineDelta : f.end.line;
    if (endNew >= fromLine && startNew <= toLine) {
      fromLine = Math.min(fromLine, startNew);
      toLine = Math.max(toLine, endNew);
    }
  }
  const anchor = lineAnchor(text, change);
  const from = walkLines(text, anchor.offset, fromLine - anchor.line);
  const to = lineEnd(text, walkLines(text, anchor.offset, toLine - anchor.line));

  // An edit rescans a few lines: a whole-text context search (`kind: Secret`) would dominate it, so it is asked
  // only when a match in the window needs it.
  const candidates = collect(text, from, to, rs, opts, true);
  // Positions: index only the region the candidates touch, counted from a line we know.
  const regionStart = Math.min(from, ...candidates.map((c) => lineStartOf(text, c.start)));
  const regionLine = fromLine - countNewlines(text, regionStart, from);
  const regionEnd = Math.max(to, ...candidates.map((c) => c.end));
  const index = new LineIndex(text.slice(regionStart, regionEnd), regionLine, regionStart);
  const fresh = candidates.map((c) => toFinding(c, index));

  const kept: Finding[] = [];
  const charDelta = change.charDelta;
  let fullIndex: LineIndex | undefined;
  for (const f of previous) {
    if (f.end.line < fromLine) {
      kept.push(f);
    } else if (f.start.line > oldEndLine && f.start.line + change.lineDelta > toLine) {
      const moved = shift(f, change.lineDelta);
      if (charDelta !== undefined) {
        moved.startOffset += charDelta;
        moved.endOffset += charDelta;
      } else {
        fullIndex ??= new LineIndex(text);
        moved.startOffset = fullIndex.lineStart(moved.start.line - 1) + moved.start.column - 1;
        moved.endOffset = fullIndex.lineStart(moved.end.line - 1) + moved.end.column - 1;
      }
      kept.push(moved);
    }
  }
  const survivors = kept.filter((k) => !fresh.some((n) => n.startOffset < k.endOffset && k.startOffset < n.endOffset));
  return finalize(fresh, candidates, survivors);
}

/**
 * Scans a file's raw bytes when they are pure ASCII (so byte offsets are string offsets). The prefilter runs on
 * the bytes; `decode` is called only when some keyword occurs. Same findings as `scan(decode(), opts)`.
 */
export function scanAscii(bytes: Uint8Array, decode: () => string, opts: ScanOptions = {}): Finding[] {
  const rs = ruleSetFor(opts);
  const hits = new Map<number, number[]>();
  const contextAt = new Map<RegExp, number[]>();
  rs.automaton.scanBytes(bytes, hitRecorder(rs, hits, contextAt));
  return hits.size ? scanAfterHits(decode(), hits, contextAt, rs, opts) : [];
}

/**
 * The same for a file's bytes that are valid UTF-8 (not all ASCII): the prefilter maps its hits to UTF-16
 * offsets, so the file is decoded only when some keyword occurs, and never encoded back for the prefilter.
 */
export function scanUtf8(bytes: Uint8Array, decode: () => string, opts: ScanOptions = {}): Finding[] {
  const rs = ruleSetFor(opts);
  const hits = new Map<number, number[]>();
  const contextAt = new Map<RegExp, number[]>();
  if (!rs.automaton.scanUtf8(bytes, hitRecorder(rs, hits, contextAt))) return scan(decode(), opts);
  return hits.size ? scanAfterHits(decode(), hits, contextAt, rs, opts) : [];
}

function scanAfterHits(
  text: string,
  hits: Map<number, number[]>,
  contextAt: Map<RegExp, number[]>,
  rs: RuleSet,
  opts: ScanOptions,
): Finding[] {
  const candidates = matchHits(text, hits, rs, opts, false, contextAt);
  if (candidates.length === 0) return [];
  const index = new LineIndex(text, 1, 0, lastEnd(candidates));
  return finalize(candidates.map((c) => toFinding(c, index)), candidates, []);
}

/**
 * Records keyword hits per pattern group (as the offset of the keyword's last character) and, on a whole-text
 * pass, where each file context's literal starts (so no context needs a pass of its own).
 */
function hitRecorder(
  rs: RuleSet,
  hitsByGroup: Map<number, number[]>,
  contextAt?: Map<RegExp, number[]>,
): (kw: number, end: number) => void {
  return (kw, end) => {
    for (const gi of rs.groupsByKeyword[kw]) {
      let hits = hitsByGroup.get(gi);
      if (!hits) hitsByGroup.set(gi, (hits = []));
      if (hits[hits.length - 1] !== end - 1) hits.push(end - 1);
    }
    const contexts = contextAt && rs.contextsByKeyword[kw];
    if (contexts) {
      const start = end - rs.automaton.keywords[kw].length;
      for (const fc of contexts) {
        let at = contextAt.get(fc);
        if (!at) contextAt.set(fc, (at = []));
        at.push(start);
      }
    }
  };
}

/**
 * Runs the prefilter over [from, to) and the routed patterns over line windows around each hit. `lazyContext`:
 * check rules' file contexts only for matches (same result; cheaper when the range is small).
 */
function collect(text: string, from: number, to: number, rs: RuleSet, opts: ScanOptions, lazyContext = false): Candidate[] {
  const hitsByGroup = new Map<number, number[]>();
  const whole = from === 0 && to === text.length;
  const contextAt = whole ? new Map<RegExp, number[]>() : undefined;
  rs.automaton.scan(text, hitRecorder(rs, hitsByGroup, contextAt), from, to);
  return hitsByGroup.size === 0 ? [] : matchHits(text, hitsByGroup, rs, opts, lazyContext, contextAt);
}

/** `contextAt`: where file contexts' literals occur, when the prefilter saw the whole text. */
function matchHits(
  text: string,
  hitsByGroup: Map<number, number[]>,
  rs: RuleSet,
  opts: ScanOptions,
  lazyContext = false,
  contextAt?: Map<RegExp, number[]>,
): Candidate[] {
  const out: Candidate[] = [];
  const contextCache = new Map<RegExp, boolean>();
  const inContext = (rule: CompiledRule): boolean => {
    const fc = rule.spec.fileContext;
    if (!fc) return true;
    let ok = contextCache.get(fc);
    if (ok === undefined) {
      ok = contextAt && rs.routedContexts.has(fc) ? contextMatchesAt(text, fc, contextAt.get(fc)) : hasContext(text, fc);
      contextCache.set(fc, ok);
    }
    return ok;
  };
  for (const [gi, hits] of hitsByGroup) {
    const group = rs.groups[gi];
    // Lazily, a context is asked only once a match needs it, except before a wide window (a Secret manifest's
    // 200 lines each way) when the context is an indexOf away: cheaper than running the pattern to no purpose.
    const rules = group.rules.filter((r) => {
      if (!lazyContext) return inContext(r);
      return group.spanLines > 20 && cheapContext(r) ? inContext(r) : true;
    });
    if (rules.length === 0) continue;
    const ctx = lazyContext ? inContext : undefined;
    if (group.sticky) matchAtIdentifiers(text, hits, group, rules, ctx, opts, out);
    else {
      let near = group.literalAfterKeyword ? hitsWithLiteralAfter(text, hits, group.literalAfterKeyword) : hits;
      if (group.keywordShape) near = hitsWithShape(text, near, group.keywordShape);
      for (const [ws, we] of windows(text, near, group.spanLines)) matchWindow(text, ws, we, group, rules, ctx, opts, out);
    }
  }
  return out;
}

/**
 * The hits (offsets of keywords' last characters, ascending) followed by `literal` within `chars` characters of
 * the keyword's end. Each search resumes from the last occurrence found: one pass over the text in all.
 */
function hitsWithLiteralAfter(text: string, hits: number[], hint: { literal: string; chars: number }): number[] {
  const out: number[] = [];
  let at = -1; // next occurrence at or after the current hit's end; -2 when there is none
  for (const h of hits) {
    if (at === -2) break;
    if (at < h + 1) {
      const i = text.indexOf(hint.literal, h + 1);
      at = i === -1 ? -2 : i;
      if (at === -2) break;
    }
    if (at + hint.literal.length <= h + 1 + hint.chars) out.push(h);
  }
  return out;
}

/** The hits (offsets of keywords' last characters) where the group's sticky keyword shape matches after the keyword. */
function hitsWithShape(text: string, hits: number[], shape: RegExp): number[] {
  return hits.filter((h) => {
    shape.lastIndex = h + 1;
    return shape.test(text);
  });
}

/** A rule without a file context, or whose context starts with a literal (found with indexOf). */
function cheapContext(rule: CompiledRule): boolean {
  return !rule.spec.fileContext || leadingLiteral(rule.spec.fileContext) !== '';
}

/**
 * Merged line windows around hit offsets; multi-line rules may reach outside [from, to).
 * Hits on a line already seen are skipped, so a huge single line costs O(n), not O(hits × n).
 */
function windows(text: string, hits: number[], span: number): [number, number][] {
  const out: [number, number][] = [];
  let lineEndOfPrev = -1;
  for (const h of hits) {
    if (h <= lineEndOfPrev) continue;
    let ws = lineStartOf(text, h);
    let we = lineEnd(text, h);
    lineEndOfPrev = we;
    for (let i = 0; i < span && ws > 0; i++) ws = lineStartOf(text, ws - 1);
    for (let i = 0; i < span && we < text.length; i++) we = lineEnd(text, we + 1);
    const last = out[out.length - 1];
    if (last && ws <= last[1]) last[1] = Math.max(last[1], we);
    else out.push([ws, we]);
  }
  return out;
}

/** Characters an assignment name may contain (`[\w$@.-]`), as a lookup table for the hot back-scan. */
const IDENT_CHAR = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$@.-') IDENT_CHAR[c.charCodeAt(0)] = 1;

/**
 * Offers one regex match to a group's rules. `base` is the offset of the searched string `searched` within `text`.
 * Returns the secret's span (relative to the searched string) and whether a rule accepted it. Only an accepted
 * match is located exactly (`locate`, with indices); a rejected one reports the first place its secret text
 * occurs in the match, at or before the real one, so a caller resuming there never skips a match.
 */
function judgeMatch(
  text: string,
  searched: string,
  m: RegExpExecArray,
  base: number,
  group: PatternGroup,
  rules: CompiledRule[],
  inContext: ((rule: CompiledRule) => boolean) | undefined,
  opts: ScanOptions,
  out: Candidate[],
): { ls: number; le: number; accepted: boolean } | undefined {
  // Alternatives of one pattern name their secret `secret` or `secret2` (JS forbids duplicate group names).
  const secret = m.groups?.secret ?? m.groups?.secret2 ?? m[0];
  const ctx: MatchContext = {
    text,
    match: m[0],
    matchOffset: base + m.index,
    groups: m.groups ?? {},
    path: opts.path,
    languageId: opts.languageId,
  };
  // Context before validators: a rule's validator may assume its context holds (and cost a document scan if not).
  const rule = rules.find((r) => (!inContext || inContext(r)) && accept(r.spec, secret, ctx));
  if (!rule) {
    const ls = m.index + Math.max(0, m[0].indexOf(secret));
    return { ls, le: ls + secret.length, accepted: false };
  }
  const span = locateSecret(searched, m, group);
  if (!span) return undefined;
  const [ls, le] = span;
  out.push({ rule, start: base + ls, end: base + le, secret });
  return { ls, le, accepted: true };
}

/** The exact span of an accepted match's secret: its indices, computed once by re-running the pattern there. */
function locateSecret(searched: string, m: RegExpExecArray, group: PatternGroup): [number, number] | undefined {
  let indices = m.indices;
  if (!indices && group.locate) {
    group.locate.lastIndex = m.index;
    indices = group.locate.exec(searched)?.indices;
  }
  if (!indices) return undefined;
  const span = indices.groups?.secret ?? indices.groups?.secret2 ?? indices[0];
  return span && span[0] !== undefined && span[1] !== undefined ? [span[0], span[1]] : undefined;
}

/** Characters of a name after its first (`[\w$.-]`): where the name of a separator-hinted pattern can end. */
const NAME_CHAR = IDENT_CHAR.slice();
NAME_CHAR['@'.charCodeAt(0)] = 0;

/**
 * Tries a sticky pattern once at the start of each identifier that holds a keyword hit; with a separator hint,
 * only where the separator follows the name (most identifiers in code are not assigned a literal).
 */
function matchAtIdentifiers(
  text: string,
  hits: number[],
  group: PatternGroup,
  rules: CompiledRule[],
  inContext: ((rule: CompiledRule) => boolean) | undefined,
  opts: ScanOptions,
  out: Candidate[],
): void {
  const re = group.sticky!;
  const separator = group.separatorAfterName;
  const mayStart = group.separatorMayStart;
  const within = group.literalWithin;
  let literalAt = -1; // the next occurrence of `within.literal` at or after the last start tried (-2: none left)
  let lastStart = -1;
  let coveredUntil = -1;
  for (const h of hits) {
    let start = h;
    let at = -1; // the leftmost `@` the back-scan passed: a name (NAME_CHAR) ends there
    const floor = Math.max(0, h - 64);
    while (start > floor) {
      const c = text.charCodeAt(start - 1);
      if (c >= 128 || IDENT_CHAR[c] === 0) break;
      if (c === 64) at = start - 1;
      start--;
    }
    if (start === lastStart || start < coveredUntil) continue;
    lastStart = start;
    if (within) {
      // Starts only grow, so each search resumes where the last one ended: one pass over the text in all.
      if (literalAt !== -2 && literalAt < start) {
        const i = text.indexOf(within.literal, start);
        literalAt = i === -1 ? -2 : i;
      }
      if (literalAt === -2 || literalAt + within.literal.length > start + within.chars) continue;
    }
    if (separator) {
      // Bounded walk to the name's end; a longer run (hostile input) just runs the pattern without the hint.
      // The characters the back-scan passed are name characters up to any `@`: the walk resumes at the hit.
      const limit = Math.min(text.length, start + 256);
      let end = at > start ? at : Math.min(limit, Math.max(start + 1, h));
      while (end < limit) {
        const c = text.charCodeAt(end);
        if (c >= 128 || NAME_CHAR[c] === 0) break;
        end++;
      }
      if (end < limit || limit === text.length) {
        if (mayStart && !mayStart(text, end)) continue;
        separator.lastIndex = end;
        if (!separator.test(text)) continue;
      }
    }
    re.lastIndex = start;
    const m = re.exec(text);
    if (!m) continue;
    const judged = judgeMatch(text, text, m, 0, group, rules, inContext, opts, out);
    if (judged?.accepted) coveredUntil = judged.le;
  }
}

function matchWindow(
  text: string,
  ws: number,
  we: number,
  group: PatternGroup,
  rules: CompiledRule[],
  inContext: ((rule: CompiledRule) => boolean) | undefined,
  opts: ScanOptions,
  out: Candidate[],
): void {
  const chunk = text.slice(ws, we);
  const re = group.re;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(chunk)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const judged = judgeMatch(text, chunk, m, ws, group, rules, inContext, opts, out);
    if (!judged) continue;
    // After a rejection, resume at the value: a valid match may start there (`getenv("API_TOKEN", "…")`), and
    // not one character on keeps hostile input linear. After a finding, resume right after the secret.
    re.lastIndex = Math.max(m.index + 1, judged.accepted ? judged.le : judged.ls);
  }
}

function accept(spec: CompiledRule['spec'], secret: string, ctx: MatchContext): boolean {
  if (!secret) return false;
  if (spec.entropy !== undefined && shannonEntropy(secret) < spec.entropy) return false;
  if (spec.allow?.some((r) => r.test(secret))) return false;
  if (spec.stopwords) {
    const lower = secret.toLowerCase();
    if (spec.stopwords.some((w) => lower.includes(w))) return false;
  }
  if (spec.placeholderFilter && (isPlaceholder(secret) || isIdentifierOrHash(secret))) return false;
  if (spec.validate && !spec.validate(secret, ctx)) return false;
  return true;
}

interface Positions {
  position(offset: number): { line: number; column: number };
}

/**
 * Positions for a whole-text scan's candidates: by counting line feeds in the prefilter's copy of the text when
 * it has one (an ASCII text without CR), else by indexing lines up to the last candidate.
 */
function positionsFor(text: string, candidates: Candidate[], rs: RuleSet): Positions {
  const count = (from: number, to: number) => rs.automaton.countLineFeeds(text, from, to);
  if (count(0, 0) !== undefined && text.indexOf('\r') === -1) {
    return new SparsePositions(text, candidates.flatMap((c) => [c.start, c.end]), (from, to) => count(from, to)!);
  }
  return new LineIndex(text, 1, 0, lastEnd(candidates));
}

function toFinding(c: Candidate, index: Positions): Finding {
  const spec = c.rule.spec;
  const extra = spec.describe?.(c.secret);
  return {
    ruleId: spec.id,
    kind: spec.kind,
    severity: spec.severity,
    message: `${spec.title} is hardcoded${extra ? ` (${extra})` : ''}`,
    start: index.position(c.start),
    end: index.position(c.end),
    startOffset: c.start,
    endOffset: c.end,
    secretMasked: maskSecret(c.secret),
    fingerprint: fingerprintOf(spec.id, c.secret),
  };
}

/**
 * Applies cross-finding logic: proximity requirements (an unnamed AWS secret needs a key id nearby) and
 * overlap resolution (a provider-specific finding beats a generic one on the same text). Both are sort +
 * binary search, O(n log n): dense key-like input yields tens of thousands of candidates, and the former
 * pairwise checks took 28 s on 2 MB of them.
 */
function finalize(fresh: Finding[], candidates: Candidate[], kept: Finding[]): Finding[] {
  const nearby = new NearbyIndex([...kept, ...fresh]);
  const order = fresh
    .map((f, i) => ({ f, i, prio: priority(candidates[i]) }))
    .filter(({ f, i }) => {
      const need = candidates[i].rule.spec.requiresNearby;
      return !need || nearby.hasOther(f, need.kinds, need.withinLines);
    })
    .sort((a, b) => b.prio - a.prio || a.f.startOffset - b.f.startOffset);
  const taken = new DisjointSpans([...kept, ...fresh].map((f) => f.startOffset));
  const result = [...kept];
  for (const f of kept) taken.add(f.startOffset, f.endOffset);
  for (const { f } of order) {
    if (taken.overlaps(f.startOffset, f.endOffset)) continue;
    taken.add(f.startOffset, f.endOffset);
    result.push(f);
  }
  return result.sort((a, b) => a.startOffset - b.startOffset || a.endOffset - b.endOffset);
}

/** Specific beats generic; longer secret beats shorter on ties. */
function priority(c: Candidate): number {
  const generic = c.rule.spec.kind.startsWith('generic-') || c.rule.spec.kind === 'k8s-secret-data';
  return (generic ? 0 : 1_000_000) + (c.rule.spec.requiresNearby ? 0 : 100_000) + (c.end - c.start);
}

/** The end offset of the last candidate: positions are never asked beyond it. */
function lastEnd(candidates: Candidate[]): number {
  let max = 0;
  for (const c of candidates) if (c.end > max) max = c.end;
  return max;
}

function shift(f: Finding, lines: number): Finding {
  return { ...f, start: { ...f.start, line: f.start.line + lines }, end: { ...f.end, line: f.end.line + lines } };
}

function lineStartOf(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i;
}

/** Offset of the start of the line `delta` lines away from the line starting at `lineStartOffset`. */
function walkLines(text: string, lineStartOffset: number, delta: number): number {
  let o = lineStartOffset;
  if (delta >= 0) {
    for (let i = 0; i < delta; i++) {
      const n = text.indexOf('\n', o);
      if (n === -1) return o;
      o = n + 1;
    }
  } else {
    for (let i = 0; i < -delta && o > 0; i++) o = lineStartOf(text, o - 1);
  }
  return o;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** A known (line, line-start offset) pair near the change, from the caller's hint or by counting. */
function lineAnchor(text: string, change: LineChange & { offset?: number }): { line: number; offset: number } {
  if (change.offset !== undefined) return { line: change.startLine, offset: lineStartOf(text, change.offset) };
  return { line: change.startLine, offset: walkLines(text, 0, change.startLine - 1) };
}
