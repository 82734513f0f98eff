/**
 * The one place that decides what happens to a file's raw findings: project config (rules off / severity,
 * allowlisted values, stopwords, custom rules in scope), inline ignore directives, then the baseline.
 *
 * Config chains combine outermost first; a nested config refines its parents for its subtree:
 *   exclude/include  each config's globs apply to paths relative to its own directory;
 *   rules            nearer setting wins ("off", or a severity);
 *   allow/stopwords  accumulate;
 *   customRules      accumulate (a nested rule with the same id replaces the outer one).
 */
import path from 'node:path';
import { Minimatch } from 'minimatch';
import { RE2JS } from 're2js';
import { revealSecret, ruleById, type CustomRuleDef, type Finding, type ScanOptions, type Severity } from '../engine';
import { secretHash } from '../engine/fingerprint';
import { applyInlineIgnores, type ExpiredIgnore } from '../engine/suppress';
import type { BaselineIndex } from './baseline';
import type { ProjectConfig } from './config-schema';

/** What a chain of configs means for the files under it. */
export interface FilePolicy {
  chain: ProjectConfig[];
  disabled: Set<string>;
  severity: Map<string, Severity>;
  allowHashes: Set<string>;
  allowPatterns: RE2JS[];
  stopwords: string[];
  customRules: CustomRuleDef[];
}

const policies = new WeakMap<ProjectConfig[], FilePolicy>();

export function policyFor(chain: ProjectConfig[]): FilePolicy {
  let p = policies.get(chain);
  if (p) return p;
  p = { chain, disabled: new Set(), severity: new Map(), allowHashes: new Set(), allowPatterns: [], stopwords: [], customRules: [] };
  const custom = new Map<string, CustomRuleDef>();
  for (const cfg of chain) {
    for (const [id, setting] of Object.entries(cfg.rules)) {
      if (setting === 'off') {
        p.disabled.add(id);
        p.severity.delete(id);
      } else {
        p.disabled.delete(id);
        p.severity.set(id, setting.severity);
      }
    }
    cfg.allow.hashes.forEach((h) => p!.allowHashes.add(h));
    for (const pat of cfg.allow.patterns) p.allowPatterns.push(RE2JS.compile(pat));
    p.stopwords.push(...cfg.stopwords);
    for (const r of cfg.customRules) custom.set(r.id, r);
  }
  p.customRules = [...custom.values()];
  policies.set(chain, p);
  return p;
}

/**
 * Engine options for a scan whose files may fall under any of `chains`: the union of their custom rules
 * (per-file scoping happens in `applyPolicy`), and rules that are off everywhere.
 */
