// YAML and TOML parse trees as plain data with line numbers, so CI workflows, Kubernetes manifests
// and Cargo/pyproject manifests are read by structure (which job runs which command), not by grep.
import type { Node } from 'web-tree-sitter';
import type { TreeValue } from '../types';

const line = (node: Node): number => node.startPosition.row + 1;

function yamlContent(node: Node | null): Node | null {
  if (!node) return null;
  if (node.type !== 'flow_node' && node.type !== 'block_node') return node;
  return node.namedChildren.find((child) => child.type !== 'anchor' && child.type !== 'tag' && child.type !== 'comment') ?? null;
}

function yamlScalar(node: Node): TreeValue | undefined {
  switch (node.type) {
    case 'plain_scalar':
      return { t: 'scalar', line: line(node), value: node.text };
    case 'double_quote_scalar':
      return { t: 'scalar', line: line(node), value: node.text.slice(1, -1).replace(/\\(["\\/])/g, '$1').replace(/\\n/g, '\n').replace(/\\t/g, '\t'), quoted: true };
    case 'single_quote_scalar':
      return { t: 'scalar', line: line(node), value: node.text.slice(1, -1).replace(/''/g, "'"), quoted: true };
    case 'block_scalar': {
      const lines = node.text.split(/\r?\n/).slice(1);
      const indent = Math.min(...lines.filter((text) => text.trim()).map((text) => text.length - text.trimStart().length));
      const value = lines.map((text) => text.slice(Number.isFinite(indent) ? indent : 0)).join('\n').replace(/\n+$/, '');
      return { t: 'scalar', line: line(node) + 1, value };
    }
    default:
      return undefined;
  }
}

/** Depth guard: a pathological nesting must not blow the stack. */
const MAX_DEPTH = 200;

function yamlValue(node: Node | null, depth: number): TreeValue {
  const inner = yamlContent(node);
  if (!inner || depth > MAX_DEPTH) return { t: 'scalar', line: node ? line(node) : 0, value: '' };
  if (inner.type === 'block_mapping' || inner.type === 'flow_mapping') {
    const entries: Array<{ key: string; line: number; value: TreeValue }> = [];
    for (const pair of inner.namedChildren) {
      if (pair.type !== 'block_mapping_pair' && pair.type !== 'flow_pair') continue;
      const keyNode = yamlContent(pair.childForFieldName('key'));
      const key = keyNode ? yamlScalar(keyNode) : undefined;
      if (!keyNode || !key || key.t !== 'scalar') continue;
      entries.push({ key: key.value, line: line(keyNode), value: yamlValue(pair.childForFieldName('value'), depth + 1) });
    }
    return { t: 'map', line: line(inner), entries };
  }
  if (inner.type === 'block_sequence' || inner.type === 'flow_sequence') {
    const items = inner.namedChildren
      .filter((item) => item.type !== 'comment')
      .map((item) => yamlValue(item.type === 'block_sequence_item' ? (item.namedChildren.find((child) => child.type !== 'comment') ?? null) : item, depth + 1));
    return { t: 'seq', line: line(inner), items };
  }
  return yamlScalar(inner) ?? { t: 'scalar', line: line(inner), value: inner.text };
}

/** Every document of a YAML stream. */
export function yamlDocuments(root: Node): TreeValue[] {
  const documents: TreeValue[] = [];
  const stream = root.type === 'stream' ? root : null;
  for (const child of (stream ?? root).namedChildren) {
    if (child.type !== 'document') continue;
    const body = child.namedChildren.find((node) => node.type === 'block_node' || node.type === 'flow_node');
    if (body) documents.push(yamlValue(body, 0));
  }
  return documents;
}

function tomlKey(key: Node): string[] {
  if (key.type === 'dotted_key') return key.namedChildren.flatMap(tomlKey);
  if (key.type === 'quoted_key') return [key.text.slice(1, -1)];
  return [key.text];
}

function tomlScalar(value: Node, depth: number): TreeValue {
  switch (value.type) {
    case 'string': {
      const text = value.text;
      const delimiter = text.startsWith('"""') || text.startsWith("'''") ? 3 : 1;
      return { t: 'scalar', line: line(value), value: text.slice(delimiter, -delimiter), quoted: true };
    }
    case 'array':
      return { t: 'seq', line: line(value), items: value.namedChildren.filter((item) => item.type !== 'comment').map((item) => tomlScalar(item, depth + 1)) };
    case 'inline_table': {
      const map: TreeValue = { t: 'map', line: line(value), entries: [] };
      for (const pair of value.namedChildren) if (pair.type === 'pair') setTomlPair(map, pair, depth + 1);
      return map;
    }
    default:
      return { t: 'scalar', line: line(value), value: value.text };
  }
}

function tableAt(map: Extract<TreeValue, { t: 'map' }>, path: readonly string[], at: number): Extract<TreeValue, { t: 'map' }> {
  let current = map;
  for (const key of path) {
    let entry = current.entries.find((candidate) => candidate.key === key);
    if (!entry || entry.value.t === 'scalar') {
      entry = { key, line: at, value: { t: 'map', line: at, entries: [] } };
      current.entries.push(entry);
    }
    const value: TreeValue = entry.value;
    if (value.t === 'seq') {
      const last = value.items.at(-1);
      if (last?.t === 'map') current = last;
      else return current;
    } else if (value.t === 'map') {
      current = value;
    }
  }
  return current;
}

function setTomlPair(table: Extract<TreeValue, { t: 'map' }>, pair: Node, depth: number): void {
  const [keyNode, valueNode] = pair.namedChildren;
  if (!keyNode || !valueNode || depth > MAX_DEPTH) return;
  const path = tomlKey(keyNode);
  const parent = tableAt(table, path.slice(0, -1), line(pair));
  parent.entries.push({ key: path.at(-1)!, line: line(keyNode), value: tomlScalar(valueNode, depth) });
}

/** A TOML document as one map. */
export function tomlDocument(root: Node): TreeValue {
  const document: Extract<TreeValue, { t: 'map' }> = { t: 'map', line: 1, entries: [] };
  for (const child of root.namedChildren) {
    if (child.type === 'pair') setTomlPair(document, child, 0);
    else if (child.type === 'table' || child.type === 'table_array_element') {
      const keyNode = child.namedChildren[0];
      if (!keyNode) continue;
      const path = tomlKey(keyNode);
      let table: Extract<TreeValue, { t: 'map' }>;
      if (child.type === 'table_array_element') {
        const parent = tableAt(document, path.slice(0, -1), line(child));
        let entry = parent.entries.find((candidate) => candidate.key === path.at(-1));
        if (!entry || entry.value.t !== 'seq') {
          entry = { key: path.at(-1)!, line: line(child), value: { t: 'seq', line: line(child), items: [] } };
          parent.entries.push(entry);
        }
        table = { t: 'map', line: line(child), entries: [] };
        (entry.value as Extract<TreeValue, { t: 'seq' }>).items.push(table);
      } else {
        table = tableAt(document, path, line(child));
      }
      for (const pair of child.namedChildren.slice(1)) if (pair.type === 'pair') setTomlPair(table, pair, 0);
    }
  }
  return document;
}

// ── reading helpers for the item modules ───────────────────────────────────────────────────────

export type MapValue = Extract<TreeValue, { t: 'map' }>;

export function get(value: TreeValue | undefined, key: string): TreeValue | undefined {
  return value?.t === 'map' ? value.entries.find((entry) => entry.key === key)?.value : undefined;
}

export function getEntry(value: TreeValue | undefined, key: string): { key: string; line: number; value: TreeValue } | undefined {
  return value?.t === 'map' ? value.entries.find((entry) => entry.key === key) : undefined;
}

export function scalarOf(value: TreeValue | undefined): string | undefined {
  return value?.t === 'scalar' ? value.value : undefined;
}

export function itemsOf(value: TreeValue | undefined): TreeValue[] {
  return value?.t === 'seq' ? value.items : [];
}

export function entriesOf(value: TreeValue | undefined): Array<{ key: string; line: number; value: TreeValue }> {
  return value?.t === 'map' ? value.entries : [];
}
