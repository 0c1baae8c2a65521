import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  CodeAction,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { REPO_ROOT } from './paths';

export interface ProgressEvent {
  token: string | number;
  kind: string;
  message?: string;
  percentage?: number;
}

/**
 * Drives `readiness-lsp --stdio` as an editor does: a real child process, JSON-RPC over its
 * standard streams, answers to the server's own requests.
 */
export class LspClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly history: PublishDiagnosticsParams[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly logs: string[] = [];
  readonly registrations: string[] = [];
  /** How many `workspace/configuration` requests the server sent. */
  configurationRequests = 0;
  /** What `workspace/configuration` answers for the `readiness` section. */
  settings: Record<string, unknown> = {};
  private waiters: Array<() => void> = [];
  private stderr = '';

  constructor() {
    this.process = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'readiness-lsp.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.history.push(params);
      this.wake();
    });
    this.connection.onNotification('$/progress', (params: unknown) => {
      const { token, value } = params as { token: string | number; value: { kind: string; message?: string; percentage?: number } };
      this.progress.push({ token, ...value });
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.wake();
    });
    this.connection.onNotification('window/showMessage', (params: { message: string }) => {
      this.logs.push(`showMessage: ${params.message}`);
    });
    this.connection.onRequest('client/registerCapability', (params: { registrations: Array<{ method: string }> }) => {
      this.registrations.push(...params.registrations.map((registration) => registration.method));
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
      this.configurationRequests++;
      return params.items.map(() => this.settings);
    });
    this.connection.listen();
  }

  /**
   * `minimal`: a client that declares no capabilities at all, as the simplest editors do.
   * `initializationOptions`: sent as they are, as the VS Code extension sends its settings.
   */
  async initialize(folders: string[], options: { progress?: boolean; minimal?: boolean; initializationOptions?: unknown } = {}): Promise<InitializeResult> {
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      ...(options.initializationOptions === undefined ? {} : { initializationOptions: options.initializationOptions }),
      rootUri: folders[0] ? uriOf(folders[0]) : null,
      workspaceFolders: folders.map((folder, index) => ({ uri: uriOf(folder), name: `folder${index}` })),
      capabilities: options.minimal ? {} : {
        window: { workDoneProgress: options.progress ?? true },
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] } }, codeAction: { isPreferredSupport: true } },
      },
    })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(path: string, text: string, languageId = 'plaintext', version = 1): string {
    const uri = uriOf(path);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return uri;
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  codeActions(uri: string, range: Diagnostic['range'], diagnostics: Diagnostic[] = [], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } }) as Promise<CodeAction[]>;
  }

  /** Resolves once `predicate` holds, re-checked after every notification; rejects after `ms`. */
  async waitFor<T>(what: string, predicate: () => T | undefined | false, ms = 20_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = predicate();
      if (value) return value;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for ${what}\nserver stderr:\n${this.stderr}\nlogs:\n${this.logs.slice(-20).join('\n')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Diagnostics published for exactly this version of a document. */
  diagnosticsFor(uri: string, version?: number, ms?: number): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics for ${uri}${version === undefined ? '' : ` version ${version}`}`, () => {
      const published = this.diagnostics.get(uri);
      if (!published || (version !== undefined && published.version !== version)) return undefined;
      return published.diagnostics;
    }, ms);
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 5000))]);
      void this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }

  get serverStderr(): string {
    return this.stderr;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/** Applies a versioned workspace edit to a text, as a client would. */
export function applyWorkspaceEdit(text: string, edit: WorkspaceEdit | undefined): string {
  const change = edit?.documentChanges?.[0];
  if (!change || !('edits' in change)) throw new Error('expected a text document edit');
  const lines = text.split('\n');
  const offset = (position: { line: number; character: number }): number =>
    lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
  const edits = [...change.edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const item of edits) {
    if (!('newText' in item)) continue;
    result = result.slice(0, offset(item.range.start)) + item.newText + result.slice(offset(item.range.end));
  }
  return result;
}
