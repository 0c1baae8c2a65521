import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../engine/rule';
import type { LiteralBinding } from '../shared/secret-literals/model';
import { SECRET_NAME_TEXT, secretNameLabel, secretNamesFor } from '../shared/secret-names';
import { defaultValuesFor, HIGH_ENTROPY_MIN_LENGTH, isPlaceholderOrReference, looksGenerated, URL_WITH_PASSWORD, urlCredentials } from '../shared/secret-values';
import { findFormats, FORMAT_PREFILTER } from './formats';

/** Pre-filter: a known format, a secret name beside a long unbroken token, or a URL with a password. */
export const HARDCODED_PREFILTER: ReadonlyArray<RegExp> = [
  FORMAT_PREFILTER,
  new RegExp(`^(?=[\\s\\S]*?(?:${SECRET_NAME_TEXT.source}))(?=[\\s\\S]*?[A-Za-z0-9+/=_.~-]{20})`, 'i'),
  URL_WITH_PASSWORD,
];

/** Passwords made of the characters URLs allow unescaped, at least three of them. */
const URL_PASSWORD = /^[A-Za-z0-9._~%!$&*+,;=-]{3,}$/;

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
  for (const { index, length, user, password } of urlCredentials(text)) {
    if (!URL_PASSWORD.test(password) || isPlaceholderOrReference(password) || defaults.isDefault(password) || user === password) continue;
    if (EXAMPLE_HOST.test(text.slice(index + length))) continue;
    context.report({ start: start + index, end: start + index + length, messageId: 'urlPassword', data: { name: secretNameLabel(name) } });
  }
}

/** A random-looking literal bound to a secret name. Defaults are `default-credential`'s to report. */
export function reportHighEntropy(at: { start: number; end: number }, binding: Pick<LiteralBinding, 'name' | 'value'>, context: RuleContext): void {
  if (!secretNamesFor(context.config.secretNames).isSecretName(binding.name)) return;
  if (defaultValuesFor(context.config.defaultValues).isDefault(binding.value) || !looksGenerated(binding.value)) return;
  if (findFormats(binding.value).length > 0) return;
  context.report({ start: at.start, end: at.end, messageId: 'highEntropy', data: { name: secretNameLabel(binding.name), length: [...binding.value].length } });
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
  // Most literals are short words: too short to look generated, and no URL.
  if (literal.endIndex - literal.startIndex < HIGH_ENTROPY_MIN_LENGTH && !literal.text.includes('://')) return;
  const binding = bindingOf(literal);
  if (!binding) return;
  reportUrlPasswords(literal.startIndex, literal.text, binding.name, context);
  reportHighEntropy({ start: literal.startIndex, end: literal.endIndex }, binding, context);
}
