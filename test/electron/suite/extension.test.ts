import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

/** Waits for an editor-side condition, re-checking on every diagnostics change. */
async function diagnosticsOf(uri: vscode.Uri, ms = 30_000): Promise<vscode.Diagnostic[]> {
  const found = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'readiness');
  if (found().length > 0) return found();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no readiness diagnostics for ${uri.toString()} within ${ms} ms`));
    }, ms);
    const subscription = vscode.languages.onDidChangeDiagnostics(() => {
      if (found().length === 0) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(found());
    });
  });
}

describe('Readiness extension in VS Code (electron)', () => {
  const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;

  before(async () => {
    const extension = vscode.extensions.getExtension('readiness.readiness');
    assert.ok(extension, 'the extension is installed');
    await extension.activate();
  });

  it('publishes diagnostics with the rule id and its documentation link', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'jobs-py', 'jobs', 'sync.py');
    await vscode.window.showTextDocument(uri);
    const diagnostics = await diagnosticsOf(uri);
    const timeout = diagnostics.find((diagnostic) => typeof diagnostic.code === 'object' && diagnostic.code.value === 'missing-timeout');
    assert.ok(timeout, 'a missing-timeout diagnostic');
    assert.match(String(typeof timeout.code === 'object' ? timeout.code.target : ''), /docs\/rules\/missing-timeout\.md$/);
  });

  it('offers the preferred quick fix, which removes the diagnostic', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'jobs-py', 'jobs', 'sync.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const diagnostic = (await diagnosticsOf(uri)).find((candidate) => typeof candidate.code === 'object' && candidate.code.value === 'missing-timeout')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const preferred = actions.find((action) => action.isPreferred);
    assert.ok(preferred?.edit, 'a preferred quick fix with an edit');
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    assert.match(document.getText(), /timeout=10/);
  });

  it('contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['readiness.scanWorkspace', 'readiness.refreshChecklist', 'readiness.exportReport', 'readiness.openRuleDocumentation', 'readiness.showOutput']) {
      assert.ok(commands.includes(command), command);
    }
  });
});
