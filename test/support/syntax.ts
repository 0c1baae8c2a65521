import type { Tree } from 'web-tree-sitter';
import type { Engine } from '../../server/src/engine/engine';
import { languageForPath } from '../../server/src/languages';

/** ERROR and MISSING nodes in a tree, counted without recursion (trees can be deep). */
export function countSyntaxErrors(tree: Tree): number {
  let count = 0;
  const cursor = tree.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing) count++;
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return count;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Syntax errors of a text parsed as the file at `relativePath`; 0 for formats without a grammar. */
export function syntaxErrorsOf(engine: Engine, relativePath: string, text: string): number {
  const language = languageForPath(relativePath);
  if (!language?.grammar) return 0;
  const tree = engine.parse(language.id, text);
  if (!tree) throw new Error(`${relativePath}: parse abandoned`);
  try {
    return countSyntaxErrors(tree);
  } finally {
    tree.delete();
  }
}
