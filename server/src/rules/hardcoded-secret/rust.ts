import { secretWordsConfiguredPrefilter } from '../shared/secret-names';
import { defineLanguageRule } from '../../engine/rule';
import { literalBinding } from '../shared/secret-literals/rust';
import { checkLiteralOrComment, HARDCODED_PREFILTER } from './judge';

export default defineLanguageRule({
  language: 'rust',
  prefilter: HARDCODED_PREFILTER,
  configuredPrefilter: secretWordsConfiguredPrefilter,
  query: `
    (string_literal) @literal
    (raw_string_literal) @literal
    (line_comment) @comment
    (block_comment) @comment
  `,
  check: ({ captures }, context) => checkLiteralOrComment(captures, context, (literal) => literalBinding(literal, context)),
});
