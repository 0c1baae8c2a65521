import type { Node } from 'web-tree-sitter';
import { defineLanguageRule, type RuleContext } from '../../engine/rule';
import { fix, replaceNode } from '../../engine/fix';
import { asMethodCall, calleeOf, pathSegments } from '../shared/rust';

/** Setters whose literal argument switches a check off: the insecure value and the message. */
const SETTERS = new Map<string, { insecure: boolean; messageId: 'disabled' | 'hostname' }>([
  ['danger_accept_invalid_certs', { insecure: true, messageId: 'disabled' }],
  ['danger_accept_invalid_hostnames', { insecure: true, messageId: 'hostname' }],
  // openssl's `ConnectConfiguration`.
  ['set_verify_hostname', { insecure: false, messageId: 'hostname' }],
  ['verify_hostname', { insecure: false, messageId: 'hostname' }],
]);

const VERIFIERS = new Map([
  ['verify_server_cert', 'server'],
  ['verify_client_cert', 'client'],
]);

function statements(block: Node): Node[] {
  return block.namedChildren.filter((child) => child.type !== 'line_comment' && child.type !== 'block_comment');
}

/** `Ok(ServerCertVerified::assertion())`, possibly as `return …;`. */
function isAssertion(node: Node | undefined): boolean {
  let expression = node;
  if (expression?.type === 'expression_statement') expression = expression.namedChildren[0];
  if (expression?.type === 'return_expression') expression = expression.namedChildren[0];
  if (expression?.type !== 'call_expression' || calleeOf(expression)?.text !== 'Ok') return false;
  const inner = expression.childForFieldName('arguments')?.namedChildren[0];
  return inner?.type === 'call_expression' && pathSegments(calleeOf(inner))?.at(-1) === 'assertion';
}

/** A rustls verifier that ends in `Ok(…::assertion())` with no way to fail: no `Err`, `?`, branch or early return. */
function acceptsEverything(body: Node): boolean {
  const all = statements(body);
  if (!isAssertion(all.at(-1))) return false;
  if (body.descendantsOfType(['try_expression', 'if_expression', 'match_expression', 'return_expression', 'macro_invocation']).some((node) => !isReturnOfLast(node, all.at(-1)!) && !isLogging(node))) {
    return false;
  }
  return !body.descendantsOfType('identifier').some((identifier) => identifier.text === 'Err');
}

function isReturnOfLast(node: Node, last: Node): boolean {
  return node.type === 'return_expression' && node.startIndex >= last.startIndex;
}

/** Logging inside an accept-all verifier checks nothing; `bail!`/`ensure!` and the like can fail. */
function isLogging(node: Node): boolean {
  if (node.type !== 'macro_invocation') return false;
  const name = pathSegments(node.childForFieldName('macro'))?.at(-1);
  return name !== undefined && ['trace', 'debug', 'info', 'warn', 'error', 'println', 'eprintln', 'event'].includes(name);
}

/** `|_, _| true`: an openssl verify callback that accepts every chain. */
function isAlwaysTrue(closure: Node | undefined): boolean {
  if (closure?.type !== 'closure_expression') return false;
  let body = closure.childForFieldName('body');
  if (body?.type === 'block') {
    const only = statements(body);
    body = only.length === 1 ? only[0]! : null;
  }
  return body?.type === 'boolean_literal' && body.text === 'true';
}

function checkSetter(call: Node, value: Node, context: RuleContext): void {
  const method = asMethodCall(call);
  const setting = method && SETTERS.get(method.name);
  if (!method || !setting || value.text !== String(setting.insecure)) return;
  const nameNode = method.field.childForFieldName('field')!;
  context.report({
    start: nameNode.startIndex,
    end: call.endIndex,
    messageId: setting.messageId,
    data: { setting: `\`.${method.name}(${value.text})\`` },
    fixes: [fix(`Verify certificates (${method.name}(${String(!setting.insecure)}))`, [replaceNode(value, String(!setting.insecure))])],
  });
}

function checkVerifyMode(mode: Node | undefined, context: RuleContext): boolean {
  if (mode?.type !== 'scoped_identifier') return false;
  const segments = pathSegments(mode);
  if (segments?.at(-2) !== 'SslVerifyMode' || segments.at(-1) !== 'NONE') return false;
  context.report({
    node: mode,
    messageId: 'disabled',
    data: { setting: '`SslVerifyMode::NONE`' },
    fixes: [fix('Verify the peer (SslVerifyMode::PEER)', [replaceNode(mode.childForFieldName('name')!, 'PEER')])],
  });
  return true;
}

function checkVerifyCall(call: Node, context: RuleContext): void {
  const method = asMethodCall(call);
  if (!method) return;
  const [mode, callback] = method.arguments.namedChildren;
  // With `NONE` nothing is verified at all; the callback is beside the point.
  if (checkVerifyMode(mode, context)) return;
  if (method.name !== 'set_verify_callback' || !isAlwaysTrue(callback)) return;
  context.report({ node: callback!, messageId: 'rustAlwaysAccept', data: { verifier: 'This verify callback', peer: 'peer' } });
}

function checkVerifier(fn: Node, name: Node, context: RuleContext): void {
  const peer = VERIFIERS.get(name.text);
  const body = fn.childForFieldName('body');
  if (!peer || !body || fn.parent?.parent?.type !== 'impl_item' || !acceptsEverything(body)) return;
  // No automatic fix: what to verify against (roots, pins) is the author's decision.
  context.report({ node: name, messageId: 'rustAlwaysAccept', data: { verifier: `\`${name.text}\``, peer } });
}

export default defineLanguageRule({
  language: 'rust',
  prefilter: ['danger_accept_invalid', 'verify_hostname', 'verify_server_cert', 'verify_client_cert', 'set_verify'],
  query: `
    (call_expression
      function: (field_expression field: (field_identifier) @setter)
      arguments: (arguments . (boolean_literal) @value .)
      (#any-of? @setter "danger_accept_invalid_certs" "danger_accept_invalid_hostnames" "set_verify_hostname" "verify_hostname")) @setterCall
    (call_expression
      function: (field_expression field: (field_identifier) @verifyMethod)
      (#any-of? @verifyMethod "set_verify" "set_verify_callback")) @verifyCall
    (function_item
      name: (identifier) @verifierName
      (#any-of? @verifierName "verify_server_cert" "verify_client_cert")) @verifier
  `,
  check({ captures }, context) {
    const { setterCall, value, verifyCall, verifier, verifierName } = captures;
    if (setterCall && value) checkSetter(setterCall, value, context);
    else if (verifyCall) checkVerifyCall(verifyCall, context);
    else if (verifier && verifierName) checkVerifier(verifier, verifierName, context);
  },
});
