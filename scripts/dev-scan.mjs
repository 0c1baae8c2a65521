#!/usr/bin/env node
// Development aid: runs the engine over a directory tree in one thread and prints findings, for
// reading rules' output on real code. Usage:
//   node scripts/dev-scan.mjs <dir> [--rule <id>] [--limit N] [--tests]
// READINESS_OUT=<dir> selects another build output than out/ (for parallel work).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.env.READINESS_OUT ?? 'out';
const require = createRequire(join(root, 'package.json'));
const { Engine } = require(join(root, out, 'server/src/engine/engine.js'));
const { RULES } = require(join(root, out, 'server/src/rules/index.js'));
const { grammarFiles } = require(join(root, out, 'server/src/workspace/grammar-files.js'));
const { DEFAULT_CONFIG } = require(join(root, out, 'server/src/config/types.js'));

const args = process.argv.slice(2);
const dir = args[0];
const rule = args.includes('--rule') ? args[args.indexOf('--rule') + 1] : undefined;
const limit = args.includes('--limit') ? Number(args[args.indexOf('--limit') + 1]) : Infinity;
const config = { ...DEFAULT_CONFIG, tests: args.includes('--tests') ? 'include' : 'exclude' };
const engine = await Engine.create(grammarFiles(), RULES);
const skip = new Set(['node_modules', 'target', 'vendor', '.git', 'dist', 'build']);
let printed = 0;
let files = 0;
let bytes = 0;
const started = Date.now();
function walk(current) {
  for (const name of readdirSync(current)) {
    const path = join(current, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) {
      if (!skip.has(name)) walk(path);
      continue;
    }
    if (!stat.isFile() || stat.size > config.maxFileBytes) continue;
    const relativePath = relative(dir, path).split('\\').join('/');
    if (!engine.languageFor(relativePath)) continue;
    const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    files++;
    bytes += text.length;
    const result = engine.analyze({ path: relativePath, text, config });
    for (const note of result.notes) if (note.kind === 'warning') console.error(`${relativePath}: ${note.message}`);
    for (const finding of result.findings) {
      if (rule && finding.ruleId !== rule) continue;
      if (printed++ >= limit) return;
      const line = text.split('\n')[finding.range.start.line]?.trim().slice(0, 160);
      console.log(`${path}:${finding.range.start.line + 1}:${finding.range.start.character + 1}  ${finding.ruleId}  ${line}`);
    }
  }
}
walk(dir);
console.error(`${files} files, ${(bytes / 1e6).toFixed(1)} MB, ${printed} findings, ${((Date.now() - started) / 1000).toFixed(1)} s`);
