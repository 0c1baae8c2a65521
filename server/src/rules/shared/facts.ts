import type { Node, Query } from 'web-tree-sitter';
import type { RuleContext } from '../../engine/rule';

/** Queries for a list of node types, by grammar: `undefined` where no type exists in the grammar. */
const compiled = new Map<string, Query[]>();

function queriesFor(context: RuleContext, types: readonly string[]): Query[] {
  const key = `${context.language}:${types.join(',')}`;
  let queries = compiled.get(key);
  if (!queries) {
    const compile = (source: string): Query | undefined => {
      try {
        return context.query(source);
      } catch {
        // A node type this grammar does not have (`field_definition` is JavaScript's, not TypeScript's).
        return undefined;
      }
    };
    const all = compile(`[${types.map((type) => `(${type})`).join(' ')}] @node`);
    queries = all ? [all] : types.map((type) => compile(`(${type}) @node`)).filter((query): query is Query => query !== undefined);
    compiled.set(key, queries);
  }
  return queries;
}

/**
 * The nodes of these types where file-wide facts live (see `RuleContext.factMatches`): the whole
 * tree, or only the re-analysed functions and the top-level code when an editor re-analyses a few
 * functions. Use instead of `rootNode.descendantsOfType` for facts gathered once per file.
 */
export function factNodesOfType(context: RuleContext, types: readonly string[]): Node[] {
  const nodes: Node[] = [];
  for (const query of queriesFor(context, types)) for (const match of context.factMatches(query)) if (match.captures[0]) nodes.push(match.captures[0].node);
  return nodes.sort((a, b) => a.startIndex - b.startIndex);
}

/** `compute(key)` once per file and key, kept in the file's memo under `memoKey`. */
export function memoPer<K, V>(context: RuleContext, memoKey: string, key: K, compute: (key: K) => V): V {
  const cache = context.memo(memoKey, () => new Map<K, V>());
  if (cache.has(key)) return cache.get(key)!;
  const value = compute(key);
  cache.set(key, value);
  return value;
}

/** Whether `parent` holds `node` under `field` (`isField(assignment, 'left', name)`). */
export function isField(parent: Node | null | undefined, field: string, node: Node): boolean {
  return parent?.childForFieldName(field)?.startIndex === node.startIndex;
}

function isWordCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}

/** Where `word` occurs in `text` between non-word characters (letters, digits, `_` and `$` are word characters). */
export function wordOffsets(text: string, word: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
    if (isWordCharacter(text.charCodeAt(at - 1)) || isWordCharacter(text.charCodeAt(at + word.length))) continue;
    offsets.push(at);
  }
  return offsets;
}

/** Words looked up one by one in a file before one pass indexes all of them. */
const DIRECT_LOOKUPS = 8;

/**
 * Where a word occurs in the file: a scan of the text for the first few words a file asks about;
 * past that, one pass indexes every word, so that resolving many names stays linear in the text.
 */
function offsetsOf(context: RuleContext, word: string): readonly number[] {
  const state = context.memo('facts:words', () => ({ lookups: 0, index: undefined as Map<string, number[]> | undefined }));
  if (!state.index && ++state.lookups <= DIRECT_LOOKUPS) return wordOffsets(context.document.text, word);
  state.index ??= wordIndex(context.document.text);
  return state.index.get(word) ?? [];
}

/** Every run of word characters in the text, by its text (the runs `wordOffsets` would find). */
function wordIndex(text: string): Map<string, number[]> {
  const index = new Map<string, number[]>();
  for (const match of text.matchAll(/[\w$]+/g)) {
    const offsets = index.get(match[0]);
    if (offsets) offsets.push(match.index);
    else index.set(match[0], [match.index]);
  }
  return index;
}

/**
 * The nodes of these types whose text is exactly `word`, found through the file's text: one lookup
 * in the tree per occurrence instead of a walk over the whole tree, which is what makes resolving a
 * few names in a large file cheap. Sees the whole file, re-analysed functions or not. `offsets`
 * narrows the search to occurrences the caller already picked out of the text.
 */
export function nodesSpelled(context: RuleContext, word: string, types: ReadonlySet<string>, offsets?: readonly number[]): Node[] {
  const root = context.tree?.rootNode;
  if (!root || word === '') return [];
  const nodes: Node[] = [];
  for (const offset of offsets ?? offsetsOf(context, word)) {
    const node = root.descendantForIndex(offset, offset + word.length);
    if (node && types.has(node.type) && node.startIndex === offset && node.endIndex === offset + word.length) nodes.push(node);
  }
  return nodes;
}
