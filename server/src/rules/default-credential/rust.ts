import type { Node } from 'web-tree-sitter';
import { SECRET_NAME_TEXT, secretNameLabel, secretWordsConfiguredPrefilter } from '../shared/secret-names';
import { URL_WITH_PASSWORD } from '../shared/secret-values';
import { defineLanguageRule, type RuleContext } from '../../engine/rule';
import { fix, replaceNode } from '../../engine/fix';
import type { Fix } from '../../engine/finding';
import { asMethodCall, enclosingBody } from '../shared/rust';
import { environmentVariableRead, literalBinding } from '../shared/secret-literals/rust';
import { judge, reportLiteral, USER_PASSWORD_PAIR_PREFILTER } from './judge';

/** `std::env::var("NAME")` as a `String` that fails when missing: `?` where the error converts, else `expect`. */
function requiredVariable(name: string, at: Node, context: RuleContext): string {
  const read = `std::env::var("${name}")`;
  const body = enclosingBody(at, context);
  if (body.kind === 'function' && body.returns.kind === 'result' && (body.returns.error === 'boxed' || body.returns.error === 'anyhow')) return `${read}?`;
  return `${read}.expect("${name} must be set")`;
}

function environmentFix(name: string, replace: Node, owned: boolean, kind: string, context: RuleContext): Fix[] {
  const title = `Read ${name} from the environment, failing when it is missing`;
  if (owned) return [fix(title, [replaceNode(replace, requiredVariable(name, replace, context))])];
  // A borrowed `&str` in a `let` can borrow the `String` instead; elsewhere it needs a lifetime the environment cannot give.
  if (kind === 'local') return [fix(title, [replaceNode(replace, `&${requiredVariable(name, replace, context)}`)])];
  return [];
}

export default defineLanguageRule({
  language: 'rust',
  prefilter: [SECRET_NAME_TEXT, URL_WITH_PASSWORD, USER_PASSWORD_PAIR_PREFILTER],
  configuredPrefilter: secretWordsConfiguredPrefilter,
  query: `
    (string_literal) @literal
    (raw_string_literal) @literal
    (call_expression function: (field_expression field: (field_identifier) @method) (#eq? @method "unwrap_or_default")) @emptyFallback
  `,
  check({ captures }, context) {
    const { literal, emptyFallback } = captures;
    if (emptyFallback) {
      // `env::var("TOKEN").unwrap_or_default()`: an empty secret when the variable is missing.
      const method = asMethodCall(emptyFallback);
      const name = method ? environmentVariableRead(method.field.childForFieldName('value'), context) : undefined;
      if (!name) return;
      const verdict = judge({ kind: 'env-fallback', name, value: '' }, context);
      if (!verdict) return;
      context.report({
        node: emptyFallback,
        messageId: verdict.messageId,
        data: { name: secretNameLabel(name) },
        ...(verdict.severity ? { severity: verdict.severity } : {}),
        fixes: environmentFix(name, emptyFallback, true, 'env-fallback', context),
      });
      return;
    }
    if (!literal) return;
    const binding = literalBinding(literal, context);
    // `const`/`static` items cannot read the environment.
    reportLiteral(literal, binding, context, (name) => (binding && binding.kind !== 'constant' ? environmentFix(name, binding.replace, binding.owned, binding.kind, context) : []));
  },
});
