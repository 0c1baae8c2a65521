import type { Node } from 'web-tree-sitter';
import { defineLanguageRule, type RuleContext } from '../../engine/rule';
import type { Fix, TextEdit } from '../../engine/finding';
import { fix, replaceNode } from '../../engine/fix';
import { addKeyedElement, ensureImport, ensureImports, isPackageCall, isPackageMember, packagePath, timeoutDuration } from '../shared/go';

const HTTP = 'net/http';
const CLIENT_FUNCTIONS = ['Get', 'Post', 'Head', 'PostForm'];
const DEFAULT_CLIENT_METHODS = ['Get', 'Post', 'Head', 'PostForm', 'Do'];
const SERVE_FUNCTIONS = ['ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS'];

/** The fields that bound how long each kind of value may wait. */
const TIMEOUT_FIELDS: Record<'Client' | 'Server', readonly string[]> = {
  Client: ['Timeout'],
  // Either bounds how long a client may take to send its headers, which is what Slowloris abuses.
  Server: ['ReadHeaderTimeout', 'ReadTimeout'],
};

/** Whether the file sets `http.DefaultClient.Timeout`, which makes the package-level helpers safe. */
function setsDefaultClientTimeout(context: RuleContext): boolean {
  return context.memo('go:defaultClientTimeout', () =>
    (context.tree?.rootNode.descendantsOfType('assignment_statement') ?? []).some((assignment) => {
      const target = assignment?.childForFieldName('left')?.namedChildren[0];
      return target?.type === 'selector_expression' && target.childForFieldName('field')?.text === 'Timeout' && isPackageMember(target.childForFieldName('operand'), context, HTTP, ['DefaultClient']);
    }),
  );
}

/** A literal keyed field with a value other than a literal zero. */
function setsField(body: Node, fields: readonly string[]): boolean {
  return body.namedChildren.some((element) => {
    if (element?.type !== 'keyed_element') return false;
    const key = element.childForFieldName('key')?.text;
    const value = element.childForFieldName('value')?.text.trim();
    return key !== undefined && fields.includes(key) && value !== '0';
  });
}

/**
 * What the new value is stored in (`client`, `s.client`), so a later `client.Timeout = …` in the same
 * function, or in the file for a package-level value, counts as setting it.
 */
function storedIn(value: Node): Node | undefined {
  let node: Node = value;
  if (node.parent?.type === 'unary_expression') node = node.parent;
  const list = node.parent;
  const statement = list?.parent;
  if (list?.type !== 'expression_list' || !statement) return undefined;
  const index = list.namedChildren.findIndex((child) => child?.id === node.id);
  if (statement.type === 'var_spec') return statement.childrenForFieldName('name')[index];
  if (statement.type !== 'short_var_declaration' && statement.type !== 'assignment_statement') return undefined;
  if (statement.childForFieldName('right')?.id !== list.id) return undefined;
  return statement.childForFieldName('left')?.namedChildren[index] ?? undefined;
}

function isSetLater(value: Node, fields: readonly string[]): boolean {
  const target = storedIn(value);
  if (!target) return false;
  let scope: Node | null = value.parent;
  while (scope && !['function_declaration', 'method_declaration', 'func_literal', 'source_file'].includes(scope.type)) scope = scope.parent;
  // A closure may set the field on a value its enclosing function made, so search the whole declaration.
  while (scope?.type === 'func_literal') {
    let outer: Node | null = scope.parent;
    while (outer && !['function_declaration', 'method_declaration', 'func_literal', 'source_file'].includes(outer.type)) outer = outer.parent;
    scope = outer;
  }
  return (scope?.descendantsOfType('assignment_statement') ?? []).some((assignment) => {
    const left = assignment?.childForFieldName('left')?.namedChildren[0];
    return left?.type === 'selector_expression' && fields.includes(left.childForFieldName('field')?.text ?? '') && left.childForFieldName('operand')?.text === target.text;
  });
}

const BACKGROUND = /^\w+\.(Background|TODO)\(\)$/;

