import { addedSecretWordPatterns } from '../shared/secret-names';
import { defineLanguageRule } from '../../engine/rule';
import { literalBinding } from '../shared/secret-literals/typescript';
import { HARDCODED_PREFILTER, reportFormats, reportHighEntropy, reportUrlPasswords } from './judge';

export default defineLanguageRule({
  language: 'typescript',
  prefilter: HARDCODED_PREFILTER,
  configuredPrefilter: (config) => addedSecretWordPatterns(config.secretNames),
  query: `
    (string) @literal
    (template_string) @literal
    (comment) @comment
  `,
  check({ captures: { literal, comment } }, context) {
    const node = literal ?? comment;
    if (!node) return;
    reportFormats(node, context);
    if (!literal || literal.endIndex - literal.startIndex > 4096) return;
    const binding = literalBinding(literal);
    if (!binding) return;
    reportUrlPasswords(literal.startIndex, literal.text, binding.name, context);
    reportHighEntropy({ start: literal.startIndex, end: literal.endIndex }, binding, context);
  },
});
