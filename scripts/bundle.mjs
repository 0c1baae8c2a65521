#!/usr/bin/env node
// Bundles the VS Code extension with esbuild: the client (`client/out/extension.js`), and beside
// each other the language server, the CLI and the scan worker (`server/out/{server,cli,worker}.js`)
// with the grammar and web-tree-sitter `.wasm` files in `server/out/grammars/`, where the
// bundled code finds them by walking up from its own directory. Two CJS targets, as VS Code and
// Node load them; `vscode` is provided by the editor.
//
//   node scripts/bundle.mjs            minified, no source maps (what the .vsix ships)
//   node scripts/bundle.mjs --dev      readable, with source maps
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');
const started = Date.now();

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: !dev,
  sourcemap: dev,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
  // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow; its ESM build bundles.
  mainFields: ['module', 'main'],
  // web-tree-sitter's ESM build asks `import.meta.url` where it lives; in a CJS bundle that is the bundle.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

/**
 * web-tree-sitter's Node build loads two built-in modules with `await import(…)`, which fails in code
 * that V8 runs from a code cache (see server/src/lsp/code-cache.ts); `process.getBuiltinModule`
 * answers the same where it exists.
 */
const builtinImports = {
  name: 'builtin-imports',
  setup(build) {
    build.onLoad({ filter: /web-tree-sitter[\\/][^\\/]+\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const contents = source.replace(/await import\(("(?:module|fs\/promises)")\)/g, '(process.getBuiltinModule?.($1) ?? await import($1))');
      if (contents === source) throw new Error(`bundle: no built-in import found to rewrite in ${args.path}; web-tree-sitter changed`);
      return { contents, loader: 'js' };
    });
  },
};

/** A bundle whose entry calls the module's `run()`, as the bin shims do. */
function runEntry(module) {
  return { contents: `require(${JSON.stringify(module)}).run();`, resolveDir: root, loader: 'js' };
}

rmSync(join(root, 'client', 'out'), { recursive: true, force: true });
rmSync(join(root, 'server', 'out'), { recursive: true, force: true });

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] }),
  // `server.js` runs the server's bundle, `server-main.js`, from V8's code cache.
  build({ ...common, stdin: { ...runEntry('./server/src/lsp/code-cache.ts'), contents: "require('./server/src/lsp/code-cache.ts').runWithCodeCache(require('node:path').join(__dirname, 'server-main.js'));" }, outfile: 'server/out/server.js' }),
  build({ ...common, stdin: runEntry('./server/src/lsp/main.ts'), outfile: 'server/out/server-main.js', plugins: [builtinImports] }),
  build({ ...common, stdin: runEntry('./server/src/cli/main.ts'), outfile: 'server/out/cli.js', banner: { js: `#!/usr/bin/env node\n${common.banner.js}` }, plugins: [builtinImports] }),
  // The worker pool starts `worker.js` from the directory of the bundle that runs it.
  build({ ...common, entryPoints: ['server/src/workspace/worker.ts'], outfile: 'server/out/worker.js', plugins: [builtinImports] }),
]);

const grammars = join(root, 'grammars');
if (!existsSync(join(grammars, 'manifest.json'))) {
  console.error('bundle: grammars/manifest.json is missing; run `npm run grammars` first');
  process.exit(1);
}
const target = join(root, 'server', 'out', 'grammars');
mkdirSync(target, { recursive: true });
for (const name of readdirSync(grammars)) {
  if (name.endsWith('.wasm') || name === 'manifest.json') copyFileSync(join(grammars, name), join(target, name));
}
console.log(`bundle: client, server, cli and worker bundled in ${Date.now() - started} ms${dev ? ' (dev)' : ''}`);
