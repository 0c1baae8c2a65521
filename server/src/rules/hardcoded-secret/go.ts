import { secretWordsConfiguredPrefilter } from '../shared/secret-names';
import { defineLanguageRule } from '../../engine/rule';
import { literalBinding } from '../shared/secret-literals/go';
import { checkLiteralOrComment, HARDCODED_PREFILTER } from './judge';

export default defineLanguageRule({
  language: 'go',
  prefilter: HARDCODED_PREFILTER,
  configuredPrefilter: secretWordsConfiguredPrefilter,
  query: `
    (interpreted_string_literal) @literal
    (raw_string_literal) @literal
    (comment) @comment
  `,
  check: ({ captures }, context) => checkLiteralOrComment(captures, context, (literal) => literalBinding(literal, context)),
});
