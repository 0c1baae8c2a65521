#!/usr/bin/env node
// `npm test`: the gate. Runs each stage by name — lint, typecheck, then the mocha suites — and ends
// with one summary line: "tests: N passed, N failed, N skipped".
//
//   npm test                      every stage
//   npm test -- unit lsp          only those stages
//   npm test -- unit --grep tls   a mocha grep within them
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Mocha from 'mocha';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let grep;
const named = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--grep') grep = args[++i];
  else if (!args[i].startsWith('--')) named.push(args[i]);
}

/** Mocha suites by stage, in the order they run. */
const SUITES = [
  { name: 'unit', dir: 'out/test/unit', timeout: 60_000 },
  { name: 'cli', dir: 'out/test/cli', timeout: 120_000 },
  { name: 'lsp', dir: 'out/test/lsp', timeout: 120_000 },
  { name: 'toolchain', dir: 'out/test/toolchain', timeout: 15 * 60_000 },
  { name: 'e2e', dir: 'out/test/e2e', timeout: 10 * 60_000 },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
const stageResults = [];

function selected(name) {
  return named.length === 0 || named.includes(name);
}

function runTool(name, command, commandArgs, always = false) {
  if (!always && !selected(name)) return;
  console.log(`\n=== ${name}: ${[command, ...commandArgs].join(' ')}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  const ok = result.status === 0;
  stageResults.push(`${name}: ${ok ? 'ok' : 'FAILED'}`);
  if (ok) totals.passed++;
  else totals.failed++;
  return ok;
}

function testFiles(dir) {
  const absolute = join(root, dir);
  if (!existsSync(absolute)) return [];
  const files = [];
  const walk = (current) => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.test.js')) files.push(path);
    }
  };
  walk(absolute);
  return files;
}

async function runSuite(suite) {
  if (!selected(suite.name)) return;
  const files = testFiles(suite.dir);
  console.log(`\n=== ${suite.name}: ${files.length} test files`);
  if (files.length === 0) {
    stageResults.push(`${suite.name}: no tests`);
    return;
  }
  const mocha = new Mocha({ reporter: 'spec', timeout: suite.timeout, color: process.stdout.isTTY });
  if (grep) mocha.grep(grep);
  for (const file of files) mocha.addFile(file);
  await mocha.loadFilesAsync();
  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  mocha.dispose();
  totals.passed += stats.passes;
  totals.failed += stats.failures;
  totals.skipped += stats.pending;
  stageResults.push(`${suite.name}: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped`);
}

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const eslint = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
// The suites run the compiled output, so the build is part of the gate.
const built = runTool('typecheck', process.execPath, [tsc, '-p', 'tsconfig.json'], true);
runTool('lint', process.execPath, [eslint, '--max-warnings=0', '.']);
if (built === false) {
  console.error('\nTypeScript does not compile; the test suites were not run.');
} else {
  for (const suite of SUITES) await runSuite(suite);
}

console.log('\n=== stages');
for (const line of stageResults) console.log(`  ${line}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 || built === false ? 1 : 0;
