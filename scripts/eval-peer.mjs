#!/usr/bin/env node
/**
 * Peer pattern suite: measures our engine on the pattern tests of another scanner's provider detectors
 * (TruffleHog's `pkg/detectors/**\/*_test.go`), which the project never copies or commits.
 *
 *   npx tsc -p . && node scripts/eval-peer.mjs <trufflehog checkout or git dir> [--json] [--misses N]
 *                                               [--provider <substring>] [--show-negatives N] [--all-tests]
 *
 * The repository path is either a work tree or a bare/mirror git directory (read through `git show`).
 * Each detector test table entry `{ name, input, want }` (or `{ Input, Expected }`) becomes one case; its input
 * expression is evaluated by a tiny Go-expression interpreter (string literals, raw strings, constants,
 * `+`, fmt.Sprintf, strings.Repeat/Join). A case whose `want` is empty or nil is a negative.
 *
 * Scoring, per case:
 *   - positive found ("any"):    at least one finding in the input;
 *   - positive found ("secret"): a finding overlaps one of the wanted values (or a part of it) in the input;
 *   - negative hit:              any finding in the input.
 * Output never prints secret values: inputs and findings are masked to their first 4 characters + "…".
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const opts = { repo: undefined, allTests: false, json: false, misses: 40, provider: undefined, showNegatives: 20 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i] ?? (() => { throw new Error(`${a} needs a value`); })();
    if (a === '--json') opts.json = true;
    else if (a === '--all-tests') opts.allTests = true;
    else if (a === '--misses') opts.misses = Number(next());
    else if (a === '--provider') opts.provider = next();
    else if (a === '--show-negatives') opts.showNegatives = Number(next());
    else if (a === '-h' || a === '--help') {
      console.log('usage: node scripts/eval-peer.mjs <trufflehog repo path> [--json] [--misses N] [--provider S] [--show-negatives N]');
      process.exit(0);
    } else if (!opts.repo) opts.repo = resolve(a);
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!opts.repo) throw new Error('give the path of a trufflehog checkout or git directory');
  return opts;
}

/** Lists and reads `pkg/detectors/**\/*_test.go` from a work tree or a git directory. */
function openRepo(path) {
  const tree = join(path, 'pkg', 'detectors');
  if (existsSync(tree) && statSync(tree).isDirectory()) {
    const files = [];
    const walk = (d, rel) => {
      for (const name of readdirSync(d).sort()) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p, `${rel}/${name}`);
        else if (name.endsWith('_test.go')) files.push(`${rel}/${name}`);
      }
    };
    walk(tree, 'pkg/detectors');
    return { files, read: (f) => readFileSync(join(path, f), 'utf8') };
  }
  const git = (...args) => execFileSync('git', ['--git-dir', path, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const files = git('ls-tree', '-r', '--name-only', 'HEAD', 'pkg/detectors').split('\n').filter((f) => f.endsWith('_test.go'));
  return { files, read: (f) => git('show', `HEAD:${f}`) };
}

// ---------------------------------------------------------------------------------------------------------------
// A minimal Go tokenizer and expression evaluator (enough for test tables).

function tokenize(src) {
  const toks = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') { while (i < n && src[i] !== '\n') i++; continue; }
    if (c === '/' && src[i + 1] === '*') { const e = src.indexOf('*/', i + 2); i = e < 0 ? n : e + 2; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < n && src[j] !== '"' && src[j] !== '\n') {
        if (src[j] === '\\') {
          const e = src[j + 1];
          const simple = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
          if (e in simple) { s += simple[e]; j += 2; }
          else if (e === 'x') { s += String.fromCharCode(parseInt(src.substr(j + 2, 2), 16)); j += 4; }
          else if (e === 'u') { s += String.fromCodePoint(parseInt(src.substr(j + 2, 4), 16)); j += 6; }
          else if (e === 'U') { s += String.fromCodePoint(parseInt(src.substr(j + 2, 8), 16)); j += 10; }
          else if (/[0-7]/.test(e)) { s += String.fromCharCode(parseInt(src.substr(j + 1, 3), 8)); j += 4; }
          else { s += e; j += 2; }
        } else s += src[j++];
      }
      toks.push({ t: 'str', v: s });
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const e = src.indexOf('`', i + 1);
      const end = e < 0 ? n : e;
      toks.push({ t: 'str', v: src.slice(i + 1, end).replace(/\r/g, '') });
      i = end + 1;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== "'") j += src[j] === '\\' ? 2 : 1;
      toks.push({ t: 'rune', v: src.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 200));
    if (id) { toks.push({ t: 'id', v: id[0] }); i += id[0].length; continue; }
    const num = /^[0-9][0-9a-fA-FxX_.]*/.exec(src.slice(i, i + 50));
    if (num) { toks.push({ t: 'num', v: num[0] }); i += num[0].length; continue; }
    const op = /^(:=|\.\.\.|&&|\|\||==|!=|<=|>=|<-|\+\+|--|[-+*/%&|^<>=!(){}[\],;:.~?@#$\\])/.exec(src.slice(i, i + 3));
    toks.push({ t: 'op', v: op ? op[0] : c });
    i += op ? op[0].length : 1;
  }
  return toks;
}

class Unevaluable extends Error {}

/** Evaluates string expressions starting at token index `i`; returns { value, next } or throws Unevaluable. */
function makeEvaluator(toks, scope) {
  const resolving = new Set();
  function lookup(name) {
    if (!scope.has(name)) throw new Unevaluable(name);
    const entry = scope.get(name);
    if ('value' in entry) return entry.value;
    if (resolving.has(name)) throw new Unevaluable(name);
    resolving.add(name);
    try {
      const { value } = expr(entry.at);
      entry.value = value;
      return value;
    } finally {
      resolving.delete(name);
    }
  }
  function args(i) {
    // toks[i] is '('
    const out = [];
    i++;
    while (toks[i] && !(toks[i].t === 'op' && toks[i].v === ')')) {
      const r = expr(i);
      out.push(r.value);
      i = r.next;
      if (toks[i]?.v === '...') i++;
      if (toks[i]?.t === 'op' && toks[i].v === ',') i++;
    }
    return { list: out, next: i + 1 };
  }
  function sliceLit(i) {
    // `[]string{ ... }` starting at '['
    let j = i;
    while (toks[j] && toks[j].v !== '{') j++;
    const out = [];
    j++;
    while (toks[j] && toks[j].v !== '}') {
      const r = expr(j);
      out.push(r.value);
      j = r.next;
      if (toks[j]?.v === ',') j++;
    }
    return { value: out, next: j + 1 };
  }
  function primary(i) {
    const tk = toks[i];
    if (!tk) throw new Unevaluable('eof');
    if (tk.t === 'str') return { value: tk.v, next: i + 1 };
    if (tk.t === 'num') return { value: Number(tk.v.replace(/_/g, '')), next: i + 1 };
    if (tk.t === 'op' && tk.v === '(') {
      const r = expr(i + 1);
      return { value: r.value, next: r.next + 1 };
    }
    if (tk.t === 'op' && tk.v === '[') return sliceLit(i);
    if (tk.t === 'id') {
      if (toks[i + 1]?.v === '.' && toks[i + 2]?.t === 'id' && toks[i + 3]?.v === '(') {
        const fn = `${tk.v}.${toks[i + 2].v}`;
        const a = args(i + 3);
        return { value: callBuiltin(fn, a.list), next: a.next };
      }
      if ((tk.v === 'string' || tk.v === 'strings') && toks[i + 1]?.v === '(') {
        const a = args(i + 1);
        return { value: String(a.list[0]), next: a.next };
      }
      if (tk.v === 'nil') return { value: null, next: i + 1 };
      if (toks[i + 1]?.v === '(') throw new Unevaluable(tk.v);
      return { value: lookup(tk.v), next: i + 1 };
    }
    throw new Unevaluable(tk.v);
  }
  function expr(i) {
    let r = primary(i);
    while (toks[r.next]?.t === 'op' && toks[r.next].v === '+') {
      const b = primary(r.next + 1);
      r = { value: r.value + b.value, next: b.next };
    }
    return r;
  }
  return { expr };
}

function callBuiltin(fn, a) {
  switch (fn) {
    case 'fmt.Sprintf': return sprintf(String(a[0]), a.slice(1));
    case 'fmt.Sprint': return a.join('');
    case 'strings.Repeat': return String(a[0]).repeat(Number(a[1]));
    case 'strings.Join': return (a[0] ?? []).join(a[1]);
    case 'strings.ToUpper': return String(a[0]).toUpperCase();
    case 'strings.ToLower': return String(a[0]).toLowerCase();
    case 'strings.TrimSpace': return String(a[0]).trim();
    case 'strings.ReplaceAll': return String(a[0]).split(a[1]).join(a[2]);
    case 'base64.StdEncoding.EncodeToString': return Buffer.from(String(a[0])).toString('base64');
    default: throw new Unevaluable(fn);
  }
}

function sprintf(fmt, args) {
  let k = 0;
  return fmt.replace(/%([-+# 0]*\d*(?:\.\d+)?)([svdqxX%])/g, (_m, _flags, verb) => {
    if (verb === '%') return '%';
    const v = args[k++];
    if (verb === 'q') return JSON.stringify(String(v));
    if (verb === 'x') return Buffer.from(String(v)).toString('hex');
    return Array.isArray(v) ? `[${v.join(' ')}]` : String(v);
  });
}

/** `name = expr` / `name := expr` bindings in toks[from, to) (first one wins). */
function collectScope(toks, from = 0, to = toks.length, scope = new Map()) {
  for (let i = from; i + 2 < to; i++) {
    const tk = toks[i];
    if (tk.t !== 'id') continue;
    let j = i + 1;
    if (toks[j]?.t === 'id' && toks[j].v === 'string') j++;
    if (toks[j]?.t === 'op' && (toks[j].v === '=' || toks[j].v === ':=')) {
      const prev = toks[i - 1];
      if (prev && prev.t === 'op' && (prev.v === '.' || prev.v === ',')) continue;
      if (!scope.has(tk.v)) scope.set(tk.v, { at: j + 1 });
    }
  }
  return scope;
}

const INPUT_KEYS = new Set(['input', 'Input', 'data']);
const WANT_KEYS = new Set(['want', 'Want', 'Expected', 'expected', 'wantResults']);

/** Top-level functions: name and token range of the body. */
function functions(toks, close) {
  const out = [];
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].t !== 'id' || toks[i].v !== 'func' || toks[i + 1]?.t !== 'id') continue;
    let j = i + 2;
    while (toks[j] && toks[j].v !== '{') j++;
    const end = close.get(j);
    if (end === undefined) continue;
    out.push({ name: toks[i + 1].v, from: j, to: end });
    i = end;
  }
  return out;
}

