/**
 * Index structures for `finalize()` in scanner.ts, so cross-finding checks stay O(n log n) on hostile input.
 */
import type { Finding, FindingKind } from './types';

/** First index in sorted `xs` whose value is >= x. */
function lowerBound(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Answers "is there another finding of these kinds within N lines?" by binary search over sorted lines. */
export class NearbyIndex {
  private readonly linesByKind = new Map<FindingKind, number[]>();

  constructor(findings: readonly Finding[]) {
    for (const f of findings) {
      let lines = this.linesByKind.get(f.kind);
      if (!lines) this.linesByKind.set(f.kind, (lines = []));
      lines.push(f.start.line);
    }
    for (const lines of this.linesByKind.values()) lines.sort((a, b) => a - b);
  }

  hasOther(f: Finding, kinds: readonly FindingKind[], withinLines: number): boolean {
    const lo = f.start.line - withinLines;
    const hi = f.start.line + withinLines;
    for (const kind of kinds) {
      const lines = this.linesByKind.get(kind);
      if (!lines) continue;
      const n = lowerBound(lines, hi + 1) - lowerBound(lines, lo);
      // `f` itself is in the index when its own kind is wanted; it does not count as its own neighbour.
      if (n > (kind === f.kind ? 1 : 0)) return true;
    }
    return false;
  }
}

/**
 * A growing set of spans, checked for overlap before each insert. Spans are keyed by start offset over a
 * coordinate-compressed Fenwick tree (only the starts that can ever be inserted), so both operations are
 * O(log n). Spans that were admitted are mutually disjoint, so at most one admitted span starts before a
 * query and reaches into it: the nearest start to the left.
 */
export class DisjointSpans {
  private readonly starts: Float64Array;
  private readonly tree: Int32Array;
  private readonly endAt: Float64Array;

  /** `possibleStarts`: every start offset that may later be added. */
  constructor(possibleStarts: readonly number[]) {
    this.starts = Float64Array.from(new Set(possibleStarts)).sort();
    this.tree = new Int32Array(this.starts.length + 1);
    this.endAt = new Float64Array(this.starts.length).fill(-1);
  }

  add(start: number, end: number): void {
    const i = lowerBound(this.starts, start);
    if (this.starts[i] !== start) throw new Error('DisjointSpans: start was not declared');
    if (this.endAt[i] < 0) for (let j = i + 1; j < this.tree.length; j += j & -j) this.tree[j]++;
    this.endAt[i] = Math.max(this.endAt[i], end);
  }

  overlaps(start: number, end: number): boolean {
    const before = this.countBelow(lowerBound(this.starts, start));
    // Any admitted span starting inside [start, end)?
    if (this.countBelow(lowerBound(this.starts, end)) > before) return true;
    // Else the admitted span with the nearest start on the left may reach in.
    return before > 0 && this.endAt[this.kth(before)] > start;
  }

  /** Number of admitted starts among the first `n` coordinates. */
  private countBelow(n: number): number {
    let c = 0;
    for (let j = n; j > 0; j -= j & -j) c += this.tree[j];
    return c;
  }

  /** Coordinate index of the k-th (1-based) admitted start. */
  private kth(k: number): number {
    let pos = 0;
    let step = 1;
    while (step * 2 < this.tree.length) step *= 2;
    for (; step > 0; step >>= 1) {
      if (pos + step < this.tree.length && this.tree[pos + step] < k) {
        pos += step;
        k -= this.tree[pos];
      }
    }
    return pos; // tree index pos+1 holds it, i.e. coordinate pos
  }
}
