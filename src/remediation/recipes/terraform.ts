/**
 * Terraform / HCL: drop `access_key`/`secret_key`/`token` from `provider "aws"` (and `backend "s3"`) blocks and the
 * variables that only fed them; Secrets Manager through a `data "aws_secretsmanager_secret_version"` block
 * (`jsondecode(…)["key"]` for key/value secrets); env-var fallback through a sensitive variable (`TF_VAR_x`).
 */
import type { Fix, TextEdit } from '../types';
import type { Recipe, RecipeContext } from './recipe';
import { AWS_KINDS } from './recipe';
import { enclosingChain, lineEnd, lineStart, matchClose } from '../syntax/brackets';
import { deleteLines } from '../edits';
import { realignBlock } from '../realign';
import { deriveNames, proposeSecret, toSnake } from '../naming';
import { defaultChainFix, envVarFix, eol, proposal, replaceLiteral, secretsManagerFix } from './shared';

const CRED_ATTR = /^(access_key|secret_key|token)$/;

interface Block { open: number; close: number; header: string; start: number }

function blocksAround(ctx: RecipeContext, at: number): Block[] {
  const { text, lx } = ctx;
  return enclosingChain(lx, at)
    .filter((o) => text[o] === '{')
    .map((open) => {
      const start = lineStart(text, open);
      return { open, close: matchClose(lx, open), header: text.slice(start, open).trim(), start };
    });
}

function attrLines(ctx: RecipeContext, b: Block, re: RegExp): TextEdit[] {
  const { text } = ctx;
  const out: TextEdit[] = [];
  const body = text.slice(b.open + 1, b.close);
  const lre = /^[ \t]*([A-Za-z_][\w-]*)[ \t]*=[^\n]*$/gm;
  let m: RegExpExecArray | null;
  while ((m = lre.exec(body))) {
    const at = b.open + 1 + m.index;
    if (!re.test(m[1])) continue;
    // only direct attributes of this block
    if (blocksAround(ctx, at + m[0].search(/\S/))[0]?.open !== b.open) continue;
    out.push(deleteLines(text, at, at + m[0].length));
  }
  return out;
}

function attrName(ctx: RecipeContext, at: number): string | undefined {
  const { text } = ctx;
  return /^[ \t]*([A-Za-z_][\w-]*)[ \t]*=[ \t]*$/.exec(text.slice(lineStart(text, at), at))?.[1];
}

function tfDefaultChain(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site) return undefined;
  const { text } = ctx;
  const attr = attrName(ctx, site.literal.start);
  const block = blocksAround(ctx, site.literal.start)[0];
  if (!attr || !block) {
    // .tfvars: `aws_secret_key = "…"` at top level
    if (!attr || !/access_key|secret_key|session_token|aws_token/.test(attr)) return undefined;
    const edits: TextEdit[] = [];
    for (const f of ctx.findings) {
      if (!AWS_KINDS.has(f.kind)) continue;
      const a = attrName(ctx, text.lastIndexOf('"', f.startOffset));
      if (a && /access_key|secret_key|session_token|aws_token/.test(a) && !blocksAround(ctx, f.startOffset)[0]) edits.push(deleteLines(text, f.startOffset, f.endOffset));
    }
    return defaultChainFix(edits);
  }
  if (/^(provider\s+"aws"|backend\s+"s3")/.test(block.header) && CRED_ATTR.test(attr)) {
    return defaultChainFix(realignBlock(text, attrLines(ctx, block, CRED_ATTR), block.open, block.close, 'hcl'));
  }
  const v = /^variable\s+"([\w-]+)"/.exec(block.header);
  if (v && attr === 'default') {
    const ref = new RegExp(`\\bvar\\.${v[1]}\\b`, 'g');
    const edits: TextEdit[] = [];
    let allCred = true;
    let m: RegExpExecArray | null;
    while ((m = ref.exec(text))) {
      const b = blocksAround(ctx, m.index)[0];
      const a = /^[ \t]*([A-Za-z_][\w-]*)[ \t]*=/.exec(text.slice(lineStart(text, m.index), lineEnd(text, m.index)))?.[1];
      if (b && /^(provider\s+"aws"|backend\s+"s3")/.test(b.header) && a && CRED_ATTR.test(a)) {
        if (!edits.some((e) => e.start > b.open && e.end <= b.close)) edits.push(...realignBlock(text, attrLines(ctx, b, CRED_ATTR), b.open, b.close, 'hcl'));
      }
      else allCred = false;
    }
    if (allCred) {
      // the variable only fed provider credentials: remove it and the provider arguments
      const vb = blocksAround(ctx, site.literal.start)[0];
      edits.push(deleteLines(text, vb.start, vb.close + 1));
      for (const other of ctx.findings) {
        if (other === ctx.finding) continue;
        const ob = blocksAround(ctx, other.startOffset)[0];
        if (ob && /^variable\s+"/.test(ob.header) && !edits.some((e) => e.start <= ob.start && e.end > ob.start)) {
          const name = /^variable\s+"([\w-]+)"/.exec(ob.header)![1];
          const refs = [...text.matchAll(new RegExp(`\\bvar\\.${name}\\b`, 'g'))];
          if (refs.every((r) => edits.some((e) => e.start <= r.index! && e.end > r.index!))) edits.push(deleteLines(text, ob.start, ob.close + 1));
        }
      }
      return defaultChainFix(edits);
    }
    return defaultChainFix([deleteLines(text, site.literal.start, site.literal.end)], 'Remove the hardcoded default (supply it at apply time, or better use the default credential chain)');
  }
  return undefined;
}

