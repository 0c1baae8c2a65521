import type { Node } from 'web-tree-sitter';
import { defineLanguageRule, type RuleContext } from '../../engine/rule';
import { ancestors } from '../../engine/ancestors';
import { fix, insertAt, replaceNode } from '../../engine/fix';
import type { Fix } from '../../engine/finding';
import {
  addProperty,
  callArguments,
  enclosingFunctionOrProgram,
  findProperty,
  isFunction,
  isGlobal,
  mayHaveKey,
  memberPath,
  milliseconds,
  moduleOf,
  namesImportedFrom,
  optionsObject,
  resolveIdentifier,
  unwrapExpression,
  type OptionsObject,
} from '../shared/typescript';
import { isField, nodesSpelled } from '../shared/facts';

type Client = 'fetch' | 'axios' | 'got' | 'http';

/** A recognised HTTP call: which client, and where its options argument goes. */
interface Target {
  client: Client;
  /** `''` for the client called as a function (`axios(…)`, `got(…)`, `fetch(…)`). */
  method: string;
}

const FETCH_MODULES: Record<string, readonly string[]> = {
  'node-fetch': ['default', '*', 'fetch'],
  'cross-fetch': ['default', '*', 'fetch'],
  'isomorphic-fetch': ['default', '*'],
  'isomorphic-unfetch': ['default', '*'],
  undici: ['fetch'],
};
const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'self', 'global']);
const CLIENT_MODULES: ReadonlySet<string> = new Set([...Object.keys(FETCH_MODULES), 'axios', 'got', 'http', 'https']);
const AXIOS_URL_CONFIG = new Set(['get', 'delete', 'head', 'options']);
const AXIOS_URL_DATA_CONFIG = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);
const GOT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'stream']);
const HTTP_MODULES = new Set(['http', 'https']);
const HTTP_METHODS = new Set(['get', 'request']);

/**
 * Keys that bound a request, or may: an abort signal can carry a deadline, a cancel token a timer,
 * and an undici `dispatcher` its own connect, headers and body timeouts.
 */
const FETCH_KEYS = ['signal', 'timeout', 'dispatcher'];
const AXIOS_KEYS = ['timeout', 'signal', 'cancelToken'];
const GOT_KEYS = ['timeout', 'signal'];
const HTTP_KEYS = ['timeout', 'signal'];

/**
 * Whether a callee can be an HTTP client at all, by names alone: `fetch`, a global object's `fetch`,
 * a name imported from a client module, or `require(…)` itself. Most calls of a file stop here,
 * before any scope is resolved.
 */
function mayBeClient(callee: Node, context: RuleContext): boolean {
  const path = memberPath(callee);
  if (!path) return callee.type === 'member_expression' && unwrapExpression(callee.childForFieldName('object')!).type === 'call_expression';
  if (path.at(-1) === 'fetch' && (path.length === 1 || GLOBAL_OBJECTS.has(path[0]!))) return true;
  return namesImportedFrom(context, CLIENT_MODULES).has(path[0]!);
}

function classify(callee: Node, context: RuleContext): Target | undefined {
  if (!mayBeClient(callee, context)) return undefined;
  if (callee.type === 'identifier') {
    if (callee.text === 'fetch' && isGlobal(callee, context)) return { client: 'fetch', method: '' };
    const origin = moduleOf(callee, context);
    if (!origin) return undefined;
    if (FETCH_MODULES[origin.module]?.includes(origin.imported)) return { client: 'fetch', method: '' };
    if (origin.module === 'axios' && (origin.imported === 'default' || origin.imported === '*')) return { client: 'axios', method: '' };
    if (origin.module === 'got' && ['default', '*', 'got'].includes(origin.imported)) return { client: 'got', method: '' };
    if (HTTP_MODULES.has(origin.module) && HTTP_METHODS.has(origin.imported)) return { client: 'http', method: origin.imported };
    return undefined;
  }
  const object = callee.childForFieldName('object');
  const method = callee.childForFieldName('property')?.text;
  if (!object || !method) return undefined;
  const receiver = unwrapExpression(object);
  if (method === 'fetch' && receiver.type === 'identifier' && GLOBAL_OBJECTS.has(receiver.text) && isGlobal(receiver, context)) {
    return { client: 'fetch', method: '' };
  }
  const origin = moduleOf(receiver, context);
  if (!origin) return undefined;
  const whole = origin.imported === 'default' || origin.imported === '*';
  if (method === 'fetch' && origin.module === 'undici' && origin.imported === '*') return { client: 'fetch', method: '' };
  if (origin.module === 'axios' && whole && (method === 'request' || method === 'create' || AXIOS_URL_CONFIG.has(method) || AXIOS_URL_DATA_CONFIG.has(method))) {
    return { client: 'axios', method };
  }
  if (origin.module === 'got' && (whole || origin.imported === 'got') && (GOT_METHODS.has(method) || method === 'extend')) return { client: 'got', method };
  if (HTTP_MODULES.has(origin.module) && whole && HTTP_METHODS.has(method)) return { client: 'http', method };
  return undefined;
}

