// Signals in Go: imported packages, signal.Notify, Shutdown, recover, routes, env reads.
import type { Node, Tree } from 'web-tree-sitter';
import type { SignalKind } from '../types';
import { HEADER_TRIGGERS, headerSignal, mentions, moduleSignals, routeSignal, stringValue, triggerPattern, type ModuleTable, type SignalSink, type SignalTools } from './shared';

const MODULES: ModuleTable = [
  ['github.com/unrolled/secure', 'security-headers'], ['github.com/gin-contrib/secure', 'security-headers'],
  ['golang.org/x/time/rate', 'rate-limiting'], ['github.com/ulule/limiter*', 'rate-limiting'], ['github.com/didip/tollbooth*', 'rate-limiting'],
  ['github.com/go-chi/httprate', 'rate-limiting'], ['github.com/sethvargo/go-limiter', 'rate-limiting'], ['github.com/gofiber/fiber/v2/middleware/limiter', 'rate-limiting'],
  ['log/slog', 'structured-logging'], ['go.uber.org/zap', 'structured-logging'], ['github.com/rs/zerolog', 'structured-logging'], ['github.com/sirupsen/logrus', 'structured-logging'],
  ['github.com/go-kit/log', 'structured-logging'], ['golang.org/x/exp/slog', 'structured-logging'],
  ['github.com/prometheus/client_golang', 'metrics-endpoint'], ['go.opentelemetry.io/otel/metric', 'metrics-endpoint'], ['go.opentelemetry.io/otel/exporters/prometheus', 'metrics-endpoint'],
  ['github.com/VictoriaMetrics/metrics', 'metrics-endpoint'],
  ['github.com/gin-gonic/gin', 'http-server'], ['github.com/labstack/echo*', 'http-server'], ['github.com/go-chi/chi*', 'http-server'], ['github.com/gofiber/fiber*', 'http-server'], ['github.com/gorilla/mux', 'http-server'],
  ['github.com/gin-contrib/requestid', 'request-ids'],
  ['database/sql', 'database'], ['gorm.io/gorm', 'database'], ['github.com/jackc/pgx*', 'database'], ['github.com/jmoiron/sqlx', 'database'], ['go.mongodb.org/mongo-driver', 'database'],
  ['github.com/lib/pq', 'database'], ['entgo.io/ent', 'database'], ['github.com/go-sql-driver/mysql', 'database'], ['github.com/mattn/go-sqlite3', 'database'],
];

const TRIGGERS = triggerPattern(MODULES, (module) => [`"${module}`], [
  'signal.Notify', 'Shutdown(', 'recover()', 'Recoverer', 'Recovery', 'Recover', 'RequestID', 'requestid', 'ListenAndServe', 'http.Server', 'promhttp', 'Getenv', 'LookupEnv',
  'etenv', 'etEnv', 'Env(', 'EnvOr', 'env(', '/health', '/ready', '/live', '/metrics', '/ping', '/status',
]);

export function goTriggered(text: string): boolean {
  return TRIGGERS.test(text) || HEADER_TRIGGERS.test(text);
}

const ROUTE_METHODS = new Set(['HandleFunc', 'Handle', 'GET', 'Get', 'HEAD', 'Head', 'Any', 'Method', 'Path', 'Mount']);
const ENV_FALLBACK = /^(get|lookup|read)?env(or|ordefault|withdefault|default|var)?$/i;

const IMPORTS = `(import_spec path: (interpreted_string_literal) @module)`;
const CALLS = `(call_expression function: [(identifier) (selector_expression)] @callee arguments: (argument_list) @args)`;
const SERVERS = `(composite_literal type: (qualified_type) @type)`;
/** Middleware passed as a value: `router.Use(middleware.RequestID)`. */
const SELECTORS = `(selector_expression operand: (identifier) @package field: (field_identifier) @field)`;
const MIDDLEWARE: Record<string, SignalKind> = { RequestID: 'request-ids', Recoverer: 'panic-hook', Recovery: 'panic-hook', Recover: 'panic-hook' };

