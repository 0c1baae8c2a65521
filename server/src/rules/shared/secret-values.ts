import type { ListAdjustment } from '../../config/types';
import { perAdjustment } from './secret-names';

/**
 * What a secret's value looks like: the well-known defaults and placeholders of `default-credential`,
 * the masks and templates that are not secrets at all, and the entropy measure of `hardcoded-secret`.
 * Pure string functions; no value ever leaves them except as a yes/no.
 */

/** Defaults and placeholders teams ship by accident (compared case-insensitively). */
const DEFAULT_VALUES: readonly string[] = [
  'devtoken', 'dev-token', 'dev_token', 'dev', 'development', 'changeme', 'change-me', 'change_me', 'changeit',
  'change-it', 'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pass', 'passwd', 'secret', 'secret123', 'mysecret',
  'my-secret', 'supersecret', 'super-secret', 'topsecret', 'admin', 'admin123', 'administrator', 'root', 'toor',
  'test', 'testing', 'test123', 'default', 'example', 'sample', 'demo', '123456', '1234567', '12345678',
  '123456789', '1234', '12345', 'qwerty', 'letmein', 'welcome', 'guest', 'user', 'token', 'mytoken', 'apikey',
  'api-key', 'your-secret-here', 'your_secret_here', 'your-secret', 'your-token', 'your-token-here',
  'your-api-key', 'your_api_key', 'your-api-key-here', 'your-password', 'your_password', 'yourpassword',
  'insecure', 'notsecret', 'not-a-secret', 'not-secret', 'dummy', 'foobar', 'foo', 'bar', 'xxx', 'xxxx',
  'xxxxx', 'todo', 'tbd', 'fixme', 'postgres', 'mysql', 'redis', 'minioadmin', 'guest', 'local', 'localdev',
  'dev-secret', 'dev_secret', 'devsecret', 'dev-password', 'devpassword', 'test-token', 'testtoken',
  'test-secret', 'testsecret', 'jwt-secret', 'jwtsecret', 'jwt_secret', 'secretkey', 'secret-key', 'secret_key',
];

/** Bounds on what a configured default may look like; longer strings are content, not defaults. */
const MAX_DEFAULT_LENGTH = 64;

export class DefaultValues {
  private readonly values: ReadonlySet<string>;

  constructor(adjustment: ListAdjustment = { add: [], ignore: [] }) {
    const ignored = new Set(adjustment.ignore.map((value) => value.toLowerCase()));
    this.values = new Set([...DEFAULT_VALUES, ...adjustment.add].map((value) => value.toLowerCase()).filter((value) => !ignored.has(value)));
  }

  /** Whether a value is a well-known default or placeholder credential (not the empty string). */
  isDefault(value: string): boolean {
    if (value.length === 0 || value.length > MAX_DEFAULT_LENGTH) return false;
    return this.values.has(value.trim().toLowerCase());
  }
}

/** The defaults of a configuration's `defaultValues`. */
export const defaultValuesFor = perAdjustment((adjustment) => new DefaultValues(adjustment));

/** Pre-filter: some `scheme://user:password@` in the text. */
export const URL_WITH_PASSWORD = /:\/\/[^\s:/@'"`]+:[^\s@'"`]*@/;

export interface UrlCredentials {
  /** Offset of the URL's scheme in the text, and the length up to and including the `@`. */
  index: number;
  length: number;
  user: string;
  password: string;
}

/** Every `scheme://user:password@host` in a text. */
export function urlCredentials(text: string): UrlCredentials[] {
  const found: UrlCredentials[] = [];
  const pattern = /[a-z][a-z0-9+.-]*:\/\/([^:/@\s'"`]+):([^@/\s'"`]*)@(?=[A-Za-z0-9.[-])/gi;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    found.push({ index: match.index, length: match[0].length, user: match[1]!, password: match[2]! });
  }
  return found;
}

/**
 * Values that stand for a secret without being one: masks (`*******`, `REDACTED`), templates
 * (`${VAR}`, `{{ .Values.x }}`, `%(name)s`, `<your-key>`), all-same-character fillers
 * (`xxxxxxxx`), and references to where a secret lives (`vault:…`, `arn:aws:…`, `ssm:/…`).
 */
export function isPlaceholderOrReference(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length === 0) return false;
  if (/^(.)\1*$/s.test(trimmed)) return true;
  if (/^[*•·xX#.\-_]+$/.test(trimmed)) return true;
  if (/redacted|masked|hidden|\bnot[ _-]?set\b|\bunset\b|\bnone\b|\bnull\b|\bundefined\b/i.test(trimmed) && trimmed.length <= 40) return true;
  if (/\$\{[^}]*\}|\$\([^)]*\)|^\$[A-Z_][A-Z0-9_]*$|\{\{[^}]*\}\}|%\([^)]*\)[sd]|^%[sdv]$|^<[^<>]+>$|^\[[A-Za-z _-]+\]$/.test(trimmed)) return true;
  if (/^(?:vault|ssm|secretsmanager|arn|env|file|gcp-secret|azure-keyvault|op|doppler|sops|ref|projects\/[^/]+\/secrets)[:/]/i.test(trimmed)) return true;
  if (/^(?:your|my|some|insert|enter|replace|put|add)[-_ ]/i.test(trimmed) && /[-_ ](?:here|key|token|secret|password)$/i.test(trimmed)) return true;
  return false;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  const length = [...value].length;
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Thresholds of SPEC §2 for a literal bound to a secret name to count as a real secret. */
export const HIGH_ENTROPY_MIN_LENGTH = 20;
export const HIGH_ENTROPY_MIN_BITS = 4.0;

/** Whether a literal looks like a generated secret rather than prose, a path or an identifier. */
export function looksGenerated(value: string): boolean {
  if (value.length < HIGH_ENTROPY_MIN_LENGTH || value.length > 4096) return false;
  if (/\s/.test(value.trim())) return false;
  // Generated keys use a small alphabet: no quotes, brackets or percent-escapes (URL test data).
  if (/["'()<>[\]{}\\|`^]|%[0-9A-Fa-f]{2}.*%[0-9A-Fa-f]{2}/.test(value)) return false;
  if (isPlaceholderOrReference(value)) return false;
  if (isUuid(value) || isHexDigest(value) || isIntegrity(value)) return false;
  if (/^(?:https?|file|s3|gs):\/\//i.test(value) && !/:[^/@:]+@/.test(value)) return false;
  if (/^(?:\.{0,2}\/|~\/)[\w.\-/]*$/.test(value) || /^[a-z0-9_.-]+(?:\/[a-z0-9_.-]+)+\/?$/.test(value)) return false;
  if (/^[a-z]+(?:[._-][a-z]+)+$/i.test(value)) return false;
  return shannonEntropy(value) >= HIGH_ENTROPY_MIN_BITS;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** A bare hex digest (git SHA, sha256 of a file): identifies content, holds no secret. */
export function isHexDigest(value: string): boolean {
  return /^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$|^[0-9a-f]{128}$/i.test(value);
}

/** Subresource-integrity strings as in HTML and lockfiles: `sha512-…`. */
export function isIntegrity(value: string): boolean {
  return /^sha(?:1|256|384|512)-[A-Za-z0-9+/]+=*$/.test(value);
}
