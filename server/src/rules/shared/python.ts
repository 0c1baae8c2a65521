import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../../engine/finding';
import type { RuleContext } from '../../engine/rule';
import { insertAt, replaceRange } from '../../engine/fix';

/**
 * Syntax helpers shared by the Python rules: imports, call arguments, and which variables hold an
 * HTTP client. Clients are recognised by how they were created (`requests.Session()`), never by the
 * name of the method called on them, so `self.cache.get(k)` is never mistaken for an HTTP request.
 */

/** Modules that keep their own name when imported from a vendoring package (`from pip._vendor import requests`). */
const WELL_KNOWN_MODULES = new Set(['requests', 'httpx', 'aiohttp', 'urllib3', 'ssl', 'socket']);

function dottedText(node: Node | null): string | undefined {
  if (!node || node.type !== 'dotted_name') return undefined;
  return node.namedChildren.map((part) => part.text).join('.');
}

/**
 * Local name → the dotted path it stands for, from every import in the file (lazy imports inside
 * functions included): `r` → `requests`, `urlopen` → `urllib.request.urlopen`, `urllib` → `urllib`.
 */
export function importedNames(context: RuleContext): ReadonlyMap<string, string> {
  return context.memo('python:imports', () => {
    const names = new Map<string, string>();
    if (!context.tree) return names;
    const query = context.query('[(import_statement) (import_from_statement)] @import');
    for (const { node } of query.captures(context.tree.rootNode)) {
      if (node.type === 'import_statement') {
        for (const name of node.childrenForFieldName('name')) {
          if (name.type === 'aliased_import') {
            const path = dottedText(name.childForFieldName('name'));
            const alias = name.childForFieldName('alias')?.text;
            if (path && alias) names.set(alias, path);
          } else {
            // `import urllib.request` binds `urllib`.
            const first = name.namedChildren[0]?.text;
            if (first) names.set(first, first);
          }
        }
        continue;
      }
      const module = dottedText(node.childForFieldName('module_name'));
      for (const name of node.childrenForFieldName('name')) {
        const imported = dottedText(name.type === 'aliased_import' ? name.childForFieldName('name') : name);
        const local = name.type === 'aliased_import' ? name.childForFieldName('alias')?.text : imported;
        if (!imported || !local) continue;
        if (WELL_KNOWN_MODULES.has(imported)) names.set(local, imported);
        else if (module) names.set(local, `${module}.${imported}`);
      }
    }
    return names;
  });
}

/** `r.get` → `requests.get` when `r` is an imported name; `undefined` for anything not rooted in an import. */
export function qualifiedName(node: Node, context: RuleContext): string | undefined {
  if (node.type === 'identifier') return importedNames(context).get(node.text);
  if (node.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute');
  if (!object || !attribute) return undefined;
  const base = qualifiedName(object, context);
  return base === undefined ? undefined : `${base}.${attribute.text}`;
}

/** The local name a module is imported under at the top of the file (`import ssl as _ssl` → `_ssl`). */
export function moduleAlias(context: RuleContext, module: string): string | undefined {
  for (const [local, path] of importedNames(context)) if (path === module) return local;
  return undefined;
}

/** Source text on one line, shortened for a message. */
export function compact(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `…${flat.slice(flat.length - max + 1)}`;
}

export interface CallArguments {
  positional: Node[];
  keywords: Map<string, Node>;
  /** `*args`: positions after it are unknown. */
  listSplat: boolean;
  /** `**kwargs`: any keyword may be in it. */
  dictionarySplat: boolean;
}

export function callArguments(args: Node): CallArguments {
  const result: CallArguments = { positional: [], keywords: new Map(), listSplat: false, dictionarySplat: false };
  for (const child of args.namedChildren) {
    if (child.type === 'comment') continue;
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name')?.text;
      if (name) result.keywords.set(name, child);
    } else if (child.type === 'list_splat') result.listSplat = true;
    else if (child.type === 'dictionary_splat') result.dictionarySplat = true;
    else if (!result.listSplat) result.positional.push(child);
  }
  return result;
}

export function keywordValue(keyword: Node | undefined): Node | undefined {
  return keyword?.childForFieldName('value') ?? undefined;
}

