#!/usr/bin/env node
// `npm run bench`: Readiness against ast-grep with equivalent rules, on the same real multi-language
// corpus, in the same run, at the same thread counts (SPEC §8). Builds nothing: run `npm install` first.
//
//   npm run bench                          full corpus (≥ 20 MB), 1 and 2 threads, 3 runs each
//   npm run bench -- --quick               a ~5 MB subset, for fast iteration
//   npm run bench -- --runs 5 --threads 1,2,4
//   npm run bench -- --profile             also a CPU profile of the single-thread harness
//   npm run bench -- --no-harness          only the two CLIs
//   npm run bench -- --no-lsp              without the language server's latency and memory (bench/lsp.mjs)
//   npm run bench -- --no-snapshot         run out/ itself, not a snapshot of it (see snapshotBuild)
//
// Each run is a separate process, timed by GNU time (wall, peak RSS of the process — Readiness's
// worker threads live in it — and user+system CPU). Runs alternate between the tools, and which
// goes first flips every run, so drift in machine load hits both alike; medians are reported.
// Then bench/harness.mjs analyses every file in one thread to get Readiness's per-file p95, what
// was parsed versus skipped, and where the time goes. Results: bench/results/latest.json (and a
// copy named by variant and time, so a --quick run does not hide the last full one).
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gatherCorpus } from '../bench/corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

// ---- options ----
const argv = process.argv.slice(2);
function optionValue(name, fallback) {
  const index = argv.indexOf(name);
  if (index === -1) return fallback;
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) fail(`${name} needs a value`);
  return value;
}
function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}
const known = new Set(['--runs', '--threads', '--quick', '--profile', '--no-harness', '--no-snapshot', '--no-lsp', '--help']);
for (let i = 0; i < argv.length; i++) {
  if (!known.has(argv[i])) fail(`unknown option ${argv[i]} (options: --runs N, --threads 1,2, --quick, --profile, --no-harness, --no-snapshot, --no-lsp)`);
  if (argv[i] === '--runs' || argv[i] === '--threads') i++;
}
if (argv.includes('--help')) {
  console.log('usage: npm run bench [-- --runs N] [--threads 1,2] [--quick] [--profile] [--no-harness] [--no-snapshot] [--no-lsp]');
  process.exit(0);
}
const runs = Number(optionValue('--runs', '3'));
if (!Number.isInteger(runs) || runs < 1) fail('--runs must be a whole number ≥ 1');
const threadCounts = optionValue('--threads', '1,2').split(',').map(Number);
if (threadCounts.some((count) => !Number.isInteger(count) || count < 1)) fail('--threads takes whole numbers ≥ 1, comma-separated');
const variant = argv.includes('--quick') ? 'quick' : 'full';

// ---- prerequisites: nothing is built here ----
const outDir = join(root, 'out');
const astGrep = join(root, 'node_modules', '.bin', 'ast-grep');
const timeBinary = '/usr/bin/time';
const missing = [
  [join(outDir, 'server', 'src', 'cli', 'main.js'), 'out/ (the compiled server): run `npm install` or `npm run build`'],
  [join(root, 'server', 'out', 'cli.js'), 'server/out/ (the bundled CLI that bin/readiness.js runs): run `npm install` or `npm run build`'],
  [join(root, 'grammars', 'manifest.json'), 'grammars/ (the wasm grammars): run `npm install` or `npm run grammars`'],
  [astGrep, 'node_modules/.bin/ast-grep (@ast-grep/cli, a devDependency): run `npm install`'],
  [timeBinary, '/usr/bin/time (GNU time, to measure peak RSS): install the `time` package'],
].filter(([path]) => !existsSync(path));
if (missing.length > 0) fail(`missing ${missing.map(([, what]) => what).join('; ')}`);

/**
 * Others rebuild out/ and the bundles in server/out/ while they work; a benchmark that straddles a
 * rebuild measures two versions. So the runs use a snapshot, out-bench/ (ignored like every out-*),
 * copied once the build has been quiet for a few seconds: the CLI runs as bin/readiness.js runs it,
 * bundled. `--no-snapshot` runs the checkout's build as it is.
 */
