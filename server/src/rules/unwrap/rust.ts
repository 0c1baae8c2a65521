import type { Node } from 'web-tree-sitter';
import type { Fix } from '../../engine/finding';
import { defineLanguageRule, type RuleContext } from '../../engine/rule';
import { fix, replaceRange } from '../../engine/fix';
import { asMethodCall, calleeOf, enclosingBody, localDeclaration, pathSegments, resolvePath, resolveSegments, type Enclosing } from '../shared/rust';

const PANIC_MACROS = new Set(['panic', 'todo', 'unimplemented', 'unreachable']);
const LOCK_METHODS = new Set(['lock', 'read', 'write']);
/** `Condvar` waits (by argument count) hand the guard back inside a `LockResult`, poisoned like the lock itself. */
const CONDVAR_WAITS = new Map([
  ['wait', 1],
  ['wait_while', 2],
  ['wait_timeout', 2],
  ['wait_timeout_while', 3],
]);
const POISON_RECOVERY = 'unwrap_or_else(std::sync::PoisonError::into_inner)';

/** Macros whose arguments are plain expressions of the enclosing function, so `?` inside them propagates from it. */
const EXPRESSION_MACROS = new Set([
  'format', 'print', 'println', 'eprint', 'eprintln', 'write', 'writeln', 'format_args', 'vec',
  'trace', 'debug', 'info', 'warn', 'error', 'event',
]);

/**
 * Macros whose arguments do not run in production: `quote!` builds code rather than running it, and
 * `debug_assert!` is compiled out of release builds.
 */
const NOT_RUN_IN_PRODUCTION = new Set(['quote', 'quote_spanned', 'parse_quote', 'parse_quote_spanned', 'debug_assert', 'debug_assert_eq', 'debug_assert_ne']);

const ENV_READS = new Set(['std::env::var', 'std::env::var_os', 'env::var', 'env::var_os', 'dotenvy::var', 'dotenv::var']);

// What a receiver is, judged from the call that produced it. Unknown receivers get no preferred fix.
type Receiver = { kind: 'option' } | { kind: 'result'; error: 'io' | 'std' | 'unknown' } | { kind: 'unknown' };

const OPTION: Receiver = { kind: 'option' };
const IO_RESULT: Receiver = { kind: 'result', error: 'io' };
const STD_RESULT: Receiver = { kind: 'result', error: 'std' };
const SOME_RESULT: Receiver = { kind: 'result', error: 'unknown' };
const UNKNOWN: Receiver = { kind: 'unknown' };

/** Methods by name and argument count (`-1`: any) → what they return. */
const METHODS: ReadonlyArray<readonly [Receiver, number, readonly string[]]> = [
  [OPTION, 0, ['get', 'first', 'last', 'first_mut', 'last_mut', 'next', 'next_back', 'peek', 'peek_mut', 'pop', 'pop_front', 'pop_back', 'pop_first', 'pop_last', 'max', 'min', 'parent', 'file_name', 'file_stem', 'extension', 'host_str', 'port_or_known_default', 'ok', 'err', 'upgrade', 'downcast_ref', 'downcast_mut', 'take', 'first_key_value', 'last_key_value']],
  [OPTION, 1, ['get', 'get_mut', 'find', 'find_map', 'position', 'rposition', 'max_by', 'min_by', 'max_by_key', 'min_by_key', 'nth', 'nth_back', 'reduce', 'strip_prefix', 'strip_suffix', 'split_once', 'rsplit_once', 'to_digit', 'get_key_value', 'captures', 'remove']],
  [IO_RESULT, 0, ['flush', 'sync_all', 'sync_data', 'local_addr', 'peer_addr', 'accept', 'metadata', 'symlink_metadata', 'canonicalize', 'read_dir', 'try_clone', 'output', 'status']],
  [IO_RESULT, 1, ['read_to_string', 'read_to_end', 'read_exact', 'write_all', 'read_line', 'set_nonblocking', 'set_read_timeout', 'set_write_timeout', 'set_nodelay', 'open', 'shutdown', 'recv_from']],
  [IO_RESULT, -1, ['spawn']],
  [STD_RESULT, 0, ['parse', 'send', 'json', 'text', 'bytes', 'error_for_status', 'try_into']],
  [SOME_RESULT, 0, ['build', 'join', 'try_lock', 'try_read', 'try_write']],
];

