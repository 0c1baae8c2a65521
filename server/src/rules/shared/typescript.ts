/**
 * Syntax helpers shared by the TypeScript / TSX / JavaScript / JSX rules. Node types used here
 * exist in all three grammars unless a comment says otherwise; helper queries stick to those, since
 * a query that does not compile on one grammar breaks every file of it.
 */
import type { Node } from 'web-tree-sitter';
import { ancestors } from '../../engine/ancestors';
import { isField, memoPer, nodesSpelled, wordOffsets } from './facts';
import { ScopeIndex } from './scope-index';
import type { SourceDocument } from '../../engine/document';
import type { TextEdit } from '../../engine/finding';
import type { RuleContext } from '../../engine/rule';

// ---------------------------------------------------------------------------------------------
// Expressions

/** Wrappers that do not change a value: parentheses and TypeScript type assertions. */
const TRANSPARENT = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'type_assertion', 'non_null_expression']);

/** The expression under parentheses, `as T`, `satisfies T`, `<T>x` and `x!`. */
export function unwrapExpression(node: Node): Node {
  let current = node;
  while (TRANSPARENT.has(current.type)) {
    // `<T>x` keeps its type first; every other wrapper keeps the expression first.
    const inner = current.type === 'type_assertion' ? current.namedChildren.at(-1) : current.namedChildren[0];
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** Call arguments without comments. */
export function callArguments(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'arguments') return [];
  return args.namedChildren.filter((child) => child.type !== 'comment');
}

/** The text of a string literal, or of a template literal without substitutions. */
export function stringValue(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const unwrapped = unwrapExpression(node);
  if (unwrapped.type === 'string') return unwrapped.text.slice(1, -1);
  if (unwrapped.type === 'template_string' && !unwrapped.namedChildren.some((child) => child.type === 'template_substitution')) {
    return unwrapped.text.slice(1, -1);
  }
  return undefined;
}

/** `a.b.c` as `['a', 'b', 'c']` (also `a['b']`), or undefined for anything else. */
export function memberPath(node: Node): string[] | undefined {
  const unwrapped = unwrapExpression(node);
  if (unwrapped.type === 'identifier' || unwrapped.type === 'this') return [unwrapped.text];
  if (unwrapped.type === 'member_expression') {
    const object = unwrapped.childForFieldName('object');
    const property = unwrapped.childForFieldName('property');
    const head = object ? memberPath(object) : undefined;
    return head && property ? [...head, property.text] : undefined;
  }
  if (unwrapped.type === 'subscript_expression') {
    const object = unwrapped.childForFieldName('object');
    const key = stringValue(unwrapped.childForFieldName('index') ?? undefined);
    const head = object ? memberPath(object) : undefined;
    return head && key !== undefined ? [...head, key] : undefined;
  }
  return undefined;
}

const FUNCTIONS = new Set([
  'function_declaration',
  'function_expression',
  'function',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
  'generator_function',
]);

export function isFunction(node: Node): boolean {
  return FUNCTIONS.has(node.type);
}

/** The innermost function around a node, or the program. */
export function enclosingFunctionOrProgram(node: Node): Node {
  return ancestors(node).find((ancestor) => isFunction(ancestor) || ancestor.type === 'program') ?? node;
}

/** Whether a function always returns `undefined`/`null`: `() => undefined`, `() => {}`, `function () { return; }`. */
export function returnsNothing(func: Node): boolean {
  if (!isFunction(func)) return false;
  const body = func.childForFieldName('body');
  if (!body) return false;
  if (body.type !== 'statement_block') {
    const value = unwrapExpression(body);
    return value.type === 'undefined' || value.type === 'null' || (value.type === 'identifier' && value.text === 'undefined');
  }
  const statements = body.namedChildren.filter((child) => child.type !== 'comment' && child.type !== 'empty_statement');
  if (statements.length === 0) return true;
  if (statements.length !== 1 || statements[0]!.type !== 'return_statement') return false;
  const value = statements[0]!.namedChildren[0];
  return value === undefined || returnsNothingValue(value);
}

function returnsNothingValue(node: Node): boolean {
  const value = unwrapExpression(node);
  return value.type === 'undefined' || value.type === 'null' || (value.type === 'identifier' && value.text === 'undefined');
}

// ---------------------------------------------------------------------------------------------
// Object literals

/** The key of an object member as written: `a: 1`, `'a': 1`, `a`, `a() {}`; undefined for computed keys and spreads. */
export function propertyName(member: Node): string | undefined {
  if (member.type === 'shorthand_property_identifier') return member.text;
  if (member.type === 'pair' || member.type === 'method_definition') {
    const key = member.childForFieldName(member.type === 'pair' ? 'key' : 'name');
    if (!key) return undefined;
    if (key.type === 'property_identifier' || key.type === 'number') return key.text;
    return stringValue(key);
  }
  return undefined;
}

export function objectMembers(object: Node): Node[] {
  return object.namedChildren.filter((child) => child.type !== 'comment');
}

/** The member of an object literal with this key, if written out. */
export function findProperty(object: Node, name: string): Node | undefined {
  return objectMembers(object).find((member) => propertyName(member) === name);
}

/** `{ ...defaults }`: the object may carry any key. */
export function hasSpread(object: Node): boolean {
  return objectMembers(object).some((member) => member.type === 'spread_element');
}

/** Adds `property` (e.g. `timeout: 10_000`) as the last member of an object literal, keeping its layout. */
export function addProperty(object: Node, property: string, document: SourceDocument): TextEdit {
  const members = objectMembers(object);
  const last = members.at(-1);
  if (!last) {
    if (object.namedChildren.length === 0) return { start: object.startIndex, end: object.endIndex, newText: `{ ${property} }` };
    // Only comments inside: put the member before the closing brace.
    return { start: object.endIndex - 1, end: object.endIndex - 1, newText: ` ${property} ` };
  }
  const comma = last.nextSibling?.type === ',' ? last.nextSibling : undefined;
  const openLine = document.positionAt(object.startIndex).line;
  const lastLine = document.positionAt(last.startIndex).line;
  if (lastLine === openLine) {
    return { start: last.endIndex, end: last.endIndex, newText: `, ${property}` };
  }
  const indent = document.indentOf(lastLine);
  if (comma) return { start: comma.endIndex, end: comma.endIndex, newText: `${document.eol}${indent}${property},` };
  return { start: last.endIndex, end: last.endIndex, newText: `,${document.eol}${indent}${property}` };
}

/** Edits that remove one member of an object literal with its comma, and its line when it stands alone. */
export function removeProperty(member: Node, document: SourceDocument): TextEdit {
  const next = member.nextSibling;
  const previous = member.previousSibling;
  const text = document.text;
  const startLine = document.positionAt(member.startIndex).line;
  const lineStart = document.lineStart(startLine);
  let end = next?.type === ',' ? next.endIndex : member.endIndex;
  const endLine = document.positionAt(end).line;
  const aloneOnLines = text.slice(lineStart, member.startIndex).trim() === '' && text.slice(end, document.lineEnd(endLine)).trim() === '';
  if (aloneOnLines) {
    const nextLineStart = endLine + 1 < document.lineCount ? document.lineStart(endLine + 1) : document.lineEnd(endLine);
    return { start: lineStart, end: nextLineStart, newText: '' };
  }
  if (next?.type === ',') {
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
    return { start: member.startIndex, end, newText: '' };
  }
  if (previous?.type === ',') return { start: previous.startIndex, end: member.endIndex, newText: '' };
  return { start: member.startIndex, end: member.endIndex, newText: '' };
}

// ---------------------------------------------------------------------------------------------
// Bindings: which module a name comes from, and which names a scope declares

export interface ImportBinding {
  kind: 'import';
  /** The module specifier without a `node:` prefix: `axios`, `https`, `node-fetch`. */
  module: string;
  /** `default`, `*` (namespace import or `require(…)` of the whole module) or the exported name. */
  imported: string;
  scope: Node;
}

export interface LocalBinding {
  kind: 'local';
  /** The initial value of `const x = …` (or `let`/`var`), when there is one. */
  initialValue?: Node;
  /** Declared with `function name() {}`. */
  isFunctionDeclaration?: boolean;
  scope: Node;
}

/** Scope offsets are copied out of the node once: reading them through web-tree-sitter per lookup is costly. */
export type Binding = (ImportBinding | LocalBinding) & { scopeStart: number; scopeEnd: number };

const BLOCK_SCOPES = new Set(['statement_block', 'program', 'for_statement', 'for_in_statement', 'class_static_block', 'switch_body']);

function blockScope(node: Node, chain: readonly Node[] = ancestors(node)): Node {
  return chain.find((ancestor) => BLOCK_SCOPES.has(ancestor.type)) ?? node;
}

function normalizeModule(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
}

/** `require('m')`, `require('m').default`, `await import('m')`: the module and what is taken from it. */
export function requiredModule(node: Node): { module: string; imported: string } | undefined {
  const value = unwrapExpression(node);
  if (value.type === 'await_expression') return value.namedChildren[0] ? requiredModule(value.namedChildren[0]) : undefined;
  if (value.type === 'member_expression') {
    const property = value.childForFieldName('property')?.text;
    const object = value.childForFieldName('object');
    const inner = object ? requiredModule(object) : undefined;
    if (inner && inner.imported === '*' && property) return { module: inner.module, imported: property };
    return undefined;
  }
  if (value.type !== 'call_expression') return undefined;
  const callee = value.childForFieldName('function');
  if (!callee || !((callee.type === 'identifier' && callee.text === 'require') || callee.type === 'import')) return undefined;
  const specifier = stringValue(callArguments(value)[0]);
  return specifier === undefined ? undefined : { module: normalizeModule(specifier), imported: '*' };
}

/** The identifiers a binding pattern declares: `a`, `{ a, b: c, d = 1, ...e }`, `[a, b]`, TS parameters. */
function patternNames(pattern: Node, out: Array<{ name: Node; key?: string }>, key?: string): void {
  switch (pattern.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      out.push({ name: pattern, key: key ?? pattern.text });
      return;
    case 'object_pattern':
      for (const member of pattern.namedChildren) {
        if (member.type === 'pair_pattern') {
          const value = member.childForFieldName('value');
          const memberKey = member.childForFieldName('key');
          if (value) patternNames(value, out, memberKey ? (stringValue(memberKey) ?? memberKey.text) : undefined);
        } else {
          patternNames(member, out);
        }
      }
      return;
    case 'object_assignment_pattern':
    case 'assignment_pattern': {
      const left = pattern.childForFieldName('left');
      if (left) patternNames(left, out, key);
      return;
    }
    case 'required_parameter':
    case 'optional_parameter': {
      const inner = pattern.childForFieldName('pattern');
      if (inner) patternNames(inner, out);
      return;
    }
    case 'array_pattern':
    case 'rest_pattern':
      for (const member of pattern.namedChildren) patternNames(member, out);
      return;
    default:
      return;
  }
}

type Declare = (name: string, binding: ImportBinding | LocalBinding) => void;

function collectImport(statement: Node, add: Declare): void {
  // `import type …` declares no value.
  if (statement.children.some((child) => child.type === 'type')) return;
  const source = stringValue(statement.childForFieldName('source') ?? undefined);
  const program = blockScope(statement);
  for (const clause of statement.namedChildren) {
    if (clause.type === 'import_require_clause') {
      // TypeScript `import x = require('m')` (this node type exists only in the TypeScript grammars).
      const name = clause.namedChildren.find((child) => child.type === 'identifier');
      const specifier = stringValue(clause.childForFieldName('source') ?? undefined);
      if (name && specifier !== undefined) add(name.text, { kind: 'import', module: normalizeModule(specifier), imported: '*', scope: program });
      continue;
    }
    if (clause.type !== 'import_clause' || source === undefined) continue;
    const module = normalizeModule(source);
    for (const part of clause.namedChildren) {
      if (part.type === 'identifier') add(part.text, { kind: 'import', module, imported: 'default', scope: program });
      else if (part.type === 'namespace_import') {
        const name = part.namedChildren.find((child) => child.type === 'identifier');
        if (name) add(name.text, { kind: 'import', module, imported: '*', scope: program });
      } else if (part.type === 'named_imports') {
        for (const specifier of part.namedChildren) {
          if (specifier.type !== 'import_specifier' || specifier.children.some((child) => child.type === 'type')) continue;
          const imported = specifier.childForFieldName('name');
          const alias = specifier.childForFieldName('alias') ?? imported;
          if (imported && alias) add(alias.text, { kind: 'import', module, imported: stringValue(imported) ?? imported.text, scope: program });
        }
      }
    }
  }
}

/** `const a = …`, `let { a, b: c } = require('m')`: names bound to a module's exports or to a local value. */
function collectVariables(declarator: Node, add: Declare): void {
  const name = declarator.childForFieldName('name');
  if (!name) return;
  const value = declarator.childForFieldName('value') ?? undefined;
  // `var` belongs to the whole function; `let` and `const` to their block.
  const chain = ancestors(declarator);
  const scope = chain[0]?.type === 'variable_declaration' ? (chain.find((ancestor) => isFunction(ancestor) || ancestor.type === 'program') ?? declarator) : blockScope(declarator, chain);
  const required = value ? requiredModule(value) : undefined;
  const names: Array<{ name: Node; key?: string }> = [];
  patternNames(name, names);
  for (const entry of names) {
    if (required && name.type === 'identifier') add(entry.name.text, { kind: 'import', module: required.module, imported: required.imported, scope });
    else if (required && required.imported === '*' && entry.key) add(entry.name.text, { kind: 'import', module: required.module, imported: entry.key, scope });
    else add(entry.name.text, { kind: 'local', scope, ...(name.type === 'identifier' && value ? { initialValue: value } : {}) });
  }
}

/** The name a function, generator or class declaration, an arrow function's lone parameter or a catch clause binds. */
function collectNamed(declaration: Node, add: Declare): void {
  const isArrowOrCatch = declaration.type === 'arrow_function' || declaration.type === 'catch_clause';
  const name = declaration.childForFieldName(isArrowOrCatch ? 'parameter' : 'name');
  if (!name) return;
  const scope = isArrowOrCatch ? declaration : blockScope(declaration);
  const names: Array<{ name: Node; key?: string }> = [];
  patternNames(name, names);
  if (name.type === 'type_identifier') names.push({ name });
  const isFunctionDeclaration = declaration.type === 'function_declaration' || declaration.type === 'generator_function_declaration';
  for (const entry of names) add(entry.name.text, { kind: 'local', scope, ...(isFunctionDeclaration ? { isFunctionDeclaration } : {}) });
}

function collectDeclaration(declaration: Node, add: Declare): void {
  switch (declaration.type) {
    case 'import_statement':
      collectImport(declaration, add);
      return;
    case 'variable_declarator':
      collectVariables(declaration, add);
      return;
    case 'formal_parameters': {
      const names: Array<{ name: Node; key?: string }> = [];
      for (const param of declaration.namedChildren) patternNames(param, names);
      const scope = ancestors(declaration)[0] ?? declaration;
      for (const entry of names) add(entry.name.text, { kind: 'local', scope });
      return;
    }
    default:
      collectNamed(declaration, add);
  }
}

/** What lies between a declared name and the node that declares it: patterns, parameters, import clauses. */
const DECLARING_PARTS = new Set([
  'object_pattern',
  'pair_pattern',
  'array_pattern',
  'rest_pattern',
  'assignment_pattern',
  'object_assignment_pattern',
  'required_parameter',
  'optional_parameter',
  'import_clause',
  'named_imports',
  'import_specifier',
  'namespace_import',
  'import_require_clause',
]);
/** Declarations whose name (or parameter) field holds the declared name. */
const NAME_FIELD: Record<string, string> = {
  variable_declarator: 'name',
  function_declaration: 'name',
  generator_function_declaration: 'name',
  class_declaration: 'name',
  arrow_function: 'parameter',
  catch_clause: 'parameter',
};
const NAME_NODE_TYPES: ReadonlySet<string> = new Set(['identifier', 'shorthand_property_identifier_pattern', 'type_identifier']);

/**
 * The declaration a name occurrence may belong to, when the occurrence sits where a declaration puts
 * names. A name in a default value (`{ a = b }`) also leads here; `collectDeclaration` then finds
 * that the pattern does not declare it.
 */
function declarationAround(name: Node): Node | undefined {
  let node = name;
  let parent = node.parent;
  while (parent && DECLARING_PARTS.has(parent.type)) {
    node = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  if (parent.type === 'import_statement' || parent.type === 'formal_parameters') return parent;
  const field = NAME_FIELD[parent.type];
  return field !== undefined && isField(parent, field, node) ? parent : undefined;
}

/**
 * Every declaration of one name in the file, computed once per name: found through the name's
 * occurrences in the text, so resolving `fetch` in a large file costs its few occurrences, not a walk
 * over every declaration.
 */
function bindingsNamed(name: string, context: RuleContext): Binding[] {
  return memoPer(context, 'typescript:bindings', name, () => collectBindings(name, context));
}

function collectBindings(name: string, context: RuleContext): Binding[] {
  const bindings: Binding[] = [];
  const seen = new Set<string>();
  const visited = new Set<number>();
  const add: Declare = (declared, binding) => {
    if (declared !== name) return;
    const scoped: Binding = { ...binding, scopeStart: binding.scope.startIndex, scopeEnd: binding.scope.endIndex };
    // A name declared twice in one scope resolves to the first declaration; keeping one keeps lookups linear.
    const key = `${scoped.scopeStart}:${scoped.scopeEnd}`;
    if (seen.has(key)) return;
    seen.add(key);
    bindings.push(scoped);
  };
  for (const occurrence of nodesSpelled(context, name, NAME_NODE_TYPES)) {
    const declaration = declarationAround(occurrence);
    if (!declaration || visited.has(declaration.id)) continue;
    visited.add(declaration.id);
    collectDeclaration(declaration, add);
  }
  return bindings;
}

/** Where a module specifier occurs as a string: `'axios'`, `"node:https"`. */
function moduleStrings(context: RuleContext, module: string): Node[] {
  const root = context.tree?.rootNode;
  if (!root) return [];
  const strings: Node[] = [];
  for (const offset of wordOffsets(context.document.text, module)) {
    let node: Node | null = root.descendantForIndex(offset, offset + module.length);
    if (node?.type === 'string_fragment') node = node.parent;
    if ((node?.type === 'string' || node?.type === 'template_string') && normalizeModule(stringValue(node) ?? '') === module) strings.push(node);
  }
  return strings;
}

/** The statement or declarator that binds what a module specifier string names: an import, `const x = require('m')…`. */
function moduleBinder(specifier: Node): Node | undefined {
  const holder = specifier.parent;
  if (holder?.type === 'import_statement') return holder;
  if (holder?.type === 'import_require_clause') return holder.parent ?? undefined;
  if (holder?.type !== 'arguments') return undefined;
  // Up from `require('m')` or `import('m')` through `.default`, `await` and parentheses to the declarator.
  let value: Node | null = holder.parent;
  if (value?.type !== 'call_expression' || !requiredModule(value)) return undefined;
  while (value.parent && ['member_expression', 'await_expression', 'parenthesized_expression'].includes(value.parent.type)) {
    if (value.parent.type === 'member_expression' && !isField(value.parent, 'object', value)) return undefined;
    value = value.parent;
  }
  const declarator = value.parent;
  return declarator?.type === 'variable_declarator' && isField(declarator, 'value', value) ? declarator : undefined;
}

/**
 * Names the file binds to any of these modules, by import or `require`, wherever they are declared:
 * a cheap first filter before resolving a name with its scopes.
 */
export function namesImportedFrom(context: RuleContext, modules: ReadonlySet<string>): Set<string> {
  return context.memo(`typescript:names-from:${[...modules].join(',')}`, () => {
    const names = new Set<string>();
    for (const module of modules) {
      for (const specifier of moduleStrings(context, module)) {
        const binder = moduleBinder(specifier);
        if (binder?.type === 'import_statement') collectImport(binder, (name) => names.add(name));
        else if (binder) {
          const declared: Array<{ name: Node; key?: string }> = [];
          patternNames(binder.childForFieldName('name')!, declared);
          for (const entry of declared) names.add(entry.name.text);
        }
      }
    }
    return names;
  });
}

/** The binding an identifier refers to at its position (innermost scope wins), or undefined for a global. */
export function resolveIdentifier(identifier: Node, context: RuleContext): Binding | undefined {
  const candidates = bindingsNamed(identifier.text, context);
  if (candidates.length === 0) return undefined;
  const at = identifier.startIndex;
  if (candidates.length > 8) {
    // Pasted or generated code can declare one name thousands of times.
    return memoPer(context, 'typescript:binding-index', identifier.text, () => new ScopeIndex(candidates)).innermostAt(at);
  }
  let best: Binding | undefined;
  for (const binding of candidates) {
    if (at < binding.scopeStart || at >= binding.scopeEnd) continue;
    if (!best || binding.scopeEnd - binding.scopeStart < best.scopeEnd - best.scopeStart) best = binding;
  }
  return best;
}

/** Where an expression's value comes from when it is a module or a module's export. */
export function moduleOf(node: Node, context: RuleContext): { module: string; imported: string } | undefined {
  const value = unwrapExpression(node);
  if (value.type === 'identifier') {
    const binding = resolveIdentifier(value, context);
    return binding?.kind === 'import' ? { module: binding.module, imported: binding.imported } : undefined;
  }
  if (value.type === 'member_expression') {
    // `ns.default` of a namespace import is the default export.
    const object = value.childForFieldName('object');
    const property = value.childForFieldName('property')?.text;
    const inner = object ? moduleOf(object, context) : undefined;
    if (inner?.imported === '*' && property) return { module: inner.module, imported: property };
  }
  return requiredModule(value);
}

/** Whether an identifier names nothing declared in the file, i.e. a global such as `fetch`. */
export function isGlobal(identifier: Node, context: RuleContext): boolean {
  return resolveIdentifier(identifier, context) === undefined;
}

// ---------------------------------------------------------------------------------------------
// Options objects

const OBJECT_DEFINERS = new Set(['assign', 'defineProperty', 'defineProperties']);

/** What one write to a variable does: `x = …` replaces it (`=`), `x.key = …` adds `key`, `x[k] = …` and `Object.assign(x, …)` anything (`*`). */
function writeOf(occurrence: Node): string | undefined {
  const parent = occurrence.parent;
  if (!parent) return undefined;
  const isAssigned = (node: Node): boolean => node.parent?.type === 'assignment_expression' && isField(node.parent, 'left', node);
  if ((parent.type === 'assignment_expression' || parent.type === 'augmented_assignment_expression') && isField(parent, 'left', occurrence)) return '=';
  if (parent.type === 'member_expression' && isField(parent, 'object', occurrence) && isAssigned(parent)) {
    const key = parent.childForFieldName('property');
    return key?.type === 'property_identifier' ? key.text : undefined;
  }
  if (parent.type === 'subscript_expression' && isField(parent, 'object', occurrence) && isAssigned(parent)) return '*';
  if (parent.type === 'arguments' && parent.namedChildren[0]?.startIndex === occurrence.startIndex) {
    const callee = parent.parent?.type === 'call_expression' ? parent.parent.childForFieldName('function') : undefined;
    const path = callee ? memberPath(callee) : undefined;
    if (path?.length === 2 && path[0] === 'Object' && OBJECT_DEFINERS.has(path[1]!)) return '*';
  }
  return undefined;
}

/** What the file writes into a variable after declaring it (see `writeOf`), found through the occurrences of its name. */
function writesTo(binding: Binding, name: string, context: RuleContext): Set<string> {
  return memoPer(context, 'typescript:writes', binding, () => {
    const writes = new Set<string>();
    for (const occurrence of nodesSpelled(context, name, IDENTIFIER)) {
      const write = writeOf(occurrence);
      if (write !== undefined && resolveIdentifier(occurrence, context) === binding) writes.add(write);
    }
    return writes;
  });
}

const IDENTIFIER: ReadonlySet<string> = new Set(['identifier']);

export type OptionsObject =
  /** An object literal we can read, written inline or as the variable it names. */
  | { kind: 'literal'; object: Node; inline: boolean; addedKeys?: ReadonlySet<string> }
  /** Nothing passed (or `undefined`/`null`). */
  | { kind: 'absent' }
  /** Something we cannot see into: a parameter, a call, a reassigned variable. */
  | { kind: 'opaque' };

/** What an options argument is, looking through a variable declared in scope with an object literal. */
export function optionsObject(argument: Node | undefined, context: RuleContext): OptionsObject {
  if (!argument) return { kind: 'absent' };
  const value = unwrapExpression(argument);
  if (value.type === 'object') return { kind: 'literal', object: value, inline: true };
  if (value.type === 'undefined' || value.type === 'null' || (value.type === 'identifier' && value.text === 'undefined')) return { kind: 'absent' };
  if (value.type !== 'identifier') return { kind: 'opaque' };
  const binding = resolveIdentifier(value, context);
  if (binding?.kind !== 'local' || !binding.initialValue) return { kind: 'opaque' };
  const declared = unwrapExpression(binding.initialValue);
  if (declared.type !== 'object') return { kind: 'opaque' };
  const added = writesTo(binding, value.text, context);
  if (added.has('=')) return { kind: 'opaque' };
  return { kind: 'literal', object: declared, inline: false, ...(added.size > 0 ? { addedKeys: added } : {}) };
}

/** Whether an options object sets one of these keys, or may: through a spread or a later write. */
export function mayHaveKey(options: Extract<OptionsObject, { kind: 'literal' }>, keys: readonly string[]): boolean {
  const { object, addedKeys } = options;
  if (hasSpread(object) || addedKeys?.has('*')) return true;
  return keys.some((key) => findProperty(object, key) !== undefined || addedKeys?.has(key));
}

/** `10` seconds as `10_000` milliseconds. */
export function milliseconds(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  return String(ms).replace(/\B(?=(\d{3})+(?!\d))/g, '_');
}
