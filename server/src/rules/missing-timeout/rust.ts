import type { Node } from 'web-tree-sitter';
import type { Fix, Severity } from '../../engine/finding';
import { defineLanguageRule, type RuleContext } from '../../engine/rule';
import { fix, insertAt, replaceNode } from '../../engine/fix';
import { asMethodCall, chainAbove, durationFromSecs, enclosingBody, insertionBeforeMethod, localDeclaration, pathSegments, resolvePath, type MethodCall } from '../shared/rust';

type Kind =
  | 'client' // reqwest `Client::new()`
  | 'builder' // reqwest `Client::builder()`
  | 'get' // `reqwest::get(url)`
  | 'ureqRequest' // `ureq::get(url)`
  | 'ureqAgent' // `ureq::agent()`
  | 'ureqBuilder' // `ureq::AgentBuilder::new()`
  | 'stdConnect'
  | 'tokioConnect';

interface Target {
  kind: Kind;
  /** reqwest's blocking client has a 30-second default timeout; the async one has none. */
  blocking: boolean;
}

const TARGETS = new Map<string, Target>();
const add = (kind: Kind, blocking: boolean, ...paths: string[]): void => {
  for (const path of paths) TARGETS.set(path, { kind, blocking });
};
add('client', false, 'reqwest::Client::new', 'reqwest::Client::default');
add('client', true, 'reqwest::blocking::Client::new', 'reqwest::blocking::Client::default');
add('builder', false, 'reqwest::Client::builder', 'reqwest::ClientBuilder::new', 'reqwest::ClientBuilder::default');
add('builder', true, 'reqwest::blocking::Client::builder', 'reqwest::blocking::ClientBuilder::new', 'reqwest::blocking::ClientBuilder::default');
add('get', false, 'reqwest::get');
add('get', true, 'reqwest::blocking::get');
add('ureqRequest', false, ...['get', 'post', 'put', 'delete', 'head', 'patch', 'request', 'request_url'].map((method) => `ureq::${method}`));
add('ureqAgent', false, 'ureq::agent', 'ureq::Agent::new', 'ureq::Agent::default');
add('ureqBuilder', false, 'ureq::builder', 'ureq::AgentBuilder::new');
add('stdConnect', false, 'std::net::TcpStream::connect');
add('tokioConnect', false, 'tokio::net::TcpStream::connect');

/** Methods that bound how long a request may take. `connect_timeout` alone leaves reads unbounded. */
const TIMEOUTS = new Set(['timeout', 'read_timeout', 'timeout_read']);
const UREQ_SENDS = new Set(['call', 'send', 'send_string', 'send_json', 'send_bytes', 'send_form']);

type Usage =
  | { verdict: 'timeout' }
  /** Handed elsewhere (an argument, a return value, a field): where it ends up is unknown. */
  | { verdict: 'escapes' }
  | { verdict: 'unused' }
  | { verdict: 'missing'; finish: MethodCall };

/** Follows a builder or request through its method chain, and through a `let` binding's later uses. */
function usage(call: Node, finishers: ReadonlySet<string>): Usage {
  const { calls, top } = chainAbove(call);
  if (calls.some((method) => TIMEOUTS.has(method.name))) return { verdict: 'timeout' };
  const finish = calls.find((method) => finishers.has(method.name));
  if (finish) return { verdict: 'missing', finish };
  const binding = top.parent;
  if (binding?.type !== 'let_declaration' || binding.childForFieldName('pattern')?.type !== 'identifier') {
    return top.parent?.type === 'expression_statement' ? { verdict: 'unused' } : { verdict: 'escapes' };
  }
  const name = binding.childForFieldName('pattern')!.text;
  const scope = binding.parent;
  if (!scope) return { verdict: 'escapes' };
  let finishing: MethodCall | undefined;
  for (const use of scope.descendantsOfType('identifier')) {
    if (use.startIndex < binding.endIndex || use.text !== name) continue;
    const parent = use.parent;
    if (parent?.type === 'assignment_expression' && parent.childForFieldName('left')?.equals(use)) continue;
    if (parent?.type !== 'field_expression' || !parent.childForFieldName('value')?.equals(use)) return { verdict: 'escapes' };
    const chain = chainAbove(use).calls;
    if (chain.some((method) => TIMEOUTS.has(method.name))) return { verdict: 'timeout' };
    finishing ??= chain.find((method) => finishers.has(method.name));
  }
  return finishing ? { verdict: 'missing', finish: finishing } : { verdict: 'unused' };
}

function severityFor(target: Target): Severity | undefined {
  return target.blocking ? 'information' : undefined;
}

function clientMessage(target: Target): string {
  return target.blocking ? 'rustImplicitTimeout' : 'client';
}

function insertTimeoutBefore(method: MethodCall, context: RuleContext, at: Node): Fix {
  const duration = durationFromSecs(at, context, context.config.timeoutSeconds);
  const insertion = insertionBeforeMethod(method, `.timeout(${duration})`, context.document.text);
  return fix(`Add .timeout(${duration})`, [insertAt(insertion.offset, insertion.text)]);
}

