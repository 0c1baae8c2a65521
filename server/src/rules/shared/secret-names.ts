import type { ListAdjustment, ResolvedConfig } from '../../config/types';

/**
 * The secret-name model of SPEC §2, shared by the secret rules of every language and config format:
 * a name is secret-named when its words include a secret phrase and no word marks it as metadata
 * about the secret (`token_count`, `TOKEN_HEADER_NAME`, `password_min_length`).
 */

/** Phrases whose words, consecutive in a name, make it secret-named. */
const SECRET_PHRASES: readonly string[] = [
  'password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'tokens',
  'api key', 'apikey', 'private key', 'privatekey', 'credential', 'credentials', 'creds',
  'jwt', 'bearer', 'authorization', 'cookie', 'session id', 'sessionid', 'session key', 'db key',
  'signing key', 'client secret', 'access key', 'accesskey', 'otp',
  'secrets', 'passwords', 'cookies', 'secretkey', 'clientsecret', 'signingkey', 'authtoken', 'apitoken',
  'accesstoken', 'refreshtoken', 'sessiontoken', 'bearertoken', 'idtoken', 'dbpassword', 'dbpass',
];

/**
 * Words that describe a secret rather than hold one. SPEC's list, plus names of messages, metrics,
 * flags and settings that teams complained about in other tools (`token_fail_reason`,
 * `TokenFetchErrors`, `is_token_valid`, `secret_env_var`).
 */
const METADATA_WORDS: ReadonlySet<string> = new Set([
  'count', 'len', 'length', 'size', 'num', 'number', 'max', 'min', 'limit', 'type', 'kind', 'name', 'names',
  'field', 'fields', 'header', 'headers', 'expiry', 'expires', 'expiration', 'expire', 'expired', 'ttl', 'age',
  'lifetime', 'duration', 'timeout', 'interval', 'policy', 'url', 'uri', 'path', 'file', 'filename', 'dir',
  'directory', 'prefix', 'suffix', 'env', 'var', 'variable', 'route', 'routes', 'endpoint', 'error', 'errors',
  'err', 'reason', 'fail', 'failed', 'failure', 'failures', 'message', 'msg', 'metric', 'metrics', 'counter',
  'label', 'description', 'help', 'hint', 'prompt', 'placeholder', 'regex', 'pattern', 'format', 'strength',
  'rule', 'rules', 'validator', 'validation', 'valid', 'invalid', 'is', 'has', 'should', 'enabled', 'disabled',
  'required', 'mode', 'algorithm', 'alg', 'scheme', 'provider', 'version', 'location', 'source', 'id', 'ids',
  'ref', 'reference', 'index', 'offset', 'position', 'pos', 'start', 'end', 'kinds', 'types', 'bits', 'bytes', 'chars', 'param',
  'flags', 'ldflags', 'cflags', 'module', 'lib', 'libs',
]);

/**
 * Words that turn `token` into a lexer, pagination or language-model term: `next_token`,
 * `page_token`, `input_tokens`. They cancel `token`/`tokens` only.
 */
const NON_CREDENTIAL_TOKEN_WORDS: ReadonlySet<string> = new Set([
  'next', 'page', 'pagination', 'continuation', 'cursor', 'sync', 'input', 'output', 'prompt', 'completion',
  'completions', 'total', 'lexer', 'lex', 'parser', 'syntax', 'eof', 'cancellation', 'cancel', 'stop', 'special',
  'bos', 'eos', 'pad', 'unk', 'mask', 'cls', 'sep', 'word', 'sub', 'current', 'peek', 'last', 'prev', 'previous',
  'expected', 'unexpected', 'raw', 'literal', 'punct', 'keyword', 'ident', 'identifier', 'operator', 'comment',
  'whitespace', 'newline', 'tree', 'stream', 'node', 'ast', 'cst', 'css', 'design', 'theme', 'color', 'colour',
  'spacing', 'font', 'semantic', 'kinds', 'batch', 'chunk', 'embedding', 'vocab', 'generated', 'reasoning',
  'cached', 'cache', 'starting', 'resume', 'acquire', 'acquired', 'semaphore', 'lease', 'range', 'span',
]);

