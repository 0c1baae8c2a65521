import type { SourceDocument } from './document';
import type { Finding } from './finding';

export type DirectiveKind = 'next-line' | 'line' | 'file';

/** One `readiness-ignore-*` comment. */
export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named, or `undefined` for every rule. */
  rules: string[] | undefined;
  /** Where each named rule sits in the text, to report or remove it alone. */
  ruleSpans: Array<{ rule: string; start: number; end: number }>;
  /** The whole comment node or line comment. */
  commentStart: number;
  commentEnd: number;
  /** The directive text inside the comment. */
  start: number;
  end: number;
  /** The line it applies to (`file` directives: -1). */
  targetLine: number;
}

const DIRECTIVE = /readiness-ignore-(next-line|line|file)\b([^\n]*)/;

/**
 * Reads a directive out of one comment. The directive must open the comment: a mention in prose
 * ("see readiness-ignore-line") does not count.
 */
export function parseDirective(document: SourceDocument, commentStart: number, commentEnd: number): Directive | undefined {
  const comment = document.text.slice(commentStart, commentEnd);
  const opener = /^(\/\/+!?|\/\*+!?|#+|<!--)\s*/.exec(comment);
  if (!opener) return undefined;
  const match = DIRECTIVE.exec(comment);
  if (!match || match.index !== opener[0].length) return undefined;
  const kind = match[1] as DirectiveKind;
  let rest = match[2]!.replace(/\*\/\s*$|-->\s*$/, '');
  const reason = rest.indexOf('--');
  if (reason !== -1) rest = rest.slice(0, reason);
  const restStart = commentStart + match.index + match[0].length - match[2]!.length;
  const ruleSpans: Directive['ruleSpans'] = [];
  for (const rule of rest.matchAll(/[A-Za-z0-9_/-]+/g)) {
    const start = restStart + rule.index;
    ruleSpans.push({ rule: rule[0], start, end: start + rule[0].length });
  }
  const line = document.positionAt(commentStart).line;
  return {
    kind,
    rules: ruleSpans.length > 0 ? ruleSpans.map((span) => span.rule) : undefined,
    ruleSpans,
    commentStart,
    commentEnd,
    start: commentStart + match.index,
    end: commentStart + match.index + match[0].length,
    targetLine: kind === 'file' ? -1 : kind === 'line' ? line : line + 1,
  };
}

/** Whether a directive covers a finding: its rule, on its target line (or anywhere for `file`). */
function applies(directive: Directive, finding: Finding): boolean {
  if (directive.rules && !directive.rules.includes(finding.ruleId)) return false;
  return directive.kind === 'file' || finding.range.start.line === directive.targetLine;
}

export interface SuppressionOutcome {
  kept: Finding[];
  /** For each directive, the rule ids it named that suppressed at least one finding. */
  used: Map<Directive, Set<string>>;
}

export function applySuppressions(findings: readonly Finding[], directives: readonly Directive[]): SuppressionOutcome {
  const used = new Map<Directive, Set<string>>(directives.map((directive) => [directive, new Set<string>()]));
  const kept: Finding[] = [];
  for (const finding of findings) {
    let suppressed = false;
    for (const directive of directives) {
      if (!applies(directive, finding)) continue;
      suppressed = true;
      used.get(directive)!.add(directive.rules ? finding.ruleId : '*');
    }
    if (!suppressed) kept.push(finding);
  }
  return { kept, used };
}
