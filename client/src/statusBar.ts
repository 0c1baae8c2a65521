import * as vscode from 'vscode';
import type { ChecklistResult } from '../../server/src/lsp/checklist-protocol';
import { score } from './checklistView';

/** Diagnostics this extension's server published carry this source. */
export const DIAGNOSTIC_SOURCE = 'readiness';

export function readinessDiagnostics(): Array<[vscode.Uri, vscode.Diagnostic[]]> {
  return vscode.languages
    .getDiagnostics()
    .map(([uri, diagnostics]): [vscode.Uri, vscode.Diagnostic[]] => [uri, diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE)])
    .filter(([, diagnostics]) => diagnostics.length > 0);
}

/** The finding count and the checklist score; a click opens the Readiness sidebar. */
export class ReadinessStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('readiness.status', vscode.StatusBarAlignment.Left, 10);
  private checklist: ChecklistResult | undefined;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.item.name = 'Readiness';
    this.item.command = 'workbench.view.extension.readiness';
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => this.render());
    this.render();
    this.item.show();
  }

  setChecklist(checklist: ChecklistResult | undefined): void {
    this.checklist = checklist;
    this.render();
  }

  private render(): void {
    let errors = 0;
    let others = 0;
    for (const [, diagnostics] of readinessDiagnostics()) {
      for (const diagnostic of diagnostics) {
        if (diagnostic.severity === vscode.DiagnosticSeverity.Error) errors++;
        else others++;
      }
    }
    const { passed, judged, failed, manualOpen } = score(this.checklist);
    const findings = errors + others;
    const parts = [`$(shield) ${findings}`];
    if (judged > 0) parts.push(`$(checklist) ${passed}/${judged}`);
    this.item.text = parts.join('  ');
    const label = `Readiness: ${findings} finding${findings === 1 ? '' : 's'}${judged > 0 ? `, checklist ${passed} of ${judged} passing` : ''}`;
    this.item.accessibilityInformation = { label };
    const tooltip = new vscode.MarkdownString(`**Readiness**\n\n- ${findings} finding${findings === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'})\n`);
    if (judged > 0) tooltip.appendMarkdown(`- checklist: ${passed} of ${judged} passing, ${failed} failing, ${manualOpen} manual item${manualOpen === 1 ? '' : 's'} open\n`);
    tooltip.appendMarkdown('\nClick to open the Readiness sidebar.');
    this.item.tooltip = tooltip;
    this.item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
