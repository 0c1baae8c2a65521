import type { Node } from 'web-tree-sitter';
import { memberPath, stringValue } from '../typescript';
import type { LiteralBinding } from './model';

/** Wrappers a literal may sit in without changing what it is bound to. */
const WRAPPERS = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion']);

/** `process.env.NAME`, `process.env['NAME']`, `import.meta.env.NAME`, `Deno.env.get('NAME')`: the variable name. */
export function environmentRead(node: Node): string | undefined {
  if (node.type === 'call_expression') {
    const callee = node.childForFieldName('function');
    const path = callee ? memberPath(callee) : undefined;
    const arg = node.childForFieldName('arguments')?.namedChildren[0];
    return path?.join('.') === 'Deno.env.get' && arg ? stringValue(arg) : undefined;
  }
  if (node.type !== 'member_expression' && node.type !== 'subscript_expression') return undefined;
  const object = node.childForFieldName('object');
  const objectPath = object ? memberPath(object)?.join('.') : undefined;
  if (objectPath !== 'process.env' && objectPath !== 'import.meta.env' && object?.text !== 'import.meta.env') return undefined;
  if (node.type === 'member_expression') return node.childForFieldName('property')?.text;
  const index = node.childForFieldName('index');
  return index ? stringValue(index) : undefined;
}

function nameOfKey(key: Node | null): string | undefined {
  if (!key) return undefined;
  if (key.type === 'property_identifier' || key.type === 'identifier' || key.type === 'private_property_identifier') return key.text.replace(/^#/, '');
  return stringValue(key);
}

function functionName(fn: Node): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) return nameOfKey(own);
  const holder = fn.parent;
  if (holder?.type === 'variable_declarator') return holder.childForFieldName('name')?.text;
  if (holder?.type === 'pair') return nameOfKey(holder.childForFieldName('key'));
  return undefined;
}

/** What a string literal (or a template literal without substitutions) is bound to. */
export function literalBinding(literal: Node): LiteralBinding | undefined {
  const value = stringValue(literal);
  if (value === undefined) return undefined;
  let expression = literal;
  while (expression.parent && WRAPPERS.has(expression.parent.type)) expression = expression.parent;
  const parent = expression.parent;
  if (!parent) return undefined;
  const is = (field: string): boolean => parent.childForFieldName(field)?.id === expression.id;
  switch (parent.type) {
    case 'variable_declarator': {
      const name = parent.childForFieldName('name');
      if (!is('value') || name?.type !== 'identifier') return undefined;
      const declaration = parent.parent;
      const constant = declaration?.type === 'lexical_declaration' && declaration.children[0]?.type === 'const';
      return { kind: constant ? 'constant' : 'local', name: name.text, value, replace: expression };
    }
    case 'pair': {
      const name = nameOfKey(parent.childForFieldName('key'));
      return is('value') && name ? { kind: 'field', name, value, replace: expression } : undefined;
    }
    case 'public_field_definition': {
      const name = nameOfKey(parent.childForFieldName('name'));
      return is('value') && name ? { kind: 'field', name, value, replace: expression } : undefined;
    }
    case 'jsx_attribute': {
      const name = parent.namedChildren[0];
      return name && name.id !== expression.id ? { kind: 'field', name: name.text, value, replace: expression } : undefined;
    }
    case 'assignment_expression': {
      const left = parent.childForFieldName('left');
      if (!is('right') || !left) return undefined;
      if (left.type === 'identifier') return { kind: 'local', name: left.text, value, replace: expression };
      const name = left.type === 'member_expression' ? left.childForFieldName('property')?.text : undefined;
      return name ? { kind: 'assignment', name, value, replace: expression } : undefined;
    }
    case 'required_parameter':
    case 'optional_parameter': {
      const name = parent.childForFieldName('pattern');
      return is('value') && name?.type === 'identifier' ? { kind: 'parameter', name: name.text, value, replace: expression } : undefined;
    }
    case 'assignment_pattern': {
      const name = parent.childForFieldName('left');
      if (!is('right') || name?.type !== 'identifier') return undefined;
      return { kind: parent.parent?.type === 'formal_parameters' ? 'parameter' : 'local', name: name.text, value, replace: expression };
    }
    case 'binary_expression': {
      const operator = parent.childForFieldName('operator')?.text;
      const left = parent.childForFieldName('left');
      if (!is('right') || (operator !== '||' && operator !== '??') || !left) return undefined;
      let read = left;
      while (WRAPPERS.has(read.type) && read.namedChildren[0]) read = read.namedChildren[0];
      const environmentName = environmentRead(read);
      return environmentName ? { kind: 'env-fallback', name: environmentName, value, replace: parent, environmentName } : undefined;
    }
    case 'return_statement': {
      let fn: Node | null = parent.parent;
      while (fn && !['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'program'].includes(fn.type)) fn = fn.parent;
      const name = fn && fn.type !== 'program' ? functionName(fn) : undefined;
      return name ? { kind: 'returned', name, value, replace: expression } : undefined;
    }
    case 'arrow_function': {
      const name = is('body') ? functionName(parent) : undefined;
      return name ? { kind: 'returned', name, value, replace: expression } : undefined;
    }
    default:
      return undefined;
  }
}

/** An expression that reads `NAME` from the environment and throws when it is missing; typed `string`. */
export function requiredEnvironmentExpression(name: string): string {
  return `(process.env.${name} ?? (() => { throw new Error('${name} must be set'); })())`;
}