function newestMtime(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}
function snapshotBuild() {
  const target = join(root, 'out-bench');
  for (let attempt = 0; attempt < 30; attempt++) {
    const newest = () => Math.max(newestMtime(join(outDir, 'server')), newestMtime(join(root, 'server', 'out')));
    const before = newest();
    if (Date.now() - before < 5000) {
      spawnSync('sleep', ['2']);
      continue;
    }
    rmSync(target, { recursive: true, force: true });
    cpSync(join(outDir, 'server'), join(target, 'server'), { recursive: true });
    // The bundles with their grammars, where they find them (beside themselves).
    cpSync(join(root, 'server', 'out'), join(target, 'bundle'), { recursive: true });
    if (newest() !== before) continue;
    return { dir: 'out-bench', builtAt: new Date(before).toISOString() };
  }
  fail('out/ kept changing (someone is building); try again, or pass --no-snapshot');
}
const build = argv.includes('--no-snapshot')
  ? { dir: 'out', builtAt: new Date(newestMtime(join(outDir, 'server'))).toISOString() }
  : snapshotBuild();
const buildDir = join(root, build.dir);
const readinessBin = build.dir === 'out' ? join(root, 'bin', 'readiness.js') : join(buildDir, 'bundle', 'cli.js');
const { skipReasonForText } = require(join(buildDir, 'server/src/engine/skip.js'));
const { languageForPath } = require(join(buildDir, 'server/src/languages/index.js'));

// ---- helpers ----
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const fixed = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const MiB = 1024 * 1024;

function table(headers, rows) {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) => cells.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join('  ');
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

function gitCommit() {
  const result = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? `${result.stdout.trim()}${dirty.stdout.trim() ? ' (with uncommitted changes)' : ''}` : 'unknown';
}

function toolVersion(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'unknown';
}

/**
 * Runs one command under GNU time; stdout goes to a file (ast-grep's stream can be large).
 * Returns wall seconds (measured here, finer than time's %e), peak RSS, CPU seconds and the exit status.
 */
function timed(command, args, stdoutFile) {
  const timeFile = join(scratch, 'time.txt');
  const stdout = openSync(stdoutFile, 'w');
  const started = performance.now();
  const result = spawnSync(timeBinary, ['-f', '%e %M %U %S', '-o', timeFile, command, ...args], {
    cwd: root,
    stdio: ['ignore', stdout, 'pipe'],
    maxBuffer: 64 * MiB,
  });
  const wall = (performance.now() - started) / 1000;
  closeSync(stdout);
  const [, rssKb, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall, rssMiB: rssKb / 1024, cpu: user + system, status: result.status, stderr: result.stderr.toString() };
}

// ---- corpus ----
const scratch = mkdtempSync(join(tmpdir(), 'readiness-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

console.log(`gathering the ${variant} corpus…`);
const corpus = gatherCorpus({ repoRoot: root, variant, skipReasonForText });
const corpusPath = relative(root, corpus.directory);

// Test-path share, by Readiness's own test detection: those files need no parse tree.
const testShare = {};
(function walk(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      walk(path);
      continue;
    }
    const relativePath = relative(corpus.directory, path).split('\\').join('/');
    const language = relativePath.split('/')[0];
    const definition = languageForPath(relativePath);
    const entryShare = (testShare[language] ??= { files: 0, bytes: 0 });
    if (definition?.isTestPath(relativePath)) {
      entryShare.files++;
      // Reading the file here also warms the page cache for the first timed run.
      entryShare.bytes += readFileSync(path).length;
    } else {
      readFileSync(path);
    }
  }
})(corpus.directory);

console.log(`\ncorpus ${corpusPath} (${corpus.reused ? 'reused: the manifest matches' : 'freshly copied'})`);
console.log(
  table(
    ['language', 'files', 'MB', 'test-path MB', 'source'],
    [
      ...corpus.languages.map((language) => [
        language.language,
        language.files,
        fixed(language.bytes / 1e6, 1),
        `${fixed((testShare[language.language]?.bytes ?? 0) / 1e6, 1)} (${fixed((100 * (testShare[language.language]?.bytes ?? 0)) / (language.bytes || 1), 0)}%)`,
        language.description,
      ]),
      ['total', corpus.files, fixed(corpus.bytes / 1e6, 1), fixed(Object.values(testShare).reduce((sum, share) => sum + share.bytes, 0) / 1e6, 1), ''],
    ],
  ),
);

