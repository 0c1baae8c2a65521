import { shannonEntropy } from '../shared/secret-values';

/** A provider's key format: how to find it in text and what to call it (never the value). */
interface SecretFormat {
  name: string;
  pattern: RegExp;
  /** The part that is random, for the placeholder test; the whole match by default. */
  secretGroup?: number;
}

/**
 * Known key formats, as gitleaks and the providers' own scanners describe them. Each pattern is
 * anchored on the provider's fixed prefix, so a text scan finds candidates before anything is parsed.
 */
export const SECRET_FORMATS: readonly SecretFormat[] = [
  { name: 'AWS access key id', pattern: /\b((?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16})\b/g, secretGroup: 1 },
  { name: 'GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,255})\b/g, secretGroup: 1 },
  { name: 'GitHub fine-grained token', pattern: /\b(github_pat_[A-Za-z0-9_]{50,255})\b/g, secretGroup: 1 },
  { name: 'GitLab token', pattern: /\b(glpat-[A-Za-z0-9_-]{20,})\b/g, secretGroup: 1 },
  { name: 'Slack token', pattern: /\b(xox[baprs]-[A-Za-z0-9-]{10,})\b/g, secretGroup: 1 },
  { name: 'Slack webhook URL', pattern: /(https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{20,})/g, secretGroup: 1 },
  { name: 'Stripe live key', pattern: /\b((?:sk|rk)_live_[A-Za-z0-9]{20,})\b/g, secretGroup: 1 },
  { name: 'Google API key', pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g, secretGroup: 1 },
  { name: 'Anthropic API key', pattern: /\b(sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{32,})/g, secretGroup: 1 },
  { name: 'OpenAI API key', pattern: /\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,})(?![A-Za-z0-9_-])/g, secretGroup: 1 },
  { name: 'npm token', pattern: /\b(npm_[A-Za-z0-9]{36})\b/g, secretGroup: 1 },
  // The whole block, so every output that must mask the key knows where it ends.
  { name: 'private key', pattern: /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----(?:[A-Za-z0-9+/=\\\s:,-]{0,16384}?-----END \1-----)?/g },
  { name: 'JSON Web Token', pattern: /\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,})/g, secretGroup: 1 },
];

/** Cheap test for "this text may hold a known format" (the rule's pre-filter). */
export const FORMAT_PREFILTER = /AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|glpat-|xox[baprs]-|hooks\.slack\.com|_live_|AIza|sk-|npm_|-----BEGIN|eyJ/;

export interface FormatMatch {
  format: string;
  /** Offsets in the scanned text. */
  start: number;
  end: number;
}

/** Values that fill a format's shape without being a key: docs examples, zeros, `xxxx`, `<key>`. */
function isFiller(random: string): boolean {
  if (/EXAMPLE|example|x{6,}|X{6,}|0{8,}|1234567|abcdef|<|>|\.\.\./.test(random)) return true;
  return shannonEntropy(random) < 3;
}

/** A PEM block whose body is a placeholder (`XXXX`, `...`) or too short to hold a key. */
function isPlaceholderKeyBlock(block: string): boolean {
  const body = block.match(/-----BEGIN [^-]+-----([\s\S]*)-----END [^-]+-----/)?.[1];
  if (body === undefined) return false;
  const characters = body.replace(/\\[nr]|\s/g, '');
  return characters.length < 40 || isFiller(characters);
}

/** Every known-format secret in a piece of text (a literal, a comment, a config value). */
export function findFormats(text: string): FormatMatch[] {
  if (!FORMAT_PREFILTER.test(text)) return [];
  const found: FormatMatch[] = [];
  for (const { name, pattern, secretGroup } of SECRET_FORMATS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const whole = match[0];
      const random = secretGroup ? (match[secretGroup] ?? whole) : whole;
      if (secretGroup && isFiller(random.replace(/^[a-z_]+(?:[-_])/i, ''))) continue;
      if (!secretGroup && isPlaceholderKeyBlock(whole)) continue;
      if (found.some((other) => match!.index < other.end && match!.index + whole.length > other.start)) continue;
      found.push({ format: name, start: match.index, end: match.index + whole.length });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
