import { Edit, type Tree } from 'web-tree-sitter';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { SourceDocument } from '../engine/document';
import type { Finding } from '../engine/finding';

/** An editor buffer: its text, version, last parse tree (edited in step with the text) and findings. */
export class OpenDocument {
  /** The tree of the previous analysis, already edited for every change since. Owned here. */
  tree: Tree | undefined;
  /** Findings of the last analysis and the version they describe, for code actions. */
  findings: Finding[] = [];
  analyzedVersion = -1;

  constructor(
    readonly uri: string,
    public text: string,
    public version: number,
  ) {}

  /**
   * Applies LSP content changes in order, keeping the tree in step with `tree.edit` so the next
   * parse is incremental. A full-text change drops the tree.
   */
  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (!('range' in change)) {
        this.text = change.text;
        this.dropTree();
        continue;
      }
      const document = new SourceDocument(this.uri, this.text);
      const startIndex = document.offsetAt(change.range.start);
      const oldEndIndex = Math.max(startIndex, document.offsetAt(change.range.end));
      const startPosition = document.positionAt(startIndex);
      const oldEndPosition = document.positionAt(oldEndIndex);
      this.text = this.text.slice(0, startIndex) + change.text + this.text.slice(oldEndIndex);
      const insertedLines = change.text.split('\n');
      const newEndPosition =
        insertedLines.length === 1
          ? { line: startPosition.line, character: startPosition.character + change.text.length }
          : { line: startPosition.line + insertedLines.length - 1, character: insertedLines[insertedLines.length - 1]!.length };
      this.tree?.edit(
        new Edit({
          startIndex,
          oldEndIndex,
          newEndIndex: startIndex + change.text.length,
          startPosition: { row: startPosition.line, column: startPosition.character },
          oldEndPosition: { row: oldEndPosition.line, column: oldEndPosition.character },
          newEndPosition: { row: newEndPosition.line, column: newEndPosition.character },
        }),
      );
    }
    this.version = version;
  }

  /** Takes ownership of a new tree, freeing the previous one. */
  replaceTree(tree: Tree | undefined): void {
    if (this.tree && this.tree !== tree) this.tree.delete();
    this.tree = tree;
  }

  dropTree(): void {
    this.replaceTree(undefined);
  }
}