/** The text of a type path without its last segment: `reqwest::Client::new` → `reqwest::Client`. */
function typePrefix(callee: Node): string | undefined {
  return callee.type === 'scoped_identifier' ? callee.childForFieldName('path')?.text : undefined;
}

/**
 * `builder.timeout(…).build().unwrap_or_else(|_| Client::new())`: the plain client is only the
 * fallback for a builder that failed, which `Client::new()` would have panicked on anyway.
 */
function isBuildFallback(call: Node): boolean {
  for (let current: Node | null = call.parent; current; current = current.parent) {
    if (current.type === 'function_item' || (current.type === 'block' && current.parent?.type !== 'closure_expression')) return false;
    if (current.type !== 'arguments') continue;
    const method = asMethodCall(current.parent);
    if (!method || !['unwrap_or_else', 'unwrap_or', 'or_else'].includes(method.name)) return false;
    const built = asMethodCall(method.field.childForFieldName('value'));
    return built?.name === 'build';
  }
  return false;
}

function checkClient(call: Node, callee: Node, target: Target, context: RuleContext): void {
  if (chainAbove(call).calls.some((method) => TIMEOUTS.has(method.name)) || isBuildFallback(call)) return;
  const type = typePrefix(callee);
  const duration = durationFromSecs(call, context, context.config.timeoutSeconds);
  const fixes = type
    ? [
        // `Client` is `Default`, so this neither adds a panic nor changes the type.
        fix(`Build the client with .timeout(${duration})`, [replaceNode(call, `${type}::builder().timeout(${duration}).build().unwrap_or_default()`)]),
      ]
    : [];
  context.report({ node: callee, messageId: clientMessage(target), data: { subject: `\`${callee.text}()\`` }, severity: severityFor(target), fixes });
}

function checkBuilder(call: Node, callee: Node, target: Target, context: RuleContext, finishers: ReadonlySet<string>): void {
  const found = usage(call, finishers);
  if (found.verdict !== 'missing') return;
  context.report({
    node: callee,
    messageId: clientMessage(target),
    data: { subject: `\`${callee.text}()…${found.finish.name}()\`` },
    severity: severityFor(target),
    fixes: [insertTimeoutBefore(found.finish, context, call)],
  });
}

function checkGet(call: Node, callee: Node, args: Node, target: Target, context: RuleContext): void {
  const duration = durationFromSecs(call, context, context.config.timeoutSeconds);
  const client = target.blocking ? 'reqwest::blocking::Client' : 'reqwest::Client';
  context.report({
    node: callee,
    messageId: clientMessage(target),
    data: { subject: `\`${target.blocking ? 'reqwest::blocking::get' : 'reqwest::get'}\`` },
    severity: severityFor(target),
    fixes: [
      fix(`Send with a .timeout(${duration})`, [replaceNode(callee, `${client}::new().get`), insertAt(args.endIndex, `.timeout(${duration}).send()`)]),
    ],
  });
}

function checkUreqRequest(call: Node, callee: Node, context: RuleContext): void {
  const found = usage(call, UREQ_SENDS);
  if (found.verdict !== 'missing') return;
  const duration = durationFromSecs(call, context, context.config.timeoutSeconds);
  context.report({
    node: callee,
    messageId: 'client',
    data: { subject: `\`${callee.text}\`` },
    fixes: [fix(`Add .timeout(${duration})`, [insertAt(call.endIndex, `.timeout(${duration})`)])],
  });
}

function checkUreqAgent(call: Node, callee: Node, context: RuleContext): void {
  if (chainAbove(call).calls.some((method) => TIMEOUTS.has(method.name))) return;
  const duration = durationFromSecs(call, context, context.config.timeoutSeconds);
  context.report({
    node: callee,
    messageId: 'client',
    data: { subject: `\`${callee.text}()\`` },
    fixes: [fix(`Build the agent with .timeout(${duration})`, [replaceNode(call, `ureq::AgentBuilder::new().timeout(${duration}).build()`)])],
  });
}

const SOCKET_ADDR = new Set(['SocketAddr', 'std::net::SocketAddr', 'net::SocketAddr', 'SocketAddrV4', 'SocketAddrV6', 'std::net::SocketAddrV4', 'std::net::SocketAddrV6']);

/** `&addr` for `connect_timeout` when the argument is known to be a socket address, else undefined. */
function socketAddressArgument(argument: Node | undefined): string | undefined {
  if (!argument) return undefined;
  const isReference = argument.type === 'reference_expression';
  const value = isReference ? argument.childForFieldName('value') : argument;
  if (value?.type !== 'identifier') return undefined;
  let type = localDeclaration(value.text, argument)?.type;
  const typeIsReference = type?.type === 'reference_type';
  if (typeIsReference) type = type!.childForFieldName('type') ?? undefined;
  if (!SOCKET_ADDR.has(pathSegments(type)?.join('::') ?? '')) return undefined;
  return typeIsReference ? value.text : `&${value.text}`;
}

