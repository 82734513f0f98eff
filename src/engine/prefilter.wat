;; The keyword automaton's hot loop (see prefilter.ts), in WebAssembly: about twice as fast as the JS loop, which
;; is bound by `charCodeAt` and by one dependent table load per character.
;; Memory, laid out by prefilter-wasm.ts: [0, 256) character class per byte; the DFA table (i32 entries, targets
;; premultiplied by the row width, a state with output stored as -(target)-1) at $tbl; the ASCII input; then two
;; hit buffers of (end offset, state) i32 pairs.
;; Assemble with `node scripts/build-wasm.mjs` (writes prefilter-wasm-binary.ts).
(module
  (memory (export "mem") 1)
  (global $s1 (export "s1") (mut i32) (i32.const 0))
  (global $s2 (export "s2") (mut i32) (i32.const 0))
  (global $n1 (export "n1") (mut i32) (i32.const 0))
  (global $n2 (export "n2") (mut i32) (i32.const 0))
  ;; Two independent streams a (from $pa) and b (from $pb), $steps characters each: the two state chains
  ;; overlap in the CPU. Hits go to $outA / $outB as (end, state) pairs; stops early when either is full.
  (func (export "scan2") (param $pa i32) (param $pb i32) (param $steps i32) (param $tbl i32) (param $outA i32) (param $outB i32) (param $cap i32) (result i32)
    (local $a i32) (local $b i32) (local $na i32) (local $nb i32) (local $k i32)
    (local.set $a (global.get $s1))
    (local.set $b (global.get $s2))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $steps)))
        (local.set $a (i32.load (i32.add (local.get $tbl) (i32.shl (i32.add (local.get $a) (i32.load8_u (i32.load8_u (i32.add (local.get $pa) (local.get $k))))) (i32.const 2)))))
        (local.set $b (i32.load (i32.add (local.get $tbl) (i32.shl (i32.add (local.get $b) (i32.load8_u (i32.load8_u (i32.add (local.get $pb) (local.get $k))))) (i32.const 2)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (if (i32.lt_s (i32.or (local.get $a) (local.get $b)) (i32.const 0))
          (then
            (if (i32.lt_s (local.get $a) (i32.const 0))
              (then
                (local.set $a (i32.sub (i32.const -1) (local.get $a)))
                (i32.store (i32.add (local.get $outA) (i32.shl (local.get $na) (i32.const 3))) (i32.add (local.get $pa) (local.get $k)))
                (i32.store offset=4 (i32.add (local.get $outA) (i32.shl (local.get $na) (i32.const 3))) (local.get $a))
                (local.set $na (i32.add (local.get $na) (i32.const 1)))))
            (if (i32.lt_s (local.get $b) (i32.const 0))
              (then
                (local.set $b (i32.sub (i32.const -1) (local.get $b)))
                (i32.store (i32.add (local.get $outB) (i32.shl (local.get $nb) (i32.const 3))) (i32.add (local.get $pb) (local.get $k)))
                (i32.store offset=4 (i32.add (local.get $outB) (i32.shl (local.get $nb) (i32.const 3))) (local.get $b))
                (local.set $nb (i32.add (local.get $nb) (i32.const 1)))))
            (br_if $done (i32.ge_u (local.get $na) (local.get $cap)))
            (br_if $done (i32.ge_u (local.get $nb) (local.get $cap)))))
        (br $next)))
    (global.set $s1 (local.get $a))
    (global.set $s2 (local.get $b))
    (global.set $n1 (local.get $na))
    (global.set $n2 (local.get $nb))
    (local.get $k))
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
