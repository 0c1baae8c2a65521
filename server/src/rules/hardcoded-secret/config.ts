import { secretWordsConfiguredPrefilter } from '../shared/secret-names';
import { defineLanguageRule } from '../../engine/rule';
import { findFormats } from './formats';
import { HARDCODED_PREFILTER, reportHighEntropy, reportUrlPasswords } from './judge';

/** Known key formats and random-looking values of secret-named keys in `.env`, TOML, YAML and JSON. */
export default defineLanguageRule({
  language: 'config',
  prefilter: HARDCODED_PREFILTER,
  configuredPrefilter: secretWordsConfiguredPrefilter,
  check(entry, context) {
    if (entry.value === undefined || entry.valueKind !== 'string') return;
    const raw = context.document.text.slice(entry.valueStart, entry.valueEnd);
    const formats = findFormats(raw);
    for (const match of formats) {
      context.report({ start: entry.valueStart + match.start, end: entry.valueStart + match.end, messageId: 'format', data: { format: match.format } });
    }
    if (formats.length > 0) return;
    reportUrlPasswords(entry.valueStart, raw, entry.key, context);
    const sameLine = context.document.positionAt(entry.keyStart).line === context.document.positionAt(entry.valueStart).line;
    reportHighEntropy({ start: sameLine ? entry.keyStart : entry.valueStart, end: entry.valueEnd }, { name: entry.key, value: entry.value }, context);
  },
});