/** The argument list of the call an argument belongs to, and the call's function. */
export function callOfArgument(argument: Node): { call: Node; callee: Node; args: Node } | undefined {
  const args = argument.parent;
  const call = args?.parent;
  if (!args || args.type !== 'argument_list' || !call || call.type !== 'call') return undefined;
  const callee = call.childForFieldName('function');
  return callee ? { call, callee, args } : undefined;
}

function argumentItems(args: Node): Node[] {
  return args.namedChildren.filter((child) => child.type !== 'comment');
}

/**
 * Adds `text` as the last argument. A call written one argument a line with a trailing comma gets
 * the new argument on its own line, in the same style.
 */
export function addArgument(args: Node, text: string, context: RuleContext): TextEdit {
  const items = argumentItems(args);
  const close = args.lastChild;
  if (items.length === 0) return insertAt(close?.type === ')' ? close.startIndex : args.endIndex, text);
  const last = items[items.length - 1]!;
  const after = last.nextSibling;
  if (after?.type === ',' && close && close.startPosition.row > after.endPosition.row) {
    const { document } = context;
    return insertAt(document.lineEnd(after.endPosition.row), `${document.eol}${document.indentOf(last.startPosition.row)}${text},`);
  }
  return insertAt(last.endIndex, `, ${text}`);
}

/** Removes one argument together with the comma that separates it from its neighbour. */
export function removeArgument(args: Node, argument: Node): TextEdit {
  const items = argumentItems(args);
  const index = items.findIndex((item) => item.id === argument.id);
  if (index > 0) return replaceRange(items[index - 1]!.endIndex, argument.endIndex, '');
  const next = items[index + 1];
  if (next) return replaceRange(argument.startIndex, next.startIndex, '');
  // The only argument: drop a trailing comma with it.
  const after = argument.nextSibling;
  return replaceRange(argument.startIndex, after?.type === ',' ? after.endIndex : argument.endIndex, '');
}

export function isFalse(node: Node | undefined): boolean {
  return node?.type === 'false';
}

export function isNone(node: Node | undefined): boolean {
  return node?.type === 'none';
}

// ---------------------------------------------------------------------------------------------
// HTTP clients held in variables and attributes.

export type ClientKind = 'requests' | 'httpx' | 'aiohttp';

const CLIENT_CONSTRUCTORS = new Map<string, ClientKind>([
  ['requests.Session', 'requests'],
  ['requests.session', 'requests'],
  ['requests.sessions.Session', 'requests'],
  ['requests.sessions.session', 'requests'],
  ['httpx.Client', 'httpx'],
  ['httpx.AsyncClient', 'httpx'],
  ['aiohttp.ClientSession', 'aiohttp'],
]);

/** The client a constructor call creates: `requests.Session()` → requests. */
export function constructedClient(call: Node, context: RuleContext): ClientKind | undefined {
  const callee = call.childForFieldName('function');
  const name = callee ? qualifiedName(callee, context) : undefined;
  return name === undefined ? undefined : CLIENT_CONSTRUCTORS.get(name);
}

/** What a value expression evaluates to: `session or requests.Session()` counts too. */
function clientOfValue(value: Node | null, context: RuleContext): ClientKind | undefined {
  if (!value) return undefined;
  switch (value.type) {
    case 'call':
      return constructedClient(value, context);
    case 'parenthesized_expression':
      return clientOfValue(value.namedChildren[0] ?? null, context);
    case 'assignment':
      return clientOfValue(value.childForFieldName('right'), context);
    case 'boolean_operator':
      return clientOfValue(value.childForFieldName('right'), context) ?? clientOfValue(value.childForFieldName('left'), context);
    case 'conditional_expression':
      return value.namedChildren.map((part) => clientOfValue(part, context)).find((kind) => kind !== undefined);
    default:
      return undefined;
  }
}

/** A type annotation naming a client class, also inside `Optional[…]` or `X | None`. */
function clientOfType(type: Node | null, context: RuleContext): ClientKind | undefined {
  if (!type) return undefined;
  if (type.type === 'string') {
    // A quoted annotation, `"requests.Session"`: resolve its dotted names by hand.
    const imports = importedNames(context);
    for (const [name] of type.text.matchAll(/[A-Za-z_][\w.]*/g)) {
      const [root, ...rest] = name.split('.');
      const module = imports.get(root!);
      const kind = module === undefined ? undefined : CLIENT_CONSTRUCTORS.get([module, ...rest].join('.'));
      if (kind) return kind;
    }
    return undefined;
  }
  if (type.type === 'attribute' || type.type === 'identifier') {
    const name = qualifiedName(type, context);
    return name === undefined ? undefined : CLIENT_CONSTRUCTORS.get(name);
  }
  for (const child of type.namedChildren) {
    const kind = clientOfType(child, context);
    if (kind) return kind;
  }
  return undefined;
}

