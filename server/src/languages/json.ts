import type { Node } from 'web-tree-sitter';
import type { ConfigEntry, LanguageDefinition } from './types';
import { entryFromNodes, nameValueEntry, unescapeBackslashes } from './config-values';
import { configTestPath } from './config-paths';

function stringValue(node: Node): string {
  return unescapeBackslashes(node.text.slice(1, -1));
}

function scalar(node: Node | null): Pick<ConfigEntry, 'value' | 'valueKind' | 'quote'> | undefined {
  switch (node?.type) {
    case 'string':
      return { value: stringValue(node), valueKind: 'string', quote: '"' };
    case 'number':
      return { value: node.text, valueKind: 'number', quote: '' };
    case 'true':
    case 'false':
      return { value: node.text, valueKind: 'boolean', quote: '' };
    case 'null':
      return { value: undefined, valueKind: 'null', quote: '' };
    default:
      return undefined;
  }
}

function jsonEntries(root: Node): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  const stack: Array<{ node: Node; path: readonly string[] }> = [{ node: root, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (node.type === 'object') {
      const siblings: ConfigEntry[] = [];
      for (const pair of node.namedChildren) {
        if (pair.type !== 'pair') continue;
        const keyNode = pair.childForFieldName('key');
        const valueNode = pair.childForFieldName('value');
        if (keyNode?.type !== 'string') continue;
        const pairPath = [...path, stringValue(keyNode)];
        const value = scalar(valueNode);
        if (value) siblings.push(entryFromNodes(pairPath, keyNode, valueNode, value.value, value.valueKind, value.quote));
        else if (valueNode) stack.push({ node: valueNode, path: pairPath });
      }
      entries.push(...siblings);
      const named = nameValueEntry(path, siblings);
      if (named) entries.push(named);
    } else {
      for (const child of node.namedChildren) stack.push({ node: child, path });
    }
  }
  return entries.sort((a, b) => a.keyStart - b.keyStart);
}

/** Lockfiles and manifests hold hashes and URLs, never settings worth checking. */
const NOT_SETTINGS = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'composer.lock', 'tsconfig.json', 'jsconfig.json']);

export const json: LanguageDefinition = {
  id: 'json',
  family: 'config',
  grammar: 'tree-sitter-json',
  matchesPath: (_path, baseName) =>
    (/\.json(c|5)?(\.(example|sample|template|dist))?$/i.test(baseName) || baseName === '.readiness.json') && !NOT_SETTINGS.has(baseName),
  // JSON has no comments, so no suppression comment is ever inserted; JSONC directives still count.
  commentNodeTypes: ['comment'],
  isTestPath: configTestPath,
  configEntries: (_document, tree) => (tree ? jsonEntries(tree.rootNode) : []),
};
