import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../engine/rule';
import type { LiteralBinding } from '../shared/secret-literals/model';
import { secretNamesFor } from '../shared/secret-names';
import { defaultValuesFor, isPlaceholderOrReference, looksGenerated } from '../shared/secret-values';
import { findFormats } from './formats';

/** Pre-filter: a known format, or a secret word and a long unbroken token somewhere in the file. */
export const HARDCODED_PREFILTER: ReadonlyArray<RegExp> = [
  /AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|glpat-|xox[baprs]-|hooks\.slack\.com|_live_|AIza|sk-|npm_|-----BEGIN|eyJ/,
  /^(?=[\s\S]*(?:pass(?:w(?:or)?d|phrase)|pwd|secret|token|api.?key|private.?key|credential|creds|jwt|bearer|authorization|cookie|session|signing|access.?key|otp|db.?key))(?=[\s\S]*[A-Za-z0-9+/=_.~-]{20})/i,
  /:\/\/[^\s:/@'"`]+:[^\s@'"`]+@/,
];

/** `scheme://user:password@host`, with a password made of the characters URLs allow unescaped. */
const URL_CREDENTIALS = /[a-z][a-z0-9+.-]*:\/\/([A-Za-z0-9._~%!$&*+,;=-]+):([A-Za-z0-9._~%!$&*+,;=-]{3,})@(?=[A-Za-z0-9.-])/gi;

function displayName(name: string): string {
  return `\`${name.replace(/`/g, "'").slice(0, 80)}\``;
}

/** Reports the known formats inside a node's text (a string literal or a comment). */
export function reportFormats(node: Node, context: RuleContext): void {
  const text = node.text;
  for (const match of findFormats(text)) {
    context.report({ start: node.startIndex + match.start, end: node.startIndex + match.end, messageId: 'format', data: { format: match.format } });
  }
}

/** Hosts reserved for documentation and tests (RFC 2606, RFC 6761) and loopback. */
const EXAMPLE_HOST = /^(?:localhost|127\.0\.0\.1|example|foo|bar|host|hostname)(?:[:/]|$)|\.(?:example|test|invalid|localhost|faketld)(?:[:/]|$)|(?:^|\.)example\.(?:com|org|net)(?:[:/]|$)/i;

/**
 * Passwords in URLs written in a literal, unless they are references or defaults (`default-credential`'s).
 * URLs in test files are fixtures for URL handling, not credentials.
 */
export function reportUrlPasswords(start: number, text: string, name: string, context: RuleContext): void {
  if (context.isTestFile) return;
  const defaults = defaultValuesFor(context.config.defaultValues);
  URL_CREDENTIALS.lastIndex = 0;
  for (let match = URL_CREDENTIALS.exec(text); match; match = URL_CREDENTIALS.exec(text)) {
    const [whole, user, password] = match as unknown as [string, string, string];
    if (isPlaceholderOrReference(password) || defaults.isDefault(password) || user === password || /^[$%{<]/.test(password)) continue;
    if (EXAMPLE_HOST.test(text.slice(match.index + whole.length))) continue;
    context.report({ start: start + match.index, end: start + match.index + whole.length, messageId: 'urlPassword', data: { name: displayName(name) } });
  }
}

/** A random-looking literal bound to a secret name. Defaults are `default-credential`'s to report. */
export function reportHighEntropy(at: { start: number; end: number }, binding: Pick<LiteralBinding, 'name' | 'value'>, context: RuleContext): void {
  if (!secretNamesFor(context.config.secretNames).isSecretName(binding.name)) return;
  if (defaultValuesFor(context.config.defaultValues).isDefault(binding.value) || !looksGenerated(binding.value)) return;
  if (findFormats(binding.value).length > 0) return;
  context.report({ start: at.start, end: at.end, messageId: 'highEntropy', data: { name: displayName(binding.name), length: [...binding.value].length } });
}

/**
 * The check every language shares: known formats in a string literal or comment, then, for a
 * literal bound to a name, a password in a URL and a random-looking value under a secret name.
 */
export function checkLiteralOrComment(
  captures: { literal?: Node | undefined; comment?: Node | undefined },
  context: RuleContext,
  bindingOf: (literal: Node) => Pick<LiteralBinding, 'name' | 'value'> | undefined,
): void {
  const { literal, comment } = captures;
  const node = literal ?? comment;
  if (!node) return;
  reportFormats(node, context);
  if (!literal || literal.endIndex - literal.startIndex > 4096) return;
  const binding = bindingOf(literal);
  if (!binding) return;
  reportUrlPasswords(literal.startIndex, literal.text, binding.name, context);
  reportHighEntropy({ start: literal.startIndex, end: literal.endIndex }, binding, context);
}