/** A URL rather than an options object: a string, a template, `new URL(…)`, or a name that says so. */
function looksLikeUrl(node: Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === 'string' || value.type === 'template_string' || value.type === 'binary_expression') return true;
  if (value.type === 'new_expression') return value.childForFieldName('constructor')?.text === 'URL';
  // `this.url()`, `buildUrl(id)`, `url.toString()`.
  const callee = value.type === 'call_expression' ? value.childForFieldName('function') : undefined;
  if (callee) {
    const path = memberPath(callee);
    return path !== undefined && (/(url|uri|href|endpoint)$/i.test(path.at(-1)!) || (path.at(-1) === 'toString' && path.length > 1 && looksLikeUrl(callee.childForFieldName('object')!)));
  }
  const path = memberPath(value);
  const last = path?.at(-1);
  return last !== undefined && /(url|uri|href|endpoint|link|address)s?$/i.test(last);
}

/** A Request object or a name for one, which may carry its own signal. */
function mayBeRequestObject(node: Node): boolean {
  const value = unwrapExpression(node);
  const last = memberPath(value)?.at(-1);
  return last !== undefined && /^(req|request)$|Request$/.test(last);
}

/** A response callback: a function, a function declared in scope, or a name that says so (`resolve`, `cb`, `onResponse`). */
function isCallback(node: Node, context: RuleContext): boolean {
  const value = unwrapExpression(node);
  if (isFunction(value)) return true;
  if (value.type !== 'identifier') return false;
  const binding = resolveIdentifier(value, context);
  if (binding?.kind === 'local' && binding.initialValue && isFunction(unwrapExpression(binding.initialValue))) return true;
  if (binding?.kind === 'local' && binding.isFunctionDeclaration) return true;
  return /^(resolve|cb|callback|done|next|handler)$|^on[A-Z]|(Callback|Handler)$/.test(value.text);
}

/** Where the options of a call sit: the argument index, and its contents. */
interface OptionsSlot {
  index: number;
  options: OptionsObject;
  /** The options go before this argument, a response callback that must stay last. */
  beforeCallback?: boolean;
}

/** Options of `axios(…)`/`got(…)`-style calls that take `(url, options)` or `(options)`. */
function urlOrOptionsSlot(args: Node[], context: RuleContext): OptionsSlot | undefined {
  const first = args[0];
  if (!first) return undefined;
  const asOptions = optionsObject(first, context);
  if (asOptions.kind === 'literal') return { index: 0, options: asOptions };
  if (!looksLikeUrl(first)) return undefined;
  return { index: 1, options: optionsObject(args[1], context) };
}

function optionsSlot(target: Target, args: Node[], context: RuleContext): OptionsSlot | undefined {
  // A spread argument may carry the options: `axios.get(...args)`.
  if (args.some((arg) => arg.type === 'spread_element')) return undefined;
  switch (target.client) {
    case 'fetch': {
      const input = args[0];
      if (!input) return undefined;
      if (args.length === 1) {
        const request = unwrapExpression(input);
        if (request.type === 'new_expression' && request.childForFieldName('constructor')?.text === 'Request') {
          // `fetch(new Request(url, init))`: the Request's init may carry the signal.
          const init = optionsObject(callArguments(request)[1], context);
          if (init.kind === 'opaque' || (init.kind === 'literal' && mayHaveKey(init, FETCH_KEYS))) return undefined;
        } else if (mayBeRequestObject(input)) {
          return undefined;
        }
      }
      return { index: 1, options: optionsObject(args[1], context) };
    }
    case 'axios':
      if (target.method === '') return urlOrOptionsSlot(args, context);
      if (target.method === 'request') return args[0] ? { index: 0, options: optionsObject(args[0], context) } : undefined;
      if (target.method === 'create') return { index: 0, options: optionsObject(args[0], context) };
      if (AXIOS_URL_CONFIG.has(target.method)) return args[0] ? { index: 1, options: optionsObject(args[1], context) } : undefined;
      return args[0] ? { index: 2, options: optionsObject(args[2], context) } : undefined;
    case 'got':
      if (target.method === 'extend') {
        if (args.length === 0) return { index: 0, options: { kind: 'absent' } };
        // `got.extend(a, b)` merges several option sets or instances: one of them may set the timeout.
        const all = args.map((arg) => optionsObject(arg, context));
        if (all.some((options) => options.kind !== 'literal' || mayHaveKey(options, GOT_KEYS))) return undefined;
        return { index: 0, options: all[0]! };
      }
      return urlOrOptionsSlot(args, context);
    case 'http': {
      const first = args[0];
      if (!first) return undefined;
      const asOptions = optionsObject(first, context);
      if (asOptions.kind === 'literal') return { index: 0, options: asOptions };
      if (!looksLikeUrl(first)) return undefined;
      const second = args[1];
      // `http.get(url, (res) => …)`: no options; they go before the callback.
      if (second && isCallback(second, context)) return { index: 1, options: { kind: 'absent' }, beforeCallback: true };
      return { index: 1, options: optionsObject(second, context) };
    }
  }
}

