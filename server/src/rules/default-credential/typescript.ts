import { addedSecretWordPatterns } from '../shared/secret-names';
import { defineLanguageRule } from '../../engine/rule';
import { fix, replaceNode } from '../../engine/fix';
import { literalBinding, requiredEnvironmentExpression } from '../shared/secret-literals/typescript';
import { reportLiteral } from './judge';
import { SECRET_WORDS_PREFILTER } from './prefilter';

export default defineLanguageRule({
  language: 'typescript',
  prefilter: [SECRET_WORDS_PREFILTER, /:\/\/[^\s:/@'"`]+:[^\s@'"`]*@/],
  configuredPrefilter: (config) => addedSecretWordPatterns(config.secretNames),
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
