/**
 * Aho-Corasick keyword automaton over ASCII, case-insensitive, compiled to a dense DFA table so the
 * hot loop is one table lookup per character. This single pass decides which rules run and where.
 */
const ALPHABET = 128; // non-ASCII characters never occur in keywords and reset to the root

export interface KeywordHit {
  keyword: number; // index into the keyword list
  end: number; // offset just past the keyword in the text
}

export class KeywordAutomaton {
  private readonly delta: Int32Array;
  /** For each state: keyword indices that end here (own + via failure links), or undefined. */
  private readonly outputs: (number[] | undefined)[];
  readonly keywords: readonly string[];

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    const goto: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    keywords.forEach((kw, k) => {
      let s = 0;
      for (const ch of kw.toLowerCase()) {
        const c = ch.charCodeAt(0);
        if (c >= ALPHABET) throw new Error(`keyword must be ASCII: ${kw}`);
        let next = goto[s].get(c);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          out.push([]);
          goto[s].set(c, next);
        }
        s = next;
      }
      out[s].push(k);
    });
    const n = goto.length;
    const delta = new Int32Array(n * ALPHABET);
    const fail = new Int32Array(n);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const t = goto[0].get(c);
      if (t !== undefined) {
        delta[c] = t;
        fail[t] = 0;
        queue.push(t);
      }
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      out[s] = out[s].concat(out[fail[s]]);
      for (let c = 0; c < ALPHABET; c++) {
        const t = goto[s].get(c);
        if (t !== undefined) {
          fail[t] = delta[fail[s] * ALPHABET + c];
          delta[s * ALPHABET + c] = t;
          queue.push(t);
        } else {
          delta[s * ALPHABET + c] = delta[fail[s] * ALPHABET + c];
        }
      }
    }
    // Premultiply targets by the alphabet size and fold case into the table: the hot loop is then
    // one load per character with no arithmetic, and a flag array keeps output checks monomorphic.
    for (let s = 0; s < n; s++) {
      for (let c = 65; c <= 90; c++) delta[s * ALPHABET + c] = delta[s * ALPHABET + c + 32];
    }
    for (let i = 0; i < delta.length; i++) delta[i] *= ALPHABET;
    this.delta = delta;
    this.hasOutput = new Uint8Array(n * ALPHABET);
    for (let s = 0; s < n; s++) if (out[s].length) this.hasOutput[s * ALPHABET] = 1;
    this.outputs = out.map((o) => (o.length ? o : undefined));
  }

  private readonly hasOutput: Uint8Array;

  /**
   * Same pass over raw ASCII bytes (a file already known to be pure ASCII): no decoding needed first, and a
   * file with no keyword at all is never decoded.
   */
  scanBytes(bytes: Uint8Array, onHit: (keyword: number, end: number) => void): void {
    const delta = this.delta;
    const hasOutput = this.hasOutput;
    let s = 0;
    for (let i = 0; i < bytes.length; i++) {
      s = delta[s + (bytes[i] & 127)];
      if (hasOutput[s] === 1) {
        const o = this.outputs[s / ALPHABET]!;
        for (let j = 0; j < o.length; j++) onHit(o[j], i + 1);
      }
    }
  }

  /** Calls `onHit` for every keyword occurrence in `text[from, to)`. */
  scan(text: string, onHit: (keyword: number, end: number) => void, from = 0, to = text.length): void {
    const delta = this.delta;
    const hasOutput = this.hasOutput;
    let s = 0; // premultiplied state
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c >= ALPHABET) {
        s = 0;
        continue;
      }
      s = delta[s + c];
      if (hasOutput[s] === 1) {
        const o = this.outputs[s / ALPHABET]!;
        for (let j = 0; j < o.length; j++) onHit(o[j], i + 1);
      }
    }
  }
}