function checkStdConnect(call: Node, callee: Node, args: Node, context: RuleContext): void {
  const argumentNodes = args.namedChildren.filter((child) => !child.type.endsWith('comment'));
  const address = argumentNodes.length === 1 ? socketAddressArgument(argumentNodes[0]) : undefined;
  const duration = durationFromSecs(call, context, context.config.timeoutSeconds);
  const type = typePrefix(callee) ?? 'std::net::TcpStream';
  context.report({
    node: callee,
    messageId: 'connect',
    data: { subject: `\`${callee.text}\``, instead: '`TcpStream::connect_timeout`' },
    // `connect_timeout` takes one resolved `&SocketAddr`; a host name or `(host, port)` needs a lookup first.
    fixes: address ? [fix(`Use ${type}::connect_timeout`, [replaceNode(call, `${type}::connect_timeout(${address}, ${duration})`)])] : [],
  });
}

/** Whether an expression sits in the arguments of a `timeout(…)`/`timeout_at(…)` call in its function. */
function insideTimeout(node: Node): boolean {
  for (let current: Node | null = node.parent; current; current = current.parent) {
    if (current.type === 'function_item') return false;
    if (current.type !== 'arguments') continue;
    const callee = current.parent?.childForFieldName('function');
    const name = pathSegments(callee)?.at(-1) ?? (callee?.type === 'field_expression' ? callee.childForFieldName('field')?.text : undefined);
    if (name === 'timeout' || name === 'timeout_at') return true;
  }
  return false;
}

function checkTokioConnect(call: Node, callee: Node, context: RuleContext): void {
  const awaited = call.parent;
  if (awaited?.type !== 'await_expression' || insideTimeout(call)) return;
  if (chainAbove(call).calls.some((method) => TIMEOUTS.has(method.name))) return;
  const duration = durationFromSecs(call, context, context.config.timeoutSeconds);
  const wrapped = `tokio::time::timeout(${duration}, ${call.text})`;
  const body = enclosingBody(call, context);
  const propagates = awaited.parent?.type === 'try_expression' && body.kind === 'function' && body.returns.kind === 'result' && body.returns.error !== 'other' && body.returns.error !== 'string';
  // tokio converts `Elapsed` into `io::Error`, so both layers fit where the io error did.
  const replacement = propagates ? `${wrapped}.await?` : `${wrapped}.await.map_err(std::io::Error::from).and_then(|connected| connected)`;
  context.report({
    node: callee,
    messageId: 'connect',
    data: { subject: `\`${callee.text}(…).await\``, instead: '`tokio::time::timeout(…, TcpStream::connect(…))`' },
    fixes: [fix('Wrap in tokio::time::timeout', [replaceNode(awaited, replacement)])],
  });
}

function checkTimeoutNone(none: Node, call: Node, context: RuleContext): void {
  const method = asMethodCall(call);
  if (!method) return;
  const duration = durationFromSecs(call, context, context.config.timeoutSeconds);
  context.report({
    start: method.field.childForFieldName('field')!.startIndex,
    end: call.endIndex,
    messageId: 'rustTimeoutNone',
    fixes: [fix(`Use Some(${duration})`, [replaceNode(none, `Some(${duration})`)])],
  });
}

export default defineLanguageRule({
  language: 'rust',
  prefilter: ['reqwest', 'ureq', 'TcpStream', 'timeout(None)'],
  query: `
    (call_expression
      function: [(scoped_identifier name: (identifier) @name) (identifier) @name] @callee
      arguments: (arguments) @args
      (#any-of? @name "new" "default" "builder" "get" "post" "put" "delete" "head" "patch" "request" "request_url" "agent" "connect")) @call
    (call_expression
      function: (field_expression field: (field_identifier) @timeoutMethod)
      arguments: (arguments . (identifier) @none .)
      (#eq? @timeoutMethod "timeout")
      (#eq? @none "None")) @timeoutCall
  `,
  check({ captures }, context) {
    const { call, callee, args, none, timeoutCall } = captures;
    if (none && timeoutCall) {
      checkTimeoutNone(none, timeoutCall, context);
      return;
    }
    if (!call || !callee || !args) return;
    const target = resolvePath(callee, context)
      .map((path) => TARGETS.get(path))
      .find((candidate) => candidate !== undefined);
    if (!target) return;
    switch (target.kind) {
      case 'client':
        return checkClient(call, callee, target, context);
      case 'builder':
        return checkBuilder(call, callee, target, context, new Set(['build']));
      case 'get':
        return checkGet(call, callee, args, target, context);
      case 'ureqRequest':
        return checkUreqRequest(call, callee, context);
      case 'ureqAgent':
        return checkUreqAgent(call, callee, context);
      case 'ureqBuilder':
        return checkBuilder(call, callee, target, context, new Set(['build']));
      case 'stdConnect':
        return checkStdConnect(call, callee, args, context);
      case 'tokioConnect':
        return checkTokioConnect(call, callee, context);
    }
  },
});
