import { secretWordsConfiguredPrefilter } from '../shared/secret-names';
import { defineLanguageRule } from '../../engine/rule';
import { literalBinding } from '../shared/secret-literals/python';
import { checkLiteralOrComment, HARDCODED_PREFILTER } from './judge';

export default defineLanguageRule({
  language: 'python',
  prefilter: HARDCODED_PREFILTER,
  configuredPrefilter: secretWordsConfiguredPrefilter,
  query: `
    (string) @literal
    (comment) @comment
  `,
  check: ({ captures }, context) => checkLiteralOrComment(captures, context, (literal) => literalBinding(literal, context)),
});
