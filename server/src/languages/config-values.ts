import type { Node } from 'web-tree-sitter';
import type { ConfigEntry } from './types';

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0', e: '\x1b', '"': '"', "'": "'", '\\': '\\', '/': '/', ' ': ' ',
};

/** Decodes backslash escapes shared by JSON, TOML basic strings, YAML double quotes and dotenv. */
export function unescapeBackslashes(raw: string): string {
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|\r?\n[ \t]*|.)/g, (_m, esc: string) => {
    const head = esc[0]!;
    if (head === 'u' || head === 'U' || head === 'x') {
      const hex = esc.replace(/^[uUx]\{?|\}$/g, '');
      const code = Number.parseInt(hex, 16);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : esc;
    }
    if (head === '\n' || head === '\r') return '';
    return SIMPLE_ESCAPES[head] ?? esc;
  });
}

/** A quoted string's content: the text between its delimiters, with the quote used. */
export function splitQuotes(raw: string): { inner: string; quote: '"' | "'" | ''; delimiter: number } {
  for (const delimiter of ['"""', "'''", '"', "'"]) {
    if (raw.length >= delimiter.length * 2 && raw.startsWith(delimiter) && raw.endsWith(delimiter)) {
      return { inner: raw.slice(delimiter.length, raw.length - delimiter.length), quote: delimiter[0] as '"' | "'", delimiter: delimiter.length };
    }
  }
  return { inner: raw, quote: '', delimiter: 0 };
}

/** Builds an entry from a key node and a value node whose scalar value is already decoded. */
export function entryFromNodes(
  path: readonly string[],
  keyNode: Node,
  valueNode: Node | null,
  value: string | undefined,
  valueKind: ConfigEntry['valueKind'],
  quote: ConfigEntry['quote'],
): ConfigEntry {
  const entry: ConfigEntry = {
    key: path[path.length - 1] ?? '',
    path,
    keyStart: keyNode.startIndex,
    keyEnd: keyNode.endIndex,
    value,
    valueKind,
    valueStart: valueNode ? valueNode.startIndex : keyNode.endIndex,
    valueEnd: valueNode ? valueNode.endIndex : keyNode.endIndex,
    quote,
  };
  if (valueNode) entry.valueNode = valueNode;
  return entry;
}

const ASSIGNMENT_ITEM = /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s;

/**
 * `KEY=value` written as one string, as in docker-compose `environment:` and `args:` lists.
 * `start` is the offset of the string's first content character.
 */
export function assignmentEntry(path: readonly string[], content: string, start: number): ConfigEntry | undefined {
  const match = ASSIGNMENT_ITEM.exec(content);
  if (!match) return undefined;
  const key = match[1]!;
  const valueStart = start + key.length + 1;
  return {
    key,
    path: [...path, key],
    keyStart: start,
    keyEnd: start + key.length,
    value: match[2]!,
    valueKind: 'string',
    valueStart,
    valueEnd: valueStart + match[2]!.length,
    // The offsets already exclude the string's quotes.
    quote: '',
  };
}

/**
 * `{name: X, value: Y}` objects (Kubernetes `env:`, ECS task definitions) are settings named X.
 * Given the entries found directly inside one mapping, returns the named setting if there is one.
 */
export function nameValueEntry(path: readonly string[], siblings: readonly ConfigEntry[]): ConfigEntry | undefined {
  const name = siblings.find((entry) => entry.key === 'name' && entry.valueKind === 'string' && entry.value);
  const value = siblings.find((entry) => entry.key === 'value');
  if (!name || !value || !name.value) return undefined;
  const contentStart = name.valueStart + (name.quote ? 1 : 0);
  const entry: ConfigEntry = {
    ...value,
    key: name.value,
    path: [...path, name.value],
    keyStart: contentStart,
    keyEnd: contentStart + name.value.length,
  };
  return entry;
}
