/** The only module that sees both worlds: engine findings and fixes in, LSP types out. */
import {
  CodeActionKind,
  DiagnosticSeverity,
  DiagnosticTag,
  type CodeAction,
  type Diagnostic,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import { SourceDocument } from '../engine/document';
import type { Finding, Fix, Severity, TextEdit } from '../engine/finding';
import type { ConfigError } from '../config/load';
import { ruleDocUrl } from '../rules/docs';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const SOURCE = 'readiness';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.readiness`;

/** What a diagnostic carries back to `codeAction`: which finding of which version it shows. */
export interface DiagnosticData {
  version: number;
  fingerprint: string | undefined;
}

export function toDiagnostic(finding: Finding, version: number): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocUrl(finding.ruleId) },
    source: SOURCE,
    message: finding.message,
    data: { version, fingerprint: finding.fingerprint } satisfies DiagnosticData,
  };
  if (finding.tags?.includes('unnecessary')) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

export function toLspEdits(document: SourceDocument, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((edit) => ({ range: document.rangeAt(edit.start, edit.end), newText: edit.newText }));
}

/** A versioned workspace edit, so a client never applies it to a newer text. */
export function codeAction(title: string, kind: string, uri: string, version: number, edits: LspTextEdit[], extra: Partial<CodeAction> = {}): CodeAction {
  return { title, kind, edit: { documentChanges: [{ textDocument: { uri, version }, edits }] }, ...extra };
}

export function fixAction(document: SourceDocument, uri: string, version: number, fix: Fix, diagnostic: Diagnostic | undefined): CodeAction {
  return codeAction(fix.title, CodeActionKind.QuickFix, uri, version, toLspEdits(document, fix.edits), {
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    ...(fix.isPreferred && fix.kind !== 'suppress' ? { isPreferred: true } : {}),
  });
}

/** One edit turning `before` into `after`: the differing middle, so unchanged text keeps its markers. */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}

/** A configuration problem as a diagnostic on the configuration file itself, at the offending key. */
export function configErrorDiagnostic(error: ConfigError, configText: string): Diagnostic {
  const document = new SourceDocument(error.file, configText);
  return {
    range: document.rangeAt(error.start, Math.max(error.end, error.start + 1)),
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    code: 'invalid-config',
    message: `${error.key ? `${error.key}: ` : ''}${error.message}. The last valid configuration stays in force.`,
  };
}
