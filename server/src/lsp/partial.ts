import { SourceDocument } from '../engine/document';
import type { OffsetRange } from '../engine/engine';
import type { Finding } from '../engine/finding';
import type { OpenDocument } from './documents';

/**
 * The findings of a buffer after a partial analysis: the fresh ones inside the re-analysed regions,
 * and the earlier ones outside them (already moved with the edits), their line/column ranges
 * recomputed for the current text.
 */
export function mergeRegionFindings(document: OpenDocument, fresh: readonly Finding[], regions: readonly OffsetRange[]): Finding[] {
  const inRegion = (finding: Finding): boolean => regions.some((region) => finding.start >= region.start && finding.start < region.end);
  const source = new SourceDocument(document.uri, document.text);
  const kept = document.findings.filter((finding) => !inRegion(finding));
  for (const finding of kept) finding.range = source.rangeAt(finding.start, finding.end);
  return [...kept, ...fresh].sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
}