const SCOPES = new Set(['function_definition', 'lambda']);

function enclosingScope(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (SCOPES.has(current.type)) return current;
  return undefined;
}

function isInClassBody(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'class_definition') return true;
    if (SCOPES.has(current.type)) return false;
  }
  return false;
}

/** Key of a binding: `<scope offset>:<name>` for names, the text (`self.session`) for attributes. */
function bindingKey(target: Node, scope: Node | undefined): string | undefined {
  if (target.type === 'identifier') return `${scope?.startIndex ?? -1}:${target.text}`;
  if (target.type === 'attribute') return target.text.replace(/\s+/g, '');
  return undefined;
}

interface ClientBindings {
  kinds: Map<string, ClientKind>;
  /** Names bound to a timeout-setting adapter object (`adapter = TimeoutHTTPAdapter(timeout=5)`). */
  timeoutAdapters: Set<string>;
}

const BINDINGS_QUERY = `
  (assignment left: [(identifier) (attribute)] @target right: (_) @value)
  (assignment left: [(identifier) (attribute)] @target type: (type) @type)
  (as_pattern (call) @value alias: (as_pattern_target [(identifier) (attribute)] @target))
  (typed_parameter (identifier) @target type: (type) @type)
  (typed_default_parameter name: (identifier) @target type: (type) @type)
  (named_expression name: (identifier) @target value: (_) @value)
`;

function clientBindings(context: RuleContext): ClientBindings {
  return context.memo('python:client-bindings', () => {
    const bindings: ClientBindings = { kinds: new Map(), timeoutAdapters: new Set() };
    if (!context.tree) return bindings;
    for (const match of context.query(BINDINGS_QUERY).matches(context.tree.rootNode)) {
      const target = match.captures.find((capture) => capture.name === 'target')?.node;
      const value = match.captures.find((capture) => capture.name === 'value')?.node ?? null;
      const type = match.captures.find((capture) => capture.name === 'type')?.node ?? null;
      if (!target) continue;
      const kind = value ? clientOfValue(value, context) : clientOfType(type, context);
      if (!kind) {
        if (value?.type === 'call' && target.type === 'identifier' && /timeout/i.test(value.text)) bindings.timeoutAdapters.add(target.text);
        continue;
      }
      if (target.type === 'identifier' && isInClassBody(target)) {
        // A class attribute is reached through `self.` and `cls.` in the methods, never by its bare name.
        bindings.kinds.set(`self.${target.text}`, kind);
        bindings.kinds.set(`cls.${target.text}`, kind);
        continue;
      }
      const key = bindingKey(target, enclosingScope(target));
      if (key) bindings.kinds.set(key, kind);
    }
    return bindings;
  });
}

/** The binding key and kind of a receiver that holds a client, looking through enclosing scopes. */
function resolveClient(receiver: Node, context: RuleContext): { key: string; kind: ClientKind } | undefined {
  const { kinds } = clientBindings(context);
  if (receiver.type === 'identifier') {
    for (let scope = enclosingScope(receiver); ; scope = enclosingScope(scope)) {
      const key = bindingKey(receiver, scope)!;
      const kind = kinds.get(key);
      if (kind) return { key, kind };
      if (!scope) return undefined;
    }
  }
  if (receiver.type === 'attribute') {
    const key = bindingKey(receiver, undefined)!;
    const kind = kinds.get(key);
    return kind ? { key, kind } : undefined;
  }
  return undefined;
}

/** The kind of client an expression holds: a constructor call, or a variable or attribute bound to one. */
export function clientKindOf(receiver: Node, context: RuleContext): ClientKind | undefined {
  if (receiver.type === 'call') return constructedClient(receiver, context);
  if (receiver.type === 'parenthesized_expression') {
    const inner = receiver.namedChildren[0];
    return inner ? clientKindOf(inner, context) : undefined;
  }
  return resolveClient(receiver, context)?.kind;
}

const CONFIGURED_QUERY = `
  (call
    function: (attribute object: (_) @receiver attribute: (identifier) @method)
    arguments: (argument_list) @args
    (#eq? @method "mount"))
  (assignment
    left: (attribute object: (_) @receiver attribute: (identifier) @method)
    (#eq? @method "request"))
`;

