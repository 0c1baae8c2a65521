import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import {
  CHECKLIST_CHANGED_NOTIFICATION,
  CHECKLIST_REQUEST,
  REPORT_REQUEST,
  SET_CHECKLIST_ITEM_REQUEST,
  type ChecklistChangedParams,
  type ChecklistParams,
  type ChecklistResult,
  type ReportParams,
  type ReportResult,
  type SetChecklistItemParams,
  type SetChecklistItemResult,
} from '../../server/src/lsp/checklist-protocol';
import { ChecklistProvider, evidenceUri, openEvidence, OPEN_EVIDENCE_COMMAND, type Node, type OpenEvidenceArgs } from './checklistView';
import { ReadinessStatusBar, readinessDiagnostics } from './statusBar';
import { forkServer } from './serverProcess';

/**
 * The Readiness extension: starts the bundled language server over IPC, and renders what it sends
 * — diagnostics and quick fixes (through vscode-languageclient), the checklist sidebar and the
 * status bar. Nothing here knows a rule.
 */

const LANGUAGES = ['rust', 'go', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'toml', 'yaml', 'dockercompose', 'json', 'jsonc', 'dotenv'];

/** Waits after file-system events before re-requesting the checklist, so a burst makes one request. */
const REFRESH_DELAY_MS = 300;