function calleeParts(callee: Node): { name: string; receiver: string } {
  if (callee.type === 'selector_expression') return { name: callee.childForFieldName('field')?.text ?? '', receiver: callee.childForFieldName('operand')?.text ?? '' };
  return { name: callee.text, receiver: '' };
}

export function goSignals(tree: Tree, text: string, tools: SignalTools, sink: SignalSink): void {
  const root = tree.rootNode;
  if (mentions(text, Object.keys(MIDDLEWARE))) {
    for (const match of tools.query(SELECTORS).matches(root)) {
      const field = match.captures.find((capture) => capture.name === 'field')?.node;
      const kind = field && Object.hasOwn(MIDDLEWARE, field.text) ? MIDDLEWARE[field.text] : undefined;
      if (field && kind && field.parent?.parent?.type !== 'call_expression') sink.add(kind, field.parent!, field.parent!.text);
    }
  }
  for (const capture of tools.query(IMPORTS).captures(root, { maxStartDepth: 4 })) {
    const module = stringValue(capture.node);
    if (module === undefined) continue;
    for (const kind of moduleSignals(module, MODULES, '/')) sink.add(kind, capture.node, `imports ${module}`);
  }
  for (const capture of tools.query(SERVERS).captures(root)) {
    if (capture.node.text === 'http.Server') sink.add('http-server', capture.node, 'http.Server{…}');
  }
  for (const match of tools.query(CALLS).matches(root)) {
    const callee = match.captures.find((capture) => capture.name === 'callee')?.node;
    const args = match.captures.find((capture) => capture.name === 'args')?.node;
    if (!callee || !args) continue;
    const { name, receiver } = calleeParts(callee);
    const argNodes = args.namedChildren;
    const first = argNodes[0];
    const literal = stringValue(first);
    const full = receiver ? `${receiver}.${name}` : name;
    if (receiver === 'signal' && (name === 'Notify' || name === 'NotifyContext')) sink.add('graceful-shutdown', callee, `${full}`);
    else if (name === 'Shutdown' && receiver !== '' && argNodes.length === 1) sink.add('graceful-shutdown', callee, `${full}(ctx)`);
    else if (name === 'recover' && receiver === '') sink.add('panic-hook', callee, 'recover()');
    else if ((name === 'Recoverer' || name === 'Recovery' || name === 'Recover' || name === 'RecoveryWithWriter') && receiver !== '') sink.add('panic-hook', callee, full);
    else if ((name === 'RequestID' && receiver !== '') || (receiver === 'requestid' && name === 'New')) sink.add('request-ids', callee, full);
    else if (name === 'ListenAndServe' || name === 'ListenAndServeTLS' || (name === 'Run' && receiver !== '' && literal !== undefined)) sink.add('http-server', callee, full);
    else if (receiver === 'promhttp' && name === 'Handler') sink.add('metrics-endpoint', callee, 'promhttp.Handler()');
    if (receiver === 'os' && (name === 'Getenv' || name === 'LookupEnv') && literal !== undefined) sink.add('env-read', callee, `os.${name}("${literal}")`);
    if (literal === undefined) continue;
    if (ENV_FALLBACK.test(name) && !(receiver === 'os') && argNodes.length === 2 && stringValue(argNodes[1]) !== undefined) {
      sink.add('env-read', callee, `${full}("${literal}", …)`);
      if (tools.isSecretName(literal)) sink.add('secret-fallback', callee, `${full}("${literal}", a literal fallback)`);
    }
    if (ROUTE_METHODS.has(name)) {
      const kind = routeSignal(literal);
      if (kind) sink.add(kind, first!, `route ${full}("${literal}")`);
    }
    const header = headerSignal(literal);
    if (header) sink.add(header, first!, `header ${literal} in ${full}()`);
  }
}
