// Signals in TypeScript/JavaScript: imported packages, router calls, process handlers, env reads.
import type { Node, Tree } from 'web-tree-sitter';
import { HEADER_TRIGGERS, headerSignal, mentions, moduleSignals, routeSignal, stringValue, triggerPattern, type ModuleTable, type SignalSink, type SignalTools } from './shared';

const MODULES: ModuleTable = [
  ['helmet', 'security-headers'], ['koa-helmet', 'security-headers'], ['@fastify/helmet', 'security-headers'], ['fastify-helmet', 'security-headers'], ['lusca', 'security-headers'],
  ['express-rate-limit', 'rate-limiting'], ['rate-limiter-flexible', 'rate-limiting'], ['@fastify/rate-limit', 'rate-limiting'], ['koa-ratelimit', 'rate-limiting'],
  ['express-slow-down', 'rate-limiting'], ['@nestjs/throttler', 'rate-limiting'], ['hono-rate-limiter', 'rate-limiting'], ['express-brute', 'rate-limiting'],
  ['pino', 'structured-logging'], ['pino-http', 'structured-logging'], ['winston', 'structured-logging'], ['bunyan', 'structured-logging'], ['@opentelemetry/api-logs', 'structured-logging'],
  ['prom-client', 'metrics-endpoint'], ['express-prom-bundle', 'metrics-endpoint'], ['@opentelemetry/sdk-metrics', 'metrics-endpoint'], ['@opentelemetry/exporter-prometheus', 'metrics-endpoint'], ['fastify-metrics', 'metrics-endpoint'],
  ['express-request-id', 'request-ids'], ['cls-rtracer', 'request-ids'], ['express-correlation-id', 'request-ids'], ['correlation-id', 'request-ids'], ['@fastify/request-context', 'request-ids'],
  ['express', 'http-server'], ['fastify', 'http-server'], ['koa', 'http-server'], ['@hapi/hapi', 'http-server'], ['@nestjs/core', 'http-server'], ['hono', 'http-server'], ['restify', 'http-server'], ['@hono/node-server', 'http-server'],
  ['pg', 'database'], ['mysql', 'database'], ['mysql2', 'database'], ['mongodb', 'database'], ['mongoose', 'database'], ['@prisma/client', 'database'], ['typeorm', 'database'],
  ['sequelize', 'database'], ['knex', 'database'], ['drizzle-orm', 'database'], ['better-sqlite3', 'database'], ['sqlite3', 'database'], ['kysely', 'database'], ['@mikro-orm/core', 'database'],
];

const ROUTE_WORDS = ['health', 'ready', 'live', 'metrics', 'ping', 'status'].flatMap((word) => [`'/${word}`, `"/${word}`, `\`/${word}`, `'${word}`, `"${word}`]);
const TRIGGERS = triggerPattern(MODULES, (module) => [`'${module}`, `"${module}`, `'node:${module}`], [
  'createServer', 'process.on', 'process.once', 'process.addListener', 'process.env', ...ROUTE_WORDS,
]);

export function typescriptTriggered(text: string): boolean {
  return TRIGGERS.test(text) || HEADER_TRIGGERS.test(text);
}

const ROUTER_METHODS = new Set(['get', 'use', 'all', 'head', 'route', 'options', 'Get', 'Controller', 'Head', 'All']);

const IMPORTS = `
(import_statement source: (string) @module)
(call_expression function: (identifier) @require arguments: (arguments . (string) @module))
(call_expression function: (import) arguments: (arguments . (string) @module))`;
const CALLS = `(call_expression function: [(identifier) (member_expression)] @callee arguments: (arguments) @args)`;
/** Header names and request-id options in object literals: `{ requestIdHeader: 'x-request-id' }`. */
const PAIRS = `(pair key: [(property_identifier) (string)] @key value: [(string) (arrow_function) (function_expression) (identifier) (member_expression)] @value)`;
const REQUEST_ID_OPTIONS = new Set(['requestIdHeader', 'genReqId', 'requestIdLogLabel', 'requestId']);
const ENV = `
(member_expression object: (member_expression object: (identifier) @process property: (property_identifier) @env) property: (property_identifier) @name) @read
(subscript_expression object: (member_expression object: (identifier) @process property: (property_identifier) @env) index: (string) @name) @read`;