/** Whether an expression builds a request bound to a context that may carry a deadline. */
function isContextBound(value: Node | null | undefined, context: RuleContext): boolean {
  if (value?.type !== 'call_expression') return false;
  const callee = value.childForFieldName('function');
  const first = value.childForFieldName('arguments')?.namedChildren[0];
  if (isPackageCall(value, context, HTTP, ['NewRequestWithContext'])) return !BACKGROUND.test(first?.text.replace(/\s+/g, '') ?? '');
  const method = callee?.type === 'selector_expression' ? callee.childForFieldName('field')?.text : undefined;
  return (method === 'WithContext' || method === 'Clone') && !BACKGROUND.test(first?.text.replace(/\s+/g, '') ?? '');
}

/**
 * Whether `http.DefaultClient.Do(req)` sends a request whose context may end it: built with
 * `NewRequestWithContext(ctx, …)` or `req.WithContext(ctx)` in the same function.
 */
function doesContextBoundRequest(call: Node, context: RuleContext): boolean {
  const request = call.childForFieldName('arguments')?.namedChildren[0];
  if (!request) return false;
  if (isContextBound(request, context)) return true;
  if (request.type !== 'identifier') return false;
  let fn: Node | null = call.parent;
  while (fn && !['function_declaration', 'method_declaration', 'func_literal'].includes(fn.type)) fn = fn.parent;
  return (fn?.descendantsOfType(['short_var_declaration', 'assignment_statement']) ?? []).some((statement) => {
    const left = statement?.childForFieldName('left')?.namedChildren ?? [];
    const right = statement?.childForFieldName('right')?.namedChildren ?? [];
    const index = left.findIndex((name) => name?.text === request.text);
    if (index === -1) return false;
    return isContextBound(right.length === 1 ? right[0] : right[index], context);
  });
}

function clientExpression(context: RuleContext): { text: string; edits: TextEdit[] } {
  const duration = timeoutDuration(context);
  const http = ensureImport(context, HTTP).name;
  return { text: `(&${http}.Client{Timeout: ${duration.text}})`, edits: duration.edits };
}

/**
 * `http.Get(u)` → `(&http.Client{Timeout: 10 * time.Second}).Get(u)`, and `http.DefaultClient` →
 * `(&http.Client{Timeout: 10 * time.Second})`.
 */
function dedicatedClientFix(replaced: Node, keep: string, context: RuleContext): Fix {
  const client = clientExpression(context);
  return fix('Use a client with a timeout', [...client.edits, replaceNode(replaced, `${client.text}${keep}`)]);
}

/** `http.ListenAndServe(addr, h)` → `(&http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: …}).ListenAndServe()`. */
function serverFix(call: Node, name: string, context: RuleContext): Fix | undefined {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((arg): arg is Node => arg !== null && arg.type !== 'comment') ?? [];
  if (call.childForFieldName('arguments')?.text.includes('...')) return undefined;
  const layout: Record<string, { fields: string[]; rest: number[]; expected: number }> = {
    ListenAndServe: { fields: ['Addr', 'Handler'], rest: [], expected: 2 },
    ListenAndServeTLS: { fields: ['Addr', '', '', 'Handler'], rest: [1, 2], expected: 4 },
    Serve: { fields: ['', 'Handler'], rest: [0], expected: 2 },
    ServeTLS: { fields: ['', 'Handler', '', ''], rest: [0, 2, 3], expected: 4 },
  };
  const shape = layout[name];
  if (!shape || args.length !== shape.expected) return undefined;
  const duration = timeoutDuration(context);
  const elements: string[] = [];
  shape.fields.forEach((field, index) => {
    // A nil handler means DefaultServeMux, which is also what an unset Handler means.
    if (field && args[index]!.text !== 'nil') elements.push(`${field}: ${args[index]!.text}`);
  });
  elements.push(`ReadHeaderTimeout: ${duration.text}`);
  const http = call.childForFieldName('function')!.childForFieldName('operand')!.text;
  const rest = shape.rest.map((index) => args[index]!.text).join(', ');
  return fix('Serve with a ReadHeaderTimeout', [...duration.edits, replaceNode(call, `(&${http}.Server{${elements.join(', ')}}).${name}(${rest})`)]);
}