/**
 * `variable "db_password" { default = "…" }` read in this file as `var.db_password`: the variable is replaced by a
 * `data "aws_secretsmanager_secret_version"` lookup and its references by the data source (`jsondecode(…)["key"]`
 * for key/value secrets). Not offered when the file does not read the variable (other files might).
 */
function tfVariableSecretsManager(ctx: RecipeContext, outer: Block): Fix | undefined {
  const { text } = ctx;
  const site = ctx.site!;
  const name = /^variable\s+"([\w-]+)"/.exec(outer.header)?.[1];
  if (!name || attrName(ctx, site.literal.start) !== 'default') return undefined;
  const refs = [...text.matchAll(new RegExp(`\\bvar\\.${name}\\b`, 'g'))].filter((m) => m.index! < outer.start || m.index! > outer.close);
  if (refs.length === 0) return undefined;
  // name the secret after the variable, not after its `default` attribute
  const names = deriveNames({ kind: ctx.finding.kind, declName: name, ownerHints: site.ownerHints });
  const { secretId, key } = proposeSecret(names, ctx.input.path, ctx.input.secretId);
  const ref = `data.aws_secretsmanager_secret_version.${name}.secret_string`;
  const expr = key ? `jsondecode(${ref})["${key}"]` : ref;
  const nl = eol(text);
  const edits: TextEdit[] = [{ start: outer.start, end: outer.close + 1, newText: `data "aws_secretsmanager_secret_version" "${name}" {${nl}  secret_id = "${secretId}"${nl}}` }];
  for (const m of refs) {
    // inside a "${var.x}" template the reference is replaced the same way
    edits.push({ start: m.index!, end: m.index! + m[0].length, newText: expr });
  }
  const fix = secretsManagerFix(edits, secretId, key);
  return { ...fix, title: fix.title.replace('Load from AWS Secrets Manager', `Load from AWS Secrets Manager (data source replaces variable "${name}")`) };
}

function tfSecretsManager(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site || site.literal.interpolated) return undefined;
  const { text } = ctx;
  const attr = attrName(ctx, site.literal.start);
  const block = blocksAround(ctx, site.literal.start);
  if (block.length && /^variable\b/.test(block[block.length - 1].header)) return tfVariableSecretsManager(ctx, block[block.length - 1]);
  if (!attr || block.length === 0 || /^(variable|output)\b/.test(block[block.length - 1].header)) return undefined;
  const { secretId, key } = proposal(ctx);
  const name = toSnake(secretId.split('/').pop() ?? 'secret') || 'secret';
  const ref = `data.aws_secretsmanager_secret_version.${name}.secret_string`;
  const expr = key ? `jsondecode(${ref})["${key}"]` : ref;
  const edits: TextEdit[] = [replaceLiteral(site, expr)];
  if (!new RegExp(`data\\s+"aws_secretsmanager_secret_version"\\s+"${name}"`).test(text)) {
    const nl = eol(text);
    const pre = text.endsWith('\n') ? '' : nl;
    edits.push({ start: text.length, end: text.length, newText: `${pre}${nl}data "aws_secretsmanager_secret_version" "${name}" {${nl}  secret_id = "${secretId}"${nl}}${nl}` });
  }
  return secretsManagerFix(edits, secretId, key);
}

function tfEnvVar(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site || site.literal.interpolated) return undefined;
  const { text } = ctx;
  const attr = attrName(ctx, site.literal.start);
  const block = blocksAround(ctx, site.literal.start);
  if (!attr) return undefined;
  if (block.length === 0 && /\.tfvars$/.test(ctx.input.path ?? '')) {
    // tfvars: drop the line, Terraform reads TF_VAR_<name> from the environment
    return { ...envVarFix([deleteLines(text, site.literal.start, site.literal.end)], `TF_VAR_${attr}`), title: `Remove from the tfvars file; set TF_VAR_${attr} in the environment` };
  }
  if (block.length === 0) return undefined;
  const outer = block[block.length - 1];
  if (/^variable\b/.test(outer.header)) {
    // variable default: drop it; the value comes from TF_VAR_<name>
    const name = /^variable\s+"([\w-]+)"/.exec(outer.header)?.[1];
    if (!name || attr !== 'default') return undefined;
    const edits: TextEdit[] = [deleteLines(text, site.literal.start, site.literal.end)];
    if (!/\bsensitive\s*=\s*true/.test(text.slice(outer.open, outer.close))) {
      const at = lineStart(text, site.literal.start);
      const ind = /^[ \t]*/.exec(text.slice(at))![0];
      edits.push({ start: at, end: at, newText: `${ind}sensitive = true${eol(text)}` });
    }
    return envVarFix(edits, `TF_VAR_${name}`);
  }
  const varName = toSnake(site.names.envVar);
  const edits: TextEdit[] = [replaceLiteral(site, `var.${varName}`)];
  if (!new RegExp(`variable\\s+"${varName}"`).test(text)) {
    const nl = eol(text);
    const pre = text.endsWith('\n') ? '' : nl;
    edits.push({ start: text.length, end: text.length, newText: `${pre}${nl}variable "${varName}" {${nl}  type      = string${nl}  sensitive = true${nl}}${nl}` });
  }
  return envVarFix(edits, `TF_VAR_${varName}`);
}

export const terraformRecipe: Recipe = { defaultChain: tfDefaultChain, secretsManager: tfSecretsManager, envVar: tfEnvVar };
