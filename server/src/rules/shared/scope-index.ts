/** Something visible in a range of the file, like a binding in its scope. */
export interface Scoped {
  scopeStart: number;
  scopeEnd: number;
}

/**
 * The innermost of many scoped items that contains an offset, in about logarithmic time.
 *
 * Scopes are syntax nodes, so any two are nested or disjoint. Sorted by start (outer first on a
 * tie), each item's enclosing item is found with a stack; a lookup takes the last item starting at
 * or before the offset and climbs enclosing items until one contains it.
 */
export class ScopeIndex<T extends Scoped> {
  private readonly items: T[];
  private readonly enclosing: number[];

  constructor(items: readonly T[]) {
    this.items = [...items].sort((a, b) => a.scopeStart - b.scopeStart || b.scopeEnd - a.scopeEnd);
    this.enclosing = [];
    const open: number[] = [];
    for (const [index, item] of this.items.entries()) {
      while (open.length > 0 && this.items[open.at(-1)!]!.scopeEnd <= item.scopeStart) open.pop();
      this.enclosing.push(open.at(-1) ?? -1);
      open.push(index);
    }
  }

  innermostAt(offset: number): T | undefined {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.items[middle]!.scopeStart <= offset) low = middle + 1;
      else high = middle;
    }
    for (let index = low - 1; index >= 0; index = this.enclosing[index]!) {
      if (offset < this.items[index]!.scopeEnd) return this.items[index];
    }
    return undefined;
  }
}
