import type { Node } from 'web-tree-sitter';
import type { QueryTools } from './types';

/** Attributes that may mark test code; the predicate keeps `#[derive]`, `#[inline]` and docs out cheaply. */
const ATTRIBUTE_QUERY = `(attribute_item
  (attribute . [(identifier) (scoped_identifier)] @path) @attribute
  (#match? @path "^(cfg|test|bench|rstest|quickcheck|proptest|test_case)$|::(test|bench|rstest|quickcheck|proptest|test_case)$")) @item`;

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
export function rangesAfterAttributes(root: Node, tools: QueryTools): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  for (const match of tools.query(ATTRIBUTE_QUERY).matches(root)) {
    const attribute = match.captures.find((capture) => capture.name === 'attribute')?.node;
    const attributeItem = match.captures.find((capture) => capture.name === 'item')?.node;
    if (!attribute || !attributeItem || !isTestAttribute(attribute)) continue;
    const item = attributedItem(attributeItem);
    if (item) ranges.push([item.startIndex, item.endIndex]);
  }
  return ranges;
}
