import type { Node } from 'web-tree-sitter';

/**
 * Where an attribute that may mark test code starts: `#[cfg(…)]` or a path ending in a test
 * harness name. Found in the text, so the many `#[derive]`, `#[inline]` and doc attributes of a
 * crate cost nothing; each hit is then checked on the tree.
 */
const TEST_ATTRIBUTE_TEXT = /#\s*\[\s*(?:cfg\s*\(|(?:r#)?(?:\w+\s*::\s*)*(?:test|bench|rstest|quickcheck|proptest|test_case)\b)/g;

const TEST_ATTRIBUTES = new Set(['test', 'bench', 'rstest', 'quickcheck', 'proptest', 'test_case']);

/** Whether `#[…]` marks test code: `cfg(test)` (also inside `all(…)`, not under `not(…)`) or a test harness attribute. */
function isTestAttribute(attribute: Node): boolean {
  const path = attribute.namedChildren[0];
  if (!path) return false;
  if (path.type === 'identifier' && path.text === 'cfg') {
    const args = attribute.childForFieldName('arguments');
    return args !== null && /\btest\b/.test(args.text) && !/\bnot\s*\(\s*test\b/.test(args.text);
  }
  const name = path.type === 'scoped_identifier' ? path.childForFieldName('name')?.text : path.text;
  return name !== undefined && TEST_ATTRIBUTES.has(name);
}

/** The item an attribute applies to: the next sibling that is neither an attribute nor a comment. */
function attributedItem(attributeItem: Node): Node | null {
  let next = attributeItem.nextNamedSibling;
  while (next && (next.type === 'attribute_item' || next.type === 'line_comment' || next.type === 'block_comment')) {
    next = next.nextNamedSibling;
  }
  return next;
}

/** Offset ranges of modules and functions marked as test code. */
export function rangesAfterAttributes(root: Node): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  const text = root.text;
  let row = 0;
  let lineStart = 0;
  for (const hit of text.matchAll(TEST_ATTRIBUTE_TEXT)) {
    for (let newline = text.indexOf('\n', lineStart); newline !== -1 && newline < hit.index; newline = text.indexOf('\n', lineStart)) {
      row++;
      lineStart = newline + 1;
    }
    let node: Node | null = root.descendantForPosition({ row, column: hit.index - lineStart });
    while (node && node.type !== 'attribute_item' && node.type !== 'source_file') node = node.parent;
    if (node?.type !== 'attribute_item' || node.startIndex !== hit.index) continue;
    const attribute = node.namedChildren.find((child) => child?.type === 'attribute');
    if (!attribute || !isTestAttribute(attribute)) continue;
    const item = attributedItem(node);
    if (item) ranges.push([item.startIndex, item.endIndex]);
  }
  return ranges;
}
