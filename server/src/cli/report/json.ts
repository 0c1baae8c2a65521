import type { CheckReport } from './model';

/**
 * An array: one object per finding (`kind: "finding"`), then one per skipped file
 * (`kind: "skipped"`). Lines and columns are 1-based; fix ranges are UTF-16 offsets into the file's
 * text (without a byte-order mark), as ESLint reports them.
 */
export function formatJson(report: CheckReport): string {
  const findings = report.findings.map((finding) => ({
    kind: 'finding' as const,
    path: finding.path,
    range: {
      start: { line: finding.range.start.line + 1, column: finding.range.start.character + 1 },
      end: { line: finding.range.end.line + 1, column: finding.range.end.character + 1 },
    },
    rule: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    fingerprint: finding.fingerprint,
    fixes: finding.fixes.map((fix) => ({
      title: fix.title,
      preferred: fix.isPreferred === true,
      kind: fix.kind ?? 'fix',
      edits: fix.edits.map((edit) => ({ range: [edit.start, edit.end], text: edit.newText })),
    })),
  }));
  const skipped = report.skipped.map((note) => ({ kind: 'skipped' as const, path: note.path, reason: note.reason, message: note.message }));
  const warnings = report.warnings.map((note) => ({ kind: 'note' as const, path: note.path, reason: note.reason, message: note.message }));
  return JSON.stringify([...findings, ...skipped, ...warnings], null, 2) + '\n';
}
