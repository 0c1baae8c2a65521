import * as vscode from 'vscode';
import type { Evidence, ChecklistItem, ChecklistResult, ChecklistStatus, MarkdownItem } from '../../server/src/lsp/checklist-protocol';

/**
 * The checklist tree: (folder →) category → item → evidence, then the team's Markdown checklists
 * as their own section (file → items, nested as in the file). It renders what the server sent;
 * whether an item passes is never decided here.
 */

type Folder = ChecklistResult['folders'][number];

export type Node =
  | { kind: 'folder'; folder: Folder }
  | { kind: 'category'; folder: Folder; name: string; items: ChecklistItem[] }
  | { kind: 'item'; folder: Folder; item: ChecklistItem }
  | { kind: 'evidence'; folder: Folder; item: ChecklistItem; evidence: Evidence; index: number }
  | { kind: 'markdownSection'; folder: Folder }
  | { kind: 'markdownFile'; folder: Folder; path: string; items: MarkdownItem[] }
  | { kind: 'markdownItem'; folder: Folder; item: MarkdownItem; children: MarkdownItem[] };

const STATUS_ICON: Record<ChecklistStatus, vscode.ThemeIcon> = {
  pass: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  fail: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  manual: new vscode.ThemeIcon('person'),
  'n/a': new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};

const STATUS_TEXT: Record<ChecklistStatus, string> = { pass: 'pass', fail: 'fail', manual: 'manual', 'n/a': 'not applicable' };

/** The command a click runs: open one piece of evidence. */
export const OPEN_EVIDENCE_COMMAND = 'readiness.openEvidence';

export interface OpenEvidenceArgs {
  folderUri: string;
  path: string;
  line?: number;
  /** What the evidence says, shown when there is no file to open. */
  note?: string;
}

export function evidenceUri(folderUri: string, path: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.Uri.parse(folderUri), ...path.split('/'));
}

/**
 * Opens a piece of evidence: a file at its line, a directory in the Explorer. Evidence about the
 * whole folder (`.`) or about a file that does not exist ("no .gitignore") has nothing to open, so
 * its note is shown instead of VS Code's "cannot open … is a directory" error.
 */
export async function openEvidence(args: OpenEvidenceArgs): Promise<void> {
  const uri = evidenceUri(args.folderUri, args.path);
  const type = args.path === '.' ? undefined : await vscode.workspace.fs.stat(uri).then((stat) => stat.type, () => undefined);
  if (type !== undefined && type & vscode.FileType.File) {
    const position = new vscode.Position(Math.max(0, (args.line ?? 1) - 1), 0);
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: true });
  } else if (type !== undefined && type & vscode.FileType.Directory) {
    await vscode.commands.executeCommand('revealInExplorer', uri);
  } else {
    void vscode.window.showInformationMessage(`Readiness: ${args.note ?? `${args.path} is not in the workspace`}`);
  }
}

/** Counts for a status line: "12/20 passed" over the items a tool can judge. */
export function score(result: ChecklistResult | undefined): { passed: number; judged: number; failed: number; manualOpen: number } {
  let passed = 0;
  let failed = 0;
  let manualOpen = 0;
  for (const folder of result?.folders ?? []) {
    for (const item of folder.checklist.items) {
      if (item.status === 'pass') passed++;
      else if (item.status === 'fail') failed++;
      else if (item.status === 'manual' && !item.checked) manualOpen++;
    }
  }
  return { passed, judged: passed + failed, failed, manualOpen };
}

