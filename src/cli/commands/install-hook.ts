/**
 * `credential-hygiene install-hook`: writes a git pre-commit hook that runs `credential-hygiene scan --staged`
 * (into `core.hooksPath` when set). An existing hook we did not write is never replaced. `--print` shows
 * the equivalent configuration for pre-commit, husky and lefthook instead.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GitError, gitToplevel, hooksDir } from '../../node/git';
import { UsageError, type CliIO } from '../io';

const HOOK_MARKER = '# credential-hygiene pre-commit hook';

const INSTALL_HOOK_HELP = `Usage: credential-hygiene install-hook [options]

Installs a git pre-commit hook that runs 'credential-hygiene scan --staged' and blocks commits that add
credentials. Honours core.hooksPath. Refuses to replace a hook it did not write.

Options:
      --print [pre-commit|husky|lefthook]   print configuration snippets instead of installing
  -h, --help                                show this help
`;

function hookScript(): string {
  return `#!/bin/sh
${HOOK_MARKER} (installed by 'credential-hygiene install-hook'; safe to delete)
# Blocks commits that add hardcoded credentials. Bypass once with: git commit --no-verify
if command -v credential-hygiene >/dev/null 2>&1; then
  exec credential-hygiene scan --staged
elif [ -x ./node_modules/.bin/credential-hygiene ]; then
  exec ./node_modules/.bin/credential-hygiene scan --staged
else
  echo "credential-hygiene: not installed (npm i -D credential-hygiene); skipping the secret scan" >&2
  exit 0
fi
`;
}

const SNIPPETS: Record<string, string> = {
  'pre-commit': `# .pre-commit-config.yaml
repos:
  - repo: https://github.com/credential-hygiene/credential-hygiene
    rev: v0.2.0
    hooks:
      - id: credential-hygiene
`,
  husky: `# .husky/pre-commit
npx --no-install credential-hygiene scan --staged
`,
  lefthook: `# lefthook.yml
pre-commit:
  commands:
    credential-hygiene:
      run: npx --no-install credential-hygiene scan --staged
`,
};

export async function runInstallHook(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { print: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    io.stdout(INSTALL_HOOK_HELP);
    return 0;
  }
  if (values.print) {
    const which = positionals.length ? positionals : Object.keys(SNIPPETS);
    for (const w of which) if (!SNIPPETS[w]) throw new UsageError(`unknown --print target '${w}' (pre-commit, husky, lefthook)`);
    io.stdout(which.map((w) => SNIPPETS[w]).join('\n'));
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  let dir: string;
  try {
    dir = await hooksDir(await gitToplevel(io.cwd));
  } catch (e) {
    if (e instanceof GitError) throw new UsageError(e.message);
    throw e;
  }
  const file = path.join(dir, 'pre-commit');
  const existing = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (existing !== undefined && !existing.includes(HOOK_MARKER)) {
    io.stderr(
      `credential-hygiene install-hook: ${file} already exists and was not written by credential-hygiene; not replacing it.\n` +
        `Add this line to it instead:  credential-hygiene scan --staged   (or see 'credential-hygiene install-hook --print')\n`,
    );
    return 2;
  }
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(file, hookScript(), { mode: 0o755 });
  await fs.chmod(file, 0o755);
  io.stdout(`${existing === undefined ? 'installed' : 'updated'} ${path.relative(io.cwd, file) || file}\n`);
  return 0;
}
