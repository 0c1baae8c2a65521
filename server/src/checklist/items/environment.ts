// Configuration items about environment variables: documented in an example file, no secret with
// a silent literal fallback. The reads come from the parse trees (../signals/).
import { capped, defineItem, type ItemDefinition } from '../item';
import { baseName } from '../context';

const EXAMPLE = /^(\.env\.(example|sample|template|dist|defaults?)|\.?env\.example|example\.env|[\w.-]+\.env\.(example|sample|template))$/i;

export const environmentItems: readonly ItemDefinition[] = [
  defineItem({
    id: 'env-example',
    category: 'Configuration & secrets',
    title: 'Environment variables documented in .env.example',
    looksFor: '.env.example / .env.sample / .env.template anywhere in the workspace, when the code reads environment variables',
    evaluate(context) {
      const reads = context.signals('env-read');
      if (reads.length === 0) return { status: 'n/a', evidence: [{ path: '.', note: 'the code reads no environment variables (looked for env::var, os.Getenv, process.env, os.getenv/os.environ)' }] };
      const examples = context.files.filter((path) => EXAMPLE.test(baseName(path)));
      if (examples.length > 0) return { status: 'pass', evidence: examples.map((path) => ({ path, note: `documents the environment (${reads.length} read${reads.length === 1 ? '' : 's'} in the code)` })) };
      return { status: 'fail', evidence: capped([{ path: '.', note: `no .env.example, but the code reads ${reads.length} environment variable${reads.length === 1 ? '' : 's'}` }, ...reads.slice(0, 5).map((read) => ({ path: read.path, line: read.line, note: read.detail }))]) };
    },
  }),
  defineItem({
    id: 'no-secret-fallbacks',
    category: 'Configuration & secrets',
    title: 'No secret read from the environment with a silent fallback',
    looksFor: 'secret-named environment reads with a literal default: env::var(..).unwrap_or("…"), getEnv("TOKEN", "…"), process.env.X || "…", os.getenv("X", "…")',
    evaluate(context) {
      const fallbacks = context.signals('secret-fallback');
      if (fallbacks.length > 0) return { status: 'fail', evidence: capped(fallbacks.map((signal) => ({ path: signal.path, line: signal.line, note: `${signal.detail}: a missing secret silently becomes the literal` }))) };
      const reads = context.signals('env-read').length;
      return { status: 'pass', evidence: [{ path: '.', note: `no secret-named environment read with a literal fallback (${reads} environment read${reads === 1 ? '' : 's'} examined)` }] };
    },
  }),
];
