import type { Node } from 'web-tree-sitter';
import type { Fix } from '../../engine/finding';
import type { RuleContext } from '../../engine/rule';
import type { LiteralBinding, LiteralBindingKind } from '../shared/secret-literals/model';
import { nameWords, secretNameLabel, secretNamesFor } from '../shared/secret-names';
import { defaultValuesFor, isPlaceholderOrReference, urlCredentials } from '../shared/secret-values';

export interface Verdict {
  messageId: string;
  data: Record<string, string>;
  severity?: 'information';
}

/**
 * Where an empty string configures something. A local initialised empty is usually assigned later;
 * an empty parameter default means "not given".
 */
const EMPTY_CONFIGURES: ReadonlySet<LiteralBindingKind> = new Set(['constant', 'field', 'keyword', 'env-fallback', 'returned']);

/** Pre-filter: a common user name followed by `/` or `:` and a word, as in `admin/changeme`. */
export const USER_PASSWORD_PAIR_PREFILTER = /\b(?:admin|administrator|root|user|guest|test|demo|postgres|sa|minioadmin|elastic|rabbit|default)[/:]\w/i;
const USER_PASSWORD_PAIR = /^([A-Za-z_][\w.-]{0,30})[/:]([^\s/:]{1,40})$/;
const COMMON_USERS = new Set(['admin', 'administrator', 'root', 'user', 'guest', 'test', 'demo', 'postgres', 'sa', 'minioadmin', 'elastic', 'rabbit', 'default']);
const PAIR_NAME_WORDS = new Set(['login', 'user', 'auth', 'admin', 'credential', 'credentials', 'creds', 'account', 'basic']);

/** Whether a binding is a default credential, and how to say so. Shared by code and config. */
export function judge(binding: Pick<LiteralBinding, 'kind' | 'name' | 'value'>, context: RuleContext, inConfig = false): Verdict | undefined {
  const { name, value, kind } = binding;
  const names = secretNamesFor(context.config.secretNames);
  const defaults = defaultValuesFor(context.config.defaultValues);
  const severity = context.isExampleFile ? { severity: 'information' as const } : {};
  const data = { name: secretNameLabel(name) };

  const url = urlCredentials(value).find(({ user, password }) => !isPlaceholderOrReference(password) && (defaults.isDefault(password) || user === password));
  if (url) return { messageId: 'urlPassword', data, ...severity };

  if (!names.isSecretName(name)) {
    const pair = USER_PASSWORD_PAIR.exec(value.trim());
    const pairName = inConfig || nameWords(name).some((word) => PAIR_NAME_WORDS.has(word));
    if (pair && pairName && COMMON_USERS.has(pair[1]!.toLowerCase()) && defaults.isDefault(pair[2]!)) return { messageId: 'userPasswordPair', data, ...severity };
    return undefined;
  }
  const empty = value.length === 0;
  if (empty && !EMPTY_CONFIGURES.has(kind)) return undefined;
  if (!empty && !defaults.isDefault(value)) return undefined;
  // `PASSWORD = "password"`, `TOKEN_KEY = "token"`: a constant that names a field, not a credential.
  if (!inConfig && !empty && nameWords(name).join('') === nameWords(value).join('') && (kind === 'constant' || name === name.toUpperCase())) return undefined;
  if (kind === 'env-fallback') return { messageId: empty ? 'emptyEnvFallback' : 'envFallback', data, ...severity };
  if (kind === 'returned') return empty ? undefined : { messageId: 'defaultReturned', data, ...severity };
  return { messageId: empty ? 'emptyValue' : 'defaultValue', data, ...severity };
}

/** The environment variable a fix reads: the env fallback's own, else derived from the binding's name. */
export function environmentNameOf(binding: LiteralBinding): string {
  if (binding.environmentName && /^[A-Za-z_][A-Za-z0-9_]*$/.test(binding.environmentName)) return binding.environmentName;
  const words = nameWords(binding.name).filter((word) => !['default', 'get', 'fn', 'func', 'load', 'read'].includes(word));
  return words.length > 0 ? words.join('_').toUpperCase() : 'SECRET';
}

/**
 * Reports a literal bound to a name when it is a default credential. `fixesFor` builds the
 * language's environment lookup for the variable name; URL passwords and user/password pairs
 * get no automatic fix.
 */
export function reportLiteral(literal: Node, binding: LiteralBinding | undefined, context: RuleContext, fixesFor: (environmentName: string, binding: LiteralBinding) => Fix[]): void {
  if (!binding || literal.endIndex - literal.startIndex > 256) return;
  const verdict = judge(binding, context);
  if (!verdict) return;
  const fixable = verdict.messageId !== 'urlPassword' && verdict.messageId !== 'userPasswordPair';
  context.report({
    node: binding.kind === 'env-fallback' ? binding.replace : literal,
    messageId: verdict.messageId,
    data: verdict.data,
    ...(verdict.severity ? { severity: verdict.severity } : {}),
    fixes: fixable ? fixesFor(environmentNameOf(binding), binding) : [],
  });
}
