import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../../engine/rule';
import { isPackageCall } from '../go';
import type { LiteralBinding } from './model';

/** The content of a Go string literal. */
export function goStringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'raw_string_literal') return node.text.slice(1, -1);
  if (node.type !== 'interpreted_string_literal') return undefined;
  try {
    return JSON.parse(node.text.replace(/\\([abfv']|x[0-9a-fA-F]{2}|[0-7]{3})/g, ' ')) as string;
  } catch {
    return node.text.slice(1, -1);
  }
}

/** Helpers teams write around `os.Getenv` that take a fallback: `getEnv("K", "d")`, `envOr("K", "d")`. */
const ENV_HELPER = /^(?:get_?env|env_?or|getenv_?or|lookup_?env_?or|env_?default|get_?env_?or_?default|env_?string|must_?env_?or|getenv_?default|get_?string_?env|env)(?:_?str(?:ing)?)?$/i;

function calleeName(call: Node): string | undefined {
  const callee = call.childForFieldName('function');
  if (!callee) return undefined;
  if (callee.type === 'identifier') return callee.text;
  if (callee.type === 'selector_expression') return callee.childForFieldName('field')?.text;
  return undefined;
}

/** `os.Getenv("K")`: the variable name. */
function getenvName(node: Node | undefined, context: RuleContext): string | undefined {
  if (node?.type !== 'call_expression' || !isPackageCall(node, context, 'os', ['Getenv'])) return undefined;
  return goStringValue(node.childForFieldName('arguments')?.namedChildren[0]);
}

function valueIndex(list: Node, expression: Node): number {
  return list.namedChildren.findIndex((child) => child?.id === expression.id);
}

function isPackageLevel(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_declaration' || current.type === 'method_declaration' || current.type === 'func_literal') return false;
  }
  return true;
}

/** What a string literal is bound to. */
export function literalBinding(literal: Node, context: RuleContext): LiteralBinding | undefined {
  const value = goStringValue(literal);
  if (value === undefined) return undefined;
  const parent = literal.parent;
  if (!parent) return undefined;
  if (parent.type === 'expression_list') {
    const holder = parent.parent;
    const index = valueIndex(parent, literal);
    if (!holder || index < 0) return undefined;
    if (holder.type === 'const_spec' || holder.type === 'var_spec') {
      if (holder.childForFieldName('value')?.id !== parent.id) return undefined;
      const name = holder.childrenForFieldName('name')[index];
      if (!name) return undefined;
      const constant = holder.type === 'const_spec' || isPackageLevel(holder);
      return { kind: constant ? 'constant' : 'local', name: name.text, value, replace: literal };
    }
    if (holder.type === 'short_var_declaration' || holder.type === 'assignment_statement') {
      if (holder.childForFieldName('right')?.id !== parent.id) return undefined;
      const target = holder.childForFieldName('left')?.namedChildren[index];
      if (!target) return undefined;
      if (target.type === 'identifier') return { kind: 'local', name: target.text, value, replace: literal };
      const field = target.type === 'selector_expression' ? target.childForFieldName('field')?.text : undefined;
      return field ? { kind: 'assignment', name: field, value, replace: literal } : undefined;
    }
    if (holder.type === 'return_statement') {
      let fn: Node | null = holder.parent;
      while (fn && fn.type !== 'function_declaration' && fn.type !== 'method_declaration' && fn.type !== 'func_literal') fn = fn.parent;
      const name = fn?.childForFieldName('name')?.text;
      return name ? { kind: 'returned', name, value, replace: literal } : undefined;
    }
    return undefined;
  }
  if (parent.type === 'literal_element') {
    const element = parent.parent;
    if (element?.type !== 'keyed_element' || element.namedChildren[1]?.id !== parent.id) return undefined;
    const key = element.namedChildren[0]?.namedChildren[0];
    const name = key ? (key.type === 'field_identifier' || key.type === 'identifier' ? key.text : goStringValue(key)) : undefined;
    return name ? { kind: 'field', name, value, replace: literal } : undefined;
  }
  if (parent.type === 'argument_list') {
    const call = parent.parent;
    if (call?.type !== 'call_expression') return undefined;
    const args = parent.namedChildren.filter((child) => child?.type !== 'comment');
    // `getEnv("API_TOKEN", "dev-token")`
    const helper = calleeName(call);
    if (helper && ENV_HELPER.test(helper) && args.length === 2 && args[1]?.id === literal.id) {
      const environmentName = goStringValue(args[0]);
      if (environmentName) return { kind: 'env-fallback', name: environmentName, value, replace: call, environmentName };
    }
    // `cmp.Or(os.Getenv("K"), "d")`
    if (isPackageCall(call, context, 'cmp', ['Or']) && args.length === 2 && args[1]?.id === literal.id) {
      const environmentName = getenvName(args[0], context);
      if (environmentName) return { kind: 'env-fallback', name: environmentName, value, replace: call, environmentName };
    }
  }
  return undefined;
}
