import type { ChecklistCategory, ChecklistStatus, Evidence } from './types';
import type { ChecklistContext } from './context';

export interface ItemOutcome {
  status: ChecklistStatus;
  evidence: Evidence[];
}

/** One auto-evaluated checklist item: its stable id, where it is shown, and how it is judged. */
export interface ItemDefinition {
  id: string;
  category: ChecklistCategory;
  title: string;
  /** What the item looks for, for docs/checklist.md and evidence when nothing was found. */
  looksFor: string;
  evaluate(context: ChecklistContext): ItemOutcome;
}

export function defineItem(item: ItemDefinition): ItemDefinition {
  return item;
}

/** The evidence list capped, so a thousand findings do not drown the report. */
export function capped(evidence: Evidence[], limit = 20): Evidence[] {
  if (evidence.length <= limit) return evidence;
  return [...evidence.slice(0, limit), { path: '.', note: `… and ${evidence.length - limit} more` }];
}
