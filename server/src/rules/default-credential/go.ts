import { addedSecretWordPatterns } from '../shared/secret-names';
import { defineLanguageRule } from '../../engine/rule';
import { fix, replaceNode } from '../../engine/fix';
import { ensureImport } from '../shared/go';
import { literalBinding } from '../shared/secret-literals/go';
import { environmentNameOf, judge } from './judge';
import { SECRET_WORDS_PREFILTER } from './prefilter';

export default defineLanguageRule({
  language: 'go',
  prefilter: [SECRET_WORDS_PREFILTER, /:\/\/[^\s:/@"`]+:[^\s@"`]*@/],
  configuredPrefilter: (config) => addedSecretWordPatterns(config.secretNames),
  query: `
    (interpreted_string_literal) @literal
    (raw_string_literal) @literal
  `,
  check({ captures }, context) {
    const literal = captures.literal;
    if (!literal || literal.endIndex - literal.startIndex > 256) return;
    const binding = literalBinding(literal, context);
    if (!binding) return;
    const verdict = judge(binding, context);
    if (!verdict) return;
    const name = environmentNameOf(binding);
    // A constant needs a constant expression; reading the environment there does not compile.
    const constant = literal.parent?.parent?.type === 'const_spec';
    const fixable = !constant && verdict.messageId !== 'urlPassword' && verdict.messageId !== 'userPasswordPair';
    const os = fixable ? ensureImport(context, 'os') : undefined;
    context.report({
      node: binding.kind === 'env-fallback' ? binding.replace : literal,
      messageId: verdict.messageId,
      data: verdict.data,
      ...(verdict.severity ? { severity: verdict.severity } : {}),
      fixes: os ? [fix(`Read ${name} from the environment`, [replaceNode(binding.replace, `${os.name}.Getenv("${name}")`), ...os.edits])] : [],
    });
  },
});
