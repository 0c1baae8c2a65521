import type { Node } from 'web-tree-sitter';
import type { Fix } from '../../engine/finding';
import { defineLanguageRule, type RuleContext } from '../../engine/rule';
import { fix, replaceNode } from '../../engine/fix';
import {
  assignedValues,
  callArguments,
  callOfArgument,
  clientKindOf,
  enclosingFunction,
  isFalse,
  keywordValue,
  moduleAlias,
  qualifiedName,
  removeArgument,
} from '../shared/python';

/** Methods that send a request, whatever the client: `verify=False` on them is about TLS. */
const REQUEST_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'send', 'stream']);

/** Modules whose calls take `verify=` for certificates (`boto3.client("s3", verify=False)` too). */
const TLS_MODULES = new Set(['requests', 'httpx', 'boto3', 'aiohttp', 'urllib3']);

/** Client classes of other libraries (`hvac.Client`, `ApiClient`, `HTTPSConnectionPool`). */
const CLIENT_CLASS = /^[A-Z]\w*(Client|Session|Transport|Connection|ConnectionPool|PoolManager)$/;

/**
 * Whether `verify=` on this call is the certificate check — and not, say, numpy's
 * `array_function_dispatch(verify=False)` or mpmath's `findroot(verify=False)`.
 */
function isTlsCall(callee: Node, context: RuleContext): boolean {
  const name = qualifiedName(callee, context);
  if (name !== undefined && TLS_MODULES.has(name.split('.')[0]!)) return true;
  const last = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee.text;
  if (last !== undefined && CLIENT_CLASS.test(last)) return true;
  if (callee.type !== 'attribute') return false;
  const receiver = callee.childForFieldName('object');
  if (receiver && clientKindOf(receiver, context)) return true;
  return last !== undefined && REQUEST_METHODS.has(last);
}

function isAiohttpCall(callee: Node, context: RuleContext): boolean {
  if (qualifiedName(callee, context)?.startsWith('aiohttp.')) return true;
  const receiver = callee.type === 'attribute' ? callee.childForFieldName('object') : null;
  return receiver !== null && clientKindOf(receiver, context) === 'aiohttp';
}

/** `ssl.CERT_NONE`, `ssl.VerifyMode.CERT_NONE`, an imported `CERT_NONE`, or urllib3's `"CERT_NONE"`/`"NONE"`. */
function isCertNone(value: Node): boolean {
  if (value.type === 'attribute') return value.childForFieldName('attribute')?.text === 'CERT_NONE';
  if (value.type === 'identifier') return value.text === 'CERT_NONE';
  if (value.type === 'string') {
    const content = value.namedChildren.filter((child) => child.type === 'string_content').map((child) => child.text).join('');
    return content === 'CERT_NONE' || content === 'NONE';
  }
  return false;
}

/** The same spelling, requiring a certificate; no fix when a bare `CERT_NONE` has no `ssl` import to name the constant. */
function certRequiredFix(value: Node, context: RuleContext): Fix[] {
  const title = 'Require a valid certificate (CERT_REQUIRED)';
  if (value.type === 'attribute') return [fix(title, [replaceNode(value.childForFieldName('attribute')!, 'CERT_REQUIRED')])];
  if (value.type === 'string') {
    const content = value.namedChildren.find((child) => child.type === 'string_content');
    return content ? [fix(title, [replaceNode(content, 'CERT_REQUIRED')])] : [];
  }
  const ssl = moduleAlias(context, 'ssl');
  return ssl ? [fix(title, [replaceNode(value, `${ssl}.CERT_REQUIRED`)])] : [];
}

/** A context made for the server side, where not asking clients for a certificate is the norm. */
function isServerContext(receiver: Node, context: RuleContext): boolean {
  const values = assignedValues(context).get(receiver.text.replace(/\s+/g, '')) ?? [];
  // A local name is the one assigned in the same function; `self.context` may be set in `__init__`.
  const local = receiver.type === 'identifier';
  const scope = enclosingFunction(receiver)?.id;
  return values.some((value) => (!local || enclosingFunction(value)?.id === scope) && /PROTOCOL_TLS_SERVER|CLIENT_AUTH/.test(value.text));
}