export class ChecklistProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: ChecklistResult | undefined;

  get current(): ChecklistResult | undefined {
    return this.result;
  }

  update(result: ChecklistResult | undefined): void {
    this.result = result;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const folders = (this.result?.folders ?? []).filter((folder) => folder.checklist.items.length > 0 || folder.checklist.markdown.length > 0);
      if (folders.length === 1) return this.folderChildren(folders[0]!);
      return folders.map((folder) => ({ kind: 'folder', folder }));
    }
    switch (node.kind) {
      case 'folder':
        return this.folderChildren(node.folder);
      case 'category':
        return node.items.map((item) => ({ kind: 'item', folder: node.folder, item }));
      case 'item':
        return node.item.evidence.length > 1 ? node.item.evidence.map((evidence, index) => ({ kind: 'evidence', folder: node.folder, item: node.item, evidence, index })) : [];
      case 'markdownSection':
        return [...groupBy(node.folder.checklist.markdown, (item) => item.path)].map(([path, items]) => ({ kind: 'markdownFile', folder: node.folder, path, items }));
      case 'markdownFile':
        return nest(node.items).map(({ item, children }) => ({ kind: 'markdownItem', folder: node.folder, item, children }));
      case 'markdownItem':
        return nest(node.children).map(({ item, children }) => ({ kind: 'markdownItem', folder: node.folder, item, children }));
      case 'evidence':
        return [];
    }
  }

  private folderChildren(folder: Folder): Node[] {
    const categories: Node[] = [...groupBy(folder.checklist.items, (item) => item.category)].map(([name, items]) => ({ kind: 'category', folder, name, items }));
    if (folder.checklist.markdown.length > 0) categories.push({ kind: 'markdownSection', folder });
    return categories;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'folder': {
        const item = new vscode.TreeItem(node.folder.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `folder:${node.folder.uri}`;
        item.iconPath = vscode.ThemeIcon.Folder;
        return item;
      }
      case 'category':
        return categoryItem(node);
      case 'item':
        return checklistItem(node.folder, node.item);
      case 'evidence': {
        const item = new vscode.TreeItem(evidenceLabel(node.evidence), vscode.TreeItemCollapsibleState.None);
        item.id = `evidence:${node.folder.uri}:${node.item.id}:${node.index}`;
        item.description = node.evidence.note;
        item.tooltip = `${evidenceLabel(node.evidence)}\n${node.evidence.note}`;
        item.iconPath = new vscode.ThemeIcon('go-to-file');
        item.contextValue = 'evidence';
        item.command = openCommand(node.folder.uri, node.evidence);
        return item;
      }
      case 'markdownSection': {
        const item = new vscode.TreeItem('Team checklists', vscode.TreeItemCollapsibleState.Expanded);
        item.id = `markdown:${node.folder.uri}`;
        const done = node.folder.checklist.markdown.filter((entry) => entry.checked).length;
        item.description = `${done}/${node.folder.checklist.markdown.length} done`;
        item.iconPath = new vscode.ThemeIcon('checklist');
        item.tooltip = 'Markdown checklists of this workspace; ticking an item writes the file.';
        item.accessibilityInformation = { label: `Team checklists, ${item.description}` };
        return item;
      }
      case 'markdownFile': {
        const item = new vscode.TreeItem(node.path, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `markdown:${node.folder.uri}:${node.path}`;
        item.resourceUri = evidenceUri(node.folder.uri, node.path);
        item.iconPath = vscode.ThemeIcon.File;
        const done = node.items.filter((entry) => entry.checked).length;
        item.description = `${done}/${node.items.length} done`;
        item.contextValue = 'markdownFile';
        return item;
      }
      case 'markdownItem':
        return markdownItem(node.folder, node.item, node.children.length > 0);
    }
  }
}

function categoryItem(node: Extract<Node, { kind: 'category' }>): vscode.TreeItem {
  const count = (status: ChecklistStatus): number => node.items.filter((item) => item.status === status).length;
  const failed = count('fail');
  const passed = count('pass');
  // Collapsed: the counts in the description say where to look, and the team's checklists stay in view.
  const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `category:${node.folder.uri}:${node.name}`;
  const parts = passed + failed > 0 ? [`${passed}/${passed + failed} passed`] : [];
  if (count('manual') > 0) parts.push(`${count('manual')} manual`);
  if (count('n/a') > 0) parts.push(`${count('n/a')} n/a`);
  item.description = parts.join(' · ');
  item.iconPath = failed > 0 ? STATUS_ICON.fail : passed > 0 ? STATUS_ICON.pass : new vscode.ThemeIcon('circle-large-outline');
  item.tooltip = `${node.name}: ${failed} failing, ${passed} passing, ${count('manual')} manual, ${count('n/a')} not applicable`;
  item.accessibilityInformation = { label: item.tooltip };
  item.contextValue = 'category';
  return item;
}

