import type { CheckReport } from './model';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 || word === 'information' ? '' : 's'}`;
}

/** `path:line:col  severity  rule  message`, one a line, then a summary. */
export function formatText(report: CheckReport): string {
  const lines = report.findings.map((finding) => {
    const { line, character } = finding.range.start;
    return `${finding.path}:${line + 1}:${character + 1}  ${finding.severity}  ${finding.ruleId}  ${finding.message}`;
  });
  for (const note of report.warnings) lines.push(`${note.path}  note  ${note.reason}  ${note.message}`);
  const bySeverity = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const finding of report.findings) bySeverity[finding.severity]++;
  const parts = [plural(bySeverity.error, 'error'), plural(bySeverity.warning, 'warning'), plural(bySeverity.information, 'information')];
  if (bySeverity.hint > 0) parts.push(plural(bySeverity.hint, 'hint'));
  let summary = `${plural(report.findings.length, 'problem')} (${parts.join(', ')}) in ${plural(report.filesAnalyzed, 'file')}`;
  if (report.skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const note of report.skipped) reasons.set(note.reason, (reasons.get(note.reason) ?? 0) + 1);
    summary += `; ${report.skipped.length} skipped (${[...reasons].map(([reason, count]) => `${reason}: ${count}`).join(', ')})`;
  }
  if (lines.length > 0) lines.push('');
  lines.push(summary);
  return lines.join('\n') + '\n';
}
