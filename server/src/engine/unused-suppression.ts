import type { LanguageDefinition } from '../languages/types';
import type { SourceDocument } from './document';
import type { Finding, Fix, Severity, TextEdit } from './finding';
import { defineRuleMeta } from './rule';
import type { Directive } from './suppressions';

export const UNUSED_SUPPRESSION_ID = 'unused-suppression';

/** Reported by the engine itself: a suppression comment that suppresses nothing. */
export const unusedSuppressionMeta = defineRuleMeta({
  id: UNUSED_SUPPRESSION_ID,
  title: 'Suppression comment that suppresses nothing',
  defaultSeverity: 'information',
  category: 'Reliability',
  appliesToTests: true,
  fixable: true,
  messages: {
    unused: 'This suppression of {rule} matches no finding. Remove it so stale suppressions do not hide future problems.',
    unusedAll: 'This suppression matches no finding. Remove it so stale suppressions do not hide future problems.',
    unknownRule: '"{rule}" is not a Readiness rule, so this suppression has no effect. Check the rule id.',
  },
});

/** Offsets of a whole line including its line break, when the comment is all the line holds. */
function removalOfComment(document: SourceDocument, directive: Directive): TextEdit {
  const line = document.positionAt(directive.commentStart).line;
  const lineStart = document.lineStart(line);
  const lineEnd = document.lineEnd(line);
  const before = document.text.slice(lineStart, directive.commentStart);
  const after = document.text.slice(directive.commentEnd, lineEnd);
  if (before.trim() === '' && after.trim() === '') {
    const nextLine = line + 1 < document.lineCount ? document.lineStart(line + 1) : document.text.length;
    return { start: lineStart, end: nextLine, newText: '' };
  }
  const leading = before.length - before.trimEnd().length;
  return { start: directive.commentStart - leading, end: directive.commentEnd, newText: '' };
}

/** Removes one rule id from a directive's list together with the separator next to it. */
function removalOfRule(directive: Directive, index: number): TextEdit {
  const span = directive.ruleSpans[index]!;
  if (index > 0) return { start: directive.ruleSpans[index - 1]!.end, end: span.end, newText: '' };
  return { start: span.start, end: directive.ruleSpans[index + 1]!.start, newText: '' };
}

export function unusedSuppressionFindings(
  document: SourceDocument,
  directives: readonly Directive[],
  used: ReadonlyMap<Directive, ReadonlySet<string>>,
  severity: Severity,
  isActive: (ruleId: string) => boolean,
  isKnown: (ruleId: string) => boolean,
): Finding[] {
  const findings: Finding[] = [];
  const report = (start: number, end: number, messageId: keyof typeof unusedSuppressionMeta.messages, rule: string, edit: TextEdit): void => {
    const message = unusedSuppressionMeta.messages[messageId]!.replace('{rule}', rule);
    findings.push({
      ruleId: UNUSED_SUPPRESSION_ID,
      severity,
      path: document.path,
      start,
      end,
      range: document.rangeAt(start, end),
      message,
      fixes: [{ title: 'Remove the unused suppression', edits: [edit], isPreferred: true, kind: 'fix' }],
      tags: ['unnecessary'],
    });
  };
  for (const directive of directives) {
    const usedRules = used.get(directive) ?? new Set<string>();
    if (!directive.rules) {
      if (usedRules.size === 0) report(directive.start, directive.end, 'unusedAll', '', removalOfComment(document, directive));
      continue;
    }
    const stale = directive.ruleSpans
      .map((span, index) => ({ span, index }))
      .filter(({ span }) => !isKnown(span.rule) || (isActive(span.rule) && !usedRules.has(span.rule)));
    for (const { span, index } of stale) {
      const wholeComment = stale.length === directive.ruleSpans.length;
      const edit = wholeComment ? removalOfComment(document, directive) : removalOfRule(directive, index);
      report(span.start, span.end, isKnown(span.rule) ? 'unused' : 'unknownRule', span.rule, edit);
    }
  }
  return findings;
}

function commentText(language: LanguageDefinition, body: string): string | undefined {
  if (language.comment?.line) return `${language.comment.line} ${body}`;
  if (language.comment?.block) return `${language.comment.block[0]} ${body} ${language.comment.block[1]}`;
  return undefined;
}

/**
 * "Suppress on this line" and "suppress in this file" fixes, in the file's comment syntax.
 * `insideToken` tells whether an offset is inside a multi-line string or comment, where no comment
 * line may go.
 */
export function suppressionFixes(document: SourceDocument, language: LanguageDefinition, insideToken: (offset: number) => boolean, finding: Finding): Fix[] {
  if (finding.ruleId === UNUSED_SUPPRESSION_ID) return [];
  const fixes: Fix[] = [];
  const line = finding.range.start.line;
  const lineStart = document.lineStart(line);
  const eol = document.eol;
  const previous = line > 0 ? document.lineText(line - 1) : '';
  const existing = /readiness-ignore-next-line\s+([A-Za-z0-9_/-]+(\s*,\s*[A-Za-z0-9_/-]+)*)/.exec(previous);
  if (existing && !existing[1]!.split(/\s*,\s*/).includes(finding.ruleId)) {
    const at = document.lineStart(line - 1) + existing.index + existing[0].length;
    fixes.push({ title: `Suppress ${finding.ruleId} on this line`, edits: [{ start: at, end: at, newText: `, ${finding.ruleId}` }], kind: 'suppress' });
  } else if (!insideToken(lineStart)) {
    const comment = commentText(language, `readiness-ignore-next-line ${finding.ruleId}`);
    if (comment) {
      const edit = { start: lineStart, end: lineStart, newText: `${document.indentOf(line)}${comment}${eol}` };
      fixes.push({ title: `Suppress ${finding.ruleId} on this line`, edits: [edit], kind: 'suppress' });
    }
  }
  const fileComment = commentText(language, `readiness-ignore-file ${finding.ruleId}`);
  if (fileComment) {
    const at = language.fileHeaderEnd?.(document) ?? 0;
    fixes.push({ title: `Suppress ${finding.ruleId} in this file`, edits: [{ start: at, end: at, newText: `${fileComment}${eol}` }], kind: 'suppress' });
  }
  return fixes;
}