/**
 * Finds `{ … input: X, … want: Y … }` composite literals inside the detector's pattern test functions
 * (`Test…Pattern…`; other tests exercise verification, not detection) and evaluates them.
 */
function extractCases(src, allTests = false) {
  const toks = tokenize(src);
  // match braces
  const stack = [];
  const close = new Map();
  toks.forEach((t, i) => {
    if (t.t === 'op' && t.v === '{') stack.push(i);
    else if (t.t === 'op' && t.v === '}' && stack.length) close.set(stack.pop(), i);
  });
  const funcs = functions(toks, close);
  const packageScope = new Map();
  let at = 0;
  for (const f of funcs) {
    collectScope(toks, at, f.from, packageScope);
    at = f.to + 1;
  }
  collectScope(toks, at, toks.length, packageScope);
  const cases = [];
  let unevaluable = 0;
  for (const fn of funcs.filter((f) => (allTests ? /^Test/ : /^Test\w*Pattern/).test(f.name))) {
    const scope = collectScope(toks, fn.from, fn.to, new Map());
    for (const [k, v] of packageScope) if (!scope.has(k)) scope.set(k, v);
    const { expr } = makeEvaluator(toks, scope);
    for (const [open, end] of close) {
      if (open < fn.from || end > fn.to) continue;
    let inputAt;
    let wantAt;
    let matchAt;
    let shouldMatch;
    let name;
    let depth = 0;
    for (let i = open + 1; i < end; i++) {
      const t = toks[i];
      if (t.t === 'op' && (t.v === '{' || t.v === '(' || t.v === '[')) depth++;
      else if (t.t === 'op' && (t.v === '}' || t.v === ')' || t.v === ']')) depth--;
      if (depth !== 0 || t.t !== 'id' || toks[i + 1]?.v !== ':' || toks[i - 1]?.v === '.') continue;
      if (INPUT_KEYS.has(t.v) && inputAt === undefined) inputAt = i + 2;
      else if (WANT_KEYS.has(t.v) && wantAt === undefined) wantAt = i + 2;
      else if (t.v === 'shouldMatch') shouldMatch = toks[i + 2]?.v === 'true';
      else if (t.v === 'match' && matchAt === undefined) matchAt = i + 2;
      else if (t.v === 'name' && toks[i + 2]?.t === 'str') name = toks[i + 2].v;
    }
    if (inputAt === undefined) continue;
    // map-keyed tables: `"case name": { Input: … }`
    if (name === undefined && toks[open - 2]?.t === 'str' && toks[open - 1]?.v === ':') name = toks[open - 2].v;
    let input;
    try {
      input = expr(inputAt).value;
    } catch (e) {
      if (!(e instanceof Unevaluable)) throw e;
      unevaluable++;
      continue;
    }
    if (typeof input !== 'string' || input.length === 0) continue;
    // `{ data, shouldMatch, match }` tables: the match (or the whole input) is wanted when shouldMatch is true.
    const want = shouldMatch !== undefined
      ? (shouldMatch ? [matchAt === undefined ? input : String(safe(() => expr(matchAt).value) ?? input)] : [])
      : wantAt === undefined ? [] : wantValues(toks, wantAt, expr);
    cases.push({ name: name ?? '', input, want, positive: want.length > 0 });
    }
  }
  return { cases, unevaluable };
}

