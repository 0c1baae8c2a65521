import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { ReadinessServer } from './server';

/**
 * `readiness-lsp --stdio` (or `--node-ipc`, `--socket=N`, as vscode-languageserver reads from
 * the command line). Any LSP editor can run it.
 */
export function run(): void {
  const connection = createConnection(ProposedFeatures.all);
  // A bug in one handler must never take the editor's diagnostics down with it.
  process.on('uncaughtException', (error) => connection.console.error(`readiness: uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`readiness: unhandled rejection: ${String(reason)}`));
  new ReadinessServer(connection).listen();
}
