import { addedSecretWordPatterns } from '../shared/secret-names';
import { defineLanguageRule } from '../../engine/rule';
import { fix, replaceNode } from '../../engine/fix';
import { importModule, moduleAlias } from '../shared/python';
import { literalBinding } from '../shared/secret-literals/python';
import { environmentNameOf, judge } from './judge';
import { SECRET_WORDS_PREFILTER } from './prefilter';

export default defineLanguageRule({
  language: 'python',
  prefilter: [SECRET_WORDS_PREFILTER, /:\/\/[^\s:/@'"]+:[^\s@'"]*@/],
  configuredPrefilter: (config) => addedSecretWordPatterns(config.secretNames),
  query: `(string) @literal`,
  check({ captures }, context) {
    const literal = captures.literal;
    if (!literal || literal.endIndex - literal.startIndex > 256) return;
    const binding = literalBinding(literal, context);
    if (!binding) return;
    const verdict = judge(binding, context);
    if (!verdict) return;
    const name = environmentNameOf(binding);
    const fixable = verdict.messageId !== 'urlPassword' && verdict.messageId !== 'userPasswordPair';
    const os = moduleAlias(context, 'os');
    context.report({
      node: binding.kind === 'env-fallback' ? binding.replace : literal,
      messageId: verdict.messageId,
      data: verdict.data,
      ...(verdict.severity ? { severity: verdict.severity } : {}),
      fixes: fixable
        ? [fix(`Read ${name} from the environment, failing when it is missing`, [replaceNode(binding.replace, `${os ?? 'os'}.environ["${name}"]`), ...(os ? [] : [importModule(context, 'os')])])]
        : [],
    });
  },
});