/**
 * Sessions given a default timeout: a mounted adapter that sets one
 * (`s.mount("https://", TimeoutHTTPAdapter(timeout=5))`) or a wrapped `request`
 * (`s.request = functools.partial(s.request, timeout=5)`).
 */
function sessionsWithDefaultTimeout(context: RuleContext): Set<string> {
  return context.memo('python:sessions-with-default-timeout', () => {
    const configured = new Set<string>();
    if (!context.tree) return configured;
    const { timeoutAdapters } = clientBindings(context);
    for (const match of context.query(CONFIGURED_QUERY).matches(context.tree.rootNode)) {
      const receiver = match.captures.find((capture) => capture.name === 'receiver')?.node;
      const args = match.captures.find((capture) => capture.name === 'args')?.node;
      if (!receiver) continue;
      if (args) {
        const adapter = callArguments(args).positional[1] ?? callArguments(args).keywords.get('adapter');
        const setsTimeout = adapter !== undefined && (/timeout/i.test(adapter.text) || timeoutAdapters.has(adapter.text));
        if (!setsTimeout) continue;
      }
      const client = resolveClient(receiver, context);
      if (client) configured.add(client.key);
    }
    return configured;
  });
}

/** Whether a session receiver was given a default timeout elsewhere in the file. */
export function hasDefaultTimeout(receiver: Node, context: RuleContext): boolean {
  const client = resolveClient(receiver, context);
  return client !== undefined && sessionsWithDefaultTimeout(context).has(client.key);
}

/** Values assigned to a name or attribute anywhere in the file, by the target's text. */
export function assignedValues(context: RuleContext): ReadonlyMap<string, Node[]> {
  return context.memo('python:assigned-values', () => {
    const values = new Map<string, Node[]>();
    if (!context.tree) return values;
    const query = context.query('(assignment left: [(identifier) (attribute)] @target right: (_) @value)');
    for (const match of query.matches(context.tree.rootNode)) {
      const target = match.captures.find((capture) => capture.name === 'target')?.node;
      const value = match.captures.find((capture) => capture.name === 'value')?.node;
      if (!target || !value) continue;
      const key = target.text.replace(/\s+/g, '');
      values.set(key, [...(values.get(key) ?? []), value]);
    }
    return values;
  });
}

/** The statements of a block, without comments. */
export function statementsOf(block: Node | null | undefined): Node[] {
  return block?.namedChildren.filter((child) => child.type !== 'comment') ?? [];
}

/** The nearest enclosing function definition. */
export function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'function_definition') return current;
  return undefined;
}

function isDocstring(statement: Node): boolean {
  return statement.type === 'expression_statement' && statement.namedChildren.length === 1 && statement.namedChildren[0]!.type === 'string';
}

function importedModule(statement: Node): string {
  return statement.childrenForFieldName('name')[0]?.text ?? '';
}

/**
 * `import <module>`, placed after the docstring and `from __future__` imports, in alphabetical order
 * among the plain `import x` lines that open the module.
 */
export function importModule(context: RuleContext, module: string): TextEdit {
  const root = context.tree!.rootNode;
  const { document } = context;
  const { eol } = document;
  const statements = statementsOf(root);
  let index = 0;
  if (statements[0] && isDocstring(statements[0])) index++;
  while (statements[index]?.type === 'future_import_statement') index++;
  let previousImport: Node | undefined;
  while (statements[index]?.type === 'import_statement' && importedModule(statements[index]!) < module) previousImport = statements[index++];
  const anchor = statements[index];
  if (previousImport || anchor?.type === 'import_statement' || anchor?.type === 'import_from_statement') {
    const offset = previousImport ? document.lineStart(previousImport.endPosition.row + 1) : document.lineStart(anchor!.startPosition.row);
    return insertAt(offset, `import ${module}${eol}`);
  }
  if (!anchor) return insertAt(document.text.length, `${eol}import ${module}${eol}`);
  // PEP 8 spacing: two blank lines before a top-level definition, one before other code.
  const definition = ['function_definition', 'class_definition', 'decorated_definition'].includes(anchor.type);
  return insertAt(document.lineStart(anchor.startPosition.row), `import ${module}${eol}${eol}${definition ? eol : ''}`);
}

