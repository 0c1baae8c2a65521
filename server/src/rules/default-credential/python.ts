import { SECRET_NAME_TEXT, secretWordsConfiguredPrefilter } from '../shared/secret-names';
import { URL_WITH_PASSWORD } from '../shared/secret-values';
import { defineLanguageRule } from '../../engine/rule';
import { fix, replaceNode } from '../../engine/fix';
import { importModule, moduleAlias } from '../shared/python';
import { literalBinding } from '../shared/secret-literals/python';
import { reportLiteral, USER_PASSWORD_PAIR_PREFILTER } from './judge';

export default defineLanguageRule({
  language: 'python',
  prefilter: [SECRET_NAME_TEXT, URL_WITH_PASSWORD, USER_PASSWORD_PAIR_PREFILTER],
  configuredPrefilter: secretWordsConfiguredPrefilter,
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