function literalFix(kind: 'Client' | 'Server', body: Node, context: RuleContext): Fix | undefined {
  const field = kind === 'Client' ? 'Timeout' : 'ReadHeaderTimeout';
  const duration = timeoutDuration(context);
  const zero = body.namedChildren.find((element) => element?.type === 'keyed_element' && element.childForFieldName('key')?.text === field);
  const edit = zero ? replaceNode(zero.childForFieldName('value')!, duration.text) : addKeyedElement(context, body, `${field}: ${duration.text}`);
  if (!edit) return undefined;
  return fix(kind === 'Client' ? 'Set a client Timeout' : 'Set a ReadHeaderTimeout', [...duration.edits, edit]);
}

function checkPackageCall(call: Node, pkg: Node, name: string, context: RuleContext): void {
  const path = packagePath(pkg, context);
  const callee = call.childForFieldName('function')!;
  if (path === HTTP && CLIENT_FUNCTIONS.includes(name)) {
    if (setsDefaultClientTimeout(context)) return;
    context.report({ node: callee, messageId: 'client', data: { subject: `\`${callee.text}\` (via \`http.DefaultClient\`)` }, fixes: [dedicatedClientFix(callee, `.${name}`, context)] });
  } else if (path === HTTP && SERVE_FUNCTIONS.includes(name)) {
    const fixes = [serverFix(call, name, context)].filter((candidate): candidate is Fix => candidate !== undefined);
    context.report({ node: callee, messageId: 'server', data: { subject: `\`${callee.text}\`` }, fixes });
  } else if (path === 'net' && name === 'Dial') {
    const args = call.childForFieldName('arguments')!;
    // Local sockets fail at once when nobody listens, and UDP and raw IP "connections" send nothing.
    if (/^"(unix|unixgram|unixpacket|udp[46]?|ip[46]?(:.*)?)"$/.test(args.namedChildren[0]?.text ?? '')) return;
    const duration = timeoutDuration(context, true);
    const edits = [...duration.edits, replaceNode(callee.childForFieldName('field')!, 'DialTimeout'), replaceNode(args, `${args.text.slice(0, -1).replace(/,?\s*$/, '')}, ${duration.text})`)];
    context.report({ node: callee, messageId: 'connect', data: { subject: `\`${callee.text}\``, instead: '`net.DialTimeout`' }, fixes: [fix('Use net.DialTimeout', edits)] });
  } else if (path === 'crypto/tls' && name === 'Dial') {
    const args = call.childForFieldName('arguments')!;
    const { names, edits: imports } = ensureImports(context, ['net', 'time']);
    const dialer = `&${names.get('net')!}.Dialer{Timeout: ${context.config.timeoutSeconds} * ${names.get('time')!}.Second}`;
    const edits = [...imports, replaceNode(callee.childForFieldName('field')!, 'DialWithDialer'), replaceNode(args, `(${dialer}, ${args.text.slice(1)}`)];
    context.report({
      node: callee,
      messageId: 'connect',
      data: { subject: `\`${callee.text}\``, instead: '`tls.DialWithDialer` with a `net.Dialer` that sets `Timeout`' },
      fixes: [fix('Use tls.DialWithDialer with a timeout', edits)],
    });
  }
}

function checkDefaultClient(call: Node, client: Node, method: string, context: RuleContext): void {
  if (!isPackageMember(client, context, HTTP, ['DefaultClient']) || !DEFAULT_CLIENT_METHODS.includes(method)) return;
  if (setsDefaultClientTimeout(context)) return;
  if (method === 'Do' && doesContextBoundRequest(call, context)) return;
  context.report({ node: client, messageId: 'client', data: { subject: `\`${client.text}\`` }, fixes: [dedicatedClientFix(client, '', context)] });
}

