import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { KeywordAutomaton } from '../../../src/engine/prefilter';
import { LineIndex, SparsePositions } from '../../../src/engine/line-index';
import { scan, scanUtf8 } from '../../../src/engine/scanner';
import { fakeAwsKeyId, fakeAwsSecret } from '../cli/fake-secrets';
import { ruleSetFor } from '../../../src/engine/rule-set';

const root = path.resolve(__dirname, '../../../..');

/** Every (keyword, end) occurrence, case-insensitively, by plain string search: the reference. */
function reference(keywords: readonly string[], text: string): string[] {
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const hits: [number, number][] = [];
  keywords.forEach((kw, k) => {
    for (let at = lower.indexOf(kw); at !== -1; at = lower.indexOf(kw, at + 1)) hits.push([at + kw.length, k]);
  });
  return hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([end, k]) => `${k}@${end}`);
}

function collect(run: (onHit: (k: number, end: number) => void) => void): { hits: string[]; ordered: boolean } {
  const raw: [number, number][] = [];
  run((k, end) => raw.push([end, k]));
  const ordered = raw.every((h, i) => i === 0 || raw[i - 1][0] <= h[0]);
  return { hits: raw.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([end, k]) => `${k}@${end}`), ordered };
}

/** Deterministic pseudo-random text over an alphabet rich in keyword letters. */
function randomText(seed: number, length: number, alphabet: string): string {
  let s = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out += alphabet[(s >>> 8) % alphabet.length];
  }
  return out;
}

