import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../engine/rule';

/*
 * Syntax helpers shared by the Rust rules: paths resolved through `use` declarations, method
 * chains, the function an expression belongs to and the shape of its written return type.
 */

// ---------------------------------------------------------------------------------------------
// Paths and imports

/** The segments of a path expression or path type (`reqwest::Client::new` → three segments). */
export function pathSegments(node: Node | null | undefined): string[] | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'identifier':
    case 'type_identifier':
    case 'field_identifier':
    case 'crate':
    case 'self':
    case 'super':
      return [node.text];
    case 'generic_type': {
      // `Vec::<u8>::new`: the generic arguments do not change which item is named.
      return pathSegments(node.childForFieldName('type'));
    }
    case 'scoped_identifier':
    case 'scoped_type_identifier': {
      const path = node.childForFieldName('path');
      const name = node.childForFieldName('name');
      if (!name) return undefined;
      // `::reqwest::get` has no path: the leading `::` only anchors at the crate root.
      const prefix = path ? pathSegments(path) : [];
      return prefix ? [...prefix, name.text] : undefined;
    }
    default:
      return undefined;
  }
}

interface ScopeImports {
  /** Local name → the full path it stands for. */
  names: Map<string, string[]>;
  /** Paths imported with `::*`. */
  globs: string[][];
}

function collectUseTree(node: Node, prefix: string[], imports: ScopeImports): void {
  switch (node.type) {
    case 'identifier':
    case 'crate':
    case 'super':
      imports.names.set(node.text, [...prefix, node.text]);
      return;
    case 'self':
      // `use reqwest::{self, Client}` imports `reqwest` itself.
      if (prefix.length > 0) imports.names.set(prefix[prefix.length - 1]!, prefix);
      return;
    case 'scoped_identifier': {
      const segments = pathSegments(node);
      if (segments && segments.length > 0) imports.names.set(segments[segments.length - 1]!, [...prefix, ...segments]);
      return;
    }
    case 'use_as_clause': {
      const path = node.childForFieldName('path');
      const alias = node.childForFieldName('alias');
      if (!path || !alias || alias.text === '_') return;
      const segments = path.type === 'self' ? prefix : [...prefix, ...(pathSegments(path) ?? [])];
      imports.names.set(alias.text, segments);
      return;
    }
    case 'scoped_use_list': {
      const path = node.childForFieldName('path');
      const list = node.childForFieldName('list');
      const base = [...prefix, ...(pathSegments(path) ?? [])];
      for (const child of list?.namedChildren ?? []) collectUseTree(child, base, imports);
      return;
    }
    case 'use_list':
      for (const child of node.namedChildren) collectUseTree(child, prefix, imports);
      return;
    case 'use_wildcard': {
      const path = node.namedChildren[0];
      imports.globs.push([...prefix, ...(pathSegments(path) ?? [])]);
      return;
    }
  }
}

const SCOPE_TYPES = new Set(['source_file', 'declaration_list', 'block']);

function importsOf(scope: Node, context: RuleContext): ScopeImports {
  return context.memo(`rust:imports:${scope.id}`, () => {
    const imports: ScopeImports = { names: new Map(), globs: [] };
    for (const child of scope.namedChildren) {
      if (child.type !== 'use_declaration') continue;
      const argument = child.childForFieldName('argument');
      if (argument) collectUseTree(argument, [], imports);
    }
    return imports;
  });
}

/** The `use` scopes visible from a node, innermost first; an inline `mod` starts afresh unless it globs `super::*`. */
function visibleImports(node: Node, context: RuleContext): ScopeImports[] {
  const scopes: ScopeImports[] = [];
  for (let current: Node | null = node; current; current = current.parent) {
    if (!SCOPE_TYPES.has(current.type)) continue;
    const imports = importsOf(current, context);
    scopes.push(imports);
    if (current.type === 'declaration_list' && current.parent?.type === 'mod_item') {
      if (!imports.globs.some((glob) => glob.length === 1 && glob[0] === 'super')) break;
    }
  }
  return scopes;
}

/**
 * The full paths a path expression may stand for, resolving its first segment through the `use`
 * declarations in scope: `Client::new` with `use reqwest::Client` → `reqwest::Client::new`. A name
 * brought in by a glob import yields one candidate per glob. Unresolvable names yield the path as written.
 */
export function resolvePath(node: Node | null | undefined, context: RuleContext): string[] {
  const segments = pathSegments(node);
  return node && segments ? resolveSegments(segments, node, context) : [];
}

/** `resolvePath` for segments written at a node. */
export function resolveSegments(segments: readonly string[], at: Node, context: RuleContext): string[] {
  if (segments.length === 0) return [];
  const [first, ...rest] = segments as [string, ...string[]];
  const candidates: string[] = [];
  for (const scope of visibleImports(at, context)) {
    const imported = scope.names.get(first);
    if (imported) return [[...imported, ...rest].join('::')];
    for (const glob of scope.globs) candidates.push([...glob, first, ...rest].join('::'));
  }
  return [segments.join('::'), ...candidates];
}

