/**
 * Syntax checks for golden outputs, per language: TypeScript compiler for JS/TS (always available: devDependency),
 * and, when installed, python3 (ast), javac (parse only, via ParseCheck.java), gofmt, php -l, ruby -c, rustfmt,
 * mcs --parse (C#).
 * A checker that is not installed returns `undefined` (skipped), never a false pass.
 */
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

export type ParseResult = { ok: boolean; message: string } | undefined;

const has = new Map<string, boolean>();
function available(cmd: string, args: string[]): boolean {
  if (!has.has(cmd)) {
    const r = cp.spawnSync(cmd, args, { encoding: 'utf8', timeout: 20000 });
    has.set(cmd, !r.error && r.status !== null);
  }
  return has.get(cmd)!;
}

function parseJsTs(text: string, fileName: string): ParseResult {
  const kind = /\.(ts|mts|cts)$/.test(fileName) ? ts.ScriptKind.TS : /\.tsx$/.test(fileName) ? ts.ScriptKind.TSX : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const diags = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? [];
  return { ok: diags.length === 0, message: diags.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ') };
}

function runOn(cmd: string, args: (file: string) => string[], text: string, ext: string, probe: string[]): ParseResult {
  if (!available(cmd, probe)) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ch-parse-'));
  const file = path.join(dir, `input${ext}`);
  fs.writeFileSync(file, text);
  try {
    const r = cp.spawnSync(cmd, args(file), { encoding: 'utf8', timeout: 60000 });
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    return { ok: r.status === 0, message: out.split('\n').slice(0, 5).join(' | ') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const PARSE_JAVA = path.resolve(__dirname, '../../../../test/fixtures/remediation/tools/ParseCheck.java');

export function parseFor(fileName: string, text: string): ParseResult {
  const ext = path.extname(fileName);
  switch (ext) {
    case '.js': case '.mjs': case '.cjs': case '.ts': case '.mts': case '.cts': case '.tsx': case '.jsx':
      return parseJsTs(text, fileName);
    case '.py':
      return runOn('python3', (f) => ['-c', 'import ast,sys; ast.parse(open(sys.argv[1]).read())', f], text, ext, ['-c', 'pass']);
    case '.java':
      return runOn('java', (f) => [PARSE_JAVA, f], text, ext, ['-version']);
    case '.go':
      return runOn('gofmt', (f) => ['-e', f], text, ext, ['-h']);
    case '.php':
      return runOn('php', (f) => ['-l', f], text, ext, ['-v']);
    case '.rb':
      return runOn('ruby', (f) => ['-c', f], text, ext, ['-v']);
    case '.cs': {
      // mono's mcs (Debian mono-mcs) parses C# 7: a C# 10 file-scoped namespace becomes a block; top-level
      // statements (C# 9) are beyond it, so such files are not checked.
      if (/^(?:var\s|await\s|Console\.)/m.test(text)) return undefined;
      let src = text.replace(/^namespace\s+([\w.]+)\s*;/m, 'namespace $1 {');
      if (src !== text) src += '\n}\n';
      return runOn('mcs', (f) => ['--parse', f], src, ext, ['--version']);
    }
    case '.rs':
      return runOn('rustfmt', (f) => ['--edition', '2021', '--emit', 'stdout', f], text, ext, ['--version']);
    default:
      return undefined;
  }
}

/** `gofmt -d` output for a Go text ('' when already formatted), or undefined without gofmt. */
export function gofmtDiff(text: string): string | undefined {
  if (!available('gofmt', ['-h'])) return undefined;
  const r = cp.spawnSync('gofmt', ['-d'], { input: text, encoding: 'utf8', timeout: 30000 });
  if (r.status !== 0) return `gofmt failed: ${r.stderr}`;
  return r.stdout.replace(/^diff.*\n|^---.*\n|^\+\+\+.*\n/gm, '').trim();
}
