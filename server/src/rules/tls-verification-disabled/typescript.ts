import type { Node } from 'web-tree-sitter';
import { defineLanguageRule, type RuleContext } from '../../engine/rule';
import { fix, replaceNode } from '../../engine/fix';
import { enclosingFunctionOrProgram, findProperty, isFunction, memberPath, removeProperty, returnsNothing, stringValue, unwrapExpression } from '../shared/typescript';

const ENV_VARIABLE = 'NODE_TLS_REJECT_UNAUTHORIZED';
/** Options whose `false` switches certificate checks off: Node's tls/https, and `request`/`needle`-style clients. */
const VERIFY_FLAGS = new Set(['rejectUnauthorized', 'strictSSL']);

/** Node disables verification only for the exact value `"0"` (a number is converted to a string). */
function isZero(value: Node): boolean {
  const unwrapped = unwrapExpression(value);
  if (unwrapped.type === 'number') return Number(unwrapped.text) === 0;
  return stringValue(unwrapped)?.trim() === '0';
}

function isFalse(value: Node): boolean {
  return unwrapExpression(value).type === 'false';
}

/** The secure value in the style the code was written: `'1'` for `'0'`, `1` for `0`. */
function secureEnvValue(value: Node): string {
  const unwrapped = unwrapExpression(value);
  if (unwrapped.type === 'number') return '1';
  const quote = unwrapped.text[0] ?? "'";
  return `${quote}1${quote}`;
}

/**
 * `{ requestCert: true, rejectUnauthorized: false }` configures a TLS server that asks for client
 * certificates but lets the application judge `socket.authorized`: optional mutual TLS, not a client
 * that trusts any server.
 */
function isOptionalClientAuth(object: Node): boolean {
  return findProperty(object, 'requestCert') !== undefined;
}

/**
 * Certificate pinning done by hand: the function that switches the default check off and compares the
 * peer certificate's fingerprint itself (`socket.getPeerCertificate().fingerprint256`), like Go's
 * `InsecureSkipVerify` with a `VerifyPeerCertificate`.
 */
function pinsByHand(node: Node, context: RuleContext): boolean {
  if (!context.memo('mentions-getPeerCertificate', () => context.document.text.includes('getPeerCertificate'))) return false;
  const scope = enclosingFunctionOrProgram(node);
  if (scope.type === 'program') return false;
  return context.memo(`pins-by-hand:${scope.id}`, () => {
    const names = scope.descendantsOfType('property_identifier').map((property) => property.text);
    return names.includes('getPeerCertificate') && names.some((name) => /fingerprint/i.test(name));
  });
}

function reportFlag(node: Node, name: string, value: Node, context: RuleContext): void {
  if (pinsByHand(node, context)) return;
  context.report({
    node,
    messageId: 'disabled',
    data: { setting: `\`${name}: false\`` },
    fixes: [fix(`Verify certificates (${name}: true)`, [replaceNode(unwrapExpression(value), 'true')])],
  });
}

function reportEnv(node: Node, value: Node, context: RuleContext): void {
  const secure = secureEnvValue(value);
  context.report({
    node,
    messageId: 'envConfig',
    data: { value: '0' },
    fixes: [fix(`Verify certificates (${ENV_VARIABLE}=1)`, [replaceNode(unwrapExpression(value), secure)])],
  });
}

export default defineLanguageRule({
  language: 'typescript',
  prefilter: ['rejectUnauthorized', 'strictSSL', ENV_VARIABLE, 'checkServerIdentity'],
  query: `
    (object
      (pair
        key: [(property_identifier) @key (string (string_fragment) @key)]
        value: (_) @value
        (#any-of? @key "rejectUnauthorized" "strictSSL" "NODE_TLS_REJECT_UNAUTHORIZED" "checkServerIdentity")) @pair) @object
    (method_definition
      name: (property_identifier) @methodKey
      (#eq? @methodKey "checkServerIdentity")) @method
    (assignment_expression
      left: [
        (member_expression property: (property_identifier) @assignedKey)
        (subscript_expression index: (string (string_fragment) @assignedKey))
      ]
      right: (_) @assignedValue
      (#any-of? @assignedKey "rejectUnauthorized" "strictSSL" "NODE_TLS_REJECT_UNAUTHORIZED" "checkServerIdentity")) @assignment
  `,
  check({ captures }, context) {
    const { object, pair, key, value, method, assignment, assignedKey, assignedValue } = captures;
    if (object && pair && key && value) {
      const name = key.text;
      if (VERIFY_FLAGS.has(name)) {
        if (isFalse(value) && !isOptionalClientAuth(object)) reportFlag(pair, name, value, context);
      } else if (name === ENV_VARIABLE) {
        if (isZero(value)) reportEnv(pair, value, context);
      } else if (isFunction(unwrapExpression(value)) && returnsNothing(unwrapExpression(value))) {
        reportAcceptAnyHost(pair, context);
      }
      return;
    }
    if (method && method.parent?.type === 'object' && returnsNothing(method)) {
      reportAcceptAnyHost(method, context);
      return;
    }
    if (assignment && assignedKey && assignedValue) {
      const name = assignedKey.text;
      if (VERIFY_FLAGS.has(name)) {
        if (isFalse(assignedValue)) reportFlag(assignment, name, assignedValue, context);
      } else if (name === ENV_VARIABLE) {
        const left = assignment.childForFieldName('left');
        const path = left ? memberPath(left) : undefined;
        // `process.env.X = '0'`, also a child process's `env.X = '0'`; not an unrelated `config.X`.
        if (path && path.at(-2) === 'env' && isZero(assignedValue)) reportEnv(assignment, assignedValue, context);
      } else if (isFunction(unwrapExpression(assignedValue)) && returnsNothing(unwrapExpression(assignedValue))) {
        // `tls.checkServerIdentity = () => undefined` patches the check for the whole process.
        context.report({ node: assignment, messageId: 'hostname', data: { setting: '`checkServerIdentity` returning nothing' } });
      }
    }
  },
});

/**
 * A `checkServerIdentity` that returns nothing accepts a certificate for any host name. Beside a
 * pinned `ca` (a self-signed server certificate, a per-instance CA) only that CA's certificates pass,
 * and skipping the name check is a deliberate choice for servers reached by IP.
 */
function reportAcceptAnyHost(member: Node, context: RuleContext): void {
  const object = member.parent;
  const ca = object?.type === 'object' ? findProperty(object, 'ca') : undefined;
  const caValue = ca?.type === 'pair' ? ca.childForFieldName('value') : ca;
  if (caValue && !['false', 'null', 'undefined'].includes(unwrapExpression(caValue).type)) return;
  context.report({
    node: member,
    messageId: 'hostname',
    data: { setting: '`checkServerIdentity` returning nothing' },
    fixes: [fix('Remove checkServerIdentity (use the default host name check)', [removeProperty(member, context.document)])],
  });
}
