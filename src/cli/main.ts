import { processIO, UsageError, type CliIO } from './io';
import { VERSION } from './version';

const HELP = `credential-hygiene ${VERSION} — find hardcoded credentials and rewrite them into safe code

Usage: credential-hygiene <command> [options]

Commands:
  scan [PATH...]     scan files and directories (default .)              see: scan --help
  fix FILE --line N  rewrite the credential on line N into safe code      see: fix --help
  baseline [PATH...] record current findings as accepted                  see: baseline --help
  install-hook       install a git pre-commit hook running scan --staged  see: install-hook --help
  report [PATH...]   credential hygiene report (markdown, json, html)     see: report --help
  roles [PATH...]    workloads, runtimes and least-privilege IAM policies see: roles --help
  rules              list the built-in rules
  lsp --stdio        run the Language Server (any LSP editor)         see: docs/lsp.md
  help               show this help

Options: --help, --version
Exit codes: 0 clean, 1 findings, 2 usage or fatal error.
`;

type Command = (argv: string[], io: CliIO) => Promise<number>;

// Each command's modules load only when it runs: a scan starts its workers sooner without the fixer, the roles
// analyser or the language server loaded first.
const COMMANDS: Record<string, () => Promise<Command>> = {
  scan: async () => (await import('./commands/scan')).runScan,
  fix: async () => (await import('./commands/fix')).runFix,
  baseline: async () => (await import('./commands/baseline')).runBaseline,
  report: async () => (await import('./commands/report')).runReport,
  roles: async () => (await import('./commands/roles')).runRoles,
  'install-hook': async () => (await import('./commands/install-hook')).runInstallHook,
  lsp: async () => (await import('./commands/lsp')).runLsp,
  rules: async () => async (_argv, io) => {
    const { BUILTIN_RULES } = await import('../engine');
    for (const r of BUILTIN_RULES) io.stdout(`${r.id.padEnd(44)} ${r.kind.padEnd(22)} ${r.severity.padEnd(8)} ${r.title}\n`);
    io.stdout(`${BUILTIN_RULES.length} rules\n`);
    return 0;
  },
};

/** CLI entry: returns the exit code; every anticipated failure is one clear line on stderr. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    io.stdout(HELP);
    return cmd ? 0 : 2;
  }
  if (cmd === '--version' || cmd === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!load) {
    io.stderr(`credential-hygiene: unknown command '${cmd}'. Run 'credential-hygiene --help'.\n`);
    return 2;
  }
  try {
    return await (await load())(rest, io);
  } catch (e) {
    const msg = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? (e as Error).message : `unexpected error: ${(e as Error).message}`;
    io.stderr(`credential-hygiene ${cmd}: ${msg}\n`);
    return 2;
  }
}
