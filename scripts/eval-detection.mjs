#!/usr/bin/env node
/**
 * Detection quality report: runs the compiled engine over the labelled realistic fixture corpus and
 * prints recall and precision, matching findings to labels by (file, start line).
 *
 *   npx tsc -p . && node scripts/eval-detection.mjs [--json] [--dir <fixtures>] [--labels <labels.jsonl>]
 *                                                    [--min-recall 0.95 --min-precision 0.95]
 *
 * Matching rules:
 *   - a finding is a true positive when its start line equals a labelled line of the same file
 *     (a kind mismatch is listed separately but still counts as a hit);
 *   - several findings on one labelled line count that label once (extra findings on a labelled
 *     line are neither TP nor FP: they are "duplicates");
 *   - any other finding is a false positive.
 * Recall = matched labels / labels. Precision = TP findings / (TP findings + FP findings), where a TP
 * finding is counted once per matched label.
 * Output never contains raw secrets: values are masked to their first 4 characters + "…".
 * Exit code: 0, unless --min-recall / --min-precision are given and not met (then 1).
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep, resolve, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const opts = { json: false, dir: join(root, 'test/fixtures/realistic'), labels: undefined, minRecall: undefined, minPrecision: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--json') opts.json = true;
    else if (a === '--dir') opts.dir = resolve(next());
    else if (a === '--labels') opts.labels = resolve(next());
    else if (a === '--min-recall') opts.minRecall = Number(next());
    else if (a === '--min-precision') opts.minPrecision = Number(next());
    else if (a === '-h' || a === '--help') {
      console.log('usage: node scripts/eval-detection.mjs [--json] [--dir <fixtures dir>] [--labels <file>] [--min-recall X] [--min-precision Y]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  opts.labels ??= join(opts.dir, 'labels.jsonl');
  for (const k of ['minRecall', 'minPrecision']) {
    if (opts[k] !== undefined && !(opts[k] >= 0 && opts[k] <= 1)) throw new Error(`--${k === 'minRecall' ? 'min-recall' : 'min-precision'} must be a number in [0, 1]`);
  }
  return opts;
}

/** Files of the corpus, as posix paths relative to dir; the root README.md and the labels file are not fixtures. */
function listFixtures(dir, labelsPath) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out
    .filter((p) => resolve(p) !== resolve(labelsPath))
    .map((p) => relative(dir, p).split(sep).join('/'))
    .filter((rel) => rel !== 'README.md' && rel !== 'labels.jsonl');
}

function loadLabels(path) {
  const labels = [];
  readFileSync(path, 'utf8').split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let l;
    try {
      l = JSON.parse(line);
    } catch (e) {
      throw new Error(`${path}:${i + 1}: invalid JSON (${e.message})`);
    }
    if (typeof l.file !== 'string' || !Number.isInteger(l.line) || typeof l.kind !== 'string') {
      throw new Error(`${path}:${i + 1}: expected {"file","line","kind"}`);
    }
    labels.push(l);
  });
  return labels;
}

const mask = (s) => (s ? `${String(s).slice(0, 4)}…` : '');

/**
 * A line made safe to print: every run of non-blank, non-quote characters that could be a secret (6+ chars
 * with a digit or symbol, or longer than 24) keeps only its first 4 characters; a leading `key=` / `key:` is kept.
 */