function keysFor(client: Client): readonly string[] {
  return client === 'fetch' ? FETCH_KEYS : client === 'axios' ? AXIOS_KEYS : client === 'got' ? GOT_KEYS : HTTP_KEYS;
}

function propertyFor(client: Client, seconds: number): string {
  const ms = milliseconds(seconds);
  if (client === 'fetch' || client === 'http') return `signal: AbortSignal.timeout(${ms})`;
  if (client === 'got') return `timeout: { request: ${ms} }`;
  return `timeout: ${ms}`;
}

function fixTitle(client: Client, seconds: number): string {
  const ms = milliseconds(seconds);
  if (client === 'fetch' || client === 'http') return `Abort after ${seconds} s (signal: AbortSignal.timeout(${ms}))`;
  if (client === 'got') return `Set a ${seconds} s timeout (timeout: { request: ${ms} })`;
  return `Set a ${seconds} s timeout (timeout: ${ms})`;
}

/** Inserts `{ property }` as argument `index`, before a trailing callback or after the last argument. */
function insertOptionsArgument(call: Node, args: Node[], slot: OptionsSlot, property: string): Fix['edits'] {
  const options = `{ ${property} }`;
  const existing = args[slot.index];
  if (existing && slot.beforeCallback) return [insertAt(existing.startIndex, `${options}, `)];
  // `undefined`/`null` where the options go.
  if (existing) return [replaceNode(existing, options)];
  const padding = 'undefined, '.repeat(Math.max(0, slot.index - args.length));
  const last = args.at(-1);
  if (last) return [insertAt(last.endIndex, `, ${padding}${options}`)];
  const open = call.childForFieldName('arguments');
  return open ? [insertAt(open.startIndex + 1, `${padding}${options}`)] : [];
}

/**
 * The edit that bounds the call. A number (`timeout: 10_000`) can go into the declared options
 * object; a signal cannot, since `AbortSignal.timeout` starts counting where it is evaluated — so
 * a declared object is spread into a fresh one at the call.
 */
function timeoutEdits(call: Node, args: Node[], slot: OptionsSlot, client: Client, property: string, context: RuleContext): Fix['edits'] {
  const { options } = slot;
  if (options.kind !== 'literal') return insertOptionsArgument(call, args, slot, property);
  if (options.inline || (client !== 'fetch' && client !== 'http')) return [addProperty(options.object, property, context.document)];
  const argument = args[slot.index];
  return argument ? [replaceNode(argument, `{ ...${argument.text}, ${property} }`)] : [];
}

/**
 * Whether the call's promise is bounded where it is used: `Promise.race([fetch(u), timer])`,
 * `withTimeout(fetch(u), 5000)`, `pTimeout(…)`, `got(u).timeout(…)`.
 */
function boundedByCaller(call: Node): boolean {
  let child = call;
  const chain = ancestors(call);
  for (const [index, node] of chain.entries()) {
    if (node.type === 'call_expression' && child.type === 'arguments') {
      const callee = node.childForFieldName('function');
      const name = callee ? memberPath(callee)?.join('.') : undefined;
      if (name !== undefined) {
        const last = name.split('.').at(-1)!;
        if (name === 'Promise.race' || name === 'Promise.any') return true;
        if (/timeout|deadline/i.test(last) && !/^(set|clear)(Timeout|Interval)$/.test(last)) return true;
      }
    }
    if (node.type === 'member_expression' && child.type === 'call_expression' && /^timeout$/i.test(node.childForFieldName('property')?.text ?? '')) return true;
    // Stop at a function boundary unless the function is itself passed to a call (`withTimeout(() => fetch(u))`).
    if (isFunction(node) && chain[index + 1]?.type !== 'arguments') return false;
    if (node.type === 'program' || node.type === 'class_body') return false;
    child = node;
  }
  return false;
}

