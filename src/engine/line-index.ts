/** Maps offsets to 1-based line/column inside a text, computed once per scan. */
export class LineIndex {
  private readonly starts: number[];

  /**
   * `base` lets a window of a larger text report its own first line as `firstLine`. `limit` (a local offset):
   * positions are only asked up to it, so lines after it are not indexed (a full scan stops at its last finding).
   */
  constructor(text: string, private readonly firstLine = 1, private readonly baseOffset = 0, limit = text.length) {
    const starts = [0];
    // `indexOf` (a fast forward search) rather than `lastIndexOf` from the limit, which walks back char by char.
    const cr = text.indexOf('\r');
    if (cr === -1 || cr > limit) {
      for (let i = text.indexOf('\n'); i !== -1 && i < limit; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      // Editors also end a line at a lone CR (classic Mac files, mixed endings); count lines the same way.
      const eol = /\r\n?|\n/g;
      for (let m = eol.exec(text); m && m.index < limit; m = eol.exec(text)) starts.push(m.index + m[0].length);
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line index (within this index) containing a local offset. */
  lineOf(localOffset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= localOffset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineStart(localLine: number): number {
    return this.starts[Math.max(0, Math.min(localLine, this.starts.length - 1))];
  }

  /** Absolute 1-based position of an absolute offset. */
  position(offset: number): { line: number; column: number } {
    const local = offset - this.baseOffset;
    const l = this.lineOf(local);
    return { line: this.firstLine + l, column: local - this.starts[l] + 1 };
  }
}

/**
 * Positions of a few offsets in a text with no CR, found by counting line feeds between consecutive offsets
 * (`countLineFeeds`, e.g. a SIMD count over the prefilter's copy of the text) rather than indexing every line.
 * Each line start is searched for only within the gap that holds it, so many offsets on one huge line stay linear.
 */
export class SparsePositions {
  private readonly at = new Map<number, { line: number; column: number }>();

  constructor(text: string, offsets: number[], countLineFeeds: (from: number, to: number) => number) {
    const sorted = [...new Set(offsets)].sort((a, b) => a - b);
    let prev = 0;
    let line = 1;
    let lineStart = 0;
    for (const off of sorted) {
      const feeds = off > prev ? countLineFeeds(prev, off) : 0;
      if (feeds > 0) {
        line += feeds;
        lineStart = text.lastIndexOf('\n', off - 1) + 1;
      }
      this.at.set(off, { line, column: off - lineStart + 1 });
      prev = off;
    }
  }

  position(offset: number): { line: number; column: number } {
    const p = this.at.get(offset);
    if (!p) throw new Error(`no position computed for offset ${offset}`);
    return { ...p };
  }
}
