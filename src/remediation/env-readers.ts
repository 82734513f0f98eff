/**
 * Where code reads an environment variable (issue 16 point 7): after the `.env` Secrets Manager fix renames
 * `DB_PASSWORD` to `DB_PASSWORD_SECRET_ID`, every reader of `DB_PASSWORD` gets nothing. This finds them so the
 * editor can list them. One pattern per language idiom; pure text.
 */

export interface EnvReader {
  /** 1-based line and column of the variable name. */
  line: number;
  column: number;
}

/** Idioms that read variable NAME; `§` stands for the name. One entry per idiom. */
const READERS: { lang: string; pattern: string }[] = [
  { lang: 'js/ts', pattern: String.raw`process\.env\.§\b|process\.env\[\s*["'\x60]§["'\x60]\s*\]|import\.meta\.env\.§\b|Deno\.env\.get\(\s*["']§["']` },
  { lang: 'python', pattern: String.raw`os\.environ\[\s*["']§["']\s*\]|os\.environ\.get\(\s*["']§["']|os\.getenv\(\s*["']§["']|environ\(\s*["']§["']|config\(\s*["']§["']` },
  { lang: 'go', pattern: String.raw`os\.(?:Getenv|LookupEnv)\(\s*"§"` },
  { lang: 'java/kotlin', pattern: String.raw`System\.getenv\(\s*"§"|\$\{§(?::[^}]*)?\}` },
  { lang: 'csharp', pattern: String.raw`GetEnvironmentVariable\(\s*"§"|\["§"\]` },
  { lang: 'ruby', pattern: String.raw`ENV\[\s*["']§["']\s*\]|ENV\.fetch\(\s*["']§["']` },
  { lang: 'php', pattern: String.raw`getenv\(\s*["']§["']|\$_(?:ENV|SERVER)\[\s*["']§["']\s*\]|env\(\s*["']§["']` },
  { lang: 'rust', pattern: String.raw`env::var(?:_os)?\(\s*"§"|env!\(\s*"§"` },
  { lang: 'shell/compose', pattern: String.raw`\$\{§(?:[:?-][^}]*)?\}|\$§\b` },
];

const cache = new Map<string, RegExp>();

function envReaderRegex(name: string): RegExp | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
  let re = cache.get(name);
  if (!re) {
    re = new RegExp(READERS.map((r) => `(?:${r.pattern.replace(/§/g, name)})`).join('|'), 'g');
    if (cache.size > 64) cache.clear();
    cache.set(name, re);
  }
  re.lastIndex = 0;
  return re;
}

export function findEnvReaders(text: string, name: string): EnvReader[] {
  const re = envReaderRegex(name);
  if (!re) return [];
  const out: EnvReader[] = [];
  for (const m of text.matchAll(re)) {
    const at = m.index! + m[0].indexOf(name);
    const before = text.lastIndexOf('\n', at - 1);
    const line = countLines(text, at);
    out.push({ line, column: at - before });
  }
  return out;
}

function countLines(text: string, end: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
