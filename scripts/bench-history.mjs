// History scan benchmark (part of `npm run bench`, or alone: node scripts/bench-history.mjs [--runs N] [--commits N]).
// Times `credential-hygiene scan --history` against `git log -p --all -U0 | rg -f <one combined regex>` on
//  (1) a synthetic repository of >= 2,000 commits built with git fast-import (scripts/gen-history-repo.mjs), and
//  (2) this project's own history,
// and prints ratios. Target: ours <= 4x the pipeline + about 1 s of start-up. The generated repository is cached
// in the git-ignored .bench/. Nothing here is a test: it prints numbers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateHistoryRepo } from './gen-history-repo.mjs';

/** The same kind of combined regex as the tree benchmark's ripgrep baseline. */
const RG_REGEX = String.raw`(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}|gh[pousr]_[A-Za-z0-9]{36}|xox[baprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{24,}|AIza[A-Za-z0-9_-]{35}|-----BEGIN [A-Z ]*PRIVATE KEY-----|(?i:password|secret|token|api_?key)["']?\s*[:=]\s*["'][^"'\s]{6,}["']`;

/** Wall time, and CPU time (user + sys, children included) via GNU time: on a busy machine CPU is the steadier figure. */
function time(cmd, args, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [user, sys] = (r.stderr.trim().split('\n').pop() ?? '0 0').split(' ').map(Number);
  return { ms, cpuMs: (user + sys) * 1000, stdout: r.stdout };
}

function median(fn, runs) {
  fn(); // warm the page cache
  const all = Array.from({ length: runs }, fn).sort((a, b) => a.ms - b.ms);
  return { ...all[Math.floor(all.length / 2)], allMs: all.map((r) => Math.round(r.ms)) };
}

function compare(label, repo, { root, bench, runs }) {
  const patterns = path.join(bench, 'history-rg-patterns.txt');
  writeFileSync(patterns, RG_REGEX + '\n');
  const commits = Number(spawnSync('git', ['rev-list', '--all', '--count'], { cwd: repo, encoding: 'utf8' }).stdout.trim());
  const ours = median(() => time(process.execPath, [path.join(root, 'bin/credential-hygiene.js'), 'scan', '--history', '--format', 'json'], repo), runs);
  const pipe = median(() => time('bash', ['-c', `set -o pipefail; git log -p --all -U0 | rg -c -f ${JSON.stringify(patterns)} || [ $? -eq 1 ]`], repo), runs);
  const doc = JSON.parse(ours.stdout);
  const ratio = ours.ms / pipe.ms;
  const bound = 4 * pipe.ms + 1000;
  console.log(`(c) git history: ${label} (${commits} commits)`);
  console.log(`    scan --history           ${ours.ms.toFixed(0)} ms (runs ${ours.allMs.join('/')}), ${doc.findings.length} findings, ${(doc.stats.bytes / 1e6).toFixed(1)} MB of added lines`);
  console.log(`    git log -p -U0 | rg      ${pipe.ms.toFixed(0)} ms (runs ${pipe.allMs.join('/')})`);
  console.log(`    wall ratio ${ratio.toFixed(2)}x · bound 4x + 1 s = ${bound.toFixed(0)} ms → ${ours.ms <= bound ? 'within' : 'OVER'}`);
  const cpuBound = 4 * pipe.cpuMs + 1000;
  console.log(`    CPU ${ours.cpuMs.toFixed(0)} ms vs ${pipe.cpuMs.toFixed(0)} ms: ratio ${(ours.cpuMs / pipe.cpuMs).toFixed(2)}x · bound 4x + 1 s = ${cpuBound.toFixed(0)} ms → ${ours.cpuMs <= cpuBound ? 'within' : 'OVER'}`);
  return { commits, oursMs: ours.ms, pipelineMs: pipe.ms, ratio, boundMs: bound, within: ours.ms <= bound, oursCpuMs: ours.cpuMs, pipelineCpuMs: pipe.cpuMs, findings: doc.findings.length };
}

export function benchHistory({ root, bench, runs = 3, commits = 2001 }) {
  mkdirSync(bench, { recursive: true });
  const repo = path.join(bench, 'history-repo');
  const stamp = path.join(bench, 'history-repo.stamp');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== String(commits)) {
    generateHistoryRepo(repo, { commits });
    writeFileSync(stamp, String(commits));
  }
  return { synthetic: compare(`synthetic repository (git fast-import)`, repo, { root, bench, runs }), self: compare('this project', root, { root, bench, runs }) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (n, d) => (args.includes(n) ? Number(args[args.indexOf(n) + 1]) : d);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  benchHistory({ root, bench: path.join(root, '.bench'), runs: opt('--runs', 3), commits: opt('--commits', 2001) });
}
