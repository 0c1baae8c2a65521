// Items decided by what the code does, found in the parse trees (see ../signals/): per service.
import type { ChecklistCategory, Evidence, SignalKind } from '../types';
import { capped, defineItem, type ItemDefinition } from '../item';
import { serviceLabel, type ChecklistContext, type Service } from '../context';

/** `server`: judged for services that run an HTTP server; with none, `n/a` (or all services, for `fallback`). */
interface SignalItemSpec {
  id: string;
  category: ChecklistCategory;
  title: string;
  signal: SignalKind;
  looksFor: string;
  withoutServer: 'n/a' | 'all-services';
}

export function serversAmong(context: ChecklistContext): { servers: Service[]; withCode: Service[] } {
  return context.cached('servers', () => {
    const withCode = context.services.filter((service) => service.codeFiles.length > 0);
    const servers = withCode.filter((service) => context.signals('http-server', service.codeFiles).length > 0);
    return { servers, withCode };
  });
}

function signalItem(spec: SignalItemSpec): ItemDefinition {
  return defineItem({
    id: spec.id,
    category: spec.category,
    title: spec.title,
    looksFor: spec.looksFor,
    evaluate(context) {
      const { servers, withCode } = serversAmong(context);
      if (withCode.length === 0) return { status: 'n/a', evidence: [{ path: '.', note: 'no Rust, Go, TypeScript/JavaScript or Python code outside tests' }] };
      let judged = servers;
      const evidence: Evidence[] = [];
      if (servers.length === 0) {
        if (spec.withoutServer === 'n/a') {
          return { status: 'n/a', evidence: [{ path: '.', note: 'no HTTP server found (looked for express/fastify/koa/http, net/http/gin/echo/chi, axum/actix/warp/hyper, flask/fastapi/django/aiohttp)' }] };
        }
        judged = withCode;
      }
      const missing: Service[] = [];
      for (const service of judged) {
        const found = context.signals(spec.signal, service.codeFiles);
        if (found.length === 0) missing.push(service);
        else evidence.push(...found.slice(0, 3).map((signal) => ({ path: signal.path, line: signal.line, note: `${serviceLabel(service)}: ${signal.detail}` })));
      }
      if (missing.length === 0) return { status: 'pass', evidence: capped(evidence) };
      const failures = missing.map((service) => ({
        path: service.dir === '' ? '.' : service.dir,
        note: `${serviceLabel(service)}: none found in ${service.codeFiles.length} file${service.codeFiles.length === 1 ? '' : 's'} (looked for ${spec.looksFor})`,
      }));
      return { status: 'fail', evidence: capped([...failures, ...evidence]) };
    },
  });
}

export const codeSignalItems: readonly ItemDefinition[] = [
  signalItem({
    id: 'security-headers', category: 'Security & auth', title: 'Security headers middleware in use', signal: 'security-headers', withoutServer: 'n/a',
    looksFor: 'helmet, tower-http headers layers, actix DefaultHeaders, unrolled/secure or handlers setting Strict-Transport-Security/Content-Security-Policy/X-Content-Type-Options, flask-talisman, django SecurityMiddleware, secure',
  }),
  signalItem({
    id: 'rate-limiting', category: 'Security & auth', title: 'Rate limiting in use', signal: 'rate-limiting', withoutServer: 'n/a',
    looksFor: 'express-rate-limit, rate-limiter-flexible, @fastify/rate-limit, tower_governor, governor, golang.org/x/time/rate, ulule/limiter, tollbooth, httprate, slowapi, flask-limiter',
  }),
  signalItem({
    id: 'graceful-shutdown', category: 'Reliability', title: 'SIGTERM handled for a graceful shutdown', signal: 'graceful-shutdown', withoutServer: 'all-services',
    looksFor: "tokio::signal, with_graceful_shutdown, signal.Notify/NotifyContext, Server.Shutdown, process.on('SIGTERM'), signal.signal(SIGTERM)",
  }),
  signalItem({
    id: 'health-endpoint', category: 'Reliability', title: 'Health or readiness endpoint', signal: 'health-endpoint', withoutServer: 'n/a',
    looksFor: 'a route /health, /healthz, /ready, /readyz, /live, /livez, /ping or /status',
  }),
  signalItem({
    id: 'panic-hook', category: 'Reliability', title: 'Crashes are caught and reported', signal: 'panic-hook', withoutServer: 'all-services',
    looksFor: "std::panic::set_hook or CatchPanicLayer, recover() or recovery middleware, process.on('uncaughtException'/'unhandledRejection'), sys.excepthook",
  }),
  signalItem({
    id: 'structured-logging', category: 'Observability', title: 'Structured logging', signal: 'structured-logging', withoutServer: 'all-services',
    looksFor: 'tracing, slog, log/slog, zap, zerolog, logrus, pino, winston, bunyan, structlog, python-json-logger',
  }),
  signalItem({
    id: 'metrics-endpoint', category: 'Observability', title: 'Metrics exported', signal: 'metrics-endpoint', withoutServer: 'all-services',
    looksFor: 'a /metrics route, prometheus client libraries (prometheus, prom-client, client_golang, prometheus_client) or OpenTelemetry metrics',
  }),
  signalItem({
    id: 'request-ids', category: 'Observability', title: 'Request ids propagated', signal: 'request-ids', withoutServer: 'n/a',
    looksFor: 'request-id middleware (tower-http request_id, chi middleware.RequestID, express-request-id, asgi-correlation-id) or an X-Request-Id / X-Correlation-Id / traceparent header',
  }),
];
