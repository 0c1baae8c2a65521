import { Edit, type Tree } from 'web-tree-sitter';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { SourceDocument } from '../engine/document';
import type { OffsetRange } from '../engine/engine';
import type { Finding } from '../engine/finding';

/** An editor buffer: its text, version, last parse tree (edited in step with the text) and findings. */
export class OpenDocument {
  /** The tree of the previous analysis, already edited for every change since. Owned here. */
  tree: Tree | undefined;
  /** Findings of the last analysis and the version they describe, for code actions. */
  findings: Finding[] = [];
  analyzedVersion = -1;
  /**
   * Text edited since `findings` were computed, in current offsets; `undefined` when everything must
   * be analysed again (first analysis, a full-text change, a fix that spans an edit, new settings).
   * `findings` outside these ranges are kept in step with the text, so an analysis of the functions
   * around the edits completes them.
   */
  dirty: OffsetRange[] | undefined;
  /** The findings come from analysing only the functions around edits, not yet the whole file. */
  partial = false;

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
        this.invalidate();
        continue;
      }
      const document = new SourceDocument(this.uri, this.text);
      const startIndex = document.offsetAt(change.range.start);
      const oldEndIndex = Math.max(startIndex, document.offsetAt(change.range.end));
      const startPosition = document.positionAt(startIndex);
      const oldEndPosition = document.positionAt(oldEndIndex);
      const removed = this.text.slice(startIndex, oldEndIndex);
      this.text = this.text.slice(0, startIndex) + change.text + this.text.slice(oldEndIndex);
      this.trackEdit(startIndex, oldEndIndex, change.text.length);
      // Suppression comments act on other lines than their own: editing one needs the whole file.
      if (removed.includes('readiness') || lineAround(this.text, startIndex, startIndex + change.text.length).includes('readiness-ignore')) this.invalidate();
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

  /** Forgets what is known to be unchanged: the next analysis covers the whole file. */
  invalidate(): void {
    this.dirty = undefined;
  }

  /** Records the results of an analysis of the current text. */
  analyzed(findings: Finding[], version: number, partial: boolean): void {
    this.findings = findings;
    this.analyzedVersion = version;
    this.dirty = [];
    this.partial = partial;
  }

  /** Moves findings and dirty ranges past an edit of [start, oldEnd) into `insertedLength` characters. */
  private trackEdit(start: number, oldEnd: number, insertedLength: number): void {
    if (!this.dirty) return;
    const delta = insertedLength - (oldEnd - start);
    const shift = (offset: number): number => (offset >= oldEnd ? offset + delta : offset);
    const kept: Finding[] = [];
    for (const finding of this.findings) {
      // Findings the edit touches are recomputed with the function around the edit.
      if (finding.start < oldEnd && finding.end > start) continue;
      if (finding.start >= start && finding.start < oldEnd) continue;
      const edits = finding.fixes.flatMap((fix) => fix.edits);
      if (edits.some((edit) => edit.start < oldEnd && edit.end > start && !(edit.start === edit.end && (edit.start === start || edit.start === oldEnd)))) {
        // A fix that spans the edit cannot be moved; only a whole analysis can redo it.
        this.invalidate();
        return;
      }
      finding.start = shift(finding.start);
      finding.end = finding.end > start ? shift(finding.end) : finding.end;
      for (const edit of edits) {
        edit.start = shift(edit.start);
        edit.end = shift(edit.end);
      }
      kept.push(finding);
    }
    this.findings = kept;
    this.dirty = this.dirty.map((range) => ({ start: shift(range.start), end: Math.max(shift(range.start), shift(range.end)) }));
    this.dirty.push({ start, end: start + insertedLength });
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

/** The text of the lines that [start, end) touches. */
function lineAround(text: string, start: number, end: number): string {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const to = newline === -1 ? text.length : newline;
  return to - from > 100_000 ? '' : text.slice(from, to);
}
