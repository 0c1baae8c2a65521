// Signals in Rust: crates in `use`, signal handling, graceful shutdown, panic hooks, routes, env reads.
import type { Tree } from 'web-tree-sitter';
import { HEADER_TRIGGERS, headerSignal, mentions, moduleSignals, routeSignal, stringValue, triggerPattern, type ModuleTable, type SignalSink, type SignalTools } from './shared';
import type { SignalKind } from '../types';

const MODULES: ModuleTable = [
  ['tracing', 'structured-logging'], ['tracing_subscriber', 'structured-logging'], ['slog', 'structured-logging'],
  ['prometheus', 'metrics-endpoint'], ['metrics_exporter_prometheus', 'metrics-endpoint'], ['opentelemetry', 'metrics-endpoint'], ['autometrics', 'metrics-endpoint'],
  ['axum_prometheus', 'metrics-endpoint'], ['actix_web_prom', 'metrics-endpoint'], ['prometheus_client', 'metrics-endpoint'],
  ['tower_governor', 'rate-limiting'], ['governor', 'rate-limiting'], ['actix_governor', 'rate-limiting'], ['actix_extensible_rate_limit', 'rate-limiting'],
  ['tower_http::request_id', 'request-ids'], ['tower_http::catch_panic', 'panic-hook'],
  ['axum', 'http-server'], ['actix_web', 'http-server'], ['warp', 'http-server'], ['rocket', 'http-server'], ['poem', 'http-server'], ['salvo', 'http-server'], ['tide', 'http-server'], ['hyper::server', 'http-server'],
  ['sqlx', 'database'], ['diesel', 'database'], ['sea_orm', 'database'], ['tokio_postgres', 'database'], ['postgres', 'database'], ['rusqlite', 'database'], ['mongodb', 'database'], ['deadpool_postgres', 'database'],
];

const TYPES: ReadonlyArray<readonly [string, SignalKind]> = [
  ['SetRequestIdLayer', 'request-ids'], ['PropagateRequestIdLayer', 'request-ids'], ['MakeRequestUuid', 'request-ids'],
  ['CatchPanicLayer', 'panic-hook'], ['DefaultHeaders', 'security-headers'],
  ['STRICT_TRANSPORT_SECURITY', 'security-headers'], ['CONTENT_SECURITY_POLICY', 'security-headers'], ['X_CONTENT_TYPE_OPTIONS', 'security-headers'], ['X_FRAME_OPTIONS', 'security-headers'],
  ['HttpServer', 'http-server'],
];

const TRIGGERS = triggerPattern(MODULES, (module) => [`${module.split('::')[0]}::`, `use ${module.split('::')[0]}`], [
  'ctrl_c', 'SignalKind', 'graceful_shutdown', 'shutdown_timeout', 'set_hook', 'HttpServer', 'env::var', 'dotenv', '"/health', '"/ready', '"/live', '"/metrics', '"/ping', '"/status',
  ...TYPES.map(([name]) => name),
]);

export function rustTriggered(text: string): boolean {
  return TRIGGERS.test(text) || HEADER_TRIGGERS.test(text);
}

const ROUTE_METHODS = new Set(['route', 'at', 'path', 'nest', 'resource', 'service']);
const ROUTE_ATTRIBUTES = new Set(['get', 'head', 'route']);

const USES = `(use_declaration argument: (_) @use)`;
const CALLS = `(call_expression function: [(identifier) (scoped_identifier) (field_expression)] @callee arguments: (arguments) @args)`;
const NAMES = `[(scoped_identifier name: (identifier) @name) (identifier) @name (type_identifier) @name]`;
const ATTRIBUTES = `(attribute_item (attribute (identifier) @name arguments: (token_tree (string_literal) @path)))`;

function crateOf(path: string): string {
  return path.replace(/^::/, '').replace(/^(crate|self|super)::/, '');
}

