import type { Node, Tree } from 'web-tree-sitter';

/** A path from the root down to some node, with each node's range read out once. */
interface Path {
  nodes: Node[];
  starts: number[];
  ends: number[];
}

/** The last path looked up in each tree. */
const fingers = new WeakMap<Tree, Path>();

/**
 * The ancestors of a node, innermost first.
 *
 * `node.parent` searches down from the root on every call, so a loop over `.parent` costs the
 * square of the depth: seconds in the deep trees that error recovery builds after a large paste.
 * Here the path is found by descending with `childWithDescendant`, starting from the deepest node
 * of the previous lookup in the same tree that still contains this one. Rules visit nodes roughly
 * in document order, so each lookup costs about the distance from the previous one.
 */
export function ancestors(node: Node): Node[] {
  const start = node.startIndex;
  const end = node.endIndex;
  const finger = fingers.get(node.tree);
  let path: Path | undefined;
  if (finger) {
    let keep = finger.nodes.length - 1;
    while (keep > 0 && (finger.starts[keep]! > start || finger.ends[keep]! < end || finger.nodes[keep]!.id === node.id)) keep--;
    finger.nodes.length = finger.starts.length = finger.ends.length = keep + 1;
    path = descend(finger, node, start, end);
  }
  if (!path) {
    const root = node.tree.rootNode;
    path = descend({ nodes: [root], starts: [root.startIndex], ends: [root.endIndex] }, node, start, end);
  }
  if (!path) {
    fingers.delete(node.tree);
    const chain: Node[] = [];
    for (let current = node.parent; current; current = current.parent) chain.push(current);
    return chain;
  }
  fingers.set(node.tree, path);
  return path.nodes.slice(0, -1).reverse();
}

/** Extends a path of ancestors down to `node`; undefined when the path does not lead there. */
function descend(path: Path, node: Node, start: number, end: number): Path | undefined {
  let current = path.nodes.at(-1);
  while (current) {
    if (current.id === node.id) return path;
    const next: Node | null = current.childWithDescendant(node);
    if (!next || next.id === current.id) return undefined;
    path.nodes.push(next);
    path.starts.push(next.id === node.id ? start : next.startIndex);
    path.ends.push(next.id === node.id ? end : next.endIndex);
    current = next;
  }
  return undefined;
}
