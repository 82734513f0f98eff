/**
 * Go / AWS SDK for Go v2 (and v1): drop `config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(…))`
 * options and `Credentials:` fields (removing the now-unused `credentials` import); Secrets Manager through a small
 * `getSecretString(ctx, id)` helper where a `context.Context` and an `error` result are in scope;
 * `os.Getenv("X")` fallback.
 */
import type { Fix, TextEdit } from '../types';
import type { Recipe, RecipeContext } from './recipe';
import { defaultChainEdits, type CredentialSyntax } from './credential-flow';
import { enclosingChain, indentOf, lineEnd, lineStart, matchClose } from '../syntax/brackets';
import { defaultChainFix, envVarFix, eol, replaceLiteral, secretsManagerFix, unusedCredentialDecls } from './shared';
import { deleteLines } from '../edits';
import { realignBlock } from '../realign';
import { proposeSecret } from '../naming';
import { goClientRewrite, type GoFuncInfo } from './go-client';
import { removeUnusedImports } from '../imports';
import { rangesOf } from './shared';

const GO_SYNTAX: CredentialSyntax = {
  ctor: /credentials\s*\.\s*(?:NewStaticCredentialsProvider|NewStaticCredentials)|aws\s*\.\s*Credentials/,
  wrapper: /aws\s*\.\s*NewCredentialsCache/,
  option: /config\s*\.\s*WithCredentialsProvider/,
  keys: /^Credentials$/,
  decl: /^[ \t]*(?:var\s+)?([A-Za-z_]\w*)(?:\s+[\w.*]+)?\s*:?=\s*$/,
  setter: /os\s*\.\s*Setenv/,
  semicolon: false,
  params: { def: (name) => new RegExp(`\\bfunc\\s+(?:\\([^)]*\\)\\s*)?${name}\\s*\\(`), name: (p) => /^([A-Za-z_]\w*)\b/.exec(p)?.[1], groupedTypes: true },
};

const isStd = (p: string) => !p.split('/')[0].includes('.');

function renderBlock(specs: string[], nl: string): string {
  const quotePath = (spec: string) => spec;
  const std = specs.filter((x) => isStd(pathOf(x))).sort((x, y) => pathOf(x).localeCompare(pathOf(y)));
  const ext = specs.filter((x) => !isStd(pathOf(x))).sort((x, y) => pathOf(x).localeCompare(pathOf(y)));
  const groups = [std, ext].filter((g) => g.length).map((g) => g.map((x) => `\t${quotePath(x)}${nl}`).join(''));
  return `import (${nl}${groups.join(nl)})`;
}

function pathOf(spec: string): string { return /"([^"]+)"/.exec(spec)?.[1] ?? spec; }