// ---- ast-grep rules sanity check ----
const ruleCheck = spawnSync(process.execPath, [join(root, 'bench', 'ast-grep', 'check-rules.mjs')], { cwd: root, encoding: 'utf8' });
const ruleCheckLine = ruleCheck.stdout.trim().split('\n').pop() ?? '';
console.log(`\nast-grep rules on their samples: ${ruleCheckLine}`);
if (ruleCheck.status !== 0) console.log(`*** WARNING: the ast-grep rules do not match their samples:\n${ruleCheck.stdout}${ruleCheck.stderr}`);

// ---- the timed runs ----
const NO_IGNORE = ['hidden', 'dot', 'exclude', 'global', 'parent', 'vcs'].flatMap((kind) => ['--no-ignore', kind]);
const tools = {
  readiness: (threads, output) => ({
    command: process.execPath,
    args: [readinessBin, 'check', corpusPath, '--config', join(root, 'bench', 'readiness.json'), '--format', 'json', '--output', output, '--jobs', String(threads), '--fail-on', 'never'],
    findings: () => {
      const report = JSON.parse(readFileSync(output, 'utf8'));
      const items = Array.isArray(report) ? report : (report.findings ?? []);
      return {
        findings: items.filter((item) => item.kind === 'finding' || (item.kind === undefined && item.rule)).length,
        skipped: items.filter((item) => item.kind === 'skipped').length,
        crashed: items.filter((item) => item.reason === 'rule-crashed').length,
      };
    },
  }),
  // Every rule, not only those ast-grep has equivalents for: reported, not compared.
  'readiness (all rules)': (threads, output) => ({
    ...tools.readiness(threads, output),
    args: [readinessBin, 'check', corpusPath, '--config', join(root, 'bench', 'readiness-all.json'), '--format', 'json', '--output', output, '--jobs', String(threads), '--fail-on', 'never'],
  }),
  // The workspace checklist of the same tree: its code items come from the same per-file parse as
  // `check`, so it should cost about one scan (target: under 2× the wall time of `check` with the same, default,
  // configuration: "readiness (all rules)").
  checklist: (threads, output) => ({
    command: process.execPath,
    args: [readinessBin, 'checklist', corpusPath, '--config', join(root, 'bench', 'readiness-all.json'), '--format', 'json', '--output', output, '--jobs', String(threads)],
    /** Exit 1 means an item failed, which is a result, not an error. */
    okStatus: [0, 1],
    findings: () => {
      const report = JSON.parse(readFileSync(output, 'utf8'));
      const statuses = report.items.map((item) => item.status);
      return { findings: statuses.length, failed: statuses.filter((status) => status === 'fail').length };
    },
  }),
  'ast-grep': (threads, output) => ({
    command: astGrep,
    // --inspect summary: ast-grep reports on stderr how many files it scanned, to check both tools saw the same set.
    args: ['scan', '-c', join('bench', 'ast-grep', 'sgconfig.yml'), '--json=stream', '--inspect', 'summary', '-j', String(threads), ...NO_IGNORE, corpusPath],
    findings: (stderr) => ({
      findings: readFileSync(output, 'utf8').split('\n').filter((line) => line.trim()).length,
      filesScanned: Number(/scannedFileCount=(\d+)/.exec(stderr)?.[1] ?? NaN),
    }),
  }),
};