let client: LanguageClient | undefined;
let serverProcess: ChildProcess | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const activatedAt = Date.now();
  // The server starts before anything else, vscode-languageclient included, is loaded: its start-up
  // is most of the time to the first diagnostics.
  const serverModule = context.asAbsolutePath('server/out/server.js');
  const output = vscode.window.createOutputChannel('Readiness', { log: true });
  context.subscriptions.push(output);
  const startServer = (): ChildProcess => (serverProcess = forkServer(serverModule, join(context.globalStorageUri.fsPath, 'code-cache'), (text) => output.append(text)));
  let started: ChildProcess | undefined = startServer();
  output.info(`activated at ${new Date(activatedAt).toISOString()}, the server forked ${Date.now() - activatedAt} ms later`);
  const { LanguageClient, IPCMessageReader, IPCMessageWriter } = await import('vscode-languageclient/node');
  const provider = new ChecklistProvider();
  const statusBar = new ReadinessStatusBar();
  context.subscriptions.push(statusBar);
  const view = vscode.window.createTreeView<Node>('readiness.checklist', { treeDataProvider: provider, showCollapseAll: true, manageCheckboxStateManually: true });
  context.subscriptions.push(view);

  // The process forked above serves the first start; a restart after a crash forks a new one.
  const serverOptions: ServerOptions = async () => {
    const child = started ?? startServer();
    started = undefined;
    return { reader: new IPCMessageReader(child), writer: new IPCMessageWriter(child) };
  };
  let refreshChecklist: () => Promise<void> = async () => undefined;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      { scheme: 'file', pattern: '**/.env*' },
    ],
    outputChannel: output,
    synchronize: { configurationSection: 'readiness' },
    // The settings go with `initialize`, so the server's first analyses need no round trip for them.
    initializationOptions: () => ({
      settings: Object.fromEntries((vscode.workspace.workspaceFolders ?? []).map((folder) => [folder.uri.toString(), vscode.workspace.getConfiguration(undefined, folder.uri).get('readiness')])),
    }),
    middleware: {
      // The server's scan command finishes with the scan; the checklist then has new evidence.
      executeCommand: async (command, args, next) => {
        const result: unknown = await next(command, args);
        if (command === 'readiness.scanWorkspace') await refreshChecklist();
        return result;
      },
    },
  };
  const languageClient = new LanguageClient('readiness', 'Readiness', serverOptions, clientOptions);
  client = languageClient;

  let requested = 0;
  refreshChecklist = async (): Promise<void> => {
    if (!languageClient.isRunning()) return;
    const generation = ++requested;
    try {
      const result = await languageClient.sendRequest<ChecklistResult>(CHECKLIST_REQUEST, {} satisfies ChecklistParams);
      // An older answer arriving after a newer request must not overwrite it.
      if (generation !== requested) return;
      provider.update(result);
      statusBar.setChecklist(result);
      const empty = result.folders.every((folder) => folder.checklist.items.length === 0 && folder.checklist.markdown.length === 0);
      void vscode.commands.executeCommand('setContext', 'readiness.checklistEmpty', empty);
    } catch (error) {
      output.warn(`checklist request failed: ${describe(error)}`);
      if (generation === requested) void vscode.commands.executeCommand('setContext', 'readiness.checklistEmpty', true);
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const refreshSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void refreshChecklist(), REFRESH_DELAY_MS);
  };
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });

  const folderUriFor = async (): Promise<string | undefined> => {
    const folders = provider.current?.folders ?? vscode.workspace.workspaceFolders?.map((folder) => ({ uri: folder.uri.toString(), name: folder.name })) ?? [];
    if (folders.length <= 1) return folders[0]?.uri;
    const picked = await vscode.window.showQuickPick(
      folders.map((folder) => ({ label: folder.name, description: folder.uri, uri: folder.uri })),
      { placeHolder: 'Workspace folder' },
    );
    return picked?.uri;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('readiness.refreshChecklist', () => refreshChecklist()),
    vscode.commands.registerCommand('readiness.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('readiness.exportReport', async () => {
      const folderUri = await folderUriFor();
      if (!folderUri) return;
      const { markdown } = await languageClient.sendRequest<ReportResult>(REPORT_REQUEST, { folderUri } satisfies ReportParams);
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(document, { preview: false });
    }),
    vscode.commands.registerCommand('readiness.openRuleDocumentation', async (target?: unknown) => {
      const href = await ruleDocumentation(target);
      if (href) await vscode.env.openExternal(vscode.Uri.parse(href));
    }),
    vscode.commands.registerCommand(OPEN_EVIDENCE_COMMAND, (args: OpenEvidenceArgs) => openEvidence(args)),
    vscode.commands.registerCommand('readiness.openMarkdownChecklist', async (node?: Node) => {
      if (node?.kind === 'markdownFile') await vscode.window.showTextDocument(evidenceUri(node.folder.uri, node.path));
    }),
    view.onDidChangeCheckboxState(async (event) => {
      for (const [node, state] of event.items) {
        const checked = state === vscode.TreeItemCheckboxState.Checked;
        let params: SetChecklistItemParams | undefined;
        // The text lets the server refuse a tick when the file changed under the tree.
        if (node.kind === 'markdownItem') params = { folderUri: node.folder.uri, kind: 'markdown', path: node.item.path, line: node.item.line, checked, text: node.item.text };
        else if (node.kind === 'item' && node.item.status === 'manual') params = { folderUri: node.folder.uri, kind: 'manual', id: node.item.id, checked };
        if (!params) continue;
        try {
          const result = await languageClient.sendRequest<SetChecklistItemResult>(SET_CHECKLIST_ITEM_REQUEST, params);
          if (!result.ok) void vscode.window.showWarningMessage(`Readiness: ${result.message ?? 'the checklist item could not be changed'}`);
        } catch (error) {
          void vscode.window.showErrorMessage(`Readiness: ${describe(error)}`);
        }
      }
      // Whatever the server now holds, written or refused, is what the tree shows.
      await refreshChecklist();
    }),
  );

  // A hand edit of a Markdown checklist or the configuration changes the checklist; so does a scan.
  const watcher = vscode.workspace.createFileSystemWatcher('**/{*.md,*.MD,.readiness.json}');
  context.subscriptions.push(watcher, watcher.onDidChange(refreshSoon), watcher.onDidCreate(refreshSoon), watcher.onDidDelete(refreshSoon));
  context.subscriptions.push(vscode.workspace.onDidChangeWorkspaceFolders(refreshSoon));

  void vscode.commands.executeCommand('setContext', 'readiness.checklistEmpty', false);
  await languageClient.start();
  context.subscriptions.push(
    languageClient.onNotification(CHECKLIST_CHANGED_NOTIFICATION, (_params: ChecklistChangedParams) => refreshSoon()),
    languageClient.onDidChangeState(() => refreshSoon()),
  );
  await refreshChecklist();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
  // The server exits on the client's `exit`; one that did not answer is not left behind.
  if (serverProcess && serverProcess.exitCode === null) serverProcess.kill();
  serverProcess = undefined;
}

/** The documentation link of a rule, as the server attached it to its diagnostics. */
async function ruleDocumentation(target: unknown): Promise<string | undefined> {
  const links = new Map<string, string>();
  for (const [, diagnostics] of readinessDiagnostics()) {
    for (const diagnostic of diagnostics) {
      const code = diagnostic.code;
      if (typeof code === 'object' && code.target) links.set(String(code.value), code.target.toString());
    }
  }
  if (typeof target === 'string') {
    if (/^https?:/.test(target)) return target;
    const known = links.get(target);
    if (known) return known;
  }
  if (links.size === 0) {
    void vscode.window.showInformationMessage('Readiness: no findings in the workspace, so no rule to show; the rules are documented in docs/rules/ of the Readiness repository.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    [...links].sort(([a], [b]) => a.localeCompare(b)).map(([rule, href]) => ({ label: rule, detail: href, href })),
    { placeHolder: 'Open the documentation of a rule' },
  );
  return picked?.href;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
