#!/usr/bin/env node
// `npm test`: the gate. Runs each stage by name — lint, typecheck, then the mocha suites — and ends
// with one summary line: "tests: N passed, N failed, N skipped".
//
//   npm test                      every stage
//   npm test -- unit lsp          only those stages
//   npm test -- unit --grep tls   a mocha grep within them
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let grep;
const named = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--grep') grep = args[++i];
  else if (!args[i].startsWith('--')) named.push(args[i]);
}

/**
 * Mocha suites by stage, in the order they run: `timeout` per test, `limit` for the whole stage,
 * after which its process group is killed and the stage fails.
 */
const MINUTE = 60_000;
const SUITES = [
  { name: 'unit', dir: 'out/test/unit', timeout: MINUTE, limit: 5 * MINUTE },
  { name: 'cli', dir: 'out/test/cli', timeout: 2 * MINUTE, limit: 8 * MINUTE },
  { name: 'lsp', dir: 'out/test/lsp', timeout: 2 * MINUTE, limit: 8 * MINUTE },
  { name: 'toolchain', dir: 'out/test/toolchain', timeout: 10 * MINUTE, limit: 15 * MINUTE },
  { name: 'e2e', dir: 'out/test/e2e', timeout: 5 * MINUTE, limit: 15 * MINUTE },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
const stageResults = [];

function selected(name) {
  return named.length === 0 || named.includes(name);
}

function runTool(name, command, commandArgs, always = false) {
  if (!always && !selected(name)) return;
  console.log(`\n=== ${name}: ${[command, ...commandArgs].join(' ')}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', timeout: 10 * MINUTE, killSignal: 'SIGKILL' });
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
  const statsDir = mkdtempSync(join(tmpdir(), 'readiness-stats-'));
  const statsFile = join(statsDir, 'stats.json');
  const runner = join(root, 'scripts', 'run-suite.mjs');
  const child = spawn(process.execPath, [runner, statsFile, String(suite.timeout), ...(grep ? ['--grep', grep] : []), ...files], {
    cwd: root,
    stdio: 'inherit',
    detached: true,
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    console.error(`\n${suite.name}: still running after ${suite.limit / MINUTE} min; killing it`);
    killGroup(child.pid);
  }, suite.limit);
  const code = await new Promise((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? signal)));
  clearTimeout(timer);
  // Servers or toolchains a test started and left behind go with their suite.
  killGroup(child.pid);
  let stats;
  try {
    stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  } catch {
    stats = { passes: 0, failures: 0, pending: 0 };
  }
  rmSync(statsDir, { recursive: true, force: true });
  if (timedOut || (code !== 0 && stats.failures === 0)) {
    // The suite died before mocha could count (a crash, a hang): that is a failure of its own.
    stats.failures++;
    console.error(`${suite.name}: the suite process ${timedOut ? 'was killed after the stage limit' : `exited with ${code}`}`);
  }
  totals.passed += stats.passes;
  totals.failed += stats.failures;
  totals.skipped += stats.pending;
  stageResults.push(`${suite.name}: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped${timedOut ? ' (killed after the stage limit)' : ''}`);
}

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const eslint = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
// The suites run the compiled output, so the build is part of the gate.
const built = runTool('typecheck', process.execPath, [tsc, '-p', 'tsconfig.json'], true);
runTool('lint', process.execPath, [eslint, '--max-warnings=0', '.']);
// The CLI and the language server run as bundled (bin/ starts server/out/*.js): rebuilt from this source.
const bundled = built !== false && ['cli', 'lsp', 'e2e'].some(selected) ? runTool('bundle', process.execPath, [join(root, 'scripts', 'bundle.mjs'), '--dev'], true) : undefined;
if (built === false || bundled === false) {
  console.error(`\n${built === false ? 'TypeScript does not compile' : 'The bundles do not build'}; the test suites were not run.`);
} else {
  for (const suite of SUITES) await runSuite(suite);
}

console.log('\n=== stages');
for (const line of stageResults) console.log(`  ${line}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.stdout.write('', () => process.exit(totals.failed > 0 || built === false || bundled === false ? 1 : 0));
