import { strict as assert } from 'node:assert';
import { testEngine } from '../support/engine';
import { DEFAULT_CONFIG } from '../../server/src/config/types';
import { extractFacts, wantsTree } from '../../server/src/checklist/signals';
import type { FileFacts, SignalKind } from '../../server/src/checklist/types';
import { secretNamesFor } from '../../server/src/rules/shared/secret-names';

/** The checklist's view of one file, through the engine exactly as a scan worker gets it. */
async function factsOf(path: string, text: string): Promise<FileFacts> {
  const engine = await testEngine();
  let facts: FileFacts = { findings: [], signals: [] };
  engine.analyze({
    path,
    text,
    config: DEFAULT_CONFIG,
    inspector: {
      wantsTree,
      inspect: (tree, language, query) => {
        facts = extractFacts(tree, language, path, text, { query, isSecretName: (name) => secretNamesFor(DEFAULT_CONFIG.secretNames).isSecretName(name) });
      },
    },
  });
  return facts;
}

async function kinds(path: string, text: string): Promise<Array<[SignalKind, number]>> {
  return (await factsOf(path, text)).signals.map((signal): [SignalKind, number] => [signal.kind, signal.line]).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
}

describe('checklist: code signals from parse trees', () => {
  it('TypeScript: imports, routes, process handlers, env fallbacks; not lookalikes', async () => {
    const text = [
      "import helmet from 'helmet';", // 1
      "const log = require('pino')();", // 2
      "const note = 'uses helmet and /healthz in prose';", // 3
      "app.get('/healthz', ok);", // 4
      "app.get('/healthcheck-docs', ok);", // 5
      "process.on('SIGTERM', stop);", // 6
      "process.on('exit', stop);", // 7
      "const secret = process.env.JWT_SECRET || 'changeme';", // 8
      "const port = process.env.PORT || '3000';", // 9
      "// app.get('/metrics') in a comment", // 10
    ].join('\n');
    assert.deepEqual(await kinds('src/app.ts', text), [
      ['security-headers', 1], ['structured-logging', 2], ['health-endpoint', 4], ['graceful-shutdown', 6], ['env-read', 8], ['secret-fallback', 8], ['env-read', 9],
    ]);
  });

  it('Go: middleware values, signal.NotifyContext, Shutdown, getEnv fallbacks; not signal.Ignore', async () => {
    const text = [
      'package main', // 1
      'import (', // 2
      '\t"os/signal"', // 3
      '\t"go.uber.org/zap"', // 4
      ')', // 5
      'func main() {', // 6
      '\tsignal.Ignore(os.Interrupt)', // 7
      '\tctx, _ := signal.NotifyContext(bg, os.Interrupt)', // 8
      '\tr.Use(middleware.RequestID)', // 9
      '\ttoken := getEnv("API_TOKEN", "dev-token")', // 10
      '\t_ = srv.Shutdown(ctx)', // 11
      '}', // 12
    ].join('\n');
    assert.deepEqual(await kinds('cmd/main.go', text), [['structured-logging', 4], ['graceful-shutdown', 8], ['request-ids', 9], ['env-read', 10], ['secret-fallback', 10], ['graceful-shutdown', 11]]);
  });

  it('Rust: crates in use, attribute routes, ctrl_c, set_hook; not a crate whose name only starts the same', async () => {
    const text = [
      'use my_tracing::span;', // 1
      'use tracing::info;', // 2
      '#[get("/readyz")]', // 3
      'async fn ready() -> &\'static str { "ok" }', // 4
      'fn main() {', // 5
      '    std::panic::set_hook(Box::new(|_| {}));', // 6
      '    let _ = tokio::signal::ctrl_c();', // 7
      '    let key = std::env::var("SIGNING_KEY").unwrap_or("dev".to_string());', // 8
      '}', // 9
    ].join('\n');
    assert.deepEqual(await kinds('src/main.rs', text), [['structured-logging', 2], ['health-endpoint', 3], ['panic-hook', 6], ['graceful-shutdown', 7], ['env-read', 8], ['secret-fallback', 8]]);
  });

  it('Python: imports, decorators, excepthook, os.getenv defaults; not a module that only shares a prefix', async () => {
    const text = [
      'import structlog_helpers', // 1
      'from prometheus_client import start_http_server', // 2
      'import sys, os', // 3
      '@app.route("/health")', // 4
      'def health(): return "ok"', // 5
      'sys.excepthook = report', // 6
      'SECRET_KEY = os.getenv("SECRET_KEY", "changeme")', // 7
      'LEVEL = os.getenv("LOG_LEVEL", "info")', // 8
    ].join('\n');
    assert.deepEqual(await kinds('app/main.py', text), [['metrics-endpoint', 2], ['health-endpoint', 4], ['panic-hook', 6], ['env-read', 7], ['secret-fallback', 7], ['env-read', 8]]);
  });

  it('skips test code and files without any trigger, without parsing them', async () => {
    assert.equal(wantsTree('src/app.test.ts', "import helmet from 'helmet';", 'typescript'), false);
    assert.equal(wantsTree('src/math.ts', 'export const add = (a: number, b: number) => a + b;', 'typescript'), false);
    assert.equal(wantsTree('.github/workflows/ci.yml', 'on: push', 'yaml'), true);
    assert.deepEqual(await kinds('tests/test_app.py', 'import structlog'), []);
  });

  it('reads workflow YAML into documents with lines, and notes broken YAML', async () => {
    const facts = await factsOf('.github/workflows/ci.yml', 'on: push\njobs:\n  test:\n    steps:\n      - run: cargo test\n');
    const document = facts.documents?.[0];
    assert.equal(document?.t, 'map');
    const broken = await factsOf('.github/workflows/bad.yml', 'jobs: [\n  : :\n');
    assert.match(broken.problem ?? '', /YAML syntax errors/);
  });
});
