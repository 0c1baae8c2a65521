import type { Finding } from './finding';
import { applyEdits, nonOverlappingPreferredEdits } from './fix';

export interface FixAllResult {
  text: string;
  /** Fixes applied over all passes. */
  applied: number;
  /** Findings of the final text. */
  findings: Finding[];
}

const MAX_PASSES = 10;

/**
 * Applies every preferred fix, pass after pass like `eslint --fix`: overlapping fixes wait for the
 * next pass, which re-analyses the text they produced. Suppression fixes are never applied.
 */
export function fixAll(text: string, analyze: (text: string) => Finding[], include: (finding: Finding) => boolean = () => true): FixAllResult {
  let current = text;
  let applied = 0;
  let findings = analyze(current);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const preferred = findings.filter(include).map((finding) => finding.fixes.find((candidate) => candidate.isPreferred && candidate.kind !== 'suppress'));
    const { edits, applied: count } = nonOverlappingPreferredEdits(preferred);
    if (count === 0) break;
    current = applyEdits(current, edits);
    applied += count;
    findings = analyze(current);
  }
  return { text: current, applied, findings };
}