const CHAINED_REQUEST_METHODS = new Set(['on', 'once', 'end', 'setHeader', 'write']);

/** What a request's result is stored in: `const req = http.request(…)` → `req`, through chained `.on(…)`. */
function requestHolder(call: Node): { name: string | undefined; chainedSetTimeout: boolean } {
  let node = call;
  for (;;) {
    const member = node.parent;
    const property = member?.type === 'member_expression' ? member.childForFieldName('property')?.text : undefined;
    if (!member || !property || member.parent?.type !== 'call_expression') break;
    if (property === 'setTimeout') return { name: undefined, chainedSetTimeout: true };
    if (!CHAINED_REQUEST_METHODS.has(property)) break;
    node = member.parent;
  }
  const holder = node.parent;
  if (holder?.type === 'variable_declarator' && holder.childForFieldName('name')?.type === 'identifier') {
    return { name: holder.childForFieldName('name')!.text, chainedSetTimeout: false };
  }
  if (holder?.type === 'assignment_expression') return { name: holder.childForFieldName('left')?.text, chainedSetTimeout: false };
  return { name: undefined, chainedSetTimeout: false };
}

/**
 * A deadline set in the same function: `req.setTimeout(…)` on the request, or a timer that destroys
 * it or rejects the surrounding promise — `setTimeout(() => req.destroy(), ms)`,
 * `setTimeout(() => reject(new Error('timeout')), ms)` in a `new Promise` executor.
 */
function deadlineInScope(call: Node, client: Client, context: RuleContext): boolean {
  const holder = requestHolder(call);
  if (holder.chainedSetTimeout && client === 'http') return true;
  const name = holder.name;
  const scope = enclosingFunctionOrProgram(call);
  if (scope.type === 'program' && !name) return false;
  const query = context.query(`(call_expression function: [(identifier) (member_expression)] @callee arguments: (arguments) @args)`);
  for (const match of query.matches(scope)) {
    const callee = match.captures.find((capture) => capture.name === 'callee')?.node;
    const args = match.captures.find((capture) => capture.name === 'args')?.node;
    if (!callee || !args) continue;
    if (name && client === 'http' && callee.type === 'member_expression' && callee.childForFieldName('property')?.text === 'setTimeout' && callee.childForFieldName('object')?.text === name) return true;
    if (callee.type !== 'identifier' || callee.text !== 'setTimeout') continue;
    if (name && mentions(args, name)) return true;
    if (scope.type !== 'program' && callsReject(args)) return true;
  }
  return false;
}

/** `() => reject(new Error('timed out'))`: a timer that settles the surrounding promise with an error. */
function callsReject(args: Node): boolean {
  return args.descendantsOfType('call_expression').some((inner) => {
    const callee = inner.childForFieldName('function');
    return callee?.type === 'identifier' && /^(reject|fail)$/.test(callee.text);
  });
}

function mentions(node: Node, name: string): boolean {
  const root = name.split('.')[0]!;
  const identifiers = node.descendantsOfType(['identifier', 'this']);
  return identifiers.some((identifier) => identifier.text === root);
}

/** `api` for an assignment inside `api.interceptors.request.use((config) => { config.timeout = 5000; … })`. */
function interceptorOwner(assignment: Node): string | undefined {
  for (let node = assignment.parent; node; node = node.parent) {
    if (node.type !== 'call_expression') continue;
    const callee = node.childForFieldName('function');
    const path = callee ? memberPath(callee) : undefined;
    if (path && path.length >= 4 && path.slice(-3).join('.') === 'interceptors.request.use') return path.slice(0, -3).join('.');
  }
  return undefined;
}

/**
 * Objects given a default timeout in the file, by their text: `axios.defaults.timeout = 5000`, or
 * `config.timeout = 5000` in a request interceptor of `api`.
 */
function defaultsWithTimeout(context: RuleContext): Set<string> {
  return context.memo('typescript:axios-defaults-timeout', () => {
    const owners = new Set<string>();
    // Only `….timeout =` can be such an assignment: the text picks out the few candidates.
    const assigned = [...context.document.text.matchAll(TIMEOUT_ASSIGNMENT)].map((match) => match.index + match[0].indexOf('timeout'));
    for (const property of nodesSpelled(context, 'timeout', PROPERTY_IDENTIFIER, assigned)) {
      const left = property.parent;
      const assignment = left?.parent;
      if (left?.type !== 'member_expression' || assignment?.type !== 'assignment_expression' || !isField(assignment, 'left', left)) continue;
      const value = assignment.childForFieldName('right');
      const path = memberPath(left);
      if (!path || (value && unwrapExpression(value).text === '0')) continue;
      if (path.length >= 3 && path.at(-2) === 'defaults') owners.add(path.slice(0, -2).join('.'));
      else {
        const owner = interceptorOwner(assignment);
        if (owner) owners.add(owner);
      }
    }
    return owners;
  });
}

