import type { CliIO } from '../io';

const LSP_HELP = `Usage: credential-hygiene lsp --stdio

Runs the Credential Hygiene Language Server over stdin/stdout (JSON-RPC). Configure your editor to start it;
see docs/lsp.md for Neovim, Helix, Zed, Emacs (eglot), Sublime LSP and JetBrains (LSP4IJ).
`;

/** Starts the server; the returned promise settles only when the client closes the connection. */
export async function runLsp(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(LSP_HELP);
    return 0;
  }
  if (!argv.includes('--stdio')) {
    io.stderr('credential-hygiene lsp: only --stdio is supported (run: credential-hygiene lsp --stdio)\n');
    return 2;
  }
  // Loaded lazily: the other commands never pay for the protocol library.
  const { createConnection, ProposedFeatures } = await import('vscode-languageserver/node');
  const { startServer } = await import('../../lsp/server');
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  startServer(connection);
  return new Promise<number>((resolve) => connection.onExit(() => resolve(0)));
}
