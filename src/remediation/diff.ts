/** Minimal unified diff of two texts (line based, 3 lines of context), for `fix --dry-run` and previews. */

function splitLines(s: string): string[] {
  if (s === '') return [];
  const lines = s.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

type Op = { t: ' ' | '-' | '+'; line: string; a: number; b: number };

function diffLines(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const n = am.length;
  const m = bm.length;
  const ops: Op[] = [];
  for (let i = 0; i < pre; i++) ops.push({ t: ' ', line: a[i], a: i, b: i });
  if (n * m > 4_000_000) {
    am.forEach((l, i) => ops.push({ t: '-', line: l, a: pre + i, b: pre }));
    bm.forEach((l, j) => ops.push({ t: '+', line: l, a: pre + n, b: pre + j }));
  } else {
    // LCS table on the changed middle
    const dp: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) {
      dp[i][j] = am[i] === bm[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) { ops.push({ t: ' ', line: am[i], a: pre + i, b: pre + j }); i++; j++; }
      else if (i < n && (j >= m || dp[i + 1][j] >= dp[i][j + 1])) { ops.push({ t: '-', line: am[i], a: pre + i, b: pre + j }); i++; }
      else { ops.push({ t: '+', line: bm[j], a: pre + i, b: pre + j }); j++; }
    }
  }
  for (let k = 0; k < suf; k++) ops.push({ t: ' ', line: a[a.length - suf + k], a: a.length - suf + k, b: b.length - suf + k });
  return ops;
}

export function unifiedDiff(before: string, after: string, fromName: string, toName: string, context = 3): string {
  const ops = diffLines(splitLines(before), splitLines(after));
  const changed = ops.map((o, i) => (o.t !== ' ' ? i : -1)).filter((i) => i >= 0);
  if (changed.length === 0) return '';
  let out = `--- ${fromName}\n+++ ${toName}\n`;
  let k = 0;
  while (k < changed.length) {
    let start = Math.max(0, changed[k] - context);
    let end = Math.min(ops.length, changed[k] + context + 1);
    while (k + 1 < changed.length && changed[k + 1] - context <= end) { k++; end = Math.min(ops.length, changed[k] + context + 1); }
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((o) => o.t !== '+').length;
    const bCount = hunk.filter((o) => o.t !== '-').length;
    const aStart = (hunk.find((o) => o.t !== '+')?.a ?? hunk[0].a) + (aCount ? 1 : 0);
    const bStart = (hunk.find((o) => o.t !== '-')?.b ?? hunk[0].b) + (bCount ? 1 : 0);
    out += `@@ -${aStart},${aCount} +${bStart},${bCount} @@\n`;
    for (const o of hunk) out += `${o.t}${o.line.replace(/\r$/, '')}\n`;
    k++;
    start = end;
  }
  return out;
}
