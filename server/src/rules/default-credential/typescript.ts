import { addedSecretWordPatterns } from '../shared/secret-names';
import { defineLanguageRule } from '../../engine/rule';
import { fix, replaceNode } from '../../engine/fix';
import { literalBinding, requiredEnvironmentExpression } from '../shared/secret-literals/typescript';
import { environmentNameOf, judge } from './judge';
import { SECRET_WORDS_PREFILTER } from './prefilter';

export default defineLanguageRule({
  language: 'typescript',
  prefilter: [SECRET_WORDS_PREFILTER, /:\/\/[^\s:/@'"`]+:[^\s@'"`]*@/],
  configuredPrefilter: (config) => addedSecretWordPatterns(config.secretNames),
  query: `
    (string) @literal
    (template_string) @literal
  `,
  check({ captures }, context) {
    const literal = captures.literal;
    if (!literal || literal.endIndex - literal.startIndex > 256) return;
    const binding = literalBinding(literal);
    if (!binding) return;
    const verdict = judge(binding, context);
    if (!verdict) return;
    const name = environmentNameOf(binding);
    context.report({
      node: binding.kind === 'env-fallback' ? binding.replace : literal,
      messageId: verdict.messageId,
      data: verdict.data,
      ...(verdict.severity ? { severity: verdict.severity } : {}),
      fixes: verdict.messageId === 'urlPassword' || verdict.messageId === 'userPasswordPair' ? [] : [fix(`Read ${name} from the environment, failing when it is missing`, [replaceNode(binding.replace, requiredEnvironmentExpression(name))])],
    });
  },
});
