import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../../engine/rule';
import { asMethodCall, calleeOf, resolvePath } from '../rust';
import type { LiteralBinding } from './model';

/** The content of a Rust string literal (escapes left as written; defaults have none). */
export function rustStringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string_literal') {
    if (node.text.startsWith('b')) return undefined;
    return node.namedChildren.filter((child) => child.type === 'string_content' || child.type === 'escape_sequence').map((child) => child.text).join('');
  }
  if (node.type === 'raw_string_literal') {
    const match = /^r(#*)"([\s\S]*)"\1$/.exec(node.text);
    return match ? match[2] : undefined;
  }
  return undefined;
}

const OWNING_METHODS = new Set(['to_string', 'to_owned', 'into']);

export interface RustLiteralBinding extends LiteralBinding {
  /** The replaced expression is a `String` (`"x".to_string()`, an env fallback), not a `&str`. */
  owned: boolean;
}

/** `std::env::var("K")` (however imported): the variable name. */
export function environmentVariableRead(node: Node | null | undefined, context: RuleContext): string | undefined {
  if (node?.type !== 'call_expression') return undefined;
  const callee = calleeOf(node);
  if (!callee || !resolvePath(callee, context).some((path) => path === 'std::env::var' || path === 'env::var')) return undefined;
  return rustStringValue(node.childForFieldName('arguments')?.namedChildren[0]);
}

/** `env::var("K").unwrap_or(…)`-style fallbacks: the method call whose receiver reads the environment. */
function environmentFallback(call: Node | null, context: RuleContext): { call: Node; name: string } | undefined {
  const method = asMethodCall(call);
  if (!method || !['unwrap_or', 'unwrap_or_else'].includes(method.name)) return undefined;
  let receiver = method.field.childForFieldName('value');
  // `env::var("K").ok().unwrap_or(…)`, `.map_err(…)`: look through adapters to the read.
  for (let hops = 0; receiver && hops < 3 && !environmentVariableRead(receiver, context); hops++) {
    const inner = asMethodCall(receiver);
    receiver = inner ? inner.field.childForFieldName('value') : null;
  }
  const name = environmentVariableRead(receiver, context);
  return name ? { call: method.call, name } : undefined;
}

/** What a string literal is bound to. */
export function literalBinding(literal: Node, context: RuleContext): RustLiteralBinding | undefined {
  const value = rustStringValue(literal);
  if (value === undefined) return undefined;
  let expression = literal;
  let owned = false;
  const parent0 = literal.parent;
  const conversion = parent0?.type === 'field_expression' ? asMethodCall(parent0.parent) : undefined;
  if (conversion && OWNING_METHODS.has(conversion.name) && conversion.arguments.namedChildren.length === 0) {
    expression = conversion.call;
    owned = true;
  } else if (parent0?.type === 'arguments' && parent0.parent?.type === 'call_expression') {
    const callee = calleeOf(parent0.parent);
    if (callee && /(^|::)String::from$/.test(callee.text)) {
      expression = parent0.parent;
      owned = true;
    }
  }
  const parent = expression.parent;
  if (!parent) return undefined;
  const is = (field: string): boolean => parent.childForFieldName(field)?.id === expression.id;
  switch (parent.type) {
    case 'let_declaration': {
      let pattern = parent.childForFieldName('pattern');
      if (pattern?.type === 'mut_pattern') pattern = pattern.namedChildren[0] ?? null;
      return is('value') && pattern?.type === 'identifier' ? { kind: 'local', name: pattern.text, value, replace: expression, owned } : undefined;
    }
    case 'const_item':
    case 'static_item': {
      const name = parent.childForFieldName('name')?.text;
      return is('value') && name ? { kind: 'constant', name, value, replace: expression, owned } : undefined;
    }
    case 'field_initializer': {
      const name = parent.childForFieldName('field')?.text;
      return is('value') && name ? { kind: 'field', name, value, replace: expression, owned } : undefined;
    }
    case 'assignment_expression': {
      const left = parent.childForFieldName('left');
      if (!is('right') || !left) return undefined;
      if (left.type === 'identifier') return { kind: 'local', name: left.text, value, replace: expression, owned };
      const name = left.type === 'field_expression' ? left.childForFieldName('field')?.text : undefined;
      return name ? { kind: 'assignment', name, value, replace: expression, owned } : undefined;
    }
    case 'arguments': {
      const fallback = environmentFallback(parent.parent, context);
      return fallback ? { kind: 'env-fallback', name: fallback.name, value, replace: fallback.call, environmentName: fallback.name, owned: true } : undefined;
    }
    case 'closure_expression': {
      // `.unwrap_or_else(|_| "dev".into())`
      const args = parent.parent;
      const fallback = is('body') && args?.type === 'arguments' ? environmentFallback(args.parent, context) : undefined;
      return fallback ? { kind: 'env-fallback', name: fallback.name, value, replace: fallback.call, environmentName: fallback.name, owned: true } : undefined;
    }
    case 'block':
    case 'return_expression': {
      if (parent.type === 'block' && parent.namedChildren.at(-1)?.id !== expression.id) return undefined;
      let fn: Node | null = parent;
      while (fn && fn.type !== 'function_item' && fn.type !== 'closure_expression') fn = fn.parent;
      const name = fn?.type === 'function_item' ? fn.childForFieldName('name')?.text : undefined;
      // Only the function's own value: a block nested in an `if` returns from that `if`.
      if (parent.type === 'block' && parent.parent?.type !== 'function_item') return undefined;
      return name ? { kind: 'returned', name, value, replace: expression, owned } : undefined;
    }
    default:
      return undefined;
  }
}