/** Functions by the end of their resolved path → what they return. */
const FUNCTIONS: ReadonlyArray<readonly [Receiver, RegExp]> = [
  [OPTION, /(^|::)(env::var_os|char::from_u32|char::from_digit|NonZero\w*::new)$/],
  [IO_RESULT, /(^|::)(fs::\w+|File::(open|create|create_new|options)|TcpListener::bind|UdpSocket::bind|TcpStream::connect(_timeout)?|env::current_(dir|exe)|Runtime::new|OpenOptions::open)$/],
  [STD_RESULT, /(^|::)(serde_json::(from|to)_\w+|serde_yaml::(from|to)_\w+|toml::(from|to)_\w+|String::from_utf8|str::from_utf8|env::var|Url::parse|reqwest::get|reqwest::blocking::get|Regex::new|(Ipv4Addr|Ipv6Addr|IpAddr|SocketAddr|HeaderValue|HeaderName|Uri)::from_str|\w+::from_str_radix|tokio::spawn|tokio::task::spawn(_blocking)?)$/],
  [SOME_RESULT, /(^|::)\w+::(try_from|from_str)$/],
];

/** Methods that keep the kind (option or result, and the error type) of their receiver. */
const TRANSPARENT = new Set(['map', 'filter', 'cloned', 'copied', 'inspect', 'and_then']);

function argumentNodes(args: Node): Node[] {
  return args.namedChildren.filter((child) => child.type !== 'line_comment' && child.type !== 'block_comment');
}

function methodKind(name: string, argumentCount: number): Receiver {
  for (const [kind, arity, names] of METHODS) {
    if ((arity === -1 || arity === argumentCount) && names.includes(name)) return kind;
  }
  return UNKNOWN;
}

function classifyReceiver(receiver: Node, context: RuleContext): Receiver {
  let node = receiver;
  const awaited = node.type === 'await_expression';
  if (awaited) node = node.namedChildren[0] ?? node;
  if (node.type !== 'call_expression') return UNKNOWN;
  const method = asMethodCall(node);
  if (method) {
    if (method.name.startsWith('checked_')) return OPTION;
    if (TRANSPARENT.has(method.name)) return classifyReceiver(method.field.childForFieldName('value')!, context);
    const kind = methodKind(method.name, argumentNodes(method.arguments).length);
    // An async `get(key)` is a cache lookup (Option) as often as a Redis call (Result).
    return awaited && kind.kind === 'option' ? UNKNOWN : kind;
  }
  const paths = resolvePath(calleeOf(node), context);
  for (const [kind, pattern] of FUNCTIONS) {
    if (paths.some((path) => pattern.test(path))) return kind;
  }
  return UNKNOWN;
}

/** `.expect(…)` somewhere down a chain that starts by reading the environment: configuration read at start-up. */
function readsEnvironment(receiver: Node, context: RuleContext): boolean {
  let node: Node | null = receiver;
  while (node) {
    if (node.type === 'await_expression' || node.type === 'try_expression') {
      node = node.namedChildren[0] ?? null;
      continue;
    }
    const method = asMethodCall(node);
    if (method) {
      node = method.field.childForFieldName('value');
      continue;
    }
    if (node.type !== 'call_expression') return false;
    return resolvePath(calleeOf(node), context).some((path) => ENV_READS.has(path));
  }
  return false;
}

/**
 * Option/Result messages are strings; parser combinators' `self.expect(Token::Comma)` take tokens.
 * Characters, numbers and enum variants are not messages.
 */
function looksLikeMessage(argument: Node): boolean {
  let node = argument;
  while (node.type === 'reference_expression') node = node.childForFieldName('value') ?? node.namedChildren[0] ?? node;
  switch (node.type) {
    case 'char_literal':
    case 'integer_literal':
    case 'float_literal':
    case 'boolean_literal':
    case 'scoped_identifier':
    case 'struct_expression':
    case 'tuple_expression':
    case 'array_expression':
      return false;
    case 'call_expression': {
      // `Token::Ident(..)`: a variant, not a message.
      const callee = calleeOf(node);
      return !(callee?.type === 'scoped_identifier' && /^[A-Z]/.test(callee.childForFieldName('name')?.text ?? ''));
    }
    default:
      return true;
  }
}

const FAILURE: Record<Receiver['kind'], string> = { option: '`None`', result: 'an `Err`', unknown: '`None` or an `Err`' };

interface Site {
  /** Where the finding starts and ends. */
  start: number;
  end: number;
  method: string;
  receiver: Receiver;
  /** The `expect` argument when it is a string literal. */
  messageLiteral: string | undefined;
  /** Offsets replaced by `?` (from the end of the receiver to the end of the call). */
  replaceStart: number;
  replaceEnd: number;
  /** Where the method name starts, for the poisoned-lock fix. */
  methodStart: number;
}

