import { SECRET_NAME_TEXT, secretWordsConfiguredPrefilter } from '../shared/secret-names';
import { URL_WITH_PASSWORD } from '../shared/secret-values';
import { defineLanguageRule } from '../../engine/rule';
import { fix, replaceNode } from '../../engine/fix';
import { literalBinding, requiredEnvironmentExpression } from '../shared/secret-literals/typescript';
import { reportLiteral, USER_PASSWORD_PAIR_PREFILTER } from './judge';

export default defineLanguageRule({
  language: 'typescript',
  prefilter: [SECRET_NAME_TEXT, URL_WITH_PASSWORD, USER_PASSWORD_PAIR_PREFILTER],
  configuredPrefilter: secretWordsConfiguredPrefilter,
  query: `
    (string) @literal
    (template_string) @literal
  `,
  check({ captures: { literal } }, context) {
    if (!literal) return;
    reportLiteral(literal, literalBinding(literal), context, (name, binding) => [
      fix(`Read ${name} from the environment, failing when it is missing`, [replaceNode(binding.replace, requiredEnvironmentExpression(name))]),
    ]);
  },
});
