;; The keyword automaton's hot loop (see prefilter.ts), in WebAssembly: about twice as fast as the JS loop, which
;; is bound by `charCodeAt` and by one dependent table load per character. Four streams (quarters of the text)
;; advance together, so the CPU overlaps their chains of table loads.
;; Memory, laid out by prefilter-wasm.ts: [0, 131072) the byte offset of each input byte's or UTF-16 unit's
;; character class within a table row (u16: class × 4; 0 beyond ASCII); the DFA table, whose i32 entries are the byte addresses of their target rows
;; (a state with output stored as -(address)-1), so one step of a stream is a single add and load; the input
;; bytes; then four hit buffers of (end offset, state address) i32 pairs, one per stream.
;; Assemble with `node scripts/build-wasm.mjs` (writes prefilter-wasm-binary.ts).
(module
  (memory (export "mem") 1)
  (global $s0 (export "s0") (mut i32) (i32.const 0))
  (global $n0 (export "n0") (mut i32) (i32.const 0))
  (global $s1 (export "s1") (mut i32) (i32.const 0))
  (global $n1 (export "n1") (mut i32) (i32.const 0))
  (global $s2 (export "s2") (mut i32) (i32.const 0))
  (global $n2 (export "n2") (mut i32) (i32.const 0))
  (global $s3 (export "s3") (mut i32) (i32.const 0))
  (global $n3 (export "n3") (mut i32) (i32.const 0))
  ;; Advances stream i from $p<i> for $steps bytes; hits go to $o<i> as (end address, state address) pairs.
  ;; Returns the steps taken: fewer when a hit buffer filled up (the states are kept in the globals for the next
  ;; call).
  (func (export "scan4") (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $steps i32) (param $o0 i32) (param $o1 i32) (param $o2 i32) (param $o3 i32) (param $cap i32) (result i32)
    (local $a0 i32) (local $c0 i32) (local $a1 i32) (local $c1 i32) (local $a2 i32) (local $c2 i32) (local $a3 i32) (local $c3 i32) (local $k i32)
    (local.set $a0 (global.get $s0))
    (local.set $a1 (global.get $s1))
    (local.set $a2 (global.get $s2))
    (local.set $a3 (global.get $s3))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $k) (local.get $steps)))
      (local.set $a0 (i32.load (i32.add (local.get $a0) (i32.load16_u (i32.shl (i32.load8_u (i32.add (local.get $p0) (local.get $k))) (i32.const 1))))))
      (local.set $a1 (i32.load (i32.add (local.get $a1) (i32.load16_u (i32.shl (i32.load8_u (i32.add (local.get $p1) (local.get $k))) (i32.const 1))))))
      (local.set $a2 (i32.load (i32.add (local.get $a2) (i32.load16_u (i32.shl (i32.load8_u (i32.add (local.get $p2) (local.get $k))) (i32.const 1))))))
      (local.set $a3 (i32.load (i32.add (local.get $a3) (i32.load16_u (i32.shl (i32.load8_u (i32.add (local.get $p3) (local.get $k))) (i32.const 1))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (if (i32.lt_s (i32.or (i32.or (i32.or (local.get $a0) (local.get $a1)) (local.get $a2)) (local.get $a3)) (i32.const 0)) (then
        (if (i32.lt_s (local.get $a0) (i32.const 0)) (then
          (local.set $a0 (i32.sub (i32.const -1) (local.get $a0)))
          (i32.store (i32.add (local.get $o0) (i32.shl (local.get $c0) (i32.const 3))) (i32.add (local.get $p0) (local.get $k)))
          (i32.store offset=4 (i32.add (local.get $o0) (i32.shl (local.get $c0) (i32.const 3))) (local.get $a0))
          (local.set $c0 (i32.add (local.get $c0) (i32.const 1)))))
        (if (i32.lt_s (local.get $a1) (i32.const 0)) (then
          (local.set $a1 (i32.sub (i32.const -1) (local.get $a1)))
          (i32.store (i32.add (local.get $o1) (i32.shl (local.get $c1) (i32.const 3))) (i32.add (local.get $p1) (local.get $k)))
          (i32.store offset=4 (i32.add (local.get $o1) (i32.shl (local.get $c1) (i32.const 3))) (local.get $a1))
          (local.set $c1 (i32.add (local.get $c1) (i32.const 1)))))
        (if (i32.lt_s (local.get $a2) (i32.const 0)) (then
          (local.set $a2 (i32.sub (i32.const -1) (local.get $a2)))
          (i32.store (i32.add (local.get $o2) (i32.shl (local.get $c2) (i32.const 3))) (i32.add (local.get $p2) (local.get $k)))
          (i32.store offset=4 (i32.add (local.get $o2) (i32.shl (local.get $c2) (i32.const 3))) (local.get $a2))
          (local.set $c2 (i32.add (local.get $c2) (i32.const 1)))))
        (if (i32.lt_s (local.get $a3) (i32.const 0)) (then
          (local.set $a3 (i32.sub (i32.const -1) (local.get $a3)))
          (i32.store (i32.add (local.get $o3) (i32.shl (local.get $c3) (i32.const 3))) (i32.add (local.get $p3) (local.get $k)))
          (i32.store offset=4 (i32.add (local.get $o3) (i32.shl (local.get $c3) (i32.const 3))) (local.get $a3))
          (local.set $c3 (i32.add (local.get $c3) (i32.const 1)))))
        (br_if $done (i32.ge_u (local.get $c0) (local.get $cap)))
        (br_if $done (i32.ge_u (local.get $c1) (local.get $cap)))
        (br_if $done (i32.ge_u (local.get $c2) (local.get $cap)))
        (br_if $done (i32.ge_u (local.get $c3) (local.get $cap)))
      ))
      (br $next)))
    (global.set $s0 (local.get $a0)) (global.set $n0 (local.get $c0))
    (global.set $s1 (local.get $a1)) (global.set $n1 (local.get $c1))
    (global.set $s2 (local.get $a2)) (global.set $n2 (local.get $c2))
    (global.set $s3 (local.get $a3)) (global.set $n3 (local.get $c3))
    (local.get $k))
  ;; The same over UTF-16 code units (a text with characters beyond ASCII, copied as it is held in memory, two
  ;; bytes per unit): $p<i> and the hit addresses are byte addresses, $steps counts units. The class table has an
  ;; entry for every unit (0 beyond ASCII), so a unit indexes it directly.
  (func (export "scan4_16") (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (param $steps i32) (param $o0 i32) (param $o1 i32) (param $o2 i32) (param $o3 i32) (param $cap i32) (result i32)
    (local $a0 i32) (local $c0 i32) (local $a1 i32) (local $c1 i32) (local $a2 i32) (local $c2 i32) (local $a3 i32) (local $c3 i32) (local $k i32)
    (local.set $a0 (global.get $s0))
    (local.set $a1 (global.get $s1))
    (local.set $a2 (global.get $s2))
    (local.set $a3 (global.get $s3))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $k) (local.get $steps)))
      (local.set $a0 (i32.load (i32.add (local.get $a0) (i32.load16_u (i32.shl (i32.load16_u (i32.add (local.get $p0) (i32.shl (local.get $k) (i32.const 1)))) (i32.const 1))))))
      (local.set $a1 (i32.load (i32.add (local.get $a1) (i32.load16_u (i32.shl (i32.load16_u (i32.add (local.get $p1) (i32.shl (local.get $k) (i32.const 1)))) (i32.const 1))))))
      (local.set $a2 (i32.load (i32.add (local.get $a2) (i32.load16_u (i32.shl (i32.load16_u (i32.add (local.get $p2) (i32.shl (local.get $k) (i32.const 1)))) (i32.const 1))))))
      (local.set $a3 (i32.load (i32.add (local.get $a3) (i32.load16_u (i32.shl (i32.load16_u (i32.add (local.get $p3) (i32.shl (local.get $k) (i32.const 1)))) (i32.const 1))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (if (i32.lt_s (i32.or (i32.or (i32.or (local.get $a0) (local.get $a1)) (local.get $a2)) (local.get $a3)) (i32.const 0)) (then
        (if (i32.lt_s (local.get $a0) (i32.const 0)) (then
          (local.set $a0 (i32.sub (i32.const -1) (local.get $a0)))
          (i32.store (i32.add (local.get $o0) (i32.shl (local.get $c0) (i32.const 3))) (i32.add (local.get $p0) (i32.shl (local.get $k) (i32.const 1))))
          (i32.store offset=4 (i32.add (local.get $o0) (i32.shl (local.get $c0) (i32.const 3))) (local.get $a0))
          (local.set $c0 (i32.add (local.get $c0) (i32.const 1)))))
        (if (i32.lt_s (local.get $a1) (i32.const 0)) (then
          (local.set $a1 (i32.sub (i32.const -1) (local.get $a1)))
          (i32.store (i32.add (local.get $o1) (i32.shl (local.get $c1) (i32.const 3))) (i32.add (local.get $p1) (i32.shl (local.get $k) (i32.const 1))))
          (i32.store offset=4 (i32.add (local.get $o1) (i32.shl (local.get $c1) (i32.const 3))) (local.get $a1))
          (local.set $c1 (i32.add (local.get $c1) (i32.const 1)))))
        (if (i32.lt_s (local.get $a2) (i32.const 0)) (then
          (local.set $a2 (i32.sub (i32.const -1) (local.get $a2)))
          (i32.store (i32.add (local.get $o2) (i32.shl (local.get $c2) (i32.const 3))) (i32.add (local.get $p2) (i32.shl (local.get $k) (i32.const 1))))
          (i32.store offset=4 (i32.add (local.get $o2) (i32.shl (local.get $c2) (i32.const 3))) (local.get $a2))
          (local.set $c2 (i32.add (local.get $c2) (i32.const 1)))))
        (if (i32.lt_s (local.get $a3) (i32.const 0)) (then
          (local.set $a3 (i32.sub (i32.const -1) (local.get $a3)))
          (i32.store (i32.add (local.get $o3) (i32.shl (local.get $c3) (i32.const 3))) (i32.add (local.get $p3) (i32.shl (local.get $k) (i32.const 1))))
          (i32.store offset=4 (i32.add (local.get $o3) (i32.shl (local.get $c3) (i32.const 3))) (local.get $a3))
          (local.set $c3 (i32.add (local.get $c3) (i32.const 1)))))
        (br_if $done (i32.ge_u (local.get $c0) (local.get $cap)))
        (br_if $done (i32.ge_u (local.get $c1) (local.get $cap)))
        (br_if $done (i32.ge_u (local.get $c2) (local.get $cap)))
        (br_if $done (i32.ge_u (local.get $c3) (local.get $cap)))
      ))
      (br $next)))
    (global.set $s0 (local.get $a0)) (global.set $n0 (local.get $c0))
    (global.set $s1 (local.get $a1)) (global.set $n1 (local.get $c1))
    (global.set $s2 (local.get $a2)) (global.set $n2 (local.get $c2))
    (global.set $s3 (local.get $a3)) (global.set $n3 (local.get $c3))
    (local.get $k))
  ;; Turns the $n i32 entries at $tbl from the JS table's form (targets premultiplied by the row width, -(t)-1 for a
  ;; state with output) into this module's (byte addresses of rows): e becomes 4e + $tbl, or 4e + 3 - $tbl when
  ;; negative. Done here because a cold JS loop over ~500,000 entries costs tens of milliseconds per worker.
  (func (export "rebase") (param $tbl i32) (param $n i32)
    (local $p i32) (local $end i32) (local $e i32)
    (local.set $p (local.get $tbl))
    (local.set $end (i32.add (local.get $tbl) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $e (i32.shl (i32.load (local.get $p)) (i32.const 2)))
      (i32.store (local.get $p) (select
        (i32.add (local.get $e) (local.get $tbl))
        (i32.sub (i32.add (local.get $e) (i32.const 3)) (local.get $tbl))
        (i32.ge_s (local.get $e) (i32.const 0))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br $next))))
  ;; Line feeds in [$p, $end): 16 bytes per step (compare, bitmask, popcount), then byte by byte.
  (func (export "count_lf") (param $p i32) (param $end i32) (result i32)
    (local $n i32) (local $lf v128)
    (local.set $lf (i8x16.splat (i32.const 10)))
    (block $tail
      (loop $wide
        (br_if $tail (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $n (i32.add (local.get $n)
          (i32.popcnt (i8x16.bitmask (i8x16.eq (v128.load (local.get $p)) (local.get $lf))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $wide)))
    (block $done
      (loop $narrow
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $n (i32.add (local.get $n) (i32.eq (i32.load8_u (local.get $p)) (i32.const 10))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $narrow)))
    (local.get $n))
  ;; UTF-16 code units encoded by the UTF-8 bytes in [$p, $end) (which start and end on character boundaries):
  ;; one per byte that is not a continuation byte (10xxxxxx), plus one more per 4-byte lead (a surrogate pair).
  (func (export "utf16_units") (param $p i32) (param $end i32) (result i32)
    (local $n i32) (local $v v128) (local $top v128) (local $cont v128) (local $four v128)
    (local.set $top (i8x16.splat (i32.const 0xC0)))
    (local.set $cont (i8x16.splat (i32.const 0x80)))
    (local.set $four (i8x16.splat (i32.const 0xF0)))
    (block $tail
      (loop $wide
        (br_if $tail (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $n (i32.add (local.get $n) (i32.add
          (i32.popcnt (i8x16.bitmask (i8x16.ne (v128.and (local.get $v) (local.get $top)) (local.get $cont))))
          (i32.popcnt (i8x16.bitmask (i8x16.ge_u (local.get $v) (local.get $four)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $wide)))
    (block $done
      (loop $narrow
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $n (i32.add (local.get $n) (i32.add
          (i32.ne (i32.and (i32.load8_u (local.get $p)) (i32.const 0xC0)) (i32.const 0x80))
          (i32.ge_u (i32.load8_u (local.get $p)) (i32.const 0xF0)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $narrow)))
    (local.get $n)))
