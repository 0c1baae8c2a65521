import { addedSecretWordPatterns } from '../shared/secret-names';
import { defineLanguageRule } from '../../engine/rule';
import { literalBinding } from '../shared/secret-literals/go';
import { HARDCODED_PREFILTER, reportFormats, reportHighEntropy, reportUrlPasswords } from './judge';

export default defineLanguageRule({
  language: 'go',
  prefilter: HARDCODED_PREFILTER,
  configuredPrefilter: (config) => addedSecretWordPatterns(config.secretNames),
  query: `
    (interpreted_string_literal) @literal
    (raw_string_literal) @literal
    (comment) @comment
  `,
  check({ captures: { literal, comment } }, context) {
    const node = literal ?? comment;
    if (!node) return;
    reportFormats(node, context);
    if (!literal || literal.endIndex - literal.startIndex > 4096) return;
    const binding = literalBinding(literal, context);
    if (!binding) return;
    reportUrlPasswords(literal.startIndex, literal.text, binding.name, context);
    reportHighEntropy({ start: literal.startIndex, end: literal.endIndex }, binding, context);
  },
});
