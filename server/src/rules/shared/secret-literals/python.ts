import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../../engine/rule';
import { qualifiedName } from '../python';
import type { LiteralBinding } from './model';

/** The content of a plain string literal (no f-string interpolation, no implicit concatenation). */
export function pythonStringValue(node: Node | null | undefined): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  if (node.namedChildren.some((child) => child.type === 'interpolation')) return undefined;
  const content = node.namedChildren.filter((child) => child.type === 'string_content').map((child) => child.text).join('');
  const start = node.namedChildren.find((child) => child.type === 'string_start')?.text ?? '';
  if (/[bB]/.test(start)) return undefined;
  return content;
}

const ENVIRONMENT_READS = new Set(['os.getenv', 'os.environ.get', 'os.environ.setdefault']);

/** `os.getenv("K")`, `os.environ.get("K")`: the variable name. */
export function environmentRead(call: Node | null | undefined, context: RuleContext): string | undefined {
  if (call?.type !== 'call') return undefined;
  const callee = call.childForFieldName('function');
  const qualified = callee ? qualifiedName(callee, context) : undefined;
  if (!qualified || !ENVIRONMENT_READS.has(qualified)) return undefined;
  return pythonStringValue(call.childForFieldName('arguments')?.namedChildren[0]);
}

function isModuleOrClassLevel(statement: Node): boolean {
  for (let current = statement.parent; current; current = current.parent) {
    if (current.type === 'function_definition' || current.type === 'lambda') return false;
    if (current.type === 'module' || current.type === 'class_definition') return true;
  }
  return true;
}

/** What a string literal is bound to. */
export function literalBinding(literal: Node, context: RuleContext): LiteralBinding | undefined {
  const value = pythonStringValue(literal);
  if (value === undefined) return undefined;
  let expression = literal;
  while (expression.parent?.type === 'parenthesized_expression') expression = expression.parent;
  const parent = expression.parent;
  if (!parent) return undefined;
  const is = (field: string): boolean => parent.childForFieldName(field)?.id === expression.id;
  switch (parent.type) {
    case 'assignment': {
      const left = parent.childForFieldName('left');
      if (!is('right') || !left) return undefined;
      if (left.type === 'identifier') return { kind: isModuleOrClassLevel(parent) ? 'constant' : 'local', name: left.text, value, replace: expression };
      if (left.type === 'attribute') {
        const name = left.childForFieldName('attribute')?.text;
        return name ? { kind: 'assignment', name, value, replace: expression } : undefined;
      }
      return undefined;
    }
    case 'keyword_argument': {
      const name = parent.childForFieldName('name')?.text;
      return is('value') && name ? { kind: 'keyword', name, value, replace: expression } : undefined;
    }
    case 'pair': {
      const name = pythonStringValue(parent.childForFieldName('key'));
      return is('value') && name ? { kind: 'field', name, value, replace: expression } : undefined;
    }
    case 'default_parameter':
    case 'typed_default_parameter': {
      const name = parent.childForFieldName('name')?.text;
      return is('value') && name ? { kind: 'parameter', name, value, replace: expression } : undefined;
    }
    case 'argument_list': {
      // `os.getenv("K", "default")`, `os.environ.get("K", "default")`.
      const call = parent.parent;
      const positional = parent.namedChildren.filter((child) => child.type !== 'comment' && child.type !== 'keyword_argument');
      const environmentName = positional[1]?.id === expression.id ? environmentRead(call, context) : undefined;
      return environmentName && call ? { kind: 'env-fallback', name: environmentName, value, replace: call, environmentName } : undefined;
    }
    case 'boolean_operator': {
      // `os.getenv("K") or "default"`.
      const left = parent.childForFieldName('left');
      const environmentName = is('right') && parent.childForFieldName('operator')?.text === 'or' ? environmentRead(left, context) : undefined;
      return environmentName ? { kind: 'env-fallback', name: environmentName, value, replace: parent, environmentName } : undefined;
    }
    case 'return_statement': {
      let fn: Node | null = parent.parent;
      while (fn && fn.type !== 'function_definition') fn = fn.parent;
      const name = fn?.childForFieldName('name')?.text;
      return name ? { kind: 'returned', name, value, replace: expression } : undefined;
    }
    default:
      return undefined;
  }
}