const loadBefore = loadavg();
const measurements = [];
console.log(`\n${runs} run${runs === 1 ? '' : 's'} per tool at ${threadCounts.join(', ')} thread(s); ${availableParallelism()} cores, load average ${loadBefore.map((value) => value.toFixed(1)).join(' ')}`);
if (loadBefore[0] > availableParallelism() * 0.5) {
  console.log('note: the machine is busy; figures are noisy. Medians are reported, and CPU seconds (user+sys) are less load-sensitive than wall time.');
}
for (const threads of threadCounts) {
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? ['readiness', 'ast-grep', 'readiness (all rules)', 'checklist'] : ['ast-grep', 'readiness', 'checklist', 'readiness (all rules)'];
    for (const tool of order) {
      const output = join(scratch, `${tool}.out`);
      rmSync(output, { force: true });
      const spec = tools[tool](threads, output);
      const result = timed(spec.command, spec.args, tool === 'ast-grep' ? output : join(scratch, 'stdout.txt'));
      if (!(spec.okStatus ?? [0]).includes(result.status)) {
        console.error(`\n${tool} failed (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
        process.exit(1);
      }
      const counts = spec.findings(result.stderr);
      if (counts.filesScanned !== undefined && counts.filesScanned !== corpus.files) {
        console.log(`*** WARNING: ast-grep scanned ${counts.filesScanned} files, the corpus has ${corpus.files}`);
      }
      measurements.push({ tool, threads, run, ...result, ...counts, stderr: undefined });
      process.stdout.write(`  ${tool.padEnd(21)} ${threads} thread${threads === 1 ? ' ' : 's'} run ${run + 1}: ${fixed(result.wall)} s wall, ${fixed(result.cpu)} s CPU, ${fixed(result.rssMiB, 0)} MiB, ${counts.findings} ${tool === 'checklist' ? 'items' : 'findings'}\n`);
    }
  }
}

const summaries = [];
for (const threads of threadCounts) {
  for (const tool of Object.keys(tools)) {
    const list = measurements.filter((measurement) => measurement.tool === tool && measurement.threads === threads);
    const wall = median(list.map((measurement) => measurement.wall));
    summaries.push({
      tool,
      threads,
      runs: list.length,
      wallSeconds: wall,
      minWallSeconds: Math.min(...list.map((measurement) => measurement.wall)),
      cpuSeconds: median(list.map((measurement) => measurement.cpu)),
      mbPerSecond: corpus.bytes / 1e6 / wall,
      filesPerSecond: corpus.files / wall,
      peakRssMiB: Math.max(...list.map((measurement) => measurement.rssMiB)),
      findings: list[list.length - 1].findings,
      crashed: list[list.length - 1].crashed,
    });
  }
}
const checklistRatio = (threads, key) => {
  const check = summaries.find((summary) => summary.tool === 'readiness (all rules)' && summary.threads === threads);
  const checklist = summaries.find((summary) => summary.tool === 'checklist' && summary.threads === threads);
  return checklist[key] / check[key];
};
const ratio = (threads, key) => {
  const readiness = summaries.find((summary) => summary.tool === 'readiness' && summary.threads === threads);
  const astGrepSummary = summaries.find((summary) => summary.tool === 'ast-grep' && summary.threads === threads);
  return readiness[key] / astGrepSummary[key];
};

// ---- the single-thread harness: per-file p95, parsed vs skipped, phases ----
let harness;
let profile;
if (!argv.includes('--no-harness')) {
  console.log('\nsingle-thread harness (bench/harness.mjs)…');
  const harnessJson = join(scratch, 'harness.json');
  const profileFile = join(root, 'bench', 'results', 'harness.cpuprofile');
  mkdirSync(dirname(profileFile), { recursive: true });
  const profiling = argv.includes('--profile') ? ['--cpu-profile', profileFile, '--queries'] : [];
  const result = spawnSync(process.execPath, [join(root, 'bench', 'harness.mjs'), corpusPath, '--json', harnessJson, '--quiet', ...profiling], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, READINESS_OUT: build.dir },
  });
  if (result.status !== 0) {
    console.log(`*** the harness failed (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
  } else {
    harness = JSON.parse(readFileSync(harnessJson, 'utf8'));
    if (harness.perFile.files !== corpus.files) console.log(`*** WARNING: Readiness's walker found ${harness.perFile.files} files, the corpus has ${corpus.files}`);
    if (argv.includes('--profile')) profile = summarizeProfile(profileFile);
  }
}

// ---- the language server: edit latency, first diagnostics, memory, editing during a scan ----
let lsp;
if (!argv.includes('--no-lsp')) {
  console.log('\nlanguage server (bench/lsp.mjs)…');
  const lspJson = join(scratch, 'lsp.json');
  const result = spawnSync(process.execPath, [join(root, 'bench', 'lsp.mjs'), '--json', lspJson, ...(variant === 'quick' ? ['--edits', '100', '--memory-edits', '300', '--phases', 'files'] : [])], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  process.stdout.write(result.stdout);
  if (result.status !== 0) console.log(`*** the language-server bench failed (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
  else lsp = JSON.parse(readFileSync(lspJson, 'utf8'));
}

/**
 * Self time by area (wasm = tree-sitter's parser, query engine and the grammars' lexers, compiled
 * to WebAssembly) and by function, plus inclusive time of Readiness's and web-tree-sitter's functions.
 */
function summarizeProfile(file) {
  if (!existsSync(file)) return undefined;
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(data.nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of data.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const self = new Map();
  for (let i = 0; i < data.samples.length; i++) self.set(data.samples[i], (self.get(data.samples[i]) ?? 0) + (data.timeDeltas[i] ?? 0));
  const label = (callFrame) => {
    const url = (callFrame.url ?? '').replace(/^file:\/\//, '').replace(/^.*\/(out-bench|out|node_modules)\//, '');
    return `${callFrame.functionName || '(anonymous)'}${url ? ` ${url}:${callFrame.lineNumber + 1}` : ''}`;
  };
  const areaOf = (callFrame) => {
    const url = callFrame.url ?? '';
    if (url.startsWith('wasm://')) return 'wasm: tree-sitter parse, query, lexers';
    if (url.includes('web-tree-sitter')) return 'web-tree-sitter JS glue (nodes, captures, marshalling)';
    if (/\/server\/src\/rules\//.test(url)) return 'rules (JS)';
    if (/\/server\/src\/engine\//.test(url)) return 'engine (JS)';
    if (/\/server\/src\/(languages|workspace)\//.test(url)) return 'languages, reading (JS)';
    if (url.includes('/bench/')) return 'harness';
    if ((callFrame.functionName ?? '').startsWith('(')) return callFrame.functionName;
    return 'node internals / other';
  };
  const functions = new Map();
  const areas = new Map();
  const inclusive = new Map();
  let total = 0;
  for (const [id, micros] of self) {
    const { callFrame } = byId.get(id);
    total += micros;
    areas.set(areaOf(callFrame), (areas.get(areaOf(callFrame)) ?? 0) + micros);
    functions.set(label(callFrame), (functions.get(label(callFrame)) ?? 0) + micros);
    const seen = new Set();
    for (let current = id; current !== undefined; current = parentOf.get(current)) {
      const frame = byId.get(current).callFrame;
      if (!/server\/src\/|web-tree-sitter/.test(frame.url ?? '')) continue;
      const key = label(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + micros);
    }
  }
  const top = (map, count) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, micros]) => ({ name, ms: Math.round(micros / 1000), percent: Number(((100 * micros) / total).toFixed(1)) }));
  return { file: relative(root, file), totalMs: Math.round(total / 1000), areas: top(areas, 12), selfTime: top(functions, 25), inclusiveTime: top(inclusive, 40) };
}

// ---- report ----
const loadAfter = loadavg();
console.log(`\nResults (${variant} corpus: ${corpus.files} files, ${fixed(corpus.bytes / 1e6, 1)} MB; median of ${runs}; load average before ${loadBefore[0].toFixed(1)}, after ${loadAfter[0].toFixed(1)})`);
console.log(
  table(
    ['tool', 'threads', 'wall s', 'CPU s', 'MB/s', 'files/s', 'peak RSS MiB', 'findings/items', 'ratio (wall)'],
    summaries.map((summary) => [
      summary.tool,
      summary.threads,
      fixed(summary.wallSeconds),
      fixed(summary.cpuSeconds),
      fixed(summary.mbPerSecond),
      fixed(summary.filesPerSecond, 0),
      fixed(summary.peakRssMiB, 0),
      summary.findings,
      summary.tool === 'readiness'
        ? `${fixed(ratio(summary.threads, 'wallSeconds'))}× (CPU ${fixed(ratio(summary.threads, 'cpuSeconds'))}×)`
        : summary.tool === 'checklist'
          ? `checklist/check ${fixed(checklistRatio(summary.threads, 'wallSeconds'))}×`
          : '',
    ]),
  ),
);
for (const summary of summaries.filter((entry) => entry.tool === 'readiness' && entry.crashed > 0)) {
  console.log(`*** WARNING: ${summary.crashed} rule-crashed notes in Readiness's report at ${summary.threads} thread(s)`);
}
const verdicts = threadCounts.map((threads) => {
  const wallRatio = ratio(threads, 'wallSeconds');
  const rss = summaries.find((summary) => summary.tool === 'readiness' && summary.threads === threads).peakRssMiB;
  const speed = wallRatio <= 0.5 ? 'at or under half of ast-grep (the aim)' : wallRatio <= 1 ? 'no slower than ast-grep (target met, aim of half not reached)' : 'SLOWER than ast-grep (target missed)';
  return `${threads} thread(s): Readiness ${fixed(wallRatio)}× ast-grep's wall time — ${speed}; peak RSS ${fixed(rss, 0)} MiB ${rss < 256 ? '< 256 MiB (ok)' : '≥ 256 MiB (OVER BUDGET)'}`;
});
console.log(verdicts.join('\n'));
const checklistVerdicts = threadCounts.map((threads) => {
  const wallRatio = checklistRatio(threads, 'wallSeconds');
  return `${threads} thread(s): readiness checklist ${fixed(wallRatio)}× the wall time of readiness check (every rule, default configuration) on the same tree (CPU ${fixed(checklistRatio(threads, 'cpuSeconds'))}×) — ${wallRatio < 2 ? 'under 2× (target met)' : 'NOT under 2× (target missed)'}`;
});
console.log(checklistVerdicts.join('\n'));

if (harness) {
  const { perFile, parsedFiles, byReason, phasesMs } = harness;
  console.log(`\nReadiness per file, one thread (harness): ${perFile.files} files, p50 ${fixed(perFile.p50, 2)} ms, p95 ${fixed(perFile.p95, 2)} ms, p99 ${fixed(perFile.p99, 1)} ms, max ${fixed(perFile.max, 0)} ms; ${harness.findings} findings`);
  console.log(`  parsed files only: ${parsedFiles.files} files, p95 ${fixed(parsedFiles.p95, 2)} ms; parsing ran at ${fixed(harness.parseMbPerSecond)} MB/s`);
  console.log(
    table(
      ['files', 'count', 'MB', 'ms'],
      Object.entries(byReason).map(([why, entry]) => [why === 'parsed' ? 'parsed' : `not parsed: ${why}`, entry.files, fixed(entry.bytes / 1e6, 1), entry.ms]),
    ),
  );
  const phaseTotal = Object.values(phasesMs).reduce((sum, ms) => sum + Math.max(0, ms), 0);
  console.log(`  time by phase: ${Object.entries(phasesMs).map(([name, ms]) => `${name} ${ms} ms (${fixed((100 * ms) / phaseTotal, 0)}%)`).join(', ')}`);
  console.log(
    `  by language (p95 ms / MB/s): ${Object.entries(harness.byLanguage)
      .map(([language, entry]) => `${language} ${fixed(entry.p95, 1)} / ${fixed(entry.mbPerSecond, 1)}`)
      .join(', ')}`,
  );
}
if (profile) {
  console.log(`\nCPU profile of the harness (${profile.file}), self time by area:`);
  console.log(table(['area', 'ms', '%'], profile.areas.map((area) => [area.name, area.ms, area.percent])));
  console.log('Readiness and web-tree-sitter functions by inclusive time:');
  console.log(table(['function', 'ms', '%'], profile.inclusiveTime.slice(0, 25).map((entry) => [entry.name.slice(0, 100), entry.ms, entry.percent])));
  if (harness?.perQuery) {
    console.log('each rule query alone over the parsed trees (ms / matches):');
    for (const entry of harness.perQuery) console.log(`  ${entry.language} (${entry.files} files, parse ${entry.parseMs} ms): ${entry.queries.map((query) => `${query.rule} ${query.ms}/${query.matches}`).join(', ')}`);
  }
}

const results = {
  date: new Date().toISOString(),
  commit: gitCommit(),
  build,
  node: process.version,
  astGrep: toolVersion(astGrep, ['--version']),
  cpus: availableParallelism(),
  cpuModel: cpus()[0]?.model,
  loadAverage: { before: loadBefore, after: loadAfter },
  options: { variant, runs, threads: threadCounts },
  corpus: { path: corpusPath, files: corpus.files, bytes: corpus.bytes, languages: corpus.languages, testShare, warnings: corpus.warnings },
  astGrepRuleCheck: ruleCheckLine,
  summaries,
  verdicts,
  checklistVerdicts,
  measurements,
  harness,
  profile,
  lsp,
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const stamped = `${variant}-${results.date.replace(/[:.]/g, '-')}.json`;
writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify(results, null, 2) + '\n');
writeFileSync(join(root, 'bench', 'results', stamped), JSON.stringify(results, null, 2) + '\n');
console.log(`\nwritten: bench/results/latest.json and bench/results/${stamped} (commit ${results.commit}, ${results.date})`);
