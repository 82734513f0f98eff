/**
 * Runs the keyword automaton's DFA in WebAssembly (prefilter.wat) over a text's UTF-8 bytes: four streams at once
 * (the text's quarters, each after the first starting one keyword length early), so the CPU overlaps their
 * dependent table loads. Hits come out in text order, at UTF-16 offsets, as from the JS loop. A text too large to
 * copy, memory that cannot grow, or a runtime without WebAssembly is declined, and the caller runs its JS loop.
 */
import { AUTOMATON_WASM_BASE64 } from './prefilter-wasm-binary';

// The project compiles against ES2022 without DOM types, which is where TypeScript declares WebAssembly: the few
// members used here, as the runtime (Node, VS Code's extension host) provides them.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmGlobal {
  value: number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

interface AutomatonExports {
  mem: WasmMemory;
  s0: WasmGlobal;
  s1: WasmGlobal;
  s2: WasmGlobal;
  s3: WasmGlobal;
  n0: WasmGlobal;
  n1: WasmGlobal;
  n2: WasmGlobal;
  n3: WasmGlobal;
  scan4(p0: number, p1: number, p2: number, p3: number, steps: number,
    o0: number, o1: number, o2: number, o3: number, cap: number): number;
  scan4_16(p0: number, p1: number, p2: number, p3: number, steps: number,
    o0: number, o1: number, o2: number, o3: number, cap: number): number;
  count_lf(from: number, to: number): number;
  rebase(tbl: number, n: number): void;
  utf16_units(from: number, to: number): number;
}

/** Streams advanced together by `scan4`. */
const STREAMS = 4;
/** After the class offsets: one u16 per byte value or UTF-16 unit (65,536). */
const TABLE_AT = 2 * 65536;
/** Characters encoded at a time while a text is still possibly ASCII (see `copyAscii`). */
const ASCII_CHUNK = 32 << 10;
/** Hits per buffer before the loop hands control back to JS. */
const CAP = 4096;
/** Larger texts keep the JS loop: the module's memory grows to the largest input and never shrinks. */
const MAX_INPUT = 8 << 20;

let compiled: object | null | undefined;

function moduleOnce(): object | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Uint8Array.from(atob(AUTOMATON_WASM_BASE64), (c) => c.charCodeAt(0)));
    } catch {
      compiled = null; // no WebAssembly in this runtime: the JS loop does the work
    }
  }
  return compiled;
}

export class WasmKeywordScanner {
  private readonly ex: AutomatonExports;
  private readonly inputAt: number;
  private inputCap = 0;
  /** Where each stream's hit buffer starts. */
  private out: number[] = [];
  private readonly encoder = new TextEncoder();
  /** The text whose bytes are in memory (the last one scanned), for `countLineFeeds`. */
  private held: string | undefined;

  private constructor(
    ex: AutomatonExports,
    private readonly outputs: readonly (readonly number[] | undefined)[],
    private readonly width: number,
    private readonly maxKeyword: number,
    tableBytes: number,
  ) {
    this.ex = ex;
    this.inputAt = TABLE_AT + tableBytes;
  }

  /** A scanner over `table` (the DFA of prefilter.ts), or undefined when WebAssembly is unavailable. */
  static create(
    table: Int32Array,
    classOf: Uint8Array,
    outputs: readonly (readonly number[] | undefined)[],
    width: number,
    maxKeyword: number,
  ): WasmKeywordScanner | undefined {
    const mod = moduleOnce();
    if (!mod) return undefined;
    try {
      const ex = new WebAssembly.Instance(mod, {}).exports as unknown as AutomatonExports;
      const s = new WasmKeywordScanner(ex, outputs, width, maxKeyword, table.byteLength);
      if (!s.reserve(64 << 10)) return undefined;
      // The module's form of the table (see prefilter.wat): a class becomes its byte offset in a row, and a target
      // (premultiplied by the row width) the byte address of its row, still negated for a state with output.
      const classes = new Uint16Array(ex.mem.buffer, 0, 65536); // beyond ASCII: class 0
      for (let c = 0; c < 128; c++) classes[c] = classOf[c] * 4;
      new Int32Array(ex.mem.buffer, TABLE_AT, table.length).set(table);
      ex.rebase(TABLE_AT, table.length);
      return s;
    } catch {
      return undefined; // no memory for an instance: the JS loop does the work
    }
  }

  /**
   * Scans `text` as UTF-8 (keywords are ASCII, so every keyword is found the same way); false (nothing reported)
   * when it is too large. For a non-ASCII text, hit offsets are mapped back from bytes to UTF-16 code units.
   */
  scanString(text: string, onHit: (keyword: number, end: number) => void): boolean {
    const n = text.length;
    this.held = undefined; // the memory is about to hold other bytes
    if (n > MAX_INPUT || !this.reserve(n)) return false;
    if (this.copyAscii(text)) {
      this.run(n, onHit);
      this.held = text;
      return true;
    }
    // Beyond ASCII: the text's UTF-16 units as they are (a copy, not an encoding), scanned two bytes a step, so
    // hits come out at string offsets. Byte offsets are not string offsets: no line-feed counts (`held` unset).
    if (2 * n > MAX_INPUT || !this.reserve(2 * n)) return false;
    Buffer.from(this.ex.mem.buffer, this.inputAt, 2 * n).write(text, 0, 'utf16le'); // a memcpy for a two-byte string
    this.run(n, onHit, 2);
    return true;
  }