/** The fixes for `.unwrap()`/`.expect(…)`: `?` where the enclosing function can propagate this receiver. */
function propagationFixes(site: Site, body: Enclosing): Fix[] {
  if (body.kind !== 'function' || site.method === 'unwrap_err' || site.method === 'expect_err') return [];
  const returns = body.returns;
  const { receiver } = site;
  const question = (preferred: boolean): Fix => fix('Propagate the error with `?`', [replaceRange(site.replaceStart, site.replaceEnd, '?')], preferred);
  if (returns.kind === 'option') {
    if (receiver.kind === 'option') return [question(true)];
    if (receiver.kind === 'result') return [fix('Return `None` on error with `.ok()?`', [replaceRange(site.replaceStart, site.replaceEnd, '.ok()?')])];
    return [question(false)];
  }
  if (returns.kind !== 'result') return [];
  if (receiver.kind === 'option') {
    // `Box<dyn Error>` and `String` errors convert from `&str`, so the message becomes the error.
    if (site.messageLiteral !== undefined && (returns.error === 'boxed' || returns.error === 'string')) {
      return [fix('Return the message as an error with `.ok_or(…)?`', [replaceRange(site.replaceStart, site.replaceEnd, `.ok_or(${site.messageLiteral})?`)])];
    }
    return [];
  }
  if (receiver.kind === 'result') {
    const converts =
      ((returns.error === 'boxed' || returns.error === 'anyhow') && receiver.error !== 'unknown') || (returns.error === 'io' && receiver.error === 'io');
    return [question(converts)];
  }
  return [question(false)];
}

function report(context: RuleContext, site: Site, body: Enclosing, lock: string | undefined): void {
  if (lock !== undefined) {
    context.report({
      start: site.start,
      end: site.end,
      messageId: 'rustLockUnwrap',
      data: { lock, method: site.method },
      fixes: [fix('Recover the guard from a poisoned lock', [replaceRange(site.methodStart, site.replaceEnd, POISON_RECOVERY)])],
    });
    return;
  }
  const failure = site.method.endsWith('_err') ? 'an `Ok`' : FAILURE[site.receiver.kind];
  const messageId = site.method === 'expect' ? 'rustExpect' : site.method === 'expect_err' ? 'rustExpectErr' : 'rustUnwrap';
  context.report({
    start: site.start,
    end: site.end,
    messageId,
    data: { method: site.method, failure },
    fixes: propagationFixes(site, body),
  });
}

/** Whether a value is a `String` by its declaration: writing to it with `write!` cannot fail. */
function isStringBuffer(target: Node | undefined): boolean {
  if (target?.type !== 'identifier') return false;
  const declaration = localDeclaration(target.text, target);
  if (!declaration) return false;
  let type = declaration.type;
  while (type?.type === 'reference_type') type = type.childForFieldName('type') ?? undefined;
  if (type) return pathSegments(type)?.at(-1) === 'String';
  const value = declaration.value;
  if (value?.type === 'macro_invocation') return value.childForFieldName('macro')?.text === 'format';
  if (value?.type !== 'call_expression') return false;
  const callee = pathSegments(calleeOf(value));
  if (callee?.length === 2 && callee[0] === 'String') return true;
  const method = asMethodCall(value);
  return method !== undefined && ['to_string', 'to_owned', 'into'].includes(method.name) && method.field.childForFieldName('value')?.type === 'string_literal';
}

/** `write!(buffer, …)` where the buffer is a local `String`: `fmt::Write for String` never fails. */
function writesToString(receiver: Node): boolean {
  if (receiver.type !== 'macro_invocation') return false;
  const name = receiver.childForFieldName('macro')?.text;
  if (name !== 'write' && name !== 'writeln') return false;
  const tokens = receiver.namedChildren.find((child) => child.type === 'token_tree')?.children ?? [];
  // `write!(buffer, …)` or `write!(&mut buffer, …)`.
  let index = 1;
  if (tokens[index]?.type === '&') index++;
  if (tokens[index]?.type === 'mutable_specifier') index++;
  return tokens[index + 1]?.type === ',' && isStringBuffer(tokens[index]);
}