function checklistItem(folder: Folder, entry: ChecklistItem): vscode.TreeItem {
  const item = new vscode.TreeItem(entry.title, entry.evidence.length > 1 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `item:${folder.uri}:${entry.id}`;
  item.iconPath = STATUS_ICON[entry.status];
  const located = entry.evidence.filter((evidence) => evidence.path).length;
  item.description = entry.status === 'manual' ? (entry.checked ? 'manual · done' : 'manual') : located > 1 ? `${STATUS_TEXT[entry.status]} · ${located}` : STATUS_TEXT[entry.status];
  const tooltip = new vscode.MarkdownString(`**${escapeMarkdown(entry.title)}** — ${STATUS_TEXT[entry.status]} \`${entry.id}\`\n\n`);
  for (const evidence of entry.evidence.slice(0, 20)) tooltip.appendMarkdown(`- ${evidence.path ? `\`${escapeMarkdown(evidenceLabel(evidence))}\` ` : ''}${escapeMarkdown(evidence.note)}\n`);
  if (entry.evidence.length > 20) tooltip.appendMarkdown(`- … ${entry.evidence.length - 20} more\n`);
  item.tooltip = tooltip;
  item.contextValue = `item-${entry.status === 'n/a' ? 'na' : entry.status}`;
  if (entry.status === 'manual') item.checkboxState = entry.checked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
  const first = entry.evidence.find((evidence) => evidence.path);
  if (first) item.command = openCommand(folder.uri, first);
  return item;
}

function markdownItem(folder: Folder, entry: MarkdownItem, hasChildren: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(entry.text, hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  item.id = `markdown:${folder.uri}:${entry.path}:${entry.line}`;
  item.checkboxState = entry.checked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
  item.description = entry.state === '~' ? 'in progress' : undefined;
  item.tooltip = `${entry.path}:${entry.line}  [${entry.state ?? (entry.checked ? 'x' : ' ')}] ${entry.text}`;
  item.accessibilityInformation = { label: `${entry.text}, ${entry.checked ? 'done' : entry.state === '~' ? 'in progress' : 'open'}` };
  item.contextValue = 'markdownItem';
  item.command = openCommand(folder.uri, { path: entry.path, line: entry.line, note: entry.text });
  return item;
}

function openCommand(folderUri: string, evidence: Evidence): vscode.Command {
  const args: OpenEvidenceArgs = { folderUri, path: evidence.path, note: evidence.note, ...(evidence.line !== undefined ? { line: evidence.line } : {}) };
  return { command: OPEN_EVIDENCE_COMMAND, title: 'Open evidence', arguments: [args] };
}

function evidenceLabel(evidence: Evidence): string {
  return evidence.line !== undefined ? `${evidence.path}:${evidence.line}` : evidence.path;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}

function groupBy<T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const name = key(value);
    const group = groups.get(name);
    if (group) group.push(value);
    else groups.set(name, [value]);
  }
  return groups;
}

/** Items at the shallowest depth, each with the deeper items that follow it. */
function nest(items: readonly MarkdownItem[]): Array<{ item: MarkdownItem; children: MarkdownItem[] }> {
  if (items.length === 0) return [];
  const top = Math.min(...items.map((item) => item.depth ?? 0));
  const result: Array<{ item: MarkdownItem; children: MarkdownItem[] }> = [];
  for (const item of items) {
    if ((item.depth ?? 0) <= top || result.length === 0) result.push({ item, children: [] });
    else result[result.length - 1]!.children.push(item);
  }
  return result;
}