/**
 * A bare `tokens` is usually a lexer's or a language model's; it holds credentials only with a
 * qualifier (`api_tokens`, `AUTH_TOKENS`).
 */
const CREDENTIAL_TOKEN_QUALIFIERS: ReadonlySet<string> = new Set([
  'api', 'auth', 'access', 'refresh', 'bearer', 'session', 'admin', 'user', 'users', 'service', 'app', 'bot',
  'personal', 'oauth', 'csrf', 'xsrf', 'device', 'client', 'github', 'gitlab', 'slack', 'npm', 'deploy',
  'registry', 'master', 'root', 'secret', 'security', 'id', 'jwt', 'login', 'reset', 'invite', 'signup',
  'verification', 'verify', 'magic', 'webhook', 'hook', 'push', 'fcm', 'apns',
]);

/** Prefixes that make a single lower-case word a secret (`dbpassword`, `adminpassword`, `oauthtoken`). */
const JOINED_PREFIXES = [
  'api', 'auth', 'access', 'refresh', 'bearer', 'id', 'session', 'client', 'app', 'admin', 'user', 'root', 'db',
  'master', 'service', 'bot', 'oauth', 'github', 'gitlab', 'slack', 'npm', 'aws', 'private', 'secret', 'csrf',
  'xsrf', 'signing', 'encryption', 'jwt', 'mysql', 'postgres', 'redis', 'smtp', 'mail', 'ftp', 'ldap', 'rabbit',
];
const JOINED_SECRET = new RegExp(`^(?:${JOINED_PREFIXES.join('|')})(?:password|passwd|pwd|pass|secret|token|key)$`);

/**
 * Matches any text that holds a name the built-in model calls secret: each phrase with any
 * separators between its words (`api_key`, `apiKey`, `API-KEY`), and the joined single words
 * (`dbpassword`, `masterkey`). A pre-filter: a file without it has no secret-named value, unless the
 * user added words (`addedSecretWordPatterns`).
 */
export const SECRET_NAME_TEXT: RegExp = new RegExp(
  [
    ...SECRET_PHRASES.map((phrase) => phrase.split(' ').join('[\\W_]*')),
    `(?:${JOINED_PREFIXES.join('|')})(?:password|passwd|pwd|pass|secret|token|key)`,
  ].join('|'),
  'i',
);

