export function total(items: Map<string, number>, id: string): number {
  return items.get(id)! * 2;
}