/** Edits adding import paths that are missing, gofmt-style (sorted, standard library group first). */
function ensureGoImports(ctx: RecipeContext, paths: string[]): TextEdit[] {
  const { text, lx } = ctx;
  const nl = eol(text);
  const missing = paths.filter((p) => !new RegExp(`^\\s*(?:import\\s+)?(?:\\w+\\s+)?"${p.replace(/[/.-]/g, '\\$&')}"`, 'm').test(text));
  if (missing.length === 0) return [];
  const block = /^import\s*\(/m.exec(text);
  if (block && lx.mask[block.index] === 0) {
    const open = block.index + block[0].length - 1;
    const close = matchClose(lx, open);
    const lines = [...text.slice(open, close).matchAll(/^[ \t]*(?:\w+[ \t]+)?"([^"]+)"[^\n]*\n/gm)]
      .map((x) => ({ path: x[1], start: open + x.index!, end: open + x.index! + x[0].length }));
    const edits: TextEdit[] = [];
    const byAt = new Map<number, { p: string; blankBefore: boolean; blankAfter: boolean }[]>();
    for (const p of missing.sort()) {
      const group = lines.filter((l) => isStd(l.path) === isStd(p));
      let at: number;
      if (group.length) {
        const next = group.find((l) => l.path.localeCompare(p) > 0);
        at = next ? next.start : group[group.length - 1].end;
      } else at = isStd(p) ? (lines.length ? lines[0].start : close) : close;
      const entry = { p, blankBefore: !group.length && !isStd(p) && lines.length > 0, blankAfter: !group.length && isStd(p) && lines.length > 0 };
      byAt.set(at, [...(byAt.get(at) ?? []), entry]);
    }
    for (const [at, entries] of byAt) {
      entries.sort((x, y) => Number(!isStd(x.p)) - Number(!isStd(y.p)) || x.p.localeCompare(y.p));
      let out = '';
      let blankDone = false;
      entries.forEach((e) => {
        if (e.blankBefore && !blankDone) { out += nl; blankDone = true; }
        out += `\t"${e.p}"${nl}`;
      });
      if (entries.some((e) => e.blankAfter)) out += nl;
      edits.push({ start: at, end: at, newText: out });
    }
    return edits;
  }
  const singles = [...text.matchAll(/^import[ \t]+((?:\w+[ \t]+)?"[^"]+")[ \t]*\r?$/gm)].filter((m) => lx.mask[m.index!] === 0);
  if (singles.length) {
    const first = singles[0].index!;
    const last = singles[singles.length - 1];
    const end = last.index! + last[0].length;
    const specs = [...singles.map((m) => m[1]), ...missing.map((p) => `"${p}"`)];
    return [{ start: first, end, newText: renderBlock(specs, nl) }];
  }
  const pkg = /^package\s+\w+.*$/m.exec(text);
  if (!pkg) return [];
  const at = lineEnd(text, pkg.index);
  return [{ start: at, end: at, newText: nl + nl + renderBlock(missing.map((p) => `"${p}"`), nl) }];
}

function zeroValue(t: string): string | undefined {
  t = t.trim();
  if (/^(\*|\[\]|map\[|chan\b|func\b|interface\b|error$|any$)/.test(t)) return 'nil';
  if (t === 'string') return '""';
  if (/^(u?int(8|16|32|64)?|float(32|64)|byte|rune|uintptr|complex(64|128))$/.test(t)) return '0';
  if (t === 'bool') return 'false';
  return undefined;
}

type GoFunc = GoFuncInfo;

function enclosingGoFunc(ctx: RecipeContext, at: number): GoFunc | undefined {
  const { text, lx } = ctx;
  for (const open of enclosingChain(lx, at)) {
    if (text[open] !== '{') continue;
    const head = text.slice(Math.max(0, open - 400), open);
    const m = /func\s*(?:\([^()]*\)\s*)?\w*\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*(\([^()]*\)|[\w.*[\]]+)?\s*$/.exec(head);
    if (!m) { if (/func\s*\([^)]*\)\s*[^{]*$/.test(head)) return undefined; continue; }
    const params = m[1];
    const ctxParam = /(\w+)\s+context\.Context/.exec(params);
    const ctxName = ctxParam ? ctxParam[1] : 'context.Background()';
    const isMain = /func\s+main\s*\(\s*\)\s*$/.test(head) && !m[2];
    if (isMain) return { ctxName, returnZeros: [], main: true, body: open };
    const results = (m[2] ?? '').replace(/^\(|\)$/g, '').split(',').map((r) => r.trim().split(/\s+/).pop()!).filter(Boolean);
    if (results.length === 0 || results[results.length - 1] !== 'error') return undefined;
    const zeros: string[] = [];
    for (const r of results.slice(0, -1)) { const z = zeroValue(r); if (!z) return undefined; zeros.push(z); }
    return { ctxName, returnZeros: zeros, main: false, body: open };
  }
  return undefined;
}

// The client is made once (sync.Once) and reused by every lookup; errors are returned, never swallowed.
const HELPER = (nl: string) => [
  '',
  'var (',
  '\tsecretsOnce   sync.Once',
  '\tsecretsClient *secretsmanager.Client',
  '\tsecretsErr    error',
  ')',
  '',
  '// getSecretString reads a secret from AWS Secrets Manager. The client (default credential chain) is made once.',
  'func getSecretString(ctx context.Context, secretID string) (string, error) {',
  '\tsecretsOnce.Do(func() {',
  '\t\tvar cfg aws.Config',
  '\t\tcfg, secretsErr = config.LoadDefaultConfig(ctx)',
  '\t\tsecretsClient = secretsmanager.NewFromConfig(cfg)',
  '\t})',
  '\tif secretsErr != nil {',
  '\t\treturn "", secretsErr',
  '\t}',
  '\tout, err := secretsClient.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(secretID)})',
  '\tif err != nil {',
  '\t\treturn "", err',
  '\t}',
  '\treturn aws.ToString(out.SecretString), nil',
  '}',
  '',
].join(nl);

const MUST_HELPER = (nl: string) => [
  '',
  '// mustGetSecretString is getSecretString for code without an error result: it panics if the lookup fails.',
  'func mustGetSecretString(ctx context.Context, secretID string) string {',
  '\ts, err := getSecretString(ctx, secretID)',
  '\tif err != nil {',
  '\t\tpanic("reading secret " + secretID + ": " + err.Error())',
  '\t}',
  '\treturn s',
  '}',
  '',
].join(nl);

const SM_IMPORTS = ['context', 'sync', 'github.com/aws/aws-sdk-go-v2/aws', 'github.com/aws/aws-sdk-go-v2/config', 'github.com/aws/aws-sdk-go-v2/service/secretsmanager'];

/** Appends the helper(s) once. */
function helperEdits(text: string, must: boolean): TextEdit[] {
  const nl = eol(text);
  let add = '';
  if (!/\bfunc\s+getSecretString\s*\(/.test(text)) add += HELPER(nl);
  if (must && !/\bfunc\s+mustGetSecretString\s*\(/.test(text)) add += MUST_HELPER(nl);
  if (!add) return [];
  const end = text.length;
  return [{ start: end, end, newText: (text.endsWith('\n') ? '' : nl) + add.replace(/^\r?\n/, nl) }];
}

/**
 * Where no error can be returned (package-level `var`/`const`, functions and methods without an `error` result):
 * `mustGetSecretString(ctx, "id")`, which panics with a clear message if the lookup fails. Package-level values
 * are then read once, at program start.
 */
function goMustSecretsManager(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site!;
  const { text, lx } = ctx;
  const d = site.decl;
  const chain = enclosingChain(lx, site.literal.start);
  const body = chain.find((o) => text[o] === '{' && /\)\s*[\w.*[\]()\s,]*$/.test(text.slice(Math.max(0, o - 200), o)) && /\bfunc\b/.test(text.slice(Math.max(0, o - 300), o)));
  const packageLevel = chain.every((o) => text[o] !== '{' && !(text[o] === '(' && !/\b(var|const)\s*$/.test(text.slice(Math.max(0, o - 10), o))));
  if (!body && !packageLevel) return undefined;
  // in a `const ( … )` block a call is not allowed
  if (chain.some((o) => text[o] === '(' && /\bconst\s*$/.test(text.slice(Math.max(0, o - 10), o)))) return undefined;
  const ctxParam = body !== undefined ? /(\w+)\s+context\.Context/.exec(text.slice(Math.max(0, body - 300), body).split(/\bfunc\b/).pop() ?? '') : null;
  const ctxExpr = ctxParam ? ctxParam[1] : 'context.Background()';
  const { secretId } = proposeSecret({ ...site.names, json: undefined }, ctx.input.path, ctx.input.secretId?.split('#')[0]);
  const edits: TextEdit[] = [replaceLiteral(site, `mustGetSecretString(${ctxExpr}, "${secretId}")`)];
  if (d && /^const\s/.test(d.modifiers)) edits.push({ start: d.start, end: d.start + 5, newText: 'var' });
  edits.push(...helperEdits(text, true), ...ensureGoImports(ctx, SM_IMPORTS));
  const fix = secretsManagerFix(edits, secretId);
  const where = packageLevel ? 'read once at program start' : 'panics if the lookup fails';
  return { ...fix, title: `Load from AWS Secrets Manager (mustGetSecretString, ${where}): ${secretId}` };
}

/** `const ( … )` / `var ( … )` blocks whose every line is deleted: delete the whole block. */
function emptiedBlocks(ctx: RecipeContext, edits: TextEdit[]): TextEdit[] {
  const { text, lx } = ctx;
  const dels = edits.filter((e) => e.newText === '');
  const out: TextEdit[] = [];
  const re = /^(?:const|var)\s*\(/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (lx.mask[m.index] !== 0) continue;
    const open = m.index + m[0].length - 1;
    const close = matchClose(lx, open);
    if (close < 0) continue;
    let i = lineEnd(text, open) + 1;
    let all = true;
    let any = false;
    while (i < close && i < text.length) {
      const le = lineEnd(text, i);
      const line = text.slice(i, le);
      if (/\S/.test(line) && !/^\s*\)/.test(line)) {
        const covered = dels.some((d) => d.start <= i && d.end >= le);
        if (!covered) { all = false; break; }
        any = true;
      }
      i = le + 1;
    }
    if (all && any) out.push(deleteLines(text, m.index, close + 1));
  }
  return out;
}

/** gofmt alignment of the composite literals that lost a field. */
function realignLiterals(ctx: RecipeContext, edits: TextEdit[]): TextEdit[] {
  let out = edits;
  const seen = new Set<number>();
  for (const e of edits) {
    if (e.newText !== '') continue;
    const open = enclosingChain(ctx.lx, e.start).find((o) => ctx.text[o] === '{');
    if (open === undefined || seen.has(open)) continue;
    seen.add(open);
    if (!/[\w\]]\s*$/.test(ctx.text.slice(Math.max(0, open - 40), open))) continue; // composite literal, not a body
    out = realignBlock(ctx.text, out, open, matchClose(ctx.lx, open), 'go');
  }
  return out;
}

/**
 * `cfg.Credentials = aws.NewCredentialsCache(…)` on a config that came from config.LoadDefaultConfig: deleting
 * the assignment leaves the chain LoadDefaultConfig resolved. On any other config: no fix (nothing would load it).
 */
function credentialsAssignment(ctx: RecipeContext): TextEdit[] | undefined | null {
  const { text, lx } = ctx;
  const uses = ctx.site ? [ctx.site.literal.start] : [];
  for (const at of uses) {
    const chain = enclosingChain(lx, at).filter((o) => text[o] === '(');
    const re = /^([ \t]*)(\w+)\.Credentials[ \t]*=[ \t]*[\w.]+[ \t]*$/;
    // the call right after `x.Credentials =` (the statement may itself sit inside a call, e.g. a func option)
    const outer = chain.find((o) => re.test(text.slice(lineStart(text, o), o)));
    if (outer === undefined) return undefined;
    const ls = lineStart(text, outer);
    const m = re.exec(text.slice(ls, outer))!;
    const fromLoad = (name: string) => new RegExp(`\\b${name}\\s*,\\s*\\w+\\s*:?=\\s*config\\.LoadDefaultConfig\\(`).test(text);
    // `s3.NewFromConfig(cfg, func(o *s3.Options) { o.Credentials = … })`: the option overrides cfg's chain
    const option = new RegExp(`(\\w+)\\.NewFromConfig\\(\\s*(\\w+)\\s*,\\s*func\\s*\\(\\s*${m[2]}\\s+\\*\\1\\.Options\\s*\\)\\s*\\{[^{}]*$`).exec(text.slice(Math.max(0, ls - 300), ls));
    const loaded = fromLoad(m[2]) || (!!option && fromLoad(option[2]));
    if (!loaded) return null;
    const close = matchClose(lx, outer);
    const edits: TextEdit[] = [deleteLines(text, ls, close + 1)];
    return [...edits, ...removeUnusedImports(lx, ctx.lang, rangesOf(edits))];
  }
  return undefined;
}

function goDefaultChain(ctx: RecipeContext): Fix | undefined {
  const assign = credentialsAssignment(ctx);
  if (assign === null) return undefined;
  if (assign) return defaultChainFix([...assign, ...unusedCredentialDecls(ctx, rangesOf(assign))]);
  const edits = defaultChainEdits(ctx, GO_SYNTAX);
  const client = goClientRewrite(ctx, (at) => enclosingGoFunc(ctx, at));
  if (client === null) return undefined;
  if (client) {
    // the whole literal is replaced: keep the other edits (constants, imports) that lie outside it
    const { edit } = client;
    const outside = (edits ?? []).filter((e) => e.end <= edit.start || e.start >= edit.end);
    const all = [edit, ...client.extra, ...outside];
    all.push(...unusedCredentialDecls(ctx, rangesOf(all)));
    all.push(...removeUnusedImports(ctx.lx, ctx.lang, rangesOf(all)));
    all.push(...ensureGoImports(ctx, client.imports));
    return defaultChainFix([...all, ...emptiedBlocks(ctx, all)]);
  }
  return edits ? defaultChainFix(realignLiterals(ctx, keepTrailingCommas(ctx, [...edits, ...emptiedBlocks(ctx, edits)]))) : undefined;
}

/**
 * Removing the last argument of a call whose `)` sits on its own line must leave a trailing comma
 * (`LoadDefaultConfig(ctx,⏎ opt,⏎)` -> `LoadDefaultConfig(ctx,⏎)`): Go inserts a semicolon after `ctx⏎` otherwise.
 */
function keepTrailingCommas(ctx: RecipeContext, edits: TextEdit[]): TextEdit[] {
  const { text } = ctx;
  return edits.map((e) => {
    if (e.newText !== '' || e.end <= e.start) return e;
    const before = text.slice(0, e.start).replace(/[ \t]+$/, '');
    const prev = before[before.length - 1];
    if (!prev || /[,({\n]/.test(prev)) return e;
    if (!/^[ \t]*\r?\n\s*[)}]/.test(text.slice(e.end))) return e;
    return { ...e, newText: ',' };
  });
}

function goSecretsManager(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  const d = site?.decl;
  if (!site || site.literal.quote !== '"') return undefined;
  if (!d || d.member || /\bconst\b/.test(d.modifiers)) return goMustSecretsManager(ctx);
  if (!(d.op === ':=' || /^var\s/.test(d.modifiers))) return goMustSecretsManager(ctx);
  const fn = enclosingGoFunc(ctx, site.literal.start);
  if (!fn) return goMustSecretsManager(ctx);
  const { text } = ctx;
  const nl = eol(text);
  const { secretId } = proposeSecret({ ...site.names, json: undefined }, ctx.input.path, ctx.input.secretId?.split('#')[0]);
  const ind = indentOf(text, d.start);
  const inner = ind + (ind.includes('\t') || ind === '' ? '\t' : '    ');
  const ret = [...fn.returnZeros, 'err'].join(', ');
  const onErr = fn.main ? 'log.Fatal(err)' : `return ${ret}`;
  const stmt = [
    `${d.name}, err := getSecretString(${fn.ctxName}, "${secretId}")`,
    `${ind}if err != nil {`,
    `${inner}${onErr}`,
    `${ind}}`,
  ].join(nl);
  const edits: TextEdit[] = [{ start: d.start, end: d.end, newText: stmt }];
  // a later `err := …` in the same block would no longer declare anything new: make it an assignment
  const block = enclosingChain(ctx.lx, d.start).find((o) => text[o] === '{');
  if (block !== undefined) {
    const close = matchClose(ctx.lx, block);
    const re = /^([ \t]*)err[ \t]*:=/gm;
    re.lastIndex = d.end;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) && m.index < close) {
      const at = m.index + m[1].length;
      if (ctx.lx.mask[at] !== 0 || enclosingChain(ctx.lx, at).find((o) => text[o] === '{') !== block) continue;
      const op = text.indexOf(':=', at);
      edits.push({ start: op, end: op + 2, newText: '=' });
    }
  }
  edits.push(...helperEdits(text, false));
  edits.push(...ensureGoImports(ctx, [...SM_IMPORTS, ...(fn.main ? ['log'] : [])]));
  return secretsManagerFix(edits, secretId);
}

function goEnvVar(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site || site.literal.quote !== '"') return undefined;
  const env = site.names.envVar;
  const edits: TextEdit[] = [replaceLiteral(site, `os.Getenv("${env}")`)];
  const d = site.decl;
  const firstOpen = enclosingChain(ctx.lx, site.literal.start)[0];
  const inConstBlock = firstOpen !== undefined && ctx.text[firstOpen] === '(' && /\bconst\s*$/.test(ctx.text.slice(Math.max(0, firstOpen - 10), firstOpen));
  if (d && !d.member && inConstBlock) {
    // move the member out of the `const ( … )` block into a `var`
    const { text } = ctx;
    const nl = eol(text);
    const close = matchClose(ctx.lx, firstOpen);
    const blockStart = lineStart(text, firstOpen);
    const moved: TextEdit[] = [deleteLines(text, d.start, d.end)];
    const remaining = text.slice(firstOpen + 1, close).split('\n').filter((l) => /\S/.test(l) && !/^\s*\/\//.test(l)).length;
    const decl = `var ${d.name} = os.Getenv("${env}")`;
    const afterClose = lineEnd(text, close);
    if (remaining <= 1) moved.splice(0, 1, deleteLines(text, blockStart, close + 1), { start: afterClose + 1, end: afterClose + 1, newText: `${decl}${nl}` });
    else moved.push({ start: afterClose, end: afterClose, newText: `${nl}${nl}${decl}` });
    return envVarFix([...moved, ...ensureGoImports(ctx, ['os'])], env);
  }
  if (d && /^const\s/.test(d.modifiers)) edits.push({ start: d.start, end: d.start + 5, newText: 'var' });
  else if (!d || d.member) {
    // inside a `const ( … )` block a call is not allowed
    const open = enclosingChain(ctx.lx, site.literal.start)[0];
    if (open !== undefined && /const\s*$/.test(ctx.text.slice(Math.max(0, open - 10), open))) return undefined;
  } else {
    const open = enclosingChain(ctx.lx, site.literal.start)[0];
    if (open !== undefined && ctx.text[open] === '(' && /const\s*$/.test(ctx.text.slice(Math.max(0, open - 10), open))) return undefined;
  }
  edits.push(...ensureGoImports(ctx, ['os']));
  return envVarFix(edits, env);
}

export const goRecipe: Recipe = { defaultChain: goDefaultChain, secretsManager: goSecretsManager, envVar: goEnvVar };