/** Splits a name into lower-case words on `_`, `-`, `.`, spaces, camelCase, acronyms and digits. */
export function nameWords(name: string): string[] {
  const spaced = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .replace(/([0-9])([A-Za-z])/g, '$1 $2');
  return spaced
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/** The compiled model: built-in lists adjusted by the user's `secretNames` setting. */
export class SecretNames {
  private readonly phrases: ReadonlyArray<readonly string[]>;
  private readonly ignoredNames: ReadonlySet<string>;
  private readonly verdicts = new Map<string, boolean>();

  constructor(adjustment: ListAdjustment = { add: [], ignore: [] }) {
    const ignored = new Set(adjustment.ignore.map((entry) => nameWords(entry).join(' ')));
    const phrases = new Map<string, readonly string[]>();
    for (const phrase of [...SECRET_PHRASES, ...adjustment.add]) {
      const words = nameWords(phrase);
      const key = words.join(' ');
      if (words.length > 0 && !ignored.has(key)) phrases.set(key, words);
    }
    this.phrases = [...phrases.values()];
    this.ignoredNames = ignored;
  }

  /** Whether `name` (an identifier, field, key or string key) is secret-named. */
  isSecretName(name: string): boolean {
    let verdict = this.verdicts.get(name);
    if (verdict === undefined) {
      verdict = this.judge(name);
      if (this.verdicts.size > 10_000) this.verdicts.clear();
      this.verdicts.set(name, verdict);
    }
    return verdict;
  }

  /** The secret phrase a name contains, for messages: `api key` in `X_API_KEY`. */
  secretPhrase(name: string): string | undefined {
    const words = nameWords(name);
    const match = this.findPhrase(words);
    return match ? words.slice(match.start, match.start + match.length).join(' ') : undefined;
  }

  private judge(name: string): boolean {
    if (name.length === 0 || name.length > 128) return false;
    const words = nameWords(name);
    if (words.length === 0 || words.length > 12) return false;
    if (this.ignoredNames.has(words.join(' '))) return false;
    const match = this.findPhrase(words);
    if (!match) return false;
    const others = words.filter((_, index) => index < match.start || index >= match.start + match.length);
    if (others.some((word) => METADATA_WORDS.has(word))) return false;
    const phrase = words.slice(match.start, match.start + match.length);
    if (phrase.length === 1 && (phrase[0] === 'token' || phrase[0] === 'tokens')) {
      if (others.some((word) => NON_CREDENTIAL_TOKEN_WORDS.has(word))) return false;
      if (phrase[0] === 'tokens' && !others.some((word) => CREDENTIAL_TOKEN_QUALIFIERS.has(word))) return false;
    }
    // `pwd` is also the working directory (`PWD`, `os.getcwd()` stored as `pwd`).
    if (phrase.length === 1 && phrase[0] === 'pwd' && others.length === 0 && name === name.toUpperCase()) return false;
    return true;
  }

  private findPhrase(words: readonly string[]): { start: number; length: number } | undefined {
    for (let start = 0; start < words.length; start++) {
      for (const phrase of this.phrases) {
        if (phrase.length > words.length - start) continue;
        if (phrase.every((word, offset) => words[start + offset] === word)) return { start, length: phrase.length };
      }
      const word = words[start]!;
      if (word.length > 6 && JOINED_SECRET.test(word) && !this.ignoredNames.has(word)) return { start, length: 1 };
    }
    return undefined;
  }
}

/** A function of a list adjustment, computed once per configuration object. */
export function perAdjustment<T>(build: (adjustment: ListAdjustment) => T): (adjustment: ListAdjustment) => T {
  const built = new WeakMap<ListAdjustment, T>();
  return (adjustment) => {
    if (!built.has(adjustment)) built.set(adjustment, build(adjustment));
    return built.get(adjustment)!;
  };
}

/** The model for a configuration's `secretNames`. */
export const secretNamesFor = perAdjustment((adjustment) => new SecretNames(adjustment));

/** How messages show a name: in code style, shortened, never a value. */
export function secretNameLabel(name: string): string {
  return `\`${name.replace(/`/g, "'").slice(0, 80)}\``;
}

/**
 * The environment variable a binding's value should come from: `authToken` → `AUTH_TOKEN`,
 * `cfg.db_password` → `DB_PASSWORD`.
 */
export function environmentNameFor(name: string): string {
  const last = name.split(/[.:]|->/).filter((part) => part.length > 0).pop() ?? name;
  const words = nameWords(last);
  return words.length > 0 ? words.join('_').toUpperCase() : 'SECRET';
}

/**
 * Pre-filter patterns for the words a user added to the secret-name model, so a file whose only
 * secret name uses one (`card_pin` with `pin` added) is still analysed.
 */
export const addedSecretWordPatterns = perAdjustment((adjustment) => {
  const words = [...new Set(adjustment.add.flatMap((entry) => nameWords(entry)))].filter((word) => word.length > 0);
  return words.map((word) => new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'));
});

/** `configuredPrefilter` of every secret rule: the words the user added. */
export function secretWordsConfiguredPrefilter(config: ResolvedConfig): ReadonlyArray<RegExp> {
  return addedSecretWordPatterns(config.secretNames);
}