function toTrue(value: Node, title: string): Fix[] {
  return [fix(title, [replaceNode(value, 'True')])];
}

function checkKeyword(keyword: Node, name: string, value: Node, context: RuleContext): void {
  const call = callOfArgument(keyword);
  if (!call) return;
  const { callee, args } = call;
  const setting = `\`${name}=${value.text}\``;
  switch (name) {
    case 'verify':
      if (!isFalse(value) || !isTlsCall(callee, context)) return;
      context.report({ node: keyword, messageId: 'disabled', data: { setting }, fixes: toTrue(value, 'Verify certificates (verify=True)') });
      return;
    // Names that mean certificates whatever the library: aiohttp, Elasticsearch, python-gitlab, hvac, …
    case 'verify_ssl':
    case 'ssl_verify':
    case 'verify_certs':
      if (!isFalse(value)) return;
      context.report({ node: keyword, messageId: 'disabled', data: { setting }, fixes: toTrue(value, `Verify certificates (${name}=True)`) });
      return;
    case 'ssl':
      if (!isFalse(value) || !isAiohttpCall(callee, context)) return;
      context.report({ node: keyword, messageId: 'disabled', data: { setting }, fixes: toTrue(value, 'Verify certificates (ssl=True)') });
      return;
    case 'check_hostname':
      if (!isFalse(value)) return;
      context.report({ node: keyword, messageId: 'hostname', data: { setting }, fixes: toTrue(value, 'Check the host name (check_hostname=True)') });
      return;
    case 'assert_hostname':
      if (!isFalse(value)) return;
      // urllib3 takes a host name or None here, not True: the default is the secure value.
      context.report({ node: keyword, messageId: 'hostname', data: { setting }, fixes: [fix('Check the host name (remove assert_hostname=False)', [removeArgument(args, keyword)])] });
      return;
    case 'cert_reqs': {
      if (!isCertNone(value)) return;
      // `ssl.wrap_socket(sock, server_side=True, cert_reqs=CERT_NONE)`: a server not asking clients for a certificate.
      if (keywordValue(callArguments(args).keywords.get('server_side'))?.type === 'true') return;
      context.report({ node: keyword, messageId: 'disabled', data: { setting }, fixes: certRequiredFix(value, context) });
      return;
    }
  }
}

/**
 * `check_hostname = True` next to `verify_mode = CERT_NONE` raises ValueError when the mode is set,
 * so the fix requires a certificate in the same function too.
 */
function checkHostnameFix(receiver: Node, value: Node, context: RuleContext): Fix[] {
  const scope = enclosingFunction(receiver)?.id;
  const modes = (assignedValues(context).get(`${receiver.text.replace(/\s+/g, '')}.verify_mode`) ?? []).filter(
    (mode) => enclosingFunction(mode)?.id === scope && isCertNone(mode),
  );
  const edits = [replaceNode(value, 'True'), ...modes.flatMap((mode) => certRequiredFix(mode, context)[0]?.edits ?? [])];
  return [fix('Check the host name (check_hostname = True)', edits)];
}

/**
 * Inside an `if`/`else`: libraries switch the built-in host name check off when they verify the
 * name themselves or have none to check (`if not server_hostname: ctx.check_hostname = False`).
 */
function isConditional(statement: Node): boolean {
  for (let current = statement.parent; current && current.type !== 'function_definition' && current.type !== 'module'; current = current.parent) {
    if (current.type === 'if_statement' || current.type === 'elif_clause' || current.type === 'else_clause') return true;
  }
  return false;
}

