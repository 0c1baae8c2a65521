import { SECRET_NAME_TEXT, secretWordsConfiguredPrefilter } from '../shared/secret-names';
import { URL_WITH_PASSWORD } from '../shared/secret-values';
import { defineLanguageRule } from '../../engine/rule';
import { fix, replaceNode } from '../../engine/fix';
import { ensureImport } from '../shared/go';
import { literalBinding } from '../shared/secret-literals/go';
import { reportLiteral, USER_PASSWORD_PAIR_PREFILTER } from './judge';

export default defineLanguageRule({
  language: 'go',
  prefilter: [SECRET_NAME_TEXT, URL_WITH_PASSWORD, USER_PASSWORD_PAIR_PREFILTER],
  configuredPrefilter: secretWordsConfiguredPrefilter,
  query: `
    (interpreted_string_literal) @literal
    (raw_string_literal) @literal
  `,
  check({ captures: { literal } }, context) {
    if (!literal) return;
    reportLiteral(literal, literalBinding(literal, context), context, (name, binding) => {
      // A constant needs a constant expression; reading the environment there does not compile.
      if (literal.parent?.parent?.type === 'const_spec') return [];
      const os = ensureImport(context, 'os');
      return [fix(`Read ${name} from the environment`, [replaceNode(binding.replace, `${os.name}.Getenv("${name}")`), ...os.edits])];
    });
  },
});
