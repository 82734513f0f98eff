/**
 * Go default chain, client side. `s3.New(s3.Options{…})` and a hand-built `aws.Config{…}` do NOT resolve the
 * default credential chain (only `config.LoadDefaultConfig` does: "LoadDefaultConfig reads the SDK's default
 * external configurations, and populates an AWS Config", aws-sdk-go-v2 config docs), so deleting their
 * `Credentials:` field would yield an unsigned client. These shapes are rewritten to a LoadDefaultConfig-based
 * config instead: `cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(…))` + error check, then
 * `s3.NewFromConfig(cfg, func(o *s3.Options) { … })` for the remaining options. Only where the error can be
 * handled (in `main`, or a function returning `error` last); otherwise no default-chain fix is offered.
 */
import type { TextEdit } from '../types';
import type { RecipeContext } from './recipe';
import { enclosingChain, indentOf, lineEnd, lineStart, matchClose, splitList } from '../syntax/brackets';
import { eol, valueUses } from './shared';

export interface GoFuncInfo { ctxName: string; returnZeros: string[]; main: boolean; body: number }

export interface ClientRewrite {
  /** Replaces [start, end) of the original text. */
  edit: TextEdit;
  /** Further edits (insertions before the statement, later `err :=` turned into `=`). */
  extra: TextEdit[];
  imports: string[];
}

/** Start of the statement (in the function body `body`) that contains `at`. */
function statementStart(ctx: RecipeContext, body: number, at: number): number {
  const { text, lx } = ctx;
  let depth = 0;
  let start = body + 1;
  for (let i = body + 1; i < at; i++) {
    if (lx.mask[i] !== 0) continue;
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if ((c === '\n' || c === ';') && depth === 0) start = i + 1;
  }
  return start + text.slice(start).search(/\S/);
}

/** Later `err :=` at the same block level would declare nothing new after an inserted `err :=`: make them `=`. */
function laterErrDecls(ctx: RecipeContext, from: number, block: number): TextEdit[] {
  const { text, lx } = ctx;
  const close = matchClose(lx, block);
  const edits: TextEdit[] = [];
  const re = /^([ \t]*)err[ \t]*:=/gm;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < close) {
    const at = m.index + m[1].length;
    if (lx.mask[at] !== 0 || enclosingChain(lx, at).find((o) => text[o] === '{') !== block) continue;
    const op = text.indexOf(':=', at);
    edits.push({ start: op, end: op + 2, newText: '=' });
  }
  return edits;
}

/** An unused name for the config variable inside the function body. */
function freshName(ctx: RecipeContext, body: number, base: string): string {
  const scope = ctx.text.slice(body, matchClose(ctx.lx, body));
  for (const n of [base, 'awsCfg', 'awsConfig']) if (!new RegExp(`\\b${n}\\b`).test(scope)) return n;
  return 'awsCfg2';
}

/**
 * The LoadDefaultConfig rewrite for a credential use inside `X.New(X.Options{…})` or `name := aws.Config{…}`;
 * `undefined` when the use is not in such a literal, `null` when it is but cannot be rewritten safely.
 */