function checkMethodCall(call: Node, context: RuleContext): void {
  const method = asMethodCall(call);
  if (!method) return;
  const args = argumentNodes(method.arguments);
  const takesMessage = method.name.startsWith('expect');
  if (takesMessage ? args.length !== 1 || !looksLikeMessage(args[0]!) : args.length !== 0) return;
  // `Option::expect` returns the value itself; a `?` right after it means a custom `expect` returning a Result.
  if (takesMessage && call.parent?.type === 'try_expression') return;
  const body = enclosingBody(call, context);
  if (body.kind === 'const') return;
  const receiver = method.field.childForFieldName('value')!;
  if (method.name === 'expect' && readsEnvironment(receiver, context)) return;
  if (writesToString(receiver)) return;
  const site = methodSite(method.name, method.field, call, receiver, args[0], context);
  const inner = asMethodCall(receiver);
  const innerArgs = inner ? argumentNodes(inner.arguments).length : -1;
  const isLock =
    inner !== undefined && !method.name.endsWith('_err') && ((LOCK_METHODS.has(inner.name) && innerArgs === 0) || CONDVAR_WAITS.get(inner.name) === innerArgs);
  if (isLock) site.start = inner.field.childForFieldName('field')!.startIndex;
  report(context, site, body, isLock ? inner.name : undefined);
}

function methodSite(name: string, field: Node, call: Node, receiver: Node, argument: Node | undefined, context: RuleContext): Site {
  const nameNode = field.childForFieldName('field')!;
  const source = context.document.text;
  const gap = source.slice(receiver.endIndex, nameNode.startIndex);
  // Keep comments written between the receiver and `.unwrap()`: replace from the dot instead.
  const dot = field.children.find((child) => child.type === '.');
  const replaceStart = /\/\/|\/\*/.test(gap) && dot ? dot.startIndex : receiver.endIndex;
  return {
    start: nameNode.startIndex,
    end: call.endIndex,
    method: name,
    receiver: classifyReceiver(receiver, context),
    messageLiteral: argument?.type === 'string_literal' || argument?.type === 'raw_string_literal' ? argument.text : undefined,
    replaceStart,
    replaceEnd: call.endIndex,
    methodStart: nameNode.startIndex,
  };
}

function checkPanicMacro(invocation: Node, context: RuleContext): void {
  const macro = invocation.childForFieldName('macro');
  if (!macro) return;
  if (macro.type === 'scoped_identifier') {
    const path = macro.childForFieldName('path')?.text;
    if (path !== 'std' && path !== 'core') return;
  }
  if (enclosingBody(invocation, context).kind === 'const') return;
  const bang = invocation.children.find((child) => child.type === '!');
  const name = macro.type === 'scoped_identifier' ? macro.childForFieldName('name')!.text : macro.text;
  context.report({ start: invocation.startIndex, end: bang?.endIndex ?? macro.endIndex, messageId: 'rustPanicMacro', data: { macro: name } });
}

// Macro arguments are token trees, not expressions: `.unwrap()` inside `format!(…)` is the tokens
// `.`, `unwrap` and `()`. Recognise the same patterns on tokens.

function isToken(node: Node | undefined, text: string): boolean {
  return node !== undefined && node.text === text && (node.type === text || node.type === 'identifier');
}

function isParenTree(node: Node | undefined): node is Node {
  return node?.type === 'token_tree' && node.children[0]?.type === '(';
}

/** The `a::b::c` path written in tokens ending at `index`, read backwards. */
function tokenPathEndingAt(tokens: Node[], index: number): string[] {
  const segments: string[] = [];
  let at = index;
  while (at >= 0 && tokens[at]?.type === 'identifier') {
    segments.unshift(tokens[at]!.text);
    if (tokens[at - 1]?.type !== '::') break;
    at -= 2;
  }
  return segments;
}

/** Index of the callee name before a call's `(…)`, skipping a turbofish: `parse::<u8>(…)`. */
function calleeTokenBefore(tokens: Node[], parenIndex: number): number {
  let at = parenIndex - 1;
  if (tokens[at]?.type !== '>') return at;
  let depth = 0;
  for (; at >= 0; at--) {
    const type = tokens[at]!.type;
    if (type === '>') depth++;
    else if (type === '<' && --depth === 0) break;
  }
  return tokens[at - 1]?.type === '::' ? at - 2 : -1;
}

interface TokenReceiver {
  receiver: Receiver;
  /** The `lock`/`read`/`write` token when the receiver is `.lock()`. */
  lock?: Node;
  envRead: boolean;
}

