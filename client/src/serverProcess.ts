import { fork, type ChildProcess } from 'node:child_process';

/**
 * Starts the bundled language server as a Node child process talking over IPC, the way
 * vscode-languageclient's `TransportKind.ipc` does, but callable before that library is loaded:
 * the extension forks the server first thing on activation, so the server's start-up overlaps
 * with the client's.
 */
export function forkServer(serverModule: string, cacheDirectory: string, onStderr: (text: string) => void): ChildProcess {
  const child = fork(serverModule, ['--node-ipc', `--clientProcessId=${process.pid}`], {
    // Desktop VS Code runs extensions in Electron, whose binary only acts as Node with this set.
    // The server keeps V8's code cache of its bundle in the extension's storage.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1', READINESS_CODE_CACHE_DIR: cacheDirectory },
    execArgv: startedInDebugMode() ? ['--nolazy', '--inspect=6019'] : [],
    silent: true,
  });
  child.stderr?.setEncoding('utf8').on('data', onStderr);
  // The server writes nothing to stdout over IPC; reading it keeps a stray write from blocking it.
  child.stdout?.resume();
  return child;
}

/** The extension host was started under a debugger (F5): the server then listens for one too. */
function startedInDebugMode(): boolean {
  return process.execArgv.some((arg) => /^--(inspect|debug)(-brk)?(=|$)/.test(arg));
}
