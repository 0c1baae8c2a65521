import type { Node } from 'web-tree-sitter';
import type { Fix, TextEdit } from './finding';

export function replaceNode(node: Node, newText: string): TextEdit {
  return { start: node.startIndex, end: node.endIndex, newText };
}

export function replaceRange(start: number, end: number, newText: string): TextEdit {
  return { start, end, newText };
}

export function insertAt(offset: number, newText: string): TextEdit {
  return { start: offset, end: offset, newText };
}

export function fix(title: string, edits: TextEdit[], isPreferred = true): Fix {
  return { title, edits, isPreferred, kind: 'fix' };
}

/** Applies non-overlapping edits; overlapping ones after the first are dropped, as editors do. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) continue;
    result += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/**
 * Chooses one preferred fix per finding so that no two chosen fixes overlap, in document order —
 * the set `--fix` applies in one pass. Returns the edits and how many fixes they come from.
 */
export function nonOverlappingPreferredEdits(fixes: ReadonlyArray<Fix | undefined>): { edits: TextEdit[]; applied: number } {
  const candidates = fixes
    .filter((candidate): candidate is Fix => candidate !== undefined && candidate.edits.length > 0)
    .map((candidate) => ({ candidate, start: Math.min(...candidate.edits.map((e) => e.start)), end: Math.max(...candidate.edits.map((e) => e.end)) }))
    .sort((a, b) => a.start - b.start);
  const edits: TextEdit[] = [];
  let applied = 0;
  let cursor = -1;
  for (const { candidate, start, end } of candidates) {
    // Two insertions at the same point would be ambiguous; one waits for the next pass.
    if (start < cursor || (start === cursor && start === end)) continue;
    edits.push(...candidate.edits);
    applied++;
    cursor = end;
  }
  return { edits, applied };
}
