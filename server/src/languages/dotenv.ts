import type { SourceDocument } from '../engine/document';
import type { ConfigEntry, LanguageDefinition } from './types';
import { unescapeBackslashes } from './config-values';
import { configTestPath } from './config-paths';

const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/;

/** Reads `KEY=value` lines the way dotenv libraries do: quotes, `export`, trailing comments. */
function dotenvEntries(document: SourceDocument): ConfigEntry[] {
  const text = document.text;
  const entries: ConfigEntry[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    let next = lineEnd + 1;
    const match = ASSIGNMENT.exec(line);
    if (match) {
      const key = match[1]!;
      const keyStart = lineStart + line.indexOf(key, match[0].indexOf(key));
      const valueStart = lineStart + match[0].length;
      const quote = text[valueStart];
      let value: string;
      let valueEnd: number;
      let entryQuote: ConfigEntry['quote'] = '';
      if (quote === '"' || quote === "'") {
        // Quoted values may span lines; find the closing quote that is not escaped.
        let close = valueStart + 1;
        while (close < text.length && text[close] !== quote) close += text[close] === '\\' && quote === '"' ? 2 : 1;
        const raw = text.slice(valueStart + 1, Math.min(close, text.length));
        value = quote === '"' ? unescapeBackslashes(raw) : raw;
        valueEnd = Math.min(close + 1, text.length);
        entryQuote = quote;
        const afterClose = text.indexOf('\n', valueEnd);
        next = afterClose === -1 ? text.length : afterClose + 1;
      } else {
        const rest = line.slice(match[0].length);
        const comment = rest.search(/[ \t]#/);
        value = (comment === -1 ? rest : rest.slice(0, comment)).trimEnd();
        valueEnd = valueStart + value.length;
      }
      entries.push({ key, path: [key], keyStart, keyEnd: keyStart + key.length, value, valueKind: 'string', valueStart, valueEnd, quote: entryQuote });
    }
    lineStart = next;
  }
  return entries;
}

export const dotenv: LanguageDefinition = {
  id: 'dotenv',
  family: 'config',
  matchesPath: (_path, baseName) => baseName === '.env' || baseName.startsWith('.env.') || baseName.endsWith('.env'),
  comment: { line: '#' },
  commentNodeTypes: [],
  isTestPath: configTestPath,
  configEntries: (document) => dotenvEntries(document),
};