export function scanOptionsFor(chains: ProjectConfig[][], base: ScanOptions = {}): ScanOptions {
  const ps = chains.map(policyFor);
  const custom = new Map<string, CustomRuleDef>();
  for (const p of ps) for (const r of p.customRules) custom.set(r.id, r);
  const offEverywhere = ps.length ? [...ps[0].disabled].filter((id) => ps.every((p) => p.disabled.has(id))) : [];
  const opts: ScanOptions = { ...base };
  if (custom.size) opts.customRules = [...custom.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  if (offEverywhere.length) opts.disabledRules = [...(base.disabledRules ?? []), ...offEverywhere];
  return opts;
}

/** Relative `/` path of `abs` below `dir`, or undefined when outside. Both are absolute, resolved paths. */
function below(dir: string, abs: string): string | undefined {
  // A prefix test first: this runs for every walked file against every config of its chain.
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  if (abs.startsWith(prefix)) {
    const rel = abs.slice(prefix.length);
    if (!rel.includes(`${path.sep}..`) && !rel.startsWith('..')) return path.sep === '/' ? rel : rel.split(path.sep).join('/');
  }
  if (abs === dir) return '';
  const rel = path.relative(dir, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/**
 * A compiled glob and the literal text every path it matches must start with (up to its first special character):
 * most paths fail that `startsWith` and never reach minimatch. Patterns minimatch may rewrite (negation, `./`,
 * `//`, a leading `/`) get no prefix.
 */
interface CompiledGlob {
  m: Minimatch;
  prefix: string;
  baseOnly: boolean;
}

const compiledGlobs = new Map<string, CompiledGlob>();

function globMatch(rel: string, glob: string): boolean {
  let g = compiledGlobs.get(glob);
  if (!g) {
    if (compiledGlobs.size > 1000) compiledGlobs.clear();
    // Matching is case-sensitive (no `nocase`), so the prefix test is too.
    const lead = /^[^*?[\]{}()!+@\\#]*/.exec(glob)![0];
    const rewritable = glob.startsWith('!') || glob.startsWith('#') || lead.startsWith('/') || lead.startsWith('./') || /\/\.{1,2}(\/|$)|\/\//.test(lead);
    g = { m: new Minimatch(glob.replace(/\/$/, '/**'), { dot: true }), prefix: rewritable ? '' : lead, baseOnly: !glob.includes('/') };
    compiledGlobs.set(glob, g);
  }
  const { m, prefix } = g;
  if (rel.startsWith(prefix) && m.match(rel)) return true;
  if (!g.baseOnly) return false;
  const base = path.posix.basename(rel);
  return base.startsWith(prefix) && m.match(base);
}

/**
 * Whether a config's exclude/include globs skip `absFile`. Globs that would exclude an explicitly named
 * path (`explicitRoots`) are not applied below it: naming a path on the command line scans it.
 */
export function excludedByConfig(chain: ProjectConfig[], absFile: string, explicitRoots: string[] = []): boolean {
  for (const cfg of chain) {
    if (!cfg.exclude.length && !cfg.include.length) continue;
    const rel = below(cfg.dir, absFile);
    if (rel === undefined || rel === '') continue;
    let roots: string[] | undefined;
    const coversRoot = (g: string): boolean => {
      roots ??= explicitRoots
        .filter((root) => below(root, absFile) !== undefined)
        .map((root) => below(cfg.dir, root))
        .filter((r): r is string => !!r);
      return roots.some((r) => globMatch(r, g) || globMatch(`${r}/__any__`, g));
    };
    if (cfg.exclude.some((g) => globMatch(rel, g) && !coversRoot(g))) return true;
    if (cfg.include.length && !cfg.include.some((g) => globMatch(rel, g)) && !explicitRoots.some((r) => path.resolve(r) === absFile)) return true;
  }
  return false;
}

export type SuppressedBy = 'config' | 'allowlist' | 'inline' | 'baseline';

export interface PolicyOutcome {
  kept: Finding[];
  suppressed: { finding: Finding; by: SuppressedBy }[];
  /** Inline ignores whose `until` date passed (their findings are in `kept`). */
  expired: ExpiredIgnore[];
}

export interface ApplyPolicyOptions {
  policy?: FilePolicy;
  /** Baseline and this file's path relative to the baseline directory. */
  baseline?: { index: BaselineIndex; relFile: string };
  /** YYYY-MM-DD for `until` checks (default today, UTC). */
  today?: string;
  /** Honour inline directives (default true). */
  inlineIgnores?: boolean;
}

/** Applies config, inline ignores and baseline to one file's findings. `text` is the scanned content. */
export function applyPolicy(text: string, findings: readonly Finding[], opts: ApplyPolicyOptions = {}): PolicyOutcome {
  const out: PolicyOutcome = { kept: [], suppressed: [], expired: [] };
  const p = opts.policy;
  let pending: Finding[] = [];
  for (const f0 of findings) {
    let f = f0;
    if (p) {
      // A custom rule from another subtree's config ran (scans use the union) but does not apply here.
      const foreign = !ruleById(f.ruleId) && !p.customRules.some((r) => r.id === f.ruleId);
      if (p.disabled.has(f.ruleId) || foreign) {
        out.suppressed.push({ finding: f, by: 'config' });
        continue;
      }
      const sev = p.severity.get(f.ruleId);
      if (sev && sev !== f.severity) f = { ...f, severity: sev };
      if (allowlisted(revealSecret(f, text), p)) {
        out.suppressed.push({ finding: f, by: 'allowlist' });
        continue;
      }
    }
    pending.push(f);
  }
  if (opts.inlineIgnores !== false) {
    const inline = applyInlineIgnores(text, pending, { today: opts.today });
    for (const s of inline.suppressed) out.suppressed.push({ finding: s.finding, by: 'inline' });
    out.expired = inline.expired;
    pending = inline.kept;
  }
  for (const f of pending) {
    if (opts.baseline?.index.match(opts.baseline.relFile, f.ruleId, f.fingerprint)) out.suppressed.push({ finding: f, by: 'baseline' });
    else out.kept.push(f);
  }
  // An expired ignore matters only where its finding is reported (not when the baseline accepts it).
  if (out.expired.length) out.expired = out.expired.filter((e) => out.kept.includes(e.finding));
  return out;
}

function allowlisted(secret: string, p: FilePolicy): boolean {
  if (p.allowHashes.size && p.allowHashes.has(`sha256:${secretHash(secret)}`)) return true;
  if (p.allowPatterns.some((re) => re.test(secret))) return true;
  if (p.stopwords.length) {
    const lower = secret.toLowerCase();
    if (p.stopwords.some((w) => lower.includes(w))) return true;
  }
  return false;
}
