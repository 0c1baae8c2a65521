import { addedSecretWordPatterns } from '../shared/secret-names';
import { defineLanguageRule } from '../../engine/rule';
import { fix, replaceNode } from '../../engine/fix';
import { importModule, moduleAlias } from '../shared/python';
import { literalBinding } from '../shared/secret-literals/python';
import { reportLiteral } from './judge';
import { SECRET_WORDS_PREFILTER } from './prefilter';

export default defineLanguageRule({
  language: 'python',
  prefilter: [SECRET_WORDS_PREFILTER, /:\/\/[^\s:/@'"]+:[^\s@'"]*@/],
  configuredPrefilter: (config) => addedSecretWordPatterns(config.secretNames),
  query: `(string) @literal`,
  check({ captures: { literal } }, context) {
    if (!literal) return;
    reportLiteral(literal, literalBinding(literal, context), context, (name, binding) => {
      const os = moduleAlias(context, 'os');
      return [
        fix(`Read ${name} from the environment, failing when it is missing`, [
          replaceNode(binding.replace, `${os ?? 'os'}.environ["${name}"]`),
          ...(os ? [] : [importModule(context, 'os')]),
        ]),
      ];
    });
  },
});
