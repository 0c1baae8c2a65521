import type { Node } from 'web-tree-sitter';
import { defineLanguageRule, type RuleContext } from '../../engine/rule';
import { fix, replaceNode } from '../../engine/fix';
import { ancestors } from '../../engine/ancestors';

const VERIFIERS = ['VerifyPeerCertificate', 'VerifyConnection'];

/** A function body that is only `return nil` (comments aside): a verification callback that accepts everything. */
function acceptsEverything(func: Node): boolean {
  const body = func.childForFieldName('body');
  const statements = body?.namedChildren.find((child) => child?.type === 'statement_list')?.namedChildren ?? [];
  const real = statements.filter((statement) => statement?.type !== 'comment');
  if (real.length !== 1 || real[0]!.type !== 'return_statement') return false;
  return real[0]!.namedChildren[0]?.text === 'nil';
}

/** Functions declared in the file that accept every certificate, by name. */
function acceptingFunctions(context: RuleContext): Set<string> {
  return context.memo('go:acceptingVerifiers', () => {
    const names = new Set<string>();
    for (const declaration of context.tree?.rootNode.descendantsOfType('function_declaration') ?? []) {
      const name = declaration?.childForFieldName('name')?.text;
      if (declaration && name && acceptsEverything(declaration)) names.add(name);
    }
    return names;
  });
}

/** Whether a callback value accepts everything: `func(…) error { return nil }`, or a file function that does. */
function isAcceptAll(value: Node | null | undefined, context: RuleContext): boolean {
  if (value?.type === 'func_literal') return acceptsEverything(value);
  return value?.type === 'identifier' && acceptingFunctions(context).has(value.text);
}

/** A callback that really checks something (pinning), which makes skipping the default check deliberate. */
function isRealVerifier(value: Node | null | undefined, context: RuleContext): boolean {
  return value !== null && value !== undefined && value.type !== 'nil' && !isAcceptAll(value, context);
}

/** The value of a keyed element of the same composite literal. */
function siblingValue(element: Node, key: string): Node | undefined {
  for (const sibling of element.parent?.namedChildren ?? []) {
    if (sibling?.type !== 'keyed_element') continue;
    if (sibling.childForFieldName('key')?.text === key) return sibling.childForFieldName('value')?.namedChildren[0] ?? undefined;
  }
  return undefined;
}

/** Values assigned to `<target>.<field>` in the function around a node. */
function assignedFields(node: Node, target: string, fields: readonly string[]): Node[] {
  let scope: Node | null = node.parent;
  while (scope && !['function_declaration', 'method_declaration', 'source_file'].includes(scope.type)) scope = scope.parent;
  const values: Node[] = [];
  for (const assignment of scope?.descendantsOfType('assignment_statement') ?? []) {
    const left = assignment?.childForFieldName('left')?.namedChildren[0];
    const right = assignment?.childForFieldName('right')?.namedChildren[0];
    if (left?.type !== 'selector_expression' || !right) continue;
    if (fields.includes(left.childForFieldName('field')?.text ?? '') && left.childForFieldName('operand')?.text === target) values.push(right);
  }
  return values;
}

/** Custom verification (certificate pinning) legitimately pairs InsecureSkipVerify with a real callback. */
function hasRealVerifier(node: Node, context: RuleContext): boolean {
  if (node.type === 'keyed_element') return VERIFIERS.some((key) => isRealVerifier(siblingValue(node, key), context));
  const target = node.childForFieldName('left')?.namedChildren[0]?.childForFieldName('operand')?.text;
  return target !== undefined && assignedFields(node, target, VERIFIERS).some((value) => isRealVerifier(value, context));
}

const OPT_IN = /insecure|verif|self.?(signed|cert)|skip.?tls|no.?tls/i;

/**
 * Whether the setting only applies when the operator asked for it (`if cfg.Insecure { … = true }`):
 * the same as `InsecureSkipVerify: cfg.Insecure`, which passes a flag through rather than hard-coding it.
 */
function isOptIn(node: Node): boolean {
  const chain = ancestors(node);
  for (const [index, current] of chain.entries()) {
    if (['function_declaration', 'method_declaration', 'func_literal'].includes(current.type)) return false;
    const parent = chain[index + 1];
    if (parent?.type !== 'if_statement') continue;
    const branch = parent.childForFieldName('consequence')?.id === current.id || parent.childForFieldName('alternative')?.id === current.id;
    if (branch && OPT_IN.test(parent.childForFieldName('condition')?.text ?? '')) return true;
  }
  return false;
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
      left: (expression_list . (selector_expression field: (field_identifier) @key) .)
      right: (expression_list . (true) @value .)
      (#eq? @key "InsecureSkipVerify")) @assignment
    (keyed_element
      key: (literal_element (identifier) @callbackKey)
      value: (literal_element [(func_literal) (identifier)] @callback)
      (#eq? @callbackKey "VerifyPeerCertificate")) @callbackSetting
    (assignment_statement
      left: (expression_list . (selector_expression field: (field_identifier) @callbackKey) .)
      right: (expression_list . [(func_literal) (identifier)] @callback .)
      (#eq? @callbackKey "VerifyPeerCertificate")) @callbackSetting
  `,
  check({ captures }, context) {
    const { element, assignment, value, callback, callbackSetting } = captures;
    const setting = element ?? assignment;
    if (value && setting) {
      if (hasRealVerifier(setting, context) || isOptIn(setting)) return;
      context.report({
        node: setting,
        messageId: 'disabled',
        data: { setting: '`InsecureSkipVerify: true`' },
        fixes: [fix('Verify certificates (InsecureSkipVerify: false)', [replaceNode(value, 'false')])],
      });
    } else if (callback && callbackSetting && isAcceptAll(callback, context)) {
      // No automatic fix: deleting the callback can orphan imports, and the right check is the author's call.
      context.report({ node: callbackSetting, messageId: 'alwaysAccept' });
    }
  },
});
