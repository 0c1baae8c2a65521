import type { Node } from 'web-tree-sitter';
import type { ConfigEntry, LanguageDefinition } from './types';
import { entryFromNodes, splitQuotes, unescapeBackslashes } from './config-values';
import { configTestPath } from './config-paths';

function keyParts(key: Node): string[] {
  if (key.type === 'dotted_key') return key.namedChildren.flatMap((part) => keyParts(part));
  if (key.type === 'quoted_key') {
    const { inner, quote } = splitQuotes(key.text);
    return [quote === '"' ? unescapeBackslashes(inner) : inner];
  }
  return [key.text];
}

function scalar(value: Node): Pick<ConfigEntry, 'value' | 'valueKind' | 'quote'> {
  switch (value.type) {
    case 'string': {
      const { inner, quote, delimiter } = splitQuotes(value.text);
      // A newline right after an opening triple quote is not part of the value.
      const body = delimiter === 3 ? inner.replace(/^\r?\n/, '') : inner;
      return { value: quote === '"' ? unescapeBackslashes(body) : body, valueKind: 'string', quote };
    }
    case 'integer':
    case 'float':
      return { value: value.text, valueKind: 'number', quote: '' };
    case 'boolean':
      return { value: value.text, valueKind: 'boolean', quote: '' };
    default:
      return { value: undefined, valueKind: 'other', quote: '' };
  }
}

function tomlEntries(root: Node): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  const stack: Array<{ node: Node; path: readonly string[] }> = [{ node: root, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    for (const child of node.namedChildren) {
      if (child.type === 'table' || child.type === 'table_array_element') {
        const key = child.namedChildren[0];
        if (key) stack.push({ node: child, path: keyParts(key) });
      } else if (child.type === 'pair') {
        const [key, value] = child.namedChildren;
        if (!key) continue;
        const pairPath = [...path, ...keyParts(key)];
        if (value?.type === 'inline_table') {
          stack.push({ node: value, path: pairPath });
        } else if (value?.type === 'array') {
          for (const item of value.namedChildren) if (item.type === 'inline_table') stack.push({ node: item, path: pairPath });
        } else {
          const decoded = value ? scalar(value) : { value: undefined, valueKind: 'other' as const, quote: '' as const };
          entries.push(entryFromNodes(pairPath, key, value ?? null, decoded.value, decoded.valueKind, decoded.quote));
        }
      }
    }
  }
  return entries.sort((a, b) => a.keyStart - b.keyStart);
}

export const toml: LanguageDefinition = {
  id: 'toml',
  family: 'config',
  grammar: 'tree-sitter-toml',
  matchesPath: (_path, baseName) => baseName.endsWith('.toml') || /\.toml\.(example|sample|template|dist)$/.test(baseName),
  comment: { line: '#' },
  commentNodeTypes: ['comment'],
  isTestPath: configTestPath,
  configEntries: (_document, tree) => (tree ? tomlEntries(tree.rootNode) : []),
};