function safe(f) {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** The wanted values: strings inside the want expression (slice or map literal); [] for nil / empty. */
function wantValues(toks, i, expr) {
  if (toks[i]?.t === 'id' && toks[i].v === 'nil') return [];
  if (toks[i]?.t === 'id' && toks[i + 1]?.v !== '{' && toks[i + 1]?.v !== '.') {
    try {
      const v = expr(i).value;
      return Array.isArray(v) ? v.filter(Boolean) : v ? [String(v)] : [];
    } catch {
      return ['?'];
    }
  }
  // find the literal's braces: skip the type (`[]string`, `map[string]struct{}`)
  let j = i;
  let typeDepth = 0;
  while (toks[j]) {
    const t = toks[j];
    if (t.v === '[') typeDepth++;
    else if (t.v === ']') typeDepth--;
    else if (t.v === 'struct' && toks[j + 1]?.v === '{' && toks[j + 2]?.v === '}') { j += 3; continue; }
    else if (t.v === '{' && typeDepth === 0) break;
    else if (t.v === ',' || t.v === '}') return [];
    j++;
  }
  const out = [];
  let depth = 0;
  for (let k = j; toks[k]; k++) {
    const t = toks[k];
    if (t.v === '{') depth++;
    else if (t.v === '}') { depth--; if (depth === 0) break; }
    else if (depth >= 1 && (t.t === 'str' || t.t === 'id') && toks[k - 1]?.v !== '.' && toks[k - 1]?.v !== ':') {
      if (t.t === 'id' && ['struct', 'string', 'true', 'false', 'nil'].includes(t.v)) continue;
      if (toks[k + 1]?.v === ':' && t.t === 'id') continue; // a field name
      try {
        const r = expr(k);
        if (typeof r.value === 'string' && r.value) out.push(r.value);
        k = r.next - 1;
      } catch {
        out.push('?');
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

const mask = (s) => (s.length <= 4 ? '…' : `${s.slice(0, 4)}…`);
/** Masks every long token of a text so a report line never carries a full secret-shaped value. */
const maskText = (s) => s.replace(/[A-Za-z0-9+/_~.=-]{9,}/g, (m) => mask(m)).replace(/\s+/g, ' ').slice(0, 140);

function overlapsWanted(input, finding, want) {
  const secret = input.slice(finding.startOffset, finding.endOffset);
  for (const w of want) {
    if (w === '?' || !w) return true;
    if (w.includes(secret) || secret.includes(w)) return true;
    // multi-part results (`id:secret`, `id + secret`): any long part of w overlapping the finding
    for (const part of w.split(/[:;|,\s@]+/).filter((p) => p.length >= 8)) {
      let at = input.indexOf(part);
      while (at >= 0) {
        if (at < finding.endOffset && finding.startOffset < at + part.length) return true;
        at = input.indexOf(part, at + 1);
      }
    }
  }
  return false;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { scan } = require(join(here, '..', 'out', 'src', 'engine', 'index.js'));
  const repo = openRepo(opts.repo);
  const files = repo.files.filter((f) => !/integration|_fuzz|detectors_test|account_filter/.test(f));
  const perProvider = new Map();
  let unevaluable = 0;
  const totals = { pos: 0, posAny: 0, posSecret: 0, posProvider: 0, neg: 0, negHit: 0 };
  const negHits = [];
  const ruleHitsOnNeg = new Map();
  for (const f of files) {
    const provider = f.replace(/^pkg\/detectors\//, '').replace(/\/[^/]*_test\.go$/, '');
    if (opts.provider && !provider.includes(opts.provider)) continue;
    const { cases, unevaluable: u } = extractCases(repo.read(f), opts.allTests);
    unevaluable += u;
    for (const c of cases) {
      let findings;
      try {
        findings = scan(c.input, { path: 'peer.txt' });
      } catch (e) {
        findings = [];
        console.error(`scan failed on ${provider} "${c.name}": ${e.message}`);
      }
      let p = perProvider.get(provider);
      if (!p) perProvider.set(provider, (p = { pos: 0, found: 0, neg: 0, negHit: 0, misses: [], rules: new Set() }));
      if (c.positive) {
        totals.pos++; p.pos++;
        const any = findings.length > 0;
        const hit = findings.filter((fd) => overlapsWanted(c.input, fd, c.want));
        if (any) totals.posAny++;
        if (hit.length) { totals.posSecret++; p.found++; }
        if (hit.some((fd) => !/^generic-/.test(fd.ruleId))) totals.posProvider++;
        for (const fd of hit) p.rules.add(fd.ruleId);
        if (!hit.length) p.misses.push(c);
      } else {
        totals.neg++; p.neg++;
        if (findings.length) {
          totals.negHit++; p.negHit++;
          negHits.push({ provider, name: c.name, rules: [...new Set(findings.map((x) => x.ruleId))], input: c.input });
          for (const fd of findings) ruleHitsOnNeg.set(fd.ruleId, (ruleHitsOnNeg.get(fd.ruleId) ?? 0) + 1);
        }
      }
    }
  }
  const pct = (a, b) => (b ? (a / b).toFixed(3) : 'n/a');
  const summary = {
    detectors: perProvider.size,
    positives: totals.pos,
    negatives: totals.neg,
    recallAny: pct(totals.posAny, totals.pos),
    recallSecret: pct(totals.posSecret, totals.pos),
    providerRuleShare: pct(totals.posProvider, totals.pos),
    negativeHitRate: pct(totals.negHit, totals.neg),
    unevaluableEntries: unevaluable,
  };
  if (opts.json) {
    console.log(JSON.stringify({ summary, providers: Object.fromEntries([...perProvider].map(([k, v]) => [k, { pos: v.pos, found: v.found, neg: v.neg, negHit: v.negHit, rules: [...v.rules] }])) }, null, 1));
    return;
  }
  console.log('peer pattern suite (TruffleHog detector pattern tests)');
  for (const [k, v] of Object.entries(summary)) console.log(`  ${k.padEnd(20)} ${v}`);
  const missed = [...perProvider].filter(([, v]) => v.found < v.pos).sort((a, b) => (b[1].pos - b[1].found) - (a[1].pos - a[1].found));
  console.log(`\nproviders with misses: ${missed.length}`);
  for (const [name, v] of missed.slice(0, opts.misses)) {
    console.log(`  ${name.padEnd(36)} ${v.found}/${v.pos}   e.g. ${maskText(v.misses[0].input)}`);
  }
  console.log(`\nnegative hits by rule: ${[...ruleHitsOnNeg].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r}=${n}`).join(' ')}`);
  for (const h of negHits.slice(0, opts.showNegatives)) console.log(`  ${h.provider} "${h.name}" [${h.rules.join(',')}] ${maskText(h.input)}`);
}

main();