describe('keyword automaton in WebAssembly (prefilter.wat)', () => {
  const keywords = ['secret', 'token', 'api_key', 'akia', 'kia', 'se', 'password', 'credential', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'];
  const ac = new KeywordAutomaton(keywords);

  it('the committed binary is the assembly of prefilter.wat', () => {
    // Throws (exit 1) when src/engine/prefilter-wasm-binary.ts no longer matches the .wat.
    execFileSync(process.execPath, [path.join(root, 'scripts/build-wasm.mjs'), '--check'], { cwd: root, stdio: 'pipe' });
  });

  it('reports exactly the occurrences a plain search finds, in text order, on large texts', () => {
    for (const [seed, length] of [[1, 5000], [2, 40_001], [3, 123_457]]) {
      const text = randomText(seed, length, 'secrtokn_apiywdASKE Ial\n');
      const got = collect((cb) => ac.scan(text, cb));
      assert.ok(got.ordered, `hits out of order for seed ${seed}`);
      assert.deepEqual(got.hits, reference(keywords, text));
    }
  });

  it('finds keywords that straddle the points where one stream hands over to the next', () => {
    for (const length of [8192, 8193, 10_002]) {
      for (const cut of [length >> 2, length >> 1, (3 * length) >> 2]) {
        for (let shift = -45; shift <= 5; shift++) {
          const at = cut + shift;
          const pad = '.'.repeat(length);
          const text = pad.slice(0, at) + 'Credential' + pad.slice(at + 10);
          const got = collect((cb) => ac.scan(text, cb));
          assert.deepEqual(got.hits, reference(keywords, text), `credential at ${shift} from ${cut} of ${length}`);
        }
      }
    }
  });

  it('handles texts whose quarters are shorter than a keyword', () => {
    for (const length of [256, 257, 300, 513]) {
      const text = randomText(length, length, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaasecrt ');
      const got = collect((cb) => ac.scan(text, cb));
      assert.ok(got.ordered);
      assert.deepEqual(got.hits, reference(keywords, text), `length ${length}`);
    }
  });

  it('keeps every hit when they overflow the hit buffers', () => {
    const text = 'token secret '.repeat(20_000); // 40,000+ hits, far more than one buffer
    const got = collect((cb) => ac.scan(text, cb));
    assert.ok(got.ordered);
    assert.deepEqual(got.hits, reference(keywords, text));
  });

  it('reports UTF-16 offsets for non-ASCII text and its UTF-8 bytes (2-, 3- and 4-byte characters, lone surrogates)', () => {
    for (const [seed, alphabet] of [
      [9, 'secrtoknéüš_apiyw\n'],
      [10, 'secrtokn€中_apiyw '],
      [11, 'secrtokn😀\ud83d_apiyw\udc00 '],
      [12, 'secrtokn😀_apiyw '],
    ] as const) {
      const text = randomText(seed, 20_000, alphabet);
      const got = collect((cb) => ac.scan(text, cb));
      assert.ok(got.ordered);
      assert.deepEqual(got.hits, reference(keywords, text), alphabet);
      if (/[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) continue; // no valid UTF-8
      const fromBytes = collect((cb) => assert.ok(ac.scanUtf8(Buffer.from(text, 'utf8'), cb)));
      assert.ok(fromBytes.ordered);
      assert.deepEqual(fromBytes.hits, got.hits, `${alphabet} as UTF-8 bytes`);
    }
    // Nothing to count line feeds in: the copy in memory is not indexed like the string.
    const latin = randomText(9, 20_000, 'secrtoknéüš_apiyw\n');
    ac.scan(latin, () => undefined);
    assert.equal(ac.countLineFeeds(latin, 0, 10), undefined);
  });

  it('a long ASCII text with one non-ASCII character anywhere (chunk edges too) reports the same offsets', () => {
    const ascii = randomText(15, 100_000, 'secrtokn_apiyw ');
    for (const ch of ['é', '€', '😀']) {
      for (const at of [99_990, 65_541, 32_768, 32_767, 20_000, 1]) {
        const text = ascii.slice(0, at) + ch + ascii.slice(at) + 'secret';
        const got = collect((cb) => ac.scan(text, cb));
        assert.ok(got.ordered);
        assert.deepEqual(got.hits, reference(keywords, text), `${ch} at ${at}`);
      }
    }
  });

  it('scans raw ASCII bytes the same way', () => {
    const text = randomText(4, 30_000, 'secrtokn_apiywdASKE Ial\n');
    const got = collect((cb) => ac.scanBytes(Buffer.from(text, 'latin1'), cb));
    assert.ok(got.ordered);
    assert.deepEqual(got.hits, reference(keywords, text));
  });

  it('finds the same secrets in a non-ASCII file from its bytes as from its decoded text', () => {
    const body = [
      '// Überprüfung der Zugangsdaten — 認証情報 😀',
      'const config = {',
      `  awsSecretAccessKey: '${fakeAwsSecret(31)}',`,
      `  accessKeyId: '${fakeAwsKeyId(31)}', // clé d'accès`,
      "  password: 'Zx9!qT2#mW8@vL4$'",
      '};',
    ].join('\n');
    const text = `${'// 日本語のコメント行です。\n'.repeat(40)}${body}\n`;
    const fromText = scan(text, { path: 'config.js' });
    const fromBytes = scanUtf8(Buffer.from(text, 'utf8'), () => text, { path: 'config.js' });
    assert.ok(fromText.length >= 3, JSON.stringify(fromText.map((f) => f.ruleId)));
    assert.deepEqual(fromBytes, fromText);
    // No keyword: the text is never decoded.
    assert.deepEqual(scanUtf8(Buffer.from('日本語 '.repeat(100), 'utf8'), () => assert.fail('decoded'), {}), []);
  });

  it('agrees with the JS loop for the built-in rule set on real-looking code', () => {
    const { automaton } = ruleSetFor({});
    const lines = [];
    for (let i = 0; i < 800; i++) {
      lines.push(`  const awsSecretAccessKey${i} = process.env.AWS_SECRET_ACCESS_KEY; // token ${i} of the password store`);
    }
    const text = lines.join('\n');
    const whole = collect((cb) => automaton.scan(text, cb));
    // A range scan always runs the JS loop; starting at 0 and ending at the length covers the same text.
    const js = collect((cb) => automaton.scan(` ${text}`, (k, end) => cb(k, end - 1), 1, text.length + 1));
    assert.ok(whole.hits.length > 1000);
    assert.deepEqual(whole.hits, js.hits);
  });

  it('counts the line feeds of the text it last scanned, and of no other text', () => {
    const text = randomText(5, 50_003, 'ab\ncd\n\n secret ');
    ac.scan(text, () => undefined);
    for (const [from, to] of [[0, text.length], [0, 0], [7, 7], [3, 4000], [1, 17], [49_990, 50_003]]) {
      const expected = text.slice(from, to).split('\n').length - 1;
      assert.equal(ac.countLineFeeds(text, from, to), expected, `[${from}, ${to})`);
    }
    assert.equal(ac.countLineFeeds(`${text.slice(1)}x`, 0, 10), undefined);
  });

  it('places findings on large texts exactly where line splitting says they are', () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(i % 500 === 7 ? `  const dbPassword${i} = "Zq8vN2xLp4Rt${i}W";` : `  call(${i}); // filler`);
    const text = lines.join('\n');
    const findings = scan(text);
    assert.equal(findings.length, 6);
    for (const f of findings) {
      const line = lines[f.start.line - 1];
      assert.equal(line.slice(f.start.column - 1, f.end.column - 1), text.slice(f.startOffset, f.endOffset));
    }
  });

  it('sparse positions agree with a full line index, also for many offsets on one long line', () => {
    const text = randomText(6, 20_000, 'abc\n') + 'x'.repeat(30_000) + randomText(7, 5000, 'ab\n');
    const offsets = [0, 1, 5, 19_999, 20_000, 20_001, ...Array.from({ length: 300 }, (_, i) => 20_000 + i * 97), 50_000, 54_999];
    const count = (from: number, to: number) => text.slice(from, to).split('\n').length - 1;
    const sparse = new SparsePositions(text, offsets, count);
    const full = new LineIndex(text);
    for (const o of offsets) assert.deepEqual(sparse.position(o), full.position(o), `offset ${o}`);
  });
});
