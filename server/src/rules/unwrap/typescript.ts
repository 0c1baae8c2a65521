import type { Node } from 'web-tree-sitter';
import { defineLanguageRule } from '../../engine/rule';
import { isFunction } from '../shared/typescript';

/**
 * Expressions that bind looser than a postfix `!`. tree-sitter-typescript sometimes hangs the `!`
 * on one of these (`sum + order!.total` parses as `(sum + order)!.total`); the assertion really
 * applies to their last operand.
 */
const LOOSER = new Set([
  'binary_expression',
  'unary_expression',
  'await_expression',
  'ternary_expression',
  'assignment_expression',
  'augmented_assignment_expression',
  'yield_expression',
  'update_expression',
  'spread_element',
]);

/** Where the asserted operand really starts. */
function operandStart(assertion: Node): number {
  let operand = assertion.namedChildren[0];
  while (operand && LOOSER.has(operand.type)) {
    const last = operand.namedChildren.at(-1);
    if (!last) break;
    operand = last;
  }
  return (operand ?? assertion).startIndex;
}

/** The operator of a binary expression, e.g. `<`. */
function operatorOf(binary: Node): string | undefined {
  return binary.childForFieldName('operator')?.text ?? binary.children.find((child) => !child.isNamed)?.text;
}

/** `i < items.length` (or `i >= 0` counting down from `items.length - 1`): the loop keeps `i` in bounds. */
function keepsInBounds(loop: Node, index: string, array: string): boolean {
  const condition = loop.childForFieldName('condition');
  if (condition?.type !== 'binary_expression') return false;
  const left = condition.childForFieldName('left')?.text;
  const right = condition.childForFieldName('right')?.text.replace(/\s+/g, '');
  const operator = operatorOf(condition);
  if (left !== index) return false;
  if (operator === '<' && right === `${array}.length`) return true;
  const initializer = loop.childForFieldName('initializer')?.text.replace(/\s+/g, '');
  return operator === '>=' && right === '0' && initializer !== undefined && initializer.includes(`${index}=${array}.length-1`);
}

/** `items[i]!` inside `for (let i = 0; i < items.length; i++)`: the element exists. */
function isLoopIndexed(assertion: Node): boolean {
  const subscript = assertion.namedChildren[0];
  if (subscript?.type !== 'subscript_expression') return false;
  const array = subscript.childForFieldName('object')?.text.replace(/\s+/g, '');
  const index = subscript.childForFieldName('index');
  if (!array || index?.type !== 'identifier') return false;
  for (let node = assertion.parent; node; node = node.parent) {
    if (node.type === 'for_statement' && keepsInBounds(node, index.text, array)) return true;
    if (isFunction(node)) return false;
  }
  return false;
}

/**
 * The non-null assertion `x!`: TypeScript stops checking for `null`/`undefined`, and a missing value
 * becomes a TypeError somewhere later. No automatic fix: optional chaining or a guard changes the
 * expression's type, so what to do without the value is the author's call.
 */
export default defineLanguageRule({
  language: 'typescript',
  // `non_null_expression` exists only in the TypeScript grammars.
  grammars: ['typescript', 'tsx'],
  // A `!` right after an operand and not part of `!=`/`!==`.
  prefilter: [/[\w\])]!(?!=)/],
  query: '(non_null_expression) @assertion',
  check({ captures }, context) {
    const { assertion } = captures;
    // `x!!` is one assertion written twice: report the outer one.
    if (!assertion || assertion.parent?.type === 'non_null_expression' || isLoopIndexed(assertion)) return;
    context.report({ start: operandStart(assertion), end: assertion.endIndex, messageId: 'tsNonNull', severity: 'information' });
  },
});