export function goClientRewrite(ctx: RecipeContext, fn: (at: number) => GoFuncInfo | undefined): ClientRewrite | undefined | null {
  const site = ctx.site;
  if (!site) return undefined;
  const { text, lx } = ctx;
  // SDK v1 (`github.com/aws/aws-sdk-go`): an `aws.Config` is handed to `session.NewSession` (or a client beside a
  // session), and a session with no credentials set resolves the default chain ("NewSession … will use the
  // default credential chain", aws-sdk-go session docs): dropping the field is the whole fix there.
  const v1 = /"github\.com\/aws\/aws-sdk-go\/aws"/.test(text) && !/"github\.com\/aws\/aws-sdk-go-v2\//.test(text);
  for (const use of valueUses(site)) {
    for (const open of enclosingChain(lx, use.start)) {
      if (text[open] !== '{') continue;
      const head = text.slice(Math.max(0, open - 200), open);
      // a composite literal (after `=`, `(`, `,`, `&`, `return`…), not a function body after a `*aws.Config` result
      const lit = /(?:^|[=(,:&{\s])(?:(\w+)\.Options|aws\.Config)\s*$/.exec(head);
      if (!lit || !/(?:[=(,:&{]|\breturn)\s*$/.test(head.slice(0, lit.index + 1))) continue;
      if (v1 && !lit[1]) return undefined;
      lit.index += lit[0].search(/\w/);
      const close = matchClose(lx, open);
      const litStart = open - (head.length - lit.index);
      const f = fn(open);
      if (!f) return null;
      const items = splitList(lx, open, close).filter((it) => /\S/.test(text.slice(it.start, it.end)));
      const fields = items.map((it) => {
        const s = text.slice(it.start, it.end).trim();
        const kv = /^(\w+)\s*:\s*([\s\S]+)$/.exec(s);
        return kv ? { key: kv[1], value: kv[2].trim(), start: it.start, end: it.end } : undefined;
      });
      if (fields.some((x) => !x)) return null; // positional composite literal: leave it
      const kept = fields.filter((x) => x!.key !== 'Credentials') as { key: string; value: string }[];
      if (kept.length === fields.length) return null;
      const region = kept.find((x) => x.key === 'Region');
      const rest = kept.filter((x) => x !== region);
      const nl = eol(text);
      let ctxExpr = f.ctxName;
      const imports = ['github.com/aws/aws-sdk-go-v2/config'];
      if (ctxExpr === 'context.Background()') {
        const before = text.slice(f.body, litStart);
        if (/\bctx\s*:?=/.test(before)) ctxExpr = 'ctx';
        else { ctxExpr = 'context.TODO()'; imports.push('context'); }
      }
      if (f.main) imports.push('log');
      const load = `config.LoadDefaultConfig(${ctxExpr}${region ? `, config.WithRegion(${region.value})` : ''})`;
      const onErr = f.main ? 'log.Fatal(err)' : `return ${[...f.returnZeros, 'err'].join(', ')}`;
      const stmt = statementStart(ctx, f.body, litStart);
      const ind = indentOf(text, stmt);
      const inner = ind + '\t';
      const check = [`${ind}if err != nil {`, `${inner}${onErr}`, `${ind}}`].join(nl);
      const block = enclosingChain(lx, stmt).find((o) => text[o] === '{') ?? f.body;
      // `X.New(X.Options{…})`
      if (lit[1]) {
        const pkg = lit[1];
        const call = new RegExp(`\\b${pkg}\\.New\\(\\s*$`).exec(text.slice(Math.max(0, litStart - 80), litStart));
        if (!call) return null;
        const callStart = litStart - (Math.min(80, litStart) - call.index);
        const callOpen = text.indexOf('(', callStart);
        const callClose = matchClose(lx, callOpen);
        if (!/^\s*,?\s*$/.test(text.slice(close + 1, callClose))) return null; // extra option functions: leave it
        const cfg = freshName(ctx, f.body, 'cfg');
        const opts = rest.length
          ? `, func(o *${pkg}.Options) {${nl}${rest.map((x) => `${inner}o.${x.key} = ${x.value}`).join(nl)}${nl}${ind}}`
          : '';
        const insertAt = lineStart(text, stmt);
        return {
          edit: { start: callStart, end: callClose + 1, newText: `${pkg}.NewFromConfig(${cfg}${opts})` },
          extra: [
            { start: insertAt, end: insertAt, newText: `${ind}${cfg}, err := ${load}${nl}${check}${nl}` },
            ...laterErrDecls(ctx, lineEnd(text, callClose), block),
          ],
          imports,
        };
      }
      // `name := aws.Config{…}` / `var name = aws.Config{…}`
      const decl = /^[ \t]*(?:var[ \t]+)?(\w+)[ \t]*(?::=|=)[ \t]*$/.exec(text.slice(lineStart(text, litStart), litStart));
      if (!decl || !/^[ \t]*\r?$/.test(text.slice(close + 1, lineEnd(text, close)))) return null;
      const name = decl[1];
      const assigns = rest.map((x) => `${nl}${ind}${name}.${x.key} = ${x.value}`).join('');
      return {
        edit: { start: stmt, end: close + 1, newText: `${name}, err := ${load}${nl}${check}${assigns}` },
        extra: laterErrDecls(ctx, lineEnd(text, close), block),
        imports,
      };
    }
  }
  return undefined;
}
