#!/usr/bin/env node
/**
 * Builds a synthetic git repository with `git fast-import` for the history scan's tests and benchmark:
 * N commits of ordinary code churn (dated, several authors) with FAKE AWS key pairs (scripts/gen-fixture-
 * secrets.mjs, seeded) planted at known commits:
 *   removed   added, later deleted                      -> once, inHead false
 *   kept      added, still in HEAD                       -> once, inHead true
 *   moved     added, later moved to other lines          -> once at the first commit, inHead true
 *   copied    added, later copied into a second file     -> once per file, inHead true
 *   branch    added on a branch that is never merged     -> once, inHead false
 *
 * Usage: node scripts/gen-history-repo.mjs <dir> [--commits 2001] [--seed s]
 * Writes <dir>/../<basename>.manifest.json (outside the repo): per planted key its id, file, introducing
 * commit sha, author, ISO date and expected inHead. Key ids are printed masked; the values are fake anyway.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SecretGen } from './gen-fixture-secrets.mjs';

export function generateHistoryRepo(dir, { commits = 2001, seed = 'history-repo' } = {}) {
  const gen = new SecretGen(seed);
  const BASE = 1_600_000_000; // 2020-09-13
  const branchCommits = 3;
  const mainCommits = commits - branchCommits;
  const at = (i) => Math.round(mainCommits * i); // plant positions as fractions of the main line
  const plan = {
    removed: { add: at(0.05), remove: at(0.45), file: 'config/legacy.env' },
    kept: { add: at(0.15), file: 'src/settings.py' },
    moved: { add: at(0.25), move: at(0.6), file: 'app/aws.js' },
    copied: { add: at(0.35), copy: at(0.75), file: 'deploy/prod.ini', second: 'deploy/staging.ini' },
    branch: { fork: at(0.5), file: 'scripts/upload.sh' },
  };
  const keys = {};
  for (const name of Object.keys(plan)) keys[name] = { id: gen.awsAccessKeyId('AKIA'), secret: gen.awsSecretAccessKey() };

  const files = new Map(); // path -> lines (current main tree)
  const out = [];
  const enc = (s) => Buffer.from(s, 'utf8');
  const data = (s) => {
    const b = enc(s);
    out.push(enc(`data ${b.length}\n`), b, enc('\n'));
  };
  let mark = 0;
  const marks = {};
  const authors = ['Ada Lovelace <ada@example.test>', 'Grace Hopper <grace@example.test>', 'Linus Q <linus@example.test>', 'Margaret H <margaret@example.test>'];
  let rnd = 1;
  const next = () => (rnd = (Math.imul(rnd, 1103515245) + 12345) >>> 0);

  function commit(ref, i, msg, ops, { from, author } = {}) {
    const m = ++mark;
    const who = author ?? authors[i % authors.length];
    const when = BASE + i * 3600;
    out.push(enc(`commit ${ref}\nmark :${m}\nauthor ${who} ${when} +0000\ncommitter ${who} ${when} +0000\n`));
    data(msg);
    if (from) out.push(enc(`from :${from}\n`));
    for (const op of ops) {
      if (op.delete) out.push(enc(`D ${op.path}\n`));
      else {
        out.push(enc(`M 100644 inline ${op.path}\n`));
        data(op.lines.join('\n') + '\n');
      }
    }
    return m;
  }
  const put = (p, lines) => {
    files.set(p, lines);
    return { path: p, lines };
  };
  const churn = (i) => {
    const p = `src/module${i % 40}.js`;
    const lines = files.get(p) ?? [`// module ${i % 40}`, `'use strict';`];
    const n = 3 + (next() % 8);
    for (let k = 0; k < n; k++) lines.push(`const value${i}_${k} = compute(${next() % 1000}, "item-${i}-${k}");`);
    if (lines.length > 240) lines.splice(2, lines.length - 200);
    return put(p, lines);
  };
  const pairLines = (k, style) =>
    style === 'sh'
      ? [`export AWS_ACCESS_KEY_ID=${k.id}`, `export AWS_SECRET_ACCESS_KEY=${k.secret}`]
      : style === 'ini'
      ? [`aws_access_key_id = ${k.id}`, `aws_secret_access_key = ${k.secret}`]
      : style === 'py'
        ? [`AWS_ACCESS_KEY_ID = "${k.id}"`, `AWS_SECRET_ACCESS_KEY = "${k.secret}"`]
        : [`const accessKeyId = '${k.id}';`, `const secretAccessKey = '${k.secret}';`];
  const planted = [];
  const plantAt = (name, file, i, m, inHead, author) => planted.push({ case: name, keyId: keys[name].id, file, index: i, mark: m, inHead, author });

  let last;
  for (let i = 0; i < mainCommits; i++) {
    const ops = [churn(i)];
    let author;
    const tag = [];
    if (i === plan.removed.add) {
      ops.push(put(plan.removed.file, ['# legacy settings', 'REGION=eu-west-1', ...pairLines(keys.removed, 'ini'), 'DEBUG=false']));
      tag.push('removed');
      author = 'Removed Planter <removed@example.test>';
    }
    if (i === plan.removed.remove) {
      files.delete(plan.removed.file);
      ops.push({ path: plan.removed.file, delete: true });
    }
    if (i === plan.kept.add) {
      ops.push(put(plan.kept.file, ['import os', '', ...pairLines(keys.kept, 'py'), 'REGION = "us-east-1"']));
      tag.push('kept');
      author = 'Kept Planter <kept@example.test>';
    }
    if (i === plan.moved.add) {
      ops.push(put(plan.moved.file, ["const AWS = require('aws-sdk');", ...pairLines(keys.moved, 'js'), 'module.exports = { accessKeyId, secretAccessKey };']));
      tag.push('moved');
      author = 'Moved Planter <moved@example.test>';
    }
    if (i === plan.moved.move) {
      const [head, id, secret, tail] = files.get(plan.moved.file);
      const filler = Array.from({ length: 12 }, (_, k) => `// configuration note ${k}`);
      ops.push(put(plan.moved.file, [head, ...filler, tail, '', '// credentials', id, secret]));
    }
    if (i === plan.copied.add) {
      ops.push(put(plan.copied.file, ['[default]', ...pairLines(keys.copied, 'ini'), 'region = eu-central-1']));
      tag.push('copied');
      author = 'Copied Planter <copied@example.test>';
    }
    if (i === plan.copied.copy) {
      ops.push(put(plan.copied.second, ['[staging]', 'region = eu-central-1', ...pairLines(keys.copied, 'ini')]));
      tag.push('copied-second');
      author = 'Copy Again <copy2@example.test>';
    }
    last = commit('refs/heads/main', i, `change ${i}${tag.length ? ` (${tag.join(', ')})` : ''}\n`, ops, { author });
    marks[i] = last;
    if (i === plan.removed.add) plantAt('removed', plan.removed.file, i, last, false, author);
    if (i === plan.kept.add) plantAt('kept', plan.kept.file, i, last, true, author);
    if (i === plan.moved.add) plantAt('moved', plan.moved.file, i, last, true, author);
    if (i === plan.copied.add) plantAt('copied', plan.copied.file, i, last, true, author);
    if (i === plan.copied.copy) plantAt('copied', plan.copied.second, i, last, true, author);
  }
  // A branch forked from the middle, never merged.
  let from = marks[plan.branch.fork];
  for (let b = 0; b < branchCommits; b++) {
    const i = mainCommits + b;
    const author = b === 1 ? 'Branch Planter <branch@example.test>' : undefined;
    const ops = b === 1 ? [{ path: plan.branch.file, lines: ['#!/bin/sh', ...pairLines(keys.branch, 'sh'), 'aws s3 cp build s3://bucket --recursive'] }] : [{ path: `wip/note${b}.md`, lines: [`# work in progress ${b}`] }];
    from = commit('refs/heads/feature/wip', i, `wip ${b}\n`, ops, { from, author });
    if (b === 1) plantAt('branch', plan.branch.file, i, from, false, author);
  }

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const marksFile = path.join(dir, '.git', 'import-marks');
  const r = spawnSync('git', ['fast-import', '--quiet', `--export-marks=${marksFile}`], { cwd: dir, input: Buffer.concat(out), maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`git fast-import failed: ${r.stderr}`);
  execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: dir });
  const shaOf = new Map(readFileSync(marksFile, 'utf8').trim().split('\n').map((l) => l.slice(1).split(' ')).map(([m, s]) => [Number(m), s]));
  rmSync(marksFile);
  const iso = (i) => new Date((BASE + i * 3600) * 1000).toISOString().replace(/\.000Z$/, '+00:00');
  return {
    dir,
    commits,
    planted: planted.map((p) => ({ case: p.case, keyId: p.keyId, file: p.file, commit: shaOf.get(p.mark), author: p.author, date: iso(p.index), inHead: p.inHead })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!dir) {
    console.error('usage: gen-history-repo.mjs <dir> [--commits N] [--seed s]');
    process.exit(2);
  }
  const opt = (n) => (args.includes(n) ? args[args.indexOf(n) + 1] : undefined);
  const manifest = generateHistoryRepo(path.resolve(dir), { commits: Number(opt('--commits') ?? 2001), seed: opt('--seed') ?? 'history-repo' });
  const file = path.resolve(dir) + '.manifest.json';
  writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
  for (const p of manifest.planted) console.error(`${p.case.padEnd(8)} ${p.keyId.slice(0, 4)}…  ${p.file}  ${p.commit.slice(0, 12)}  inHead=${p.inHead}`);
  console.error(`wrote ${dir} (${manifest.commits} commits) and ${path.relative(process.cwd(), file)}`);
}
