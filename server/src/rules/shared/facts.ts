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
