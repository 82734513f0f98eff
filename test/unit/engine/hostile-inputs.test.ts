/** Engine behaviour on hostile input: masking by code point, near-linear overlap resolution. */
import assert from 'node:assert/strict';
import { scan } from '../../../src/engine';
import { DisjointSpans, NearbyIndex } from '../../../src/engine/finalize-index';
import { maskSecret } from '../../../src/engine/mask';
import type { Finding } from '../../../src/engine/types';
import { fakeAwsKeyId, fakeAwsSecret, fakeRng } from '../cli/fake-secrets';

describe('hostile inputs: engine', function () {
  this.timeout(120_000);

  it('masks by code point: never splits a surrogate pair', () => {
    const masked = maskSecret('\u{1F511}\u{1F511}abcdefghij');
    assert.equal(masked, '\u{1F511}\u{1F511}ab…');
    assert.doesNotMatch(masked, /[\ud800-\udbff](?![\udc00-\udfff])/, 'no lone high surrogate');
    assert.equal(maskSecret('\u{1F600}'.repeat(3)), '\u{1F600}…', 'a third of 3 code points, not of 6 units');
    // Still the same rule for plain values.
    assert.equal(maskSecret('AKIA2OGYBAH6STMMNXNN'), 'AKIA…');
    // JSON round-trips the mask of an emoji-led value without a lone surrogate escape.
    assert.doesNotMatch(JSON.stringify(maskSecret('\u{1F511}x'.repeat(10))), /\\ud83d/i);
  });

  it('DisjointSpans answers overlap queries exactly like the pairwise check', () => {
    const rng = fakeRng(7);
    for (let round = 0; round < 50; round++) {
      const spans = Array.from({ length: 200 }, () => {
        const s = Math.floor(rng() * 1000);
        return [s, s + 1 + Math.floor(rng() * 30)] as const;
      });
      const index = new DisjointSpans(spans.map(([s]) => s));
      const admitted: (readonly [number, number])[] = [];
      for (const [s, e] of spans) {
        const naive = admitted.some(([a, b]) => a < e && s < b);
        assert.equal(index.overlaps(s, e), naive, `round ${round}: [${s}, ${e})`);
        if (!naive) {
          index.add(s, e);
          admitted.push([s, e]);
        }
      }
    }
  });

  it('NearbyIndex finds another finding of a kind within N lines, never the finding itself', () => {
    const at = (line: number, kind: Finding['kind']) => ({ kind, start: { line, column: 1 } }) as Finding;
    const a = at(10, 'aws-access-key-id');
    const b = at(20, 'aws-secret-access-key');
    const index = new NearbyIndex([a, b]);
    assert.equal(index.hasOther(b, ['aws-access-key-id'], 10), true);
    assert.equal(index.hasOther(b, ['aws-access-key-id'], 9), false);
    assert.equal(index.hasOther(a, ['aws-access-key-id'], 100), false, 'itself is not a neighbour');
  });

  it('resolves overlaps near-linearly: 2 MB of dense key-like lines costs ~10x 200 KB, not ~100x', () => {
    const rng = fakeRng(3);
    const lines = (bytes: number): string => {
      const out: string[] = [];
      let n = 0;
      for (let i = 0; n < bytes; i++) {
        const seed = Math.floor(rng() * 1e9);
        const l = i % 2 ? `aws_secret_access_key = "${fakeAwsSecret(seed)}"` : `${fakeAwsKeyId(seed)} ${fakeAwsSecret(seed + 1)}`;
        out.push(l);
        n += l.length + 1;
      }
      return out.join('\n');
    };
    const small = lines(200_000);
    const big = lines(2_000_000);
    // CPU time of this process (not wall time: CI machines are shared), best of two after a warm-up.
    const time = (text: string): { ms: number; n: number } => {
      let n = scan(text).length;
      let ms = Infinity;
      for (let i = 0; i < 2; i++) {
        const c0 = process.cpuUsage();
        n = scan(text).length;
        const c = process.cpuUsage(c0);
        ms = Math.min(ms, (c.user + c.system) / 1000);
      }
      return { ms, n };
    };
    const s = time(small);
    const b = time(big);
    assert.ok(b.n > 20_000, `dense input yields many findings (${b.n})`);
    // Linear is ~10x; the old pairwise finalize was ~100x (28 s on 2 MB). Generous for a loaded machine.
    assert.ok(b.ms < s.ms * 35, `2 MB took ${b.ms.toFixed(0)} ms vs ${s.ms.toFixed(0)} ms for 200 KB`);
  });
});

describe('speed hints never change results', () => {
  it('separatorAfterName matches after the name wherever the full identifier-anchored pattern matches', async () => {
    const { BUILTIN_RULES } = await import('../../../src/engine');
    const { ruleSetFor } = await import('../../../src/engine/rule-set');
    const groups = ruleSetFor({}).groups.filter((g) => g.sticky && g.separatorAfterName);
    assert.ok(groups.length > 0, 'the generic assignment rules declare a separator hint');
    const texts = BUILTIN_RULES.flatMap((r) => [...r.examples.positive, ...r.examples.negative]);
    // Variations around separators and quotes the examples may not spell out.
    for (const sep of [' = ', '=', ': ', ' := ', ' => ', ' <- ', ' ?= ', ' ||= ', ' == ', ' != ', '(', '", ', ' ', '\t', ': String = ', ': { value: ']) {
      for (const name of ['password', 'db.password', 'api-key', '$secret', '@token', 'x_auth_token', '"client_secret"', "'apiKey'", 'cfg["token"]']) {
        texts.push(`${name}${sep}"Zq8vL2xKp9Wm4"`, `${name}${sep}'Zq8vL2xKp9Wm4'`, `${name}${sep}Zq8vL2xKp9Wm4`, `${name}${sep}r"Zq8vL2xKp9Wm4"`);
      }
    }
    const nameChar = /[\w$.-]/;
    let checked = 0;
    for (const g of groups) {
      for (const text of texts) {
        for (let p = 0; p < text.length; p++) {
          g.sticky!.lastIndex = p;
          if (!g.sticky!.exec(text)) continue;
          let end = p + 1;
          while (end < text.length && nameChar.test(text[end])) end++;
          g.separatorAfterName!.lastIndex = end;
          assert.ok(g.separatorAfterName!.test(text), `hint rejects a match at ${p} in ${JSON.stringify(text)}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 100, `checked ${checked} matches`);
  });
});
