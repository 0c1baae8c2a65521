#!/usr/bin/env node
// Produces grammars/*.wasm and grammars/manifest.json from the pinned grammar packages in
// package.json. Each grammar package publishes the wasm build of its parser; this script copies it,
// checks that the installed version is the pinned one and that web-tree-sitter can load it, and
// records package, version, ABI and checksum. Only the npm registry is involved.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pinned = { ...pkg.dependencies, ...pkg.devDependencies };

/** Grammar file name → the package that publishes it and the file inside that package. */
const GRAMMARS = [
  { name: 'tree-sitter-rust', package: 'tree-sitter-rust', file: 'tree-sitter-rust.wasm' },
  { name: 'tree-sitter-go', package: 'tree-sitter-go', file: 'tree-sitter-go.wasm' },
  { name: 'tree-sitter-typescript', package: 'tree-sitter-typescript', file: 'tree-sitter-typescript.wasm' },
  { name: 'tree-sitter-tsx', package: 'tree-sitter-typescript', file: 'tree-sitter-tsx.wasm' },
  { name: 'tree-sitter-javascript', package: 'tree-sitter-javascript', file: 'tree-sitter-javascript.wasm' },
  { name: 'tree-sitter-python', package: 'tree-sitter-python', file: 'tree-sitter-python.wasm' },
  { name: 'tree-sitter-toml', package: '@tree-sitter-grammars/tree-sitter-toml', file: 'tree-sitter-toml.wasm' },
  { name: 'tree-sitter-yaml', package: '@tree-sitter-grammars/tree-sitter-yaml', file: 'tree-sitter-yaml.wasm' },
  { name: 'tree-sitter-json', package: 'tree-sitter-json', file: 'tree-sitter-json.wasm' },
];

function packageDir(name) {
  // Not require.resolve: packages with an `exports` map hide their package.json.
  for (const base of require.resolve.paths(name) ?? []) {
    try {
      readFileSync(join(base, name, 'package.json'));
      return join(base, name);
    } catch {
      // not installed under this node_modules; try the next one up
    }
  }
  fail(`${name} is not installed; run npm install`);
}

function installedVersion(name) {
  return JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')).version;
}

function sha256(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function fail(message) {
  console.error(`build-grammars: ${message}`);
  process.exit(1);
}

const outDir = join(root, 'grammars');
mkdirSync(outDir, { recursive: true });

const treeSitter = require('web-tree-sitter');
const { Parser, Language } = treeSitter;
const runtimeSource = join(packageDir('web-tree-sitter'), 'web-tree-sitter.wasm');
const runtimeTarget = join(outDir, 'web-tree-sitter.wasm');
copyFileSync(runtimeSource, runtimeTarget);
await Parser.init({ wasmBinary: readFileSync(runtimeTarget) });
// Set by init, so read only now.
const { LANGUAGE_VERSION, MIN_COMPATIBLE_VERSION } = treeSitter;

const manifest = {
  runtime: {
    package: 'web-tree-sitter',
    version: installedVersion('web-tree-sitter'),
    file: 'web-tree-sitter.wasm',
    sha256: sha256(runtimeTarget),
    abi: { min: MIN_COMPATIBLE_VERSION, max: LANGUAGE_VERSION },
  },
  grammars: [],
};

for (const grammar of GRAMMARS) {
  const version = installedVersion(grammar.package);
  if (pinned[grammar.package] !== version) {
    fail(`${grammar.package} is pinned to ${pinned[grammar.package] ?? '(nothing)'} in package.json but ${version} is installed; run npm ci`);
  }
  const target = join(outDir, `${grammar.name}.wasm`);
  copyFileSync(join(packageDir(grammar.package), grammar.file), target);
  const language = await Language.load(readFileSync(target));
  const abi = language.abiVersion;
  if (abi < MIN_COMPATIBLE_VERSION || abi > LANGUAGE_VERSION) {
    fail(`${grammar.name} has ABI ${abi}; web-tree-sitter ${manifest.runtime.version} loads ${MIN_COMPATIBLE_VERSION}–${LANGUAGE_VERSION}`);
  }
  manifest.grammars.push({ name: grammar.name, package: grammar.package, version, abi, file: `${grammar.name}.wasm`, sha256: sha256(target) });
}

writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`build-grammars: ${manifest.grammars.length} grammars (ABI ${[...new Set(manifest.grammars.map((g) => g.abi))].join(', ')}) written to grammars/`);
