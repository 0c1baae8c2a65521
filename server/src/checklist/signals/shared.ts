import type { Node, Query } from 'web-tree-sitter';
import type { Signal, SignalKind } from '../types';

/** What a language's signal extractor gets: queries compiled once per grammar by the engine. */
export interface SignalTools {
  query(source: string): Query;
  /** SPEC §2's secret-named, with the workspace's `secretNames` adjustments. */
  isSecretName(name: string): boolean;
}

export class SignalSink {
  readonly signals: Signal[] = [];
  private readonly seen = new Set<string>();

  add(kind: SignalKind, node: Node, detail: string): void {
    const line = node.startPosition.row + 1;
    const key = `${kind}:${line}:${detail}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.signals.push({ kind, line, detail });
  }
}

/** Module (crate, package, import path) prefixes and the signal their use gives. */
export type ModuleTable = ReadonlyArray<readonly [prefix: string, kind: SignalKind]>;

export function moduleSignals(module: string, table: ModuleTable, separator: string): SignalKind[] {
  const kinds: SignalKind[] = [];
  for (const [prefix, kind] of table) {
    if (module === prefix || module.startsWith(prefix + separator) || (prefix.endsWith('*') && module.startsWith(prefix.slice(0, -1)))) kinds.push(kind);
  }
  return kinds;
}

const HEALTH_ROUTE = /^\/?(?:api\/)?(?:v\d+\/)?(?:_?health|healthz|healthcheck|health-check|ready|readyz|readiness|live|livez|liveness|ping|status)(?:\/|$|\?)/i;
const METRICS_ROUTE = /^\/?(?:api\/)?metrics\/?$/i;

/** The signal of a route path given to a router (`/healthz`, Go 1.22 `GET /healthz`, Django `health/`). */
export function routeSignal(path: string): SignalKind | undefined {
  const route = path.trim().replace(/^[A-Z]+\s+/, '');
  if (HEALTH_ROUTE.test(route)) return 'health-endpoint';
  if (METRICS_ROUTE.test(route)) return 'metrics-endpoint';
  return undefined;
}

const REQUEST_ID_HEADERS = new Set(['x-request-id', 'x-correlation-id', 'request-id', 'x-trace-id', 'traceparent', 'x-amzn-trace-id']);
const SECURITY_HEADERS = new Set(['strict-transport-security', 'content-security-policy', 'x-content-type-options', 'x-frame-options']);

/** A header name passed to a call (`w.Header().Set("X-Request-Id", …)`). */
export function headerSignal(name: string): SignalKind | undefined {
  const lower = name.trim().toLowerCase();
  if (REQUEST_ID_HEADERS.has(lower)) return 'request-ids';
  if (SECURITY_HEADERS.has(lower)) return 'security-headers';
  return undefined;
}

/** The unquoted value of a simple string literal node (no interpolation), else undefined. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const text = node.text;
  if (text.length < 2) return undefined;
  const quote = text[0];
  if ((quote === '"' || quote === "'" || quote === '`') && text.endsWith(quote!)) {
    if (quote === '`' && text.includes('${')) return undefined;
    return text.slice(1, -1);
  }
  // Python prefixes (r"", b"") and Rust raw strings.
  const prefixed = /^[rbuRBU]{0,2}(["'])([\s\S]*)\1$/.exec(text) ?? /^r#*"([\s\S]*)"#*$/.exec(text);
  return prefixed ? prefixed[prefixed.length - 1] : undefined;
}

/** Whether the text contains any of the words: a cheap gate before running a query. */
export function mentions(text: string, words: readonly string[]): boolean {
  return words.some((word) => text.includes(word));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * One regular expression that finds any trigger of a language's signals in a file's text: module
 * names as they appear in imports (`'helmet`, `"log/slog`, `tracing::`, `import structlog`) and the
 * words of the calls and routes looked for. A file without one cannot yield a signal, so it is
 * neither parsed for the checklist nor queried: a pre-filter, never a decision.
 */
export function triggerPattern(modules: ModuleTable, moduleForms: (module: string) => string[], words: readonly string[]): RegExp {
  const tokens = new Set<string>();
  for (const [module] of modules) for (const form of moduleForms(module.replace(/\*$/, ''))) tokens.add(form);
  for (const word of words) tokens.add(word);
  return new RegExp([...tokens].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'));
}

/** Case-insensitive header names and request-id options, shared by every language. */
export const HEADER_TRIGGERS = /request-?id|correlation-?id|traceparent|trace-id|strict-transport|content-security|x-content-type|x-frame|genreqid/i;
