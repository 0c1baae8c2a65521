import type { Node } from 'web-tree-sitter';
import { defineLanguageRule } from '../../engine/rule';
import { fix, replaceNode } from '../../engine/fix';

/** A func literal whose body is only `return nil`: a verification callback that accepts everything. */
function acceptsEverything(func: Node): boolean {
  const body = func.childForFieldName('body');
  const statements = body?.namedChildren.find((child) => child.type === 'statement_list')?.namedChildren ?? [];
  const real = statements.filter((statement) => statement.type !== 'comment');
  if (real.length !== 1 || real[0]!.type !== 'return_statement') return false;
  return real[0]!.namedChildren[0]?.text === 'nil';
}

/** The keyed elements of the composite literal an element belongs to, by key. */
function siblingValue(element: Node, key: string): Node | undefined {
  const literal = element.parent;
  for (const sibling of literal?.namedChildren ?? []) {
    if (sibling.type !== 'keyed_element') continue;
    if (sibling.childForFieldName('key')?.text === key) return sibling.childForFieldName('value')?.namedChildren[0] ?? undefined;
  }
  return undefined;
}

/** Custom verification (certificate pinning) legitimately pairs InsecureSkipVerify with a real callback. */
function hasRealVerifier(element: Node): boolean {
  return ['VerifyPeerCertificate', 'VerifyConnection'].some((key) => {
    const value = siblingValue(element, key);
    return value !== undefined && !(value.type === 'func_literal' && acceptsEverything(value)) && value.type !== 'nil';
  });
}

export default defineLanguageRule({
  language: 'go',
  prefilter: ['InsecureSkipVerify', 'VerifyPeerCertificate'],
  query: `
    (keyed_element
      key: (literal_element (identifier) @key)
      value: (literal_element (true) @value)
      (#eq? @key "InsecureSkipVerify")) @element
    (assignment_statement
      left: (expression_list (selector_expression field: (field_identifier) @key))
      right: (expression_list (true) @value)
      (#eq? @key "InsecureSkipVerify")) @assignment
    (keyed_element
      key: (literal_element (identifier) @callbackKey)
      value: (literal_element (func_literal) @callback)
      (#eq? @callbackKey "VerifyPeerCertificate")) @callbackElement
  `,
  check({ captures }, context) {
    const { element, assignment, value, callback, callbackElement } = captures;
    if (value && (element || assignment)) {
      if (element && hasRealVerifier(element)) return;
      context.report({
        node: element ?? assignment!,
        messageId: 'disabled',
        data: { setting: '`InsecureSkipVerify: true`' },
        fixes: [fix('Verify certificates (InsecureSkipVerify: false)', [replaceNode(value, 'false')])],
      });
    } else if (callback && callbackElement && acceptsEverything(callback)) {
      // No automatic fix: deleting the callback can orphan imports, and the right check is the author's call.
      context.report({ node: callbackElement, messageId: 'alwaysAccept' });
    }
  },
});