const STD_DURATIONS = new Set(['std::time::Duration', 'core::time::Duration', 'tokio::time::Duration']);

/** `std::time::Duration::from_secs(n)`, or `Duration::from_secs(n)` when std's `Duration` is imported where the code goes. */
export function durationFromSecs(at: Node, context: RuleContext, seconds: number): string {
  const [resolved] = resolveSegments(['Duration'], at, context);
  return `${resolved && STD_DURATIONS.has(resolved) ? 'Duration' : 'std::time::Duration'}::from_secs(${seconds})`;
}

// ---------------------------------------------------------------------------------------------
// Calls and method chains

/** The callee of a call with generic arguments stripped: `parse::<u16>` → `parse`. */
export function calleeOf(call: Node): Node | null {
  let callee = call.childForFieldName('function');
  if (callee?.type === 'generic_function') callee = callee.childForFieldName('function');
  return callee;
}

export interface MethodCall {
  /** The `call_expression`. */
  call: Node;
  /** The `field_expression` `receiver.method`. */
  field: Node;
  name: string;
  arguments: Node;
}

/** `receiver.method(args)` as parts, or undefined for any other expression. */
export function asMethodCall(node: Node | null | undefined): MethodCall | undefined {
  if (node?.type !== 'call_expression') return undefined;
  const field = calleeOf(node);
  const args = node.childForFieldName('arguments');
  if (field?.type !== 'field_expression' || !args) return undefined;
  const name = field.childForFieldName('field');
  if (!name || name.type !== 'field_identifier') return undefined;
  return { call: node, field, name: name.text, arguments: args };
}

/** The method calls applied to an expression, in order: `x.a().b().await?.c()` → a, b, c. */
export function chainAbove(expression: Node): { calls: MethodCall[]; top: Node } {
  const calls: MethodCall[] = [];
  let current = expression;
  for (;;) {
    const parent = current.parent;
    if (!parent) break;
    if (parent.type === 'await_expression' || parent.type === 'try_expression') {
      current = parent;
      continue;
    }
    if (parent.type === 'field_expression' && parent.childForFieldName('value')?.equals(current)) {
      const method = asMethodCall(parent.parent);
      if (!method) break;
      calls.push(method);
      current = method.call;
      continue;
    }
    break;
  }
  return { calls, top: current };
}

/** Text to insert before `.method(…)` of a chain: on its own line when the chain is written one call a line. */
export function insertionBeforeMethod(method: MethodCall, text: string, source: string): { offset: number; text: string } {
  const receiver = method.field.childForFieldName('value')!;
  const dot = method.field.children.find((child) => child.type === '.');
  const gap = dot ? source.slice(receiver.endIndex, dot.startIndex) : '';
  const newline = gap.lastIndexOf('\n');
  if (dot && newline !== -1) return { offset: dot.startIndex, text: `${text}${gap.slice(newline)}` };
  return { offset: receiver.endIndex, text };
}

// ---------------------------------------------------------------------------------------------
// Enclosing function and return types

export type ErrorShape =
  /** `Box<dyn Error …>`: takes any std error, and `&str`/`String` messages. */
  | 'boxed'
  /** `anyhow::Error`, `eyre::Report`: take any std error but not plain strings. */
  | 'anyhow'
  | 'io'
  | 'string'
  | 'other';

export type ReturnShape = { kind: 'result'; error: ErrorShape } | { kind: 'option' } | { kind: 'other' };

export type Enclosing =
  /** A function or a closure with a written return type. */
  | { kind: 'function'; node: Node; returns: ReturnShape }
  /** A closure without a written return type or an async block: what `?` would return is unknown. */
  | { kind: 'opaque'; node: Node }
  /** The initializer of a `const` or `static`: evaluated at compile time. */
  | { kind: 'const'; node: Node }
  | { kind: 'none' };

const ANYHOW_RESULTS = new Set(['anyhow::Result', 'eyre::Result', 'color_eyre::Result', 'color_eyre::eyre::Result']);
const ANYHOW_ERRORS = new Set(['anyhow::Error', 'eyre::Report', 'eyre::Error', 'color_eyre::Report', 'color_eyre::eyre::Report', 'color_eyre::eyre::Error']);
const IO_RESULTS = new Set(['std::io::Result', 'io::Result', 'tokio::io::Result']);
const IO_ERRORS = new Set(['std::io::Error', 'io::Error', 'tokio::io::Error']);