function maskLine(line) {
  return line.replace(/[^\s'"`]{6,}/g, (run) => {
    if (run.length <= 24 && /^[A-Za-z_.\-]+[=:]?$/.test(run)) return run;
    const kv = /^([A-Za-z_.\-]{1,40}[=:])(.+)$/.exec(run);
    if (kv) return kv[1] + (kv[2].length >= 6 ? mask(kv[2]) : kv[2]);
    return mask(run);
  });
}
const pct = (x) => (Number.isNaN(x) ? 'n/a' : (x * 100).toFixed(1) + '%');

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const enginePath = join(root, 'out/src/engine/index.js');
  if (!existsSync(enginePath)) {
    console.error(`engine not compiled: ${relative(root, enginePath)} is missing. Run: npx tsc -p .`);
    process.exit(2);
  }
  const engine = require('../out/src/engine/index.js');
  const files = listFixtures(opts.dir, opts.labels);
  const labels = loadLabels(opts.labels);

  // labels by file -> line -> label (first wins; the corpus keeps one label per line)
  const byFile = new Map();
  const problems = [];
  const fileSet = new Set(files);
  for (const l of labels) {
    if (!fileSet.has(l.file)) problems.push(`label for missing file ${l.file}:${l.line}`);
    if (!byFile.has(l.file)) byFile.set(l.file, new Map());
    const m = byFile.get(l.file);
    if (m.has(l.line)) problems.push(`duplicate label ${l.file}:${l.line}`);
    else m.set(l.line, l);
  }
  for (const l of labels) {
    if (!fileSet.has(l.file)) continue;
    const lines = readFileSync(join(opts.dir, l.file), 'utf8').split(/\r?\n/);
    if (l.line < 1 || l.line > lines.length || !lines[l.line - 1].trim()) problems.push(`label points at a blank or missing line ${l.file}:${l.line}`);
  }
  if (engine.FINDING_KINDS) {
    for (const l of labels) if (!engine.FINDING_KINDS.includes(l.kind)) problems.push(`unknown kind "${l.kind}" at ${l.file}:${l.line}`);
  }

  const matched = new Set(); // "file:line"
  const truePositives = [];
  const falsePositives = [];
  const duplicates = [];
  const kindMismatches = [];
  const errors = [];
  const perKind = new Map(); // label kind -> {labels, hit}
  for (const l of labels) {
    const k = perKind.get(l.kind) ?? { labels: 0, hit: 0 };
    k.labels++;
    perKind.set(l.kind, k);
  }
  const started = process.hrtime.bigint();
  let bytes = 0;

  for (const file of files) {
    const text = readFileSync(join(opts.dir, file), 'utf8');
    bytes += Buffer.byteLength(text);
    let findings;
    try {
      findings = engine.scan(text, { path: file });
    } catch (e) {
      errors.push({ file, error: String(e && e.message ? e.message : e) });
      continue;
    }
    // group by start line so that, on a labelled line, a finding of the expected kind is preferred
    const byLine = new Map();
    for (const f of findings) {
      const line = f.start.line;
      if (!byLine.has(line)) byLine.set(line, []);
      byLine.get(line).push({ file, line, column: f.start.column, ruleId: f.ruleId, kind: f.kind, secretMasked: f.secretMasked ?? '' });
    }
    for (const [line, entries] of byLine) {
      const label = byFile.get(file)?.get(line);
      if (!label) {
        falsePositives.push(...entries);
        continue;
      }
      const best = entries.find((e) => e.kind === label.kind) ?? entries[0];
      matched.add(`${file}:${line}`);
      perKind.get(label.kind).hit++;
      truePositives.push({ ...best, expectedKind: label.kind });
      if (best.kind !== label.kind) kindMismatches.push({ ...best, expectedKind: label.kind });
      duplicates.push(...entries.filter((e) => e !== best));
    }
  }
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;

  const misses = labels
    .filter((l) => !matched.has(`${l.file}:${l.line}`))
    .map((l) => {
      let hint = '';
      try {
        const text = readFileSync(join(opts.dir, l.file), 'utf8').split(/\r?\n/)[l.line - 1] ?? '';
        hint = maskLine(text.trim()).slice(0, 90);
      } catch {
        /* missing file: already reported */
      }
      return { file: l.file, line: l.line, kind: l.kind, context: hint };
    });

  const tp = truePositives.length;
  const fp = falsePositives.length;
  const recall = labels.length ? matched.size / labels.length : NaN;
  const precision = tp + fp ? tp / (tp + fp) : NaN;
  const labelledFiles = new Set(labels.map((l) => l.file));
  const decoyFiles = files.filter((f) => !labelledFiles.has(f));
  const decoyFilesWithFindings = new Set(falsePositives.filter((f) => !labelledFiles.has(f.file)).map((f) => f.file));

  const report = {
    dir: relative(root, opts.dir) || '.',
    files: files.length,
    decoyFiles: decoyFiles.length,
    labels: labels.length,
    truePositives: tp,
    falsePositives: fp,
    duplicates: duplicates.length,
    misses: misses.length,
    recall,
    precision,
    kindMismatches: kindMismatches.length,
    decoyFilesWithFindings: decoyFilesWithFindings.size,
    elapsedMs: Math.round(elapsedMs),
    bytes,
    perKind: Object.fromEntries([...perKind].sort().map(([k, v]) => [k, { ...v, recall: v.labels ? v.hit / v.labels : NaN }])),
    missList: misses,
    falsePositiveList: falsePositives,
    kindMismatchList: kindMismatches,
    errors,
    labelProblems: problems,
  };

  let failed = false;
  if (opts.minRecall !== undefined && !(recall >= opts.minRecall)) failed = true;
  if (opts.minPrecision !== undefined && !(precision >= opts.minPrecision)) failed = true;

  if (opts.json) {
    console.log(JSON.stringify({ ...report, pass: !failed }, null, 2));
  } else {
    const out = [];
    out.push(`Detection eval on ${report.dir}: ${files.length} files (${decoyFiles.length} decoy-only), ${labels.length} labels, ${Math.round(elapsedMs)} ms for ${(bytes / 1024).toFixed(0)} KiB`);
    out.push(`  recall    ${pct(recall)}  (${matched.size}/${labels.length})`);
    out.push(`  precision ${pct(precision)}  (${tp} TP, ${fp} FP, ${duplicates.length} duplicate findings on labelled lines)`);
    out.push(`  decoy-only files with a finding: ${decoyFilesWithFindings.size}; kind mismatches: ${kindMismatches.length}`);
    out.push('');
    out.push('Per label kind (hit/labels):');
    for (const [k, v] of Object.entries(report.perKind)) out.push(`  ${k.padEnd(24)} ${String(v.hit).padStart(3)}/${String(v.labels).padEnd(3)} ${pct(v.recall)}`);
    if (misses.length) {
      out.push('', `Misses (${misses.length}):`);
      for (const m of misses) out.push(`  ${m.file}:${m.line}  [${m.kind}]  ${m.context}`);
    }
    if (falsePositives.length) {
      out.push('', `False positives (${falsePositives.length}):`);
      for (const f of falsePositives) out.push(`  ${f.file}:${f.line}:${f.column}  ${f.ruleId} [${f.kind}]  ${f.secretMasked}`);
    }
    if (kindMismatches.length) {
      out.push('', `Kind mismatches (counted as hits) (${kindMismatches.length}):`);
      for (const f of kindMismatches) out.push(`  ${f.file}:${f.line}  expected ${f.expectedKind}, got ${f.kind} (${f.ruleId})`);
    }
    if (errors.length) {
      out.push('', `Engine errors (${errors.length}):`);
      for (const e of errors) out.push(`  ${e.file}: ${e.error}`);
    }
    if (problems.length) {
      out.push('', `Label problems (${problems.length}):`);
      for (const p of problems) out.push(`  ${p}`);
    }
    if (opts.minRecall !== undefined || opts.minPrecision !== undefined) {
      out.push('', failed
        ? `FAIL: needs recall >= ${opts.minRecall ?? '-'} and precision >= ${opts.minPrecision ?? '-'}`
        : 'PASS: thresholds met');
    }
    console.log(out.join('\n'));
  }
  process.exit(failed ? 1 : 0);
}

try {
  main();
} catch (e) {
  console.error(`eval-detection: ${e.message}`);
  process.exit(2);
}