  /**
   * Copies an ASCII text into memory as bytes; false as soon as a chunk holds anything else. In chunks, because
   * encoding a two-byte string is slow and does not stop at its first non-ASCII character: a whole-text attempt
   * cost 0.4 ms on 900 KB of typings before the UTF-16 path took over.
   */
  private copyAscii(text: string): boolean {
    const n = text.length;
    for (let at = 0; at < n; at += ASCII_CHUNK) {
      const len = Math.min(ASCII_CHUNK, n - at);
      const part = len === n ? text : text.slice(at, at + len);
      const r = this.encoder.encodeInto(part, new Uint8Array(this.ex.mem.buffer, this.inputAt + at, len));
      if (r.read !== len || r.written !== len) return false;
    }
    return true;
  }

  /**
   * Scans valid UTF-8 bytes (a file not yet decoded), reporting hits at the UTF-16 offsets of the decoded text;
   * false when too large.
   */
  scanUtf8(bytes: Uint8Array, onHit: (keyword: number, end: number) => void): boolean {
    if (!this.load(bytes)) return false;
    // Hits arrive in text order: each maps its byte offset to UTF-16 units by counting from the previous one.
    const base = this.inputAt;
    let bytesSeen = 0;
    let units = 0;
    this.run(bytes.length, (keyword, end) => {
      units += this.ex.utf16_units(base + bytesSeen, base + end);
      bytesSeen = end;
      onHit(keyword, units);
    });
    return true;
  }

  /**
   * Line feeds in `text[from, to)` when `text` is the one last scanned (its bytes are still in memory): a SIMD
   * count, several times faster than walking `indexOf('\n')`. Undefined otherwise.
   */
  countLineFeeds(text: string, from: number, to: number): number | undefined {
    if (this.held === undefined || this.held.length !== text.length || this.held !== text) return undefined;
    return this.ex.count_lf(this.inputAt + from, this.inputAt + to);
  }

  /** Scans raw bytes already known to be ASCII; false when too large. */
  scanBytes(bytes: Uint8Array, onHit: (keyword: number, end: number) => void): boolean {
    if (!this.load(bytes)) return false;
    this.run(bytes.length, onHit);
    return true;
  }

  /** Copies a file's bytes into memory for a pass; false when too large. */
  private load(bytes: Uint8Array): boolean {
    this.held = undefined; // the memory is about to hold other bytes
    if (bytes.length > MAX_INPUT || !this.reserve(bytes.length)) return false;
    new Uint8Array(this.ex.mem.buffer, this.inputAt, bytes.length).set(bytes);
    return true;
  }

  /** Room for `n` input bytes; false when the memory cannot grow that far. */
  private reserve(n: number): boolean {
    if (n <= this.inputCap) return true;
    const cap = Math.max(n, this.inputCap * 2);
    const first = (this.inputAt + cap + 7) & ~7;
    const need = first + STREAMS * CAP * 8;
    const mem = this.ex.mem;
    try {
      if (mem.buffer.byteLength < need) mem.grow(Math.ceil((need - mem.buffer.byteLength) / 65536));
    } catch {
      return false;
    }
    this.inputCap = cap;
    this.out = Array.from({ length: STREAMS }, (_, i) => first + i * CAP * 8);
    return true;
  }

  /**
   * The text is cut into quarters at `q[1..3]`. Stream i starts one keyword length before its quarter (stream 0
   * at 0) and reports only keywords ending inside its quarter, which it has then seen whole. All streams take the
   * same number of steps (a stream whose start would leave it short of the text's end starts earlier instead).
   * Stream 0's hits are reported at once, the others' held until then, so hits stay in text order.
   */
  private run(n: number, onHit: (keyword: number, end: number) => void, unit: 1 | 2 = 1): void {
    const ex = this.ex;
    const base = this.inputAt;
    const scan = unit === 1 ? ex.scan4 : ex.scan4_16;
    const q = [0, n >> 2, n >> 1, (3 * n) >> 2, n];
    const owned = q.slice(0, STREAMS).map((b, i) => (i === 0 ? 0 : Math.max(0, b - this.maxKeyword + 1)));
    const steps = Math.max(...owned.map((from, i) => q[i + 1] - from));
    const start = owned.map((from) => Math.min(from, n - steps));
    ex.s0.value = ex.s1.value = ex.s2.value = ex.s3.value = TABLE_AT; // the root state's row
    const held: number[][] = [[], [], []];
    const [o0, o1, o2, o3] = this.out;
    for (let k = 0; k < steps; ) {
      k += scan(base + unit * (start[0] + k), base + unit * (start[1] + k), base + unit * (start[2] + k),
        base + unit * (start[3] + k), steps - k, o0, o1, o2, o3, CAP);
      const hits = new Int32Array(ex.mem.buffer);
      const counts = [ex.n0.value, ex.n1.value, ex.n2.value, ex.n3.value];
      for (let i = 0; i < STREAMS; i++) {
        const lo = i === 0 ? -1 : q[i];
        for (let j = 0, at = this.out[i] >> 2; j < counts[i]; j++, at += 2) {
          const end = (hits[at] - base) / unit;
          if (end <= lo || end > q[i + 1]) continue;
          if (i === 0) this.emit(hits[at + 1], end, onHit);
          else held[i - 1].push(hits[at + 1], end);
        }
      }
    }
    for (const h of held) for (let j = 0; j < h.length; j += 2) this.emit(h[j], h[j + 1], onHit);
  }

  /** `row`: the byte address of the state's table row. */
  private emit(row: number, end: number, onHit: (keyword: number, end: number) => void): void {
    const o = this.outputs[(row - TABLE_AT) / 4 / this.width]!;
    for (let j = 0; j < o.length; j++) onHit(o[j], end);
  }
}