/** The code an expression runs as part of: function, closure, async block or constant initializer. */
export function enclosingBody(node: Node, context: RuleContext): Enclosing {
  for (let current: Node | null = node.parent; current; current = current.parent) {
    switch (current.type) {
      case 'function_item': {
        const returnType = current.childForFieldName('return_type');
        return { kind: 'function', node: current, returns: returnType ? returnShape(returnType, context) : { kind: 'other' } };
      }
      case 'closure_expression': {
        const returnType = current.childForFieldName('return_type');
        if (!returnType) return { kind: 'opaque', node: current };
        return { kind: 'function', node: current, returns: returnShape(returnType, context) };
      }
      case 'async_block':
        return { kind: 'opaque', node: current };
      case 'const_item':
      case 'static_item':
      case 'const_block':
        return { kind: 'const', node: current };
    }
  }
  return { kind: 'none' };
}

/** Whether a type is `Box<dyn Error …>` (with any bounds). */
function isBoxedError(type: Node): boolean {
  if (type.type !== 'generic_type' || pathSegments(type.childForFieldName('type'))?.at(-1) !== 'Box') return false;
  let inner = type.childForFieldName('type_arguments')?.namedChildren[0];
  while (inner?.type === 'bounded_type') inner = inner.namedChildren[0];
  if (inner?.type !== 'dynamic_type') return false;
  return pathSegments(inner.childForFieldName('trait'))?.at(-1) === 'Error';
}

function errorShape(type: Node | undefined, context: RuleContext): ErrorShape {
  if (!type) return 'other';
  if (isBoxedError(type)) return 'boxed';
  const resolved = resolvePath(type, context);
  if (resolved.some((path) => ANYHOW_ERRORS.has(path))) return 'anyhow';
  if (resolved.some((path) => IO_ERRORS.has(path))) return 'io';
  if (resolved.includes('String') || resolved.includes('std::string::String')) return 'string';
  return 'other';
}

/** A `type Name<…> = …;` in the file, for aliases like `type Result<T> = std::result::Result<T, Error>`. */
function typeAlias(name: string, context: RuleContext): Node | undefined {
  const aliases = context.memo('rust:type-aliases', () => {
    const found = new Map<string, Node>();
    const root = context.tree?.rootNode;
    if (!root) return found;
    for (const item of root.descendantsOfType('type_item')) {
      const aliasName = item.childForFieldName('name')?.text;
      const value = item.childForFieldName('type');
      if (aliasName && value && !found.has(aliasName)) found.set(aliasName, value);
    }
    return found;
  });
  return aliases.get(name);
}

/** What `?` in a function with this written return type can propagate. */
export function returnShape(type: Node, context: RuleContext, depth = 0): ReturnShape {
  const base = type.type === 'generic_type' ? type.childForFieldName('type') : type;
  const segments = pathSegments(base);
  const name = segments?.at(-1);
  if (name === 'Option') return { kind: 'option' };
  if (name !== 'Result') return { kind: 'other' };
  const args = type.type === 'generic_type' ? (type.childForFieldName('type_arguments')?.namedChildren ?? []) : [];
  const typeArgs = args.filter((arg) => arg.type !== 'lifetime');
  if (typeArgs.length >= 2) return { kind: 'result', error: errorShape(typeArgs[1], context) };
  const resolved = resolvePath(base, context);
  if (resolved.some((path) => ANYHOW_RESULTS.has(path))) return { kind: 'result', error: 'anyhow' };
  if (resolved.some((path) => IO_RESULTS.has(path))) return { kind: 'result', error: 'io' };
  if (segments?.length === 1 && depth === 0) {
    const alias = typeAlias(name, context);
    if (alias) return returnShape(alias, context, depth + 1);
  }
  return { kind: 'result', error: 'other' };
}

// ---------------------------------------------------------------------------------------------
// Local variables

export interface Declaration {
  /** The written type, if any. */
  type: Node | undefined;
  /** The initializer of a `let`; absent for parameters. */
  value: Node | undefined;
}

/** The `let` or parameter that declares a local name, looking back from `at` through the enclosing blocks. */
export function localDeclaration(name: string, at: Node): Declaration | undefined {
  for (let current: Node | null = at.parent; current; current = current.parent) {
    if (current.type === 'block') {
      let found: Declaration | undefined;
      for (const statement of current.namedChildren) {
        if (statement.startIndex >= at.startIndex) break;
        if (statement.type === 'let_declaration' && statement.childForFieldName('pattern')?.text === name) {
          found = { type: statement.childForFieldName('type') ?? undefined, value: statement.childForFieldName('value') ?? undefined };
        }
      }
      if (found) return found;
    }
    if (current.type === 'function_item' || current.type === 'closure_expression') {
      const parameters = current.childForFieldName('parameters');
      for (const parameter of parameters?.namedChildren ?? []) {
        const pattern = parameter.childForFieldName('pattern') ?? parameter.namedChildren[0];
        if (pattern?.text === name) return { type: parameter.childForFieldName('type') ?? undefined, value: undefined };
      }
      if (current.type === 'function_item') return undefined;
    }
  }
  return undefined;
}