/** The last name of a callee (`app.get` → `get`) and its receiver's text. */
function calleeParts(callee: Node): { name: string; receiver: string } {
  if (callee.type === 'member_expression') {
    return { name: callee.childForFieldName('property')?.text ?? '', receiver: callee.childForFieldName('object')?.text ?? '' };
  }
  return { name: callee.text, receiver: '' };
}

export function typescriptSignals(tree: Tree, text: string, tools: SignalTools, sink: SignalSink): void {
  const root = tree.rootNode;
  // Imports sit near the top of the tree; `require` inside a declaration is a few levels down.
  for (const match of tools.query(IMPORTS).matches(root, { maxStartDepth: 5 })) {
    const module = match.captures.find((capture) => capture.name === 'module')?.node;
    const require = match.captures.find((capture) => capture.name === 'require')?.node;
    if (!module || (require && require.text !== 'require')) continue;
    const name = stringValue(module);
    if (name === undefined) continue;
    for (const kind of moduleSignals(name.replace(/^node:/, ''), MODULES, '/')) sink.add(kind, module, `uses ${name}`);
  }
  for (const match of tools.query(CALLS).matches(root)) {
    const callee = match.captures.find((capture) => capture.name === 'callee')?.node;
    const args = match.captures.find((capture) => capture.name === 'args')?.node;
    if (!callee || !args) continue;
    const { name, receiver } = calleeParts(callee);
    const first = args.namedChildren[0];
    const literal = stringValue(first);
    if (name === 'createServer' && /^(https?|http2|node:https?)$|^$/.test(receiver)) sink.add('http-server', callee, `${callee.text}()`);
    if (literal === undefined) continue;
    if (receiver === 'process' && (name === 'on' || name === 'once' || name === 'addListener')) {
      if (literal === 'SIGTERM' || literal === 'SIGINT') sink.add('graceful-shutdown', callee, `process.${name}('${literal}')`);
      if (literal === 'uncaughtException' || literal === 'unhandledRejection') sink.add('panic-hook', callee, `process.${name}('${literal}')`);
      continue;
    }
    if (ROUTER_METHODS.has(name)) {
      const route = name === 'Get' || name === 'Controller' || name === 'Head' || name === 'All' ? `/${literal.replace(/^\//, '')}` : literal;
      const kind = routeSignal(route);
      if (kind) sink.add(kind, first!, `route ${callee.text}('${literal}')`);
    }
    const header = headerSignal(literal);
    if (header) sink.add(header, first!, `header ${literal} in ${callee.text}()`);
  }
  if (/request-?id|correlation-id|traceparent|genReqId|Strict-Transport|Content-Security|X-Content-Type|X-Frame/i.test(text)) {
    for (const match of tools.query(PAIRS).matches(root)) {
      const key = match.captures.find((capture) => capture.name === 'key')?.node;
      const value = match.captures.find((capture) => capture.name === 'value')?.node;
      if (!key || !value) continue;
      const name = key.type === 'string' ? (stringValue(key) ?? '') : key.text;
      if (REQUEST_ID_OPTIONS.has(name)) sink.add('request-ids', key, `${name}: ${value.text.slice(0, 40)}`);
      const literal = value.type === 'string' ? stringValue(value) : undefined;
      const header = headerSignal(name) ?? (literal === undefined ? undefined : headerSignal(literal));
      if (header) sink.add(header, key, `header ${headerSignal(name) ? name : literal} in an object literal`);
    }
  }
  if (mentions(text, ['process.env'])) {
    for (const match of tools.query(ENV).matches(root)) {
      const get = (capture: string): Node | undefined => match.captures.find((entry) => entry.name === capture)?.node;
      if (get('process')?.text !== 'process' || get('env')?.text !== 'env') continue;
      const nameNode = get('name');
      const read = get('read');
      if (!nameNode || !read) continue;
      const name = nameNode.type === 'string' ? stringValue(nameNode) ?? '' : nameNode.text;
      sink.add('env-read', read, `process.env.${name}`);
      const parent = read.parent;
      const operator = parent?.type === 'binary_expression' ? parent.childForFieldName('operator')?.text : undefined;
      const right = parent?.childForFieldName('right');
      if ((operator === '||' || operator === '??') && parent?.childForFieldName('left')?.id === read.id && right && (right.type === 'string' || right.type === 'template_string') && tools.isSecretName(name)) {
        sink.add('secret-fallback', read, `process.env.${name} ${operator} a literal`);
      }
    }
  }
}