function checkAssignment(assignment: Node, receiver: Node, name: string, value: Node, context: RuleContext): void {
  // `self.check_hostname = False` in a class's own initialiser is a context implementation's default.
  if (receiver.type === 'identifier' && receiver.text === 'self') return;
  const setting = `\`${name} = ${value.text}\``;
  switch (name) {
    case 'verify': {
      if (!isFalse(value)) return;
      const holdsClient = clientKindOf(receiver, context) !== undefined;
      const last = receiver.type === 'attribute' ? receiver.childForFieldName('attribute')?.text : receiver.text;
      if (!holdsClient && !/session|client|http/i.test(last ?? '')) return;
      context.report({ node: assignment, messageId: 'disabled', data: { setting }, fixes: toTrue(value, 'Verify certificates (verify = True)') });
      return;
    }
    case 'check_hostname':
      if (!isFalse(value) || isServerContext(receiver, context) || isConditional(assignment)) return;
      context.report({ node: assignment, messageId: 'hostname', data: { setting }, fixes: checkHostnameFix(receiver, value, context) });
      return;
    case 'verify_mode':
      if (!isCertNone(value) || isServerContext(receiver, context)) return;
      context.report({ node: assignment, messageId: 'disabled', data: { setting }, fixes: certRequiredFix(value, context) });
      return;
  }
}

/** `ssl._create_unverified_context` called or installed as the default (`ssl._create_default_https_context = …`). */
function checkUnverifiedContext(reference: Node, context: RuleContext): void {
  // A bare name counts when it was imported from `ssl`, not inside ssl.py's own definitions.
  if (reference.type === 'identifier' && qualifiedName(reference, context) !== 'ssl._create_unverified_context') return;
  const call = reference.parent?.type === 'call' && reference.parent.childForFieldName('function')?.id === reference.id ? reference.parent : undefined;
  const setting = call ? `\`${reference.text}()\`` : `\`${reference.text}\``;
  let replacement: string | undefined;
  if (reference.type === 'attribute') replacement = `${reference.childForFieldName('object')!.text}.create_default_context`;
  else {
    const ssl = moduleAlias(context, 'ssl');
    replacement = ssl && `${ssl}.create_default_context`;
  }
  // create_default_context takes only the CA arguments; protocol or verification settings do not carry over.
  const args = call?.childForFieldName('arguments');
  if (args) {
    const { positional, keywords, listSplat, dictionarySplat } = callArguments(args);
    const portable = positional.length === 0 && !listSplat && !dictionarySplat && [...keywords.keys()].every((key) => ['cafile', 'capath', 'cadata'].includes(key));
    if (!portable) replacement = undefined;
  }
  context.report({
    node: call ?? reference,
    messageId: 'disabled',
    data: { setting },
    fixes: replacement ? [fix('Use a verifying context (ssl.create_default_context)', [replaceNode(reference, replacement)])] : [],
  });
}

export default defineLanguageRule({
  language: 'python',
  prefilter: [/\b(?:verify|verify_ssl|ssl_verify|verify_certs|ssl)\s*=\s*False\b/, 'check_hostname', 'cert_reqs', 'CERT_NONE', '_create_unverified_context', 'assert_hostname'],
  query: `
    (keyword_argument
      name: (identifier) @keywordName
      value: (_) @keywordValue
      (#any-of? @keywordName "verify" "verify_ssl" "ssl_verify" "verify_certs" "ssl" "check_hostname" "assert_hostname" "cert_reqs")) @keyword
    (assignment
      left: (attribute object: (_) @receiver attribute: (identifier) @attributeName)
      right: (_) @attributeValue
      (#any-of? @attributeName "verify" "check_hostname" "verify_mode")) @assignment
    (attribute
      attribute: (identifier) @privateName
      (#eq? @privateName "_create_unverified_context")) @reference
    (call
      function: (identifier) @reference
      (#eq? @reference "_create_unverified_context"))
    (assignment
      right: (identifier) @reference
      (#eq? @reference "_create_unverified_context"))
  `,
  check({ captures }, context) {
    const { keyword, keywordName, keywordValue: value, assignment, receiver, attributeName, attributeValue, reference } = captures;
    if (keyword && keywordName && value) checkKeyword(keyword, keywordName.text, value, context);
    else if (assignment && receiver && attributeName && attributeValue) checkAssignment(assignment, receiver, attributeName.text, attributeValue, context);
    else if (reference) checkUnverifiedContext(reference, context);
  },
});
