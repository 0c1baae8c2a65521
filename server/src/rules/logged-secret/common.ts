import type { Node } from 'web-tree-sitter';
import { fix, replaceRange } from '../../engine/fix';
import type { RuleContext } from '../../engine/rule';
import { nameWords, SECRET_NAME_TEXT, secretNamesFor } from '../shared/secret-names';

/**
 * The file pre-filter: a logger's or printer's word and a secret name must both occur (one pattern,
 * two look-aheads, as the engine ORs pre-filter entries). Words the user adds pass on their own.
 */
export function prefilterFor(loggerWords: string): RegExp {
  return new RegExp(`^(?=[\\s\\S]*?(?:${loggerWords}))(?=[\\s\\S]*?(?:${SECRET_NAME_TEXT.source}))`, 'i');
}

/** What every language's fix writes in place of the secret. */
export const REDACTED = '[REDACTED]';

const LEXER_WORDS = /\b(?:lexer|lexers|scanner|tokeni[sz]er|tokeni[sz]e|parser|syntax|grammar)\b/i;
const AUTH_WORDS = /\b(?:auth|authn|authz|authenticat\w*|authoriz\w*|bearer|oauth2?|jwt|login|credentials?|passwords?|api_?key)\b/i;

/**
 * A lexer's or parser's `token` is a piece of syntax: in a file about parsing with no word of
 * authentication, a bare `token` is not a credential (`api_token`, `authToken` still are).
 */
function isSyntaxToken(name: string, context: RuleContext): boolean {
  const words = nameWords(name);
  if (words.length !== 1 || (words[0] !== 'token' && words[0] !== 'tokens')) return false;
  return context.memo('logged-secret:parses-syntax', () => LEXER_WORDS.test(context.document.text) && !AUTH_WORDS.test(context.document.text));
}

export function isSecretName(name: string, context: RuleContext): boolean {
  return secretNamesFor(context.config.secretNames).isSecretName(name) && !isSyntaxToken(name, context);
}

/**
 * A name that mentions a secret but describes it (`token_count`, `password_min_length`): the
 * value under a secret-named key is then metadata, not the secret.
 */
export function describesSecret(name: string, context: RuleContext): boolean {
  const model = secretNamesFor(context.config.secretNames);
  return model.secretPhrase(name) !== undefined && !model.isSecretName(name);
}

/** Whether a logger's receiver is named like one: `log`, `logger`, `mainLog`, `authLogger`, `_LOG`, zap's `sugar`. */
export function isLoggerName(name: string): boolean {
  const words = name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).filter((word) => word.length > 0);
  const last = words[words.length - 1]?.toLowerCase();
  return last === 'log' || last === 'logger' || last === 'logging' || last === 'sugar' || /^(?:s|z|std|sys)?log(?:ger)?$/i.test(name);
}

export interface Leak {
  /** Where the secret appears: the argument, the field's value, the `{token}` placeholder. */
  start: number;
  end: number;
  /** The variable, member path or key that is secret-named; never a value. */
  name: string;
  /** Whether the finding rests on a secret-named key rather than on the value's own name. */
  byKey: boolean;
  /** The replacement text for the range, or undefined when no replacement compiles. */
  replacement: string | undefined;
}

/** What a variable, member path or key looks like; anything else is not shown (it could be data). */
const SHOWN_NAME = /^[A-Za-z_$][\w$.():-]{0,63}(?:\("[A-Za-z_][\w.-]{0,63}"\))?$/;

export function reportLeak(leak: Leak, logger: string, context: RuleContext): void {
  const model = secretNamesFor(context.config.secretNames);
  // `r.Header.Get("Authorization")` is named by its key.
  const lookup = /\("([^"]+)"\)$/.exec(leak.name);
  const lastSegment = lookup ? lookup[1]! : leak.name.split('.').filter((part) => part.length > 0).pop() ?? leak.name;
  const phrase = model.secretPhrase(lastSegment);
  // Names come from identifiers and keys, never from values; a key that does not look like a name
  // (`{ 'password=…': x }`) is described by its phrase instead of being quoted.
  const name = SHOWN_NAME.test(leak.name) ? leak.name : `${phrase ?? 'secret'}…`;
  context.report({
    start: leak.start,
    end: leak.end,
    messageId: leak.byKey ? 'key' : 'value',
    // `api_key` (api key) says what kind of secret it is; `password` (password) would only repeat it.
    data: { name, logger, phrase: phrase === undefined || phrase === nameWords(lastSegment).join(' ') ? '' : ` (${phrase})` },
    fixes: leak.replacement === undefined ? [] : [fix('Redact the secret', [replaceRange(leak.start, leak.end, leak.replacement)])],
  });
}

/** The text of a node when it is a plain name, for messages: `cfg.db_password`. */
export function nodeName(node: Node): string {
  return node.text.replace(/\s+/g, '');
}
