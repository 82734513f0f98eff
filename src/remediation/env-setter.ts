/**
 * Statements that *set* an environment variable or SDK system property from a literal (`process.env.X = "…"`,
 * `os.environ["X"] = "…"`, `putenv("X=…")`, `System.setProperty("aws.accessKeyId", "…")`…). Their env-var fix is
 * to delete the statement: the value is then expected from the environment itself. Rewriting only the literal
 * would give a self-assignment (`process.env.X = process.env.X`), a `KeyError` in Python, or `putenv(getenv(…))`.
 */
import type { Fix } from './types';
import type { RecipeContext } from './recipes/recipe';
import { envVarFix } from './recipes/shared';
import { deleteStatement } from './edits';
import { statementSpan } from './syntax/statement';

/** One entry per language family: how a setter statement starts (code text, strings intact). */
const SETTERS: Record<string, RegExp> = {
  javascript: /^process\.env(?:\.\w+|\[\s*(['"`])\w+\1\s*\])\s*=(?!=)/,
  typescript: /^process\.env(?:\.\w+|\[\s*(['"`])\w+\1\s*\])\s*=(?!=)/,
  python: /^os\.environ\[\s*(['"])\w+\1\s*\]\s*=(?!=)|^os\.putenv\s*\(/,
  ruby: /^ENV\[\s*(['"])\w+\1\s*\]\s*=(?!=)/,
  php: /^putenv\s*\(|^\$_(?:ENV|SERVER)\[\s*(['"])\w+\1\s*\]\s*=(?!=)/,
  go: /^os\.Setenv\s*\(/,
  csharp: /^(?:System\.)?Environment\.SetEnvironmentVariable\s*\(/,
  java: /^System\.setProperty\s*\(\s*"aws\./,
  kotlin: /^System\.setProperty\s*\(\s*"aws\./,
  rust: /^(?:std::)?env::set_var\s*\(/,
};

/** The env-var fix for a literal inside a setter statement: delete that statement. */
export function envSetterFix(ctx: RecipeContext): Fix | undefined {
  const setter = SETTERS[ctx.lang];
  if (!setter) return undefined;
  const [start, end] = statementSpan(ctx.lx, ctx.finding.startOffset);
  const stmt = ctx.text.slice(start, end);
  const lead = stmt.length - stmt.trimStart().length;
  if (!setter.test(stmt.slice(lead))) return undefined;
  // the variable's name: `process.env.NAME`, or the first quoted word (`"NAME"`, `'NAME=…'`); AWS keys use theirs
  const quoted = /^\s*process\.env\.(\w+)/.exec(stmt)?.[1] ?? /["'`]([A-Za-z_][\w.]*)(?:=|["'`])/.exec(stmt)?.[1];
  const name = ctx.finding.kind.startsWith('aws-') ? ctx.site?.names.envVar ?? quoted : quoted ?? ctx.site?.names.envVar;
  return {
    ...envVarFix([deleteStatement(ctx.text, start + lead, end)], name ?? 'the variable'),
    title: `Remove the hardcoded value: ${name ?? 'the variable'} comes from the environment`,
  };
}