const PROPERTY_IDENTIFIER: ReadonlySet<string> = new Set(['property_identifier']);
const TIMEOUT_ASSIGNMENT = /\.\s*timeout\s*=(?!=)/g;

/** What `axios.create(…)` is stored in: `const api = …` → `api`, `this.http = …` → `this.http`. */
function assignee(call: Node): string | undefined {
  let node = call;
  while (node.parent && (node.parent.type === 'await_expression' || node.parent.type === 'parenthesized_expression' || node.parent.type === 'as_expression')) node = node.parent;
  const holder = node.parent;
  if (holder?.type === 'variable_declarator') return holder.childForFieldName('name')?.text;
  if (holder?.type === 'assignment_expression') return memberPath(holder.childForFieldName('left')!)?.join('.');
  if (holder?.type === 'public_field_definition' || holder?.type === 'field_definition') {
    const name = holder.childForFieldName('name') ?? holder.childForFieldName('property');
    return name ? `this.${name.text}` : undefined;
  }
  return undefined;
}

function axiosDefaultsHaveTimeout(callee: Node, target: Target, call: Node, context: RuleContext): boolean {
  const owners = defaultsWithTimeout(context);
  if (owners.size === 0) return false;
  // Instances inherit `axios.defaults` at creation, so one assignment covers the default instance and `create`.
  const receiver = target.method === '' ? callee : callee.childForFieldName('object');
  const receiverPath = receiver ? memberPath(receiver)?.join('.') : undefined;
  if (receiverPath !== undefined && owners.has(receiverPath)) return true;
  const stored = target.method === 'create' ? assignee(call) : undefined;
  return stored !== undefined && owners.has(stored);
}

export default defineLanguageRule({
  language: 'typescript',
  // `http` alone is in every URL: require the module name as a string (an import or require).
  prefilter: [/\bfetch\s*[(<]/, 'axios', /['"]got['"]/, /['"](?:node:)?https?['"]/],
  // tree-sitter-typescript reads `await axios.get<T>(u)` as a call of `await axios.get`, hence the await alternatives.
  query: `
    (call_expression function: [(identifier) @callee (await_expression (identifier) @callee)] arguments: (arguments)) @call
    (call_expression
      function: [
        (member_expression property: (property_identifier) @method) @callee
        (await_expression (member_expression property: (property_identifier) @method) @callee)
      ]
      arguments: (arguments)
      (#any-of? @method "get" "post" "put" "patch" "delete" "head" "options" "request" "create" "extend" "stream" "fetch" "postForm" "putForm" "patchForm")) @call
  `,
  check({ captures }, context) {
    const { call, callee } = captures;
    if (!call || !callee) return;
    const target = classify(callee, context);
    if (!target) return;
    const args = callArguments(call);
    const slot = optionsSlot(target, args, context);
    if (!slot || slot.options.kind === 'opaque') return;
    const subject = `\`${callee.text.replace(/\s+/g, '')}\``;
    if (slot.options.kind === 'literal') {
      const { object } = slot.options;
      if (target.client === 'axios') {
        const timeout = findProperty(object, 'timeout');
        const value = timeout?.type === 'pair' ? timeout.childForFieldName('value') : undefined;
        if (timeout && value && unwrapExpression(value).text === '0') {
          const ms = milliseconds(context.config.timeoutSeconds);
          context.report({
            node: timeout,
            messageId: 'tsZeroTimeout',
            data: { subject },
            fixes: [fix(`Set a ${context.config.timeoutSeconds} s timeout (timeout: ${ms})`, [replaceNode(value, ms)])],
          });
          return;
        }
      }
      if (mayHaveKey(slot.options, keysFor(target.client))) return;
    }
    if (target.client === 'axios' && axiosDefaultsHaveTimeout(callee, target, call, context)) return;
    if (deadlineInScope(call, target.client, context)) return;
    if (boundedByCaller(call)) return;
    const property = propertyFor(target.client, context.config.timeoutSeconds);
    const edits = timeoutEdits(call, args, slot, target.client, property, context);
    context.report({
      node: callee,
      messageId: 'client',
      data: { subject },
      fixes: edits.length > 0 ? [fix(fixTitle(target.client, context.config.timeoutSeconds), edits)] : [],
    });
  },
});