function checkLiteral(literal: Node, type: Node, body: Node, context: RuleContext): void {
  const kind = type.childForFieldName('name')?.text;
  if ((kind !== 'Client' && kind !== 'Server') || packagePath(type.childForFieldName('package'), context) !== HTTP) return;
  const fields = TIMEOUT_FIELDS[kind];
  if (setsField(body, fields) || isSetLater(literal, fields)) return;
  const fixes = [literalFix(kind, body, context)].filter((candidate): candidate is Fix => candidate !== undefined);
  context.report({ node: type, messageId: kind === 'Client' ? 'client' : 'server', data: { subject: `This \`${type.text}\`` }, fixes });
}

/** `new(http.Client)` and `var c http.Client`: a zero value, so no timeout, unless one is set later. */
function checkZeroValue(node: Node, type: Node, context: RuleContext): void {
  const kind = type.childForFieldName('name')?.text;
  if ((kind !== 'Client' && kind !== 'Server') || packagePath(type.childForFieldName('package'), context) !== HTTP) return;
  const fields = TIMEOUT_FIELDS[kind];
  if (node.type === 'var_spec') {
    // `var c http.Client` declares a value; fields of structs and parameters are filled in elsewhere.
    const name = node.childrenForFieldName('name')[0];
    if (node.childForFieldName('value') || !name || isSetLaterByName(node, name.text, fields)) return;
  } else if (isSetLater(node, fields)) {
    return;
  }
  const duration = timeoutDuration(context);
  const field = kind === 'Client' ? 'Timeout' : 'ReadHeaderTimeout';
  const fixes: Fix[] = [];
  if (node.type === 'call_expression') {
    fixes.push(fix(`Set ${field}`, [...duration.edits, replaceNode(node, `&${type.text}{${field}: ${duration.text}}`)]));
  } else {
    fixes.push(fix(`Set ${field}`, [...duration.edits, replaceNode(type, `= ${type.text}{${field}: ${duration.text}}`)]));
  }
  context.report({ node: type, messageId: kind === 'Client' ? 'client' : 'server', data: { subject: `This \`${type.text}\`` }, fixes });
}

function isSetLaterByName(spec: Node, name: string, fields: readonly string[]): boolean {
  let scope: Node | null = spec.parent;
  while (scope && !['function_declaration', 'method_declaration', 'source_file'].includes(scope.type)) scope = scope.parent;
  return (scope?.descendantsOfType('assignment_statement') ?? []).some((assignment) => {
    const left = assignment?.childForFieldName('left')?.namedChildren[0];
    return left?.type === 'selector_expression' && fields.includes(left.childForFieldName('field')?.text ?? '') && left.childForFieldName('operand')?.text === name;
  });
}

export default defineLanguageRule({
  language: 'go',
  prefilter: ['net/http', '"net"', 'crypto/tls'],
  query: `
    (call_expression
      function: (selector_expression
        operand: (identifier) @pkg
        field: (field_identifier) @name)
      (#any-of? @name "Get" "Post" "Head" "PostForm" "ListenAndServe" "ListenAndServeTLS" "Serve" "ServeTLS" "Dial")) @packageCall
    (call_expression
      function: (selector_expression
        operand: (selector_expression field: (field_identifier) @clientName) @client
        field: (field_identifier) @method)
      (#eq? @clientName "DefaultClient")) @clientCall
    (composite_literal
      type: (qualified_type name: (type_identifier) @typeName) @type
      body: (literal_value) @body
      (#any-of? @typeName "Client" "Server")) @literal
    (call_expression
      function: (identifier) @new
      arguments: (argument_list . (qualified_type name: (type_identifier) @typeName) @type .)
      (#eq? @new "new")
      (#any-of? @typeName "Client" "Server")) @zero
    (var_spec
      type: (qualified_type name: (type_identifier) @typeName) @type
      (#any-of? @typeName "Client" "Server")) @zero
  `,
  check({ captures }, context) {
    const { packageCall, pkg, name, clientCall, client, method, literal, type, body, zero } = captures;
    if (packageCall && pkg && name) checkPackageCall(packageCall, pkg, name.text, context);
    else if (clientCall && client && method) checkDefaultClient(clientCall, client, method.text, context);
    else if (literal && type && body) checkLiteral(literal, type, body, context);
    else if (zero && type) checkZeroValue(zero, type, context);
  },
});
