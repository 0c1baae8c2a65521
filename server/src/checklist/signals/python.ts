// Signals in Python: imports, signal handlers, excepthook, route decorators, env reads.
import type { Node, Tree } from 'web-tree-sitter';
import { HEADER_TRIGGERS, headerSignal, moduleSignals, routeSignal, stringValue, triggerPattern, type ModuleTable, type SignalSink, type SignalTools } from './shared';

const MODULES: ModuleTable = [
  ['structlog', 'structured-logging'], ['pythonjsonlogger', 'structured-logging'], ['json_log_formatter', 'structured-logging'], ['loguru', 'structured-logging'], ['ecs_logging', 'structured-logging'],
  ['prometheus_client', 'metrics-endpoint'], ['opentelemetry.sdk.metrics', 'metrics-endpoint'], ['opentelemetry.metrics', 'metrics-endpoint'], ['prometheus_fastapi_instrumentator', 'metrics-endpoint'],
  ['starlette_exporter', 'metrics-endpoint'], ['django_prometheus', 'metrics-endpoint'], ['prometheus_flask_exporter', 'metrics-endpoint'],
  ['slowapi', 'rate-limiting'], ['flask_limiter', 'rate-limiting'], ['django_ratelimit', 'rate-limiting'], ['fastapi_limiter', 'rate-limiting'], ['limits', 'rate-limiting'],
  ['flask_talisman', 'security-headers'], ['secure', 'security-headers'], ['django.middleware.security', 'security-headers'],
  ['asgi_correlation_id', 'request-ids'], ['flask_request_id', 'request-ids'], ['django_guid', 'request-ids'], ['flask_log_request_id', 'request-ids'],
  ['flask', 'http-server'], ['fastapi', 'http-server'], ['django', 'http-server'], ['aiohttp.web', 'http-server'], ['starlette', 'http-server'], ['sanic', 'http-server'],
  ['tornado.web', 'http-server'], ['bottle', 'http-server'], ['falcon', 'http-server'], ['quart', 'http-server'], ['http.server', 'http-server'],
  ['sqlalchemy', 'database'], ['psycopg2', 'database'], ['psycopg', 'database'], ['asyncpg', 'database'], ['pymongo', 'database'], ['motor', 'database'], ['django.db', 'database'],
  ['peewee', 'database'], ['tortoise', 'database'], ['sqlmodel', 'database'], ['pymysql', 'database'], ['sqlite3', 'database'], ['databases', 'database'],
];

const TRIGGERS = triggerPattern(MODULES, (module) => [`import ${module}`, `from ${module}`], [
  'SIGTERM', 'excepthook', 'uvicorn', 'gunicorn', 'run_app', 'Talisman', 'Limiter', 'getenv', 'environ',
  ...['health', 'ready', 'live', 'metrics', 'ping', 'status'].flatMap((word) => [`"/${word}`, `'/${word}`, `"${word}`, `'${word}`, `"^${word}`, `'^${word}`]),
]);

export function pythonTriggered(text: string): boolean {
  return TRIGGERS.test(text) || HEADER_TRIGGERS.test(text);
}

const ROUTE_METHODS = new Set(['get', 'route', 'api_route', 'head', 'add_api_route', 'add_url_rule', 'add_get', 'add_route', 'path', 're_path', 'url']);

const IMPORTS = `
(import_statement name: (dotted_name) @module)
(import_statement name: (aliased_import name: (dotted_name) @module))
(import_from_statement module_name: (dotted_name) @module)`;
const CALLS = `(call function: [(identifier) (attribute)] @callee arguments: (argument_list) @args)`;
const ASSIGNMENTS = `(assignment left: (attribute) @target)`;
const SUBSCRIPTS = `(subscript value: (attribute) @object subscript: (string) @key)`;

function calleeParts(callee: Node): { name: string; receiver: string } {
  if (callee.type === 'attribute') return { name: callee.childForFieldName('attribute')?.text ?? '', receiver: callee.childForFieldName('object')?.text ?? '' };
  return { name: callee.text, receiver: '' };
}

export function pythonSignals(tree: Tree, _text: string, tools: SignalTools, sink: SignalSink): void {
  const root = tree.rootNode;
  for (const capture of tools.query(IMPORTS).captures(root, { maxStartDepth: 6 })) {
    const module = capture.node.text;
    for (const kind of moduleSignals(module, MODULES, '.')) sink.add(kind, capture.node, `imports ${module}`);
  }
  for (const capture of tools.query(ASSIGNMENTS).captures(root)) {
    if (capture.node.text === 'sys.excepthook') sink.add('panic-hook', capture.node, 'sys.excepthook = …');
  }
  for (const match of tools.query(SUBSCRIPTS).matches(root)) {
    const object = match.captures.find((capture) => capture.name === 'object')?.node;
    const key = match.captures.find((capture) => capture.name === 'key')?.node;
    const name = stringValue(key);
    if (object?.text === 'os.environ' && key && name !== undefined) sink.add('env-read', key, `os.environ["${name}"]`);
  }
  for (const match of tools.query(CALLS).matches(root)) {
    const callee = match.captures.find((capture) => capture.name === 'callee')?.node;
    const args = match.captures.find((capture) => capture.name === 'args')?.node;
    if (!callee || !args) continue;
    const { name, receiver } = calleeParts(callee);
    const full = callee.text;
    const positional = args.namedChildren.filter((child) => child.type !== 'keyword_argument' && child.type !== 'comment');
    const first = positional[0];
    if ((full === 'signal.signal' || name === 'add_signal_handler') && /SIGTERM/.test(first?.text ?? '')) sink.add('graceful-shutdown', callee, `${full}(SIGTERM, …)`);
    if (full === 'uvicorn.run' || full === 'gunicorn.run' || full === 'web.run_app') {
      sink.add('http-server', callee, `${full}(…)`);
      sink.add('graceful-shutdown', callee, `${full}(…) (stops gracefully on SIGTERM)`);
    }
    if (full === 'Talisman' || name === 'Talisman') sink.add('security-headers', callee, 'Talisman(app)');
    if (name === 'Limiter' && receiver === '') sink.add('rate-limiting', callee, 'Limiter(…)');
    const literal = stringValue(first);
    if (literal === undefined) continue;
    if (full === 'os.getenv' || full === 'os.environ.get' || full === 'getenv' || full === 'environ.get') {
      sink.add('env-read', callee, `${full}("${literal}")`);
      const fallback = positional[1] ?? args.namedChildren.find((child) => child.type === 'keyword_argument' && child.childForFieldName('name')?.text === 'default')?.childForFieldName('value');
      if (fallback && fallback.type === 'string' && tools.isSecretName(literal)) sink.add('secret-fallback', callee, `${full}("${literal}", a literal default)`);
    }
    if (ROUTE_METHODS.has(name) || (receiver === '' && (name === 'path' || name === 're_path'))) {
      const kind = routeSignal(literal.startsWith('/') || literal.startsWith('^') ? literal.replace(/^\^/, '/').replace(/^\/\//, '/') : `/${literal}`);
      if (kind) sink.add(kind, first!, `route ${full}("${literal}")`);
    }
    const header = headerSignal(literal);
    if (header) sink.add(header, first!, `header ${literal} in ${full}()`);
  }
}
