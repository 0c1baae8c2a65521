#!/usr/bin/env node
// Runs one mocha suite and writes its counts as JSON, then exits: scripts/test.mjs runs each suite
// in its own process so that a hung test or a leaked handle can be killed without losing the rest.
//
//   node scripts/run-suite.mjs <stats.json> <timeout-ms> [--grep <pattern>] <test files…>
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';

const [statsFile, timeout, ...rest] = process.argv.slice(2);
let grep;
const files = [];
for (let i = 0; i < rest.length; i++) {
  if (rest[i] === '--grep') grep = rest[++i];
  else files.push(rest[i]);
}

const mocha = new Mocha({ reporter: 'spec', timeout: Number(timeout), color: process.stdout.isTTY });
if (grep) mocha.grep(grep);
for (const file of files) mocha.addFile(file);
await mocha.loadFilesAsync();
const stats = await new Promise((resolve) => {
  const runner = mocha.run(() => resolve(runner.stats));
});
writeFileSync(statsFile, JSON.stringify({ passes: stats.passes, failures: stats.failures, pending: stats.pending }));
// Whatever a test left open (a server, a timer) must not keep the gate waiting.
process.stdout.write('', () => process.exit(stats.failures > 0 ? 1 : 0));
