#!/usr/bin/env node
// `npm run package`: bundles the extension and packages it with @vscode/vsce into
// `readiness-<version>.vsix` at the repository root. The bundles hold every runtime dependency,
// so vsce is told not to look at node_modules; `.vscodeignore` is an allow-list. Fails when the
// package grows past 10 MB.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_BYTES = 10 * 1024 * 1024;

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`package: ${[command, ...args].join(' ')} failed`);
    process.exit(1);
  }
}

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsix = join(root, `readiness-${version}.vsix`);
run(process.execPath, [join(root, 'scripts', 'bundle.mjs')]);
run(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--skip-license', '--out', vsix]);
const size = statSync(vsix).size;
console.log(`package: ${vsix} (${(size / 1024 / 1024).toFixed(2)} MB)`);
if (size > MAX_BYTES) {
  console.error(`package: the .vsix is over ${MAX_BYTES / 1024 / 1024} MB; check .vscodeignore`);
  process.exit(1);
}
