/**
 * Application configuration files whose frameworks already read environment variables:
 * Spring `application*.properties|yml` (`${SPRING_DATASOURCE_PASSWORD}` placeholders, relaxed binding) and
 * ASP.NET Core `appsettings*.json` (environment variables such as `ConnectionStrings__Default` override JSON).
 */
import * as jsonc from 'jsonc-parser';
import type { Fix } from '../types';
import type { Recipe, RecipeContext } from './recipe';
import { lineEnd, lineStart } from '../syntax/brackets';
import { envVarFix } from './shared';

/** Spring relaxed binding: `spring.datasource.password` -> `SPRING_DATASOURCE_PASSWORD`. */
function springEnvName(key: string): string {
  return key.replace(/\[(\d+)\]/g, '_$1').replace(/[.-]/g, '_').replace(/[^A-Za-z0-9_]/g, '').toUpperCase();
}

function propertiesEnvVar(ctx: RecipeContext): Fix | undefined {
  const { text, finding } = ctx;
  const ls = lineStart(text, finding.startOffset);
  const le = lineEnd(text, finding.startOffset);
  const line = text.slice(ls, le);
  const m = /^([ \t]*)([\w.[\]-]+)([ \t]*[=:][ \t]*)(.*?)\r?$/.exec(line);
  if (!m || m[4].includes('${')) return undefined;
  const env = springEnvName(m[2]);
  const valueStart = ls + m[1].length + m[2].length + m[3].length;
  return envVarFix([{ start: valueStart, end: valueStart + m[4].length, newText: `\${${env}}` }], env);
}

function springYamlEnvVar(ctx: RecipeContext): Fix | undefined {
  const { text, finding } = ctx;
  const ls = lineStart(text, finding.startOffset);
  const line = text.slice(ls, lineEnd(text, finding.startOffset)).replace(/\r$/, '');
  const m = /^([ \t]*)([\w.-]+)[ \t]*:[ \t]+(.*)$/.exec(line);
  if (!m || m[3].includes('${')) return undefined;
  // full key from the indentation-based parents
  const keys = [m[2]];
  let indent = m[1].length;
  const before = text.slice(0, ls).split('\n').reverse();
  for (const l of before) {
    const p = /^([ \t]*)([\w.-]+)[ \t]*:[ \t]*(#.*)?\r?$/.exec(l);
    if (p && p[1].length < indent) { keys.unshift(p[2]); indent = p[1].length; if (indent === 0) break; }
  }
  const env = springEnvName(keys.join('.'));
  const raw = m[3].replace(/[ \t]+#.*$/, '');
  const valueStart = ls + line.length - m[3].length;
  return envVarFix([{ start: valueStart, end: valueStart + raw.length, newText: `\${${env}}` }], env);
}

function appsettingsEnvVar(ctx: RecipeContext): Fix | undefined {
  const { text, finding } = ctx;
  const tree = jsonc.parseTree(text);
  if (!tree) return undefined;
  const node = jsonc.findNodeAtOffset(tree, finding.startOffset);
  if (!node || node.type !== 'string') return undefined;
  const path = jsonc.getNodePath(node);
  if (path.length === 0 || path.some((p) => typeof p !== 'string')) return undefined;
  const env = (path as string[]).join('__');
  const fix = envVarFix([{ start: node.offset, end: node.offset + node.length, newText: '""' }], env);
  return {
    ...fix,
    title: `Remove the value; provide it as environment variable ${env} (overrides appsettings.json)`,
    notice: `${fix.notice} ASP.NET Core reads ${env} from the environment (or use user-secrets / AWS Secrets Manager configuration provider).`,
  };
}

export const propertiesRecipe: Recipe = { envVar: propertiesEnvVar };
export const springYamlRecipe: Recipe = { envVar: springYamlEnvVar };
export const appsettingsRecipe: Recipe = { envVar: appsettingsEnvVar };