export function rustSignals(tree: Tree, text: string, tools: SignalTools, sink: SignalSink): void {
  const root = tree.rootNode;
  for (const capture of tools.query(USES).captures(root)) {
    const path = crateOf(capture.node.text.replace(/\s+/g, ''));
    for (const kind of moduleSignals(path, MODULES, '::')) sink.add(kind, capture.node, `use ${path.length > 60 ? `${path.slice(0, 57)}…` : path}`);
  }
  if (mentions(text, TYPES.map(([name]) => name))) {
    for (const capture of tools.query(NAMES).captures(root)) {
      const found = TYPES.find(([name]) => name === capture.node.text);
      if (found) sink.add(found[1], capture.node, capture.node.parent?.type === 'scoped_identifier' ? capture.node.parent.text : capture.node.text);
    }
  }
  for (const match of tools.query(CALLS).matches(root)) {
    const callee = match.captures.find((capture) => capture.name === 'callee')?.node;
    const args = match.captures.find((capture) => capture.name === 'args')?.node;
    if (!callee || !args) continue;
    const method = callee.type === 'field_expression' ? callee.childForFieldName('field')?.text ?? '' : '';
    const path = callee.type === 'field_expression' ? '' : callee.text.replace(/\s+/g, '');
    const first = args.namedChildren[0];
    const literal = first?.type === 'string_literal' ? stringValue(first) : undefined;
    if (/(^|::)ctrl_c$/.test(path)) sink.add('graceful-shutdown', callee, `${path}()`);
    else if (/(^|::)signal$/.test(path) && /terminate|SIGTERM/.test(args.text)) sink.add('graceful-shutdown', callee, `${path}(${args.text.slice(1, -1)})`);
    else if (method === 'with_graceful_shutdown' || method === 'graceful_shutdown' || method === 'shutdown_timeout') sink.add('graceful-shutdown', callee, `.${method}(…)`);
    else if (/(^|::)panic::set_hook$/.test(path) || path === 'set_hook') sink.add('panic-hook', callee, `${path}(…)`);
    else if (/(^|::)HttpServer::new$/.test(path)) {
      // actix-web's server stops gracefully on SIGTERM by default.
      sink.add('http-server', callee, `${path}(…)`);
      sink.add('graceful-shutdown', callee, `${path}(…) (actix-web handles SIGTERM)`);
    } else if (/(^|::)(serve|bind)$/.test(path) && /(axum|hyper|Server)/.test(path)) sink.add('http-server', callee, `${path}(…)`);
    if (/(^|::)env::var(_os)?$|^dotenvy?::var$/.test(path) && literal !== undefined) {
      sink.add('env-read', callee, `${path}("${literal}")`);
      const chained = callee.parent?.parent;
      if (chained?.type === 'field_expression') {
        const next = chained.childForFieldName('field')?.text;
        const call = chained.parent;
        const fallback = call?.type === 'call_expression' ? call.childForFieldName('arguments') : null;
        if ((next === 'unwrap_or' || next === 'unwrap_or_else') && fallback && /"/.test(fallback.text) && tools.isSecretName(literal)) {
          sink.add('secret-fallback', callee, `${path}("${literal}").${next}(a literal)`);
        }
      }
    }
    if (literal === undefined) continue;
    if (ROUTE_METHODS.has(method) || (method === '' && /(^|::)(resource|scope)$/.test(path))) {
      const kind = routeSignal(literal);
      if (kind) sink.add(kind, first!, `route .${method || path}("${literal}")`);
    }
    const header = headerSignal(literal);
    if (header) sink.add(header, first!, `header ${literal}`);
  }
  for (const match of tools.query(ATTRIBUTES).matches(root)) {
    const name = match.captures.find((capture) => capture.name === 'name')?.node;
    const pathNode = match.captures.find((capture) => capture.name === 'path')?.node;
    const path = stringValue(pathNode);
    if (!name || !pathNode || path === undefined || !ROUTE_ATTRIBUTES.has(name.text)) continue;
    const kind = routeSignal(path);
    if (kind) sink.add(kind, pathNode, `#[${name.text}("${path}")]`);
  }
}