function tokenReceiver(tokens: Node[], dotIndex: number, context: RuleContext): TokenReceiver {
  const callArgs = tokens[dotIndex - 1];
  const calleeIndex = calleeTokenBefore(tokens, dotIndex - 1);
  const callee = tokens[calleeIndex];
  if (!isParenTree(callArgs) || callee?.type !== 'identifier') return { receiver: UNKNOWN, envRead: false };
  const argumentCount = callArgs.namedChildren.length === 0 ? 0 : 1;
  if (tokens[calleeIndex - 1]?.type === '.') {
    if (LOCK_METHODS.has(callee.text) && argumentCount === 0) return { receiver: SOME_RESULT, lock: callee, envRead: false };
    return { receiver: methodKind(callee.text, argumentCount), envRead: false };
  }
  const paths = resolveSegments(tokenPathEndingAt(tokens, calleeIndex), callee, context);
  if (paths.some((path) => ENV_READS.has(path))) return { receiver: STD_RESULT, envRead: true };
  for (const [kind, pattern] of FUNCTIONS) {
    if (paths.some((path) => pattern.test(path))) return { receiver: kind, envRead: false };
  }
  return { receiver: UNKNOWN, envRead: false };
}

function scanTokens(tree: Node, context: RuleContext, body: Enclosing): void {
  const tokens = tree.children;
  tokens.forEach((token, index) => {
    if (token.type === 'token_tree') {
      scanTokens(token, context, body);
      return;
    }
    if (token.type !== 'identifier') return;
    const next = tokens[index + 1];
    if (PANIC_MACROS.has(token.text) && isToken(next, '!') && tokens[index + 2]?.type === 'token_tree' && tokens[index - 1]?.type !== '.') {
      const scoped = tokens[index - 1]?.type === '::' && ['std', 'core'].includes(tokens[index - 2]?.text ?? '');
      if (tokens[index - 1]?.type === '::' && !scoped) return;
      context.report({ start: scoped ? tokens[index - 2]!.startIndex : token.startIndex, end: next!.endIndex, messageId: 'rustPanicMacro', data: { macro: token.text } });
      return;
    }
    const method = token.text;
    if (!['unwrap', 'expect', 'unwrap_err', 'expect_err'].includes(method) || tokens[index - 1]?.type !== '.' || !isParenTree(next)) return;
    const takesMessage = method.startsWith('expect');
    const args = next.namedChildren;
    if (takesMessage ? args.length === 0 || !looksLikeMessage(args[0]!) : args.length !== 0) return;
    const { receiver, lock, envRead } = tokenReceiver(tokens, index - 1, context);
    if (method === 'expect' && envRead) return;
    const receiverEnd = tokens[index - 2]?.endIndex ?? tokens[index - 1]!.startIndex;
    const first = args[0];
    const site: Site = {
      start: lock && !method.endsWith('_err') ? lock.startIndex : token.startIndex,
      end: next.endIndex,
      method,
      receiver,
      messageLiteral: takesMessage && args.length === 1 && (first?.type === 'string_literal' || first?.type === 'raw_string_literal') ? first.text : undefined,
      replaceStart: receiverEnd,
      replaceEnd: next.endIndex,
      methodStart: token.startIndex,
    };
    report(context, site, body, lock && !method.endsWith('_err') ? lock.text : undefined);
  });
}

function checkMacroArguments(invocation: Node, tokens: Node, context: RuleContext): void {
  const macro = invocation.childForFieldName('macro');
  const name = macro?.type === 'scoped_identifier' ? macro.childForFieldName('name')?.text : macro?.text;
  if (!name || NOT_RUN_IN_PRODUCTION.has(name)) return;
  const body = enclosingBody(invocation, context);
  if (body.kind === 'const') return;
  // `?` only propagates from the enclosing function when the macro expands its arguments in place.
  scanTokens(tokens, context, EXPRESSION_MACROS.has(name) ? body : { kind: 'none' });
}

/**
 * A line with a call or macro this rule reports, not a line comment: doc examples and prose
 * ("unexpected") would otherwise send a file to the parser for nothing.
 */
const CALL_OR_PANIC_LINE = /^(?![ \t]*\/\/)[^\n]*?(?:\.\s*(?:unwrap|expect)(?:_err)?\s*\(|\b(?:panic|todo|unimplemented|unreachable)!)/m;

export default defineLanguageRule({
  language: 'rust',
  anchor: CALL_OR_PANIC_LINE,
  query: `
    (call_expression
      function: (field_expression field: (field_identifier) @method)
      (#any-of? @method "unwrap" "expect" "unwrap_err" "expect_err")) @call
    (macro_invocation
      macro: [(identifier) @macro (scoped_identifier name: (identifier) @macro)]
      (#any-of? @macro "panic" "todo" "unimplemented" "unreachable")) @panic
    (macro_invocation (token_tree) @tokens) @invocation
  `,
  check({ captures }, context) {
    const { call, panic, tokens, invocation } = captures;
    if (call) checkMethodCall(call, context);
    else if (panic) checkPanicMacro(panic, context);
    else if (tokens && invocation) checkMacroArguments(invocation, tokens, context);
  },
});
