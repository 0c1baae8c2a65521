import type { Node } from 'web-tree-sitter';
import type { ConfigEntry, LanguageDefinition } from './types';
import { assignmentEntry, entryFromNodes, nameValueEntry, unescapeBackslashes } from './config-values';
import { configTestPath } from './config-paths';

type Scalar = Pick<ConfigEntry, 'value' | 'valueKind' | 'quote'> & { node: Node };

const MAPPINGS = new Set(['block_mapping', 'flow_mapping']);
const SEQUENCES = new Set(['block_sequence', 'flow_sequence']);
/** Keys whose list items are `KEY=value` strings (docker-compose `environment:` and build `args:`). */
const ASSIGNMENT_LISTS = new Set(['environment', 'args', 'build_args', 'build-args']);

/** The content node inside a `flow_node`/`block_node`, past any anchor or tag. */
function content(node: Node | null): Node | null {
  if (!node) return null;
  if (node.type !== 'flow_node' && node.type !== 'block_node') return node;
  const children = node.namedChildren.filter((child) => child.type !== 'anchor' && child.type !== 'tag');
  return children[0] ?? null;
}

function scalar(node: Node | null): Scalar | undefined {
  const inner = content(node);
  if (!inner) return undefined;
  switch (inner.type) {
    case 'plain_scalar': {
      const typed = inner.namedChildren[0];
      const kind = typed?.type;
      const valueKind = kind === 'integer_scalar' || kind === 'float_scalar' ? 'number' : kind === 'boolean_scalar' ? 'boolean' : kind === 'null_scalar' ? 'null' : 'string';
      return { node: inner, value: inner.text, valueKind, quote: '' };
    }
    case 'double_quote_scalar':
      return { node: inner, value: unescapeBackslashes(inner.text.slice(1, -1)), valueKind: 'string', quote: '"' };
    case 'single_quote_scalar':
      return { node: inner, value: inner.text.slice(1, -1).replace(/''/g, "'"), valueKind: 'string', quote: "'" };
    case 'block_scalar':
      return { node: inner, value: blockScalarValue(inner.text), valueKind: 'string', quote: '' };
    default:
      return undefined;
  }
}

/** `|` and `>` scalars: the indented lines after the indicator, dedented. */
function blockScalarValue(text: string): string {
  const lines = text.split(/\r?\n/).slice(1);
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.length - line.trimStart().length));
  return lines.map((line) => line.slice(Number.isFinite(indent) ? indent : 0)).join('\n').replace(/\n+$/, '');
}

function keyText(keyNode: Node | null): string | undefined {
  const key = scalar(keyNode);
  return key?.value;
}

function yamlEntries(root: Node): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  const stack: Array<{ node: Node; path: readonly string[] }> = [{ node: root, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    const inner = content(node);
    if (!inner) continue;
    if (MAPPINGS.has(inner.type)) {
      const siblings: ConfigEntry[] = [];
      for (const pair of inner.namedChildren) {
        if (pair.type !== 'block_mapping_pair' && pair.type !== 'flow_pair') continue;
        const keyNode = pair.childForFieldName('key');
        const valueNode = pair.childForFieldName('value');
        const key = keyText(keyNode);
        if (key === undefined || !keyNode) continue;
        const pairPath = [...path, key];
        const value = scalar(valueNode);
        const keyContent = content(keyNode) ?? keyNode;
        if (value) {
          siblings.push(entryFromNodes(pairPath, keyContent, value.node, value.value, value.valueKind, value.quote));
        } else if (!valueNode) {
          siblings.push(entryFromNodes(pairPath, keyContent, null, undefined, 'null', ''));
        } else {
          stack.push({ node: valueNode, path: pairPath });
        }
      }
      entries.push(...siblings);
      const named = nameValueEntry(path, siblings);
      if (named) entries.push(named);
    } else if (SEQUENCES.has(inner.type)) {
      const listKey = path[path.length - 1] ?? '';
      for (const item of inner.namedChildren) {
        const itemNode = item.type === 'block_sequence_item' ? item.namedChildren[0] ?? null : item;
        const value = ASSIGNMENT_LISTS.has(listKey) ? scalar(itemNode) : undefined;
        if (value?.valueKind === 'string' && value.value !== undefined) {
          const start = value.node.startIndex + (value.quote ? 1 : 0);
          const assignment = value.quote === '"' && value.value !== value.node.text.slice(1, -1) ? undefined : assignmentEntry(path, value.value, start);
          if (assignment) entries.push(assignment);
        } else if (itemNode) {
          stack.push({ node: itemNode, path });
        }
      }
    } else if (inner.type === 'stream' || inner.type === 'document') {
      for (const child of inner.namedChildren) stack.push({ node: child, path });
    }
  }
  return entries.sort((a, b) => a.keyStart - b.keyStart);
}

export const yaml: LanguageDefinition = {
  id: 'yaml',
  family: 'config',
  grammar: 'tree-sitter-yaml',
  matchesPath: (_path, baseName) => /\.ya?ml(\.(example|sample|template|dist))?$/i.test(baseName),
  comment: { line: '#' },
  commentNodeTypes: ['comment'],
  isTestPath: configTestPath,
  configEntries: (_document, tree) => (tree ? yamlEntries(tree.rootNode) : []),
};
