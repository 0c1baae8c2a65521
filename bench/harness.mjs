#!/usr/bin/env node
// Single-thread analysis harness for the benchmark: runs Readiness's engine (from the build output,
// like scripts/dev-scan.mjs) over every file of a directory exactly as `readiness check` would
// (same walker, same reader, same default configuration), and measures each file:
//   - per-file analysis time (p50/p95/p99/max), by language and overall;
//   - which files were parsed, and why the others were not (test path, no trigger word, generated);
//   - where the time goes: read, parse, the combined query, rule checks (per rule and language),
//     test-code ranges, and the rest (suppressions, fingerprints, findings);
//   - with --queries: each rule's query run on its own over every parsed tree, to show which
//     query patterns are expensive.
// Nothing under server/ is modified: the harness wraps methods of one Engine instance.
//
// Usage: node bench/harness.mjs <dir> [--config FILE] [--json FILE] [--cpu-profile FILE] [--queries] [--quiet]
// --config measures with a .readiness.json (bench/readiness.json: the rules compared with ast-grep).
// READINESS_OUT=<dir> selects another build output than out/.
import { Buffer } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, process.env.READINESS_OUT ?? 'out');
const require = createRequire(join(root, 'package.json'));
const load = (path) => require(join(out, path));

const { Engine, prefilterOf } = load('server/src/engine/engine.js');
const { RULES } = load('server/src/rules/index.js');
const { grammarFiles } = load('server/src/workspace/grammar-files.js');
const { DEFAULT_CONFIG } = load('server/src/config/types.js');
const { collectFiles } = load('server/src/workspace/walk.js');
const { readSource } = load('server/src/workspace/read.js');
const { skipReasonForText } = load('server/src/engine/skip.js');
const { Query } = require('web-tree-sitter');

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const directory = args.find((arg, index) => !arg.startsWith('--') && !['--json', '--cpu-profile', '--config'].includes(args[index - 1]));
if (!directory) {
  console.error('usage: node bench/harness.mjs <dir> [--config FILE] [--json FILE] [--cpu-profile FILE] [--queries] [--quiet]');
  process.exit(2);
}
const { parseConfig } = load('server/src/config/load.js');
const configFile = option('--config');
let config = DEFAULT_CONFIG;
if (configFile) {
  const parsed = parseConfig(readFileSync(configFile, 'utf8'), configFile, { ruleIds: new Set(RULES.map((rule) => rule.meta.id)) });
  if (parsed.errors.length > 0) {
    console.error(parsed.errors.map((error) => `${error.file}: ${error.key}: ${error.message}`).join('\n'));
    process.exit(2);
  }
  config = parsed.config;
}
const quiet = args.includes('--quiet');

const createStarted = performance.now();
const engine = await Engine.create(grammarFiles(), RULES);
const createMs = performance.now() - createStarted;

// ---- instrumentation (wrappers on this engine instance and on Query.prototype) ----
const phase = { read: 0, compile: 0, parse: 0, query: 0, helperQueries: 0, checks: 0, testRanges: 0, fixTokens: 0, directives: 0 };
let parsedThisFile;
const unwrappedParse = engine.parse.bind(engine);
const unwrapped = [];
const wrap = (object, name, onTime) => {
  const original = object[name];
  if (typeof original !== 'function') {
    // The engine changed shape: that phase is then counted under "other".
    unwrapped.push(name);
    return;
  }
  object[name] = function (...params) {
    const started = performance.now();
    try {
      return original.apply(this, params);
    } finally {
      onTime.call(this, performance.now() - started, params);
    }
  };
};
wrap(engine, 'parse', (ms) => {
  phase.parse += ms;
  parsedThisFile = true;
});
let queryMs = 0;
let helperMs = 0;
let compileMs = 0;
// The combined query (one per grammar) versus the helper queries rules run from their checks
// (imports, bindings, …), each of which walks the tree again.
const isCombined = (query) => [...(engine.combined?.values() ?? [])].some((combined) => combined.query === query);
wrap(Query.prototype, 'matches', function (ms) {
  if (isCombined(this)) queryMs += ms;
  else helperMs += ms;
});
wrap(Query.prototype, 'captures', (ms) => (helperMs += ms));
// Compiling a grammar's combined query happens once, inside the first runCodeRules of that grammar.
wrap(engine, 'compileRules', (ms) => (compileMs += ms));
wrap(engine, 'runCodeRules', (ms) => {
  phase.compile += compileMs;
  phase.query += queryMs;
  phase.helperQueries += helperMs;
  phase.checks += ms - queryMs - helperMs - compileMs;
  queryMs = 0;
  helperMs = 0;
  compileMs = 0;
});
wrap(engine, 'testCodeFilter', (ms) => {
  phase.testRanges += ms;
  queryMs = 0;
  helperMs = 0;
});
// Multi-line tokens, looked up to place suppression comments in the fixes of each finding.
wrap(engine, 'multilineTokens', (ms) => {
  phase.fixTokens += ms;
  queryMs = 0;
  helperMs = 0;
});
wrap(engine, 'directives', (ms) => {
  phase.directives += ms;
  queryMs = 0;
  helperMs = 0;
});
// Time spent in each rule's check, by rule and language family (check also covers the rule's own helper queries).
const checkMs = new Map();
for (const rule of RULES) {
  for (const languageRule of rule.languages) {
    const key = `${rule.meta.id} ${languageRule.language}`;
    checkMs.set(key, { ms: 0, calls: 0 });
    const original = languageRule.check;
    languageRule.check = function (...params) {
      const started = performance.now();
      try {
        return original.apply(this, params);
      } finally {
        const entry = checkMs.get(key);
        entry.ms += performance.now() - started;
        entry.calls++;
      }
    };
  }
}

// ---- the scan ----
const absolute = resolve(directory);
const walkStarted = performance.now();
const { files } = await collectFiles([absolute], absolute, config);
const walkMs = performance.now() - walkStarted;

// Which rule's prefilter let each file through to parsing, and whether that rule's query can run
// on the file's grammar at all (a rule can be limited to some grammars of its family).
const prefilterStats = new Map();
let needlessParses = { files: 0, bytes: 0 };
function notePrefilters(relativePath, language, text, fileFindings) {
  if (language.isTestPath(relativePath) && config.tests !== 'include') return;
  let useful = false;
  let anyPass = false;
  for (const rule of RULES) {
    if (config.rules[rule.meta.id] === 'off') continue;
    for (const languageRule of rule.languages) {
      if (languageRule.language !== language.family || languageRule.language === 'config') continue;
      const prefilter = prefilterOf(languageRule);
      const word = prefilter ? prefilter.find((candidate) => (typeof candidate === 'string' ? text.includes(candidate) : candidate.test(text))) : '(no prefilter)';
      if (word === undefined) continue;
      anyPass = true;
      const runs = Boolean(languageRule.query?.trim()) && (!languageRule.grammars || languageRule.grammars.includes(language.id));
      if (runs) useful = true;
      const key = `${rule.meta.id} ${language.family}${languageRule.grammars ? ` (${languageRule.grammars.join('/')})` : ''} on ${language.id}`;
      const entry = prefilterStats.get(key) ?? { files: 0, bytes: 0, findings: 0, queryRuns: runs, words: {} };
      entry.files++;
      entry.bytes += Buffer.byteLength(text);
      entry.findings += fileFindings.filter((finding) => finding.ruleId === rule.meta.id).length;
      entry.words[word] = (entry.words[word] ?? 0) + 1;
      prefilterStats.set(key, entry);
    }
  }
  if (anyPass && !useful) {
    needlessParses.files++;
    needlessParses.bytes += Buffer.byteLength(text);
  }
}

// --cpu-profile FILE: a V8 CPU profile of the scan loop only (not start-up, walking or --queries).
const profilePath = option('--cpu-profile');
let session;
if (profilePath) {
  const { Session } = await import('node:inspector');
  session = new Session();
  session.connect();
  const post = (method, params) => new Promise((done, failed) => session.post(method, params, (error, result) => (error ? failed(error) : done(result))));
  session.postAsync = post;
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
}

const records = [];
const seenLanguages = new Set();
let findings = 0;
const findingsByRule = {};
const scanStarted = performance.now();
const cpuStarted = process.cpuUsage();
for (const file of files) {
  const readStarted = performance.now();
  const read = readSource(file.absolutePath, file.relativePath, config.maxFileBytes);
  const readMs = performance.now() - readStarted;
  phase.read += readMs;
  if ('note' in read) {
    records.push({ path: file.relativePath, language: '?', bytes: 0, ms: readMs, parsed: false, why: read.note.reason });
    continue;
  }
  const language = engine.languageFor(file.relativePath);
  parsedThisFile = false;
  const started = performance.now();
  const result = engine.analyze({ path: file.relativePath, relativePath: file.relativePath, text: read.file.text, config });
  const ms = performance.now() - started;
  findings += result.findings.length;
  for (const finding of result.findings) findingsByRule[finding.ruleId] = (findingsByRule[finding.ruleId] ?? 0) + 1;
  if (language && !result.notes.some((note) => note.kind === 'skipped')) notePrefilters(file.relativePath, language, read.file.text, result.findings);
  let why = 'parsed';
  if (!parsedThisFile) {
    if (language && skipReasonForText(file.relativePath, read.file.text)) why = 'generated-or-minified';
    else if (language?.isTestPath(file.relativePath) && config.tests !== 'include') why = 'test-path';
    else why = 'prefilter';
  }
  // The first file of each language pays for compiling its combined query.
  const first = language && !seenLanguages.has(language.id);
  if (language) seenLanguages.add(language.id);
  records.push({
    path: file.relativePath,
    language: language?.id ?? '?',
    bytes: Buffer.byteLength(read.file.text),
    ms: ms + readMs,
    analyzeMs: ms,
    parsed: parsedThisFile,
    why,
    first,
  });
}
const scanMs = performance.now() - scanStarted;
const scanCpu = process.cpuUsage(cpuStarted);
const scanCpuMs = (scanCpu.user + scanCpu.system) / 1000;
if (session) {
  const { profile } = await session.postAsync('Profiler.stop');
  writeFileSync(profilePath, JSON.stringify(profile));
  session.disconnect();
}

// ---- optional: each rule's query alone, over every parsed tree ----
let perQuery;
if (args.includes('--queries')) {
  perQuery = [];
  const byLanguage = new Map();
  for (const record of records) if (record.parsed) (byLanguage.get(record.language) ?? byLanguage.set(record.language, []).get(record.language)).push(record);
  for (const [languageId, list] of byLanguage) {
    const family = engine.languageFor(list[0].path).family;
    const queries = [];
    for (const rule of RULES) {
      for (const languageRule of rule.languages) {
        if (languageRule.language !== family || !languageRule.query?.trim()) continue;
        if (languageRule.grammars && !languageRule.grammars.includes(languageId)) continue;
        queries.push({ rule: rule.meta.id, query: engine.query(languageId, languageRule.query), ms: 0, matches: 0 });
      }
    }
    // A pattern that matches (almost) nothing: the cost of walking the tree with a query cursor.
    queries.push({ rule: '(walk only: `(ERROR) @e`)', query: engine.query(languageId, '(ERROR) @e'), ms: 0, matches: 0 });
    const combined = engine.combinedFor(languageId, new Set(RULES.flatMap((rule) => rule.languages))).query;
    if (combined) queries.push({ rule: '(combined query, as the engine runs it)', query: combined, ms: 0, matches: 0 });
    let parseMs = 0;
    for (const record of list) {
      const read = readSource(join(absolute, record.path), record.path, config.maxFileBytes);
      if ('note' in read) continue;
      const started = performance.now();
      const tree = unwrappedParse(languageId, read.file.text);
      parseMs += performance.now() - started;
      if (!tree) continue;
      for (const entry of queries) {
        const queryStarted = performance.now();
        entry.matches += entry.query.matches(tree.rootNode).length;
        entry.ms += performance.now() - queryStarted;
      }
      tree.delete();
    }
    perQuery.push({ language: languageId, files: list.length, parseMs: Math.round(parseMs), queries: queries.map(({ rule, ms, matches }) => ({ rule, ms: Math.round(ms), matches })) });
  }
}

// ---- summary ----
function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const round = (value, digits = 2) => Number(value.toFixed(digits));
function stats(list) {
  const ms = list.map((record) => record.ms);
  const bytes = list.reduce((sum, record) => sum + record.bytes, 0);
  const total = ms.reduce((sum, value) => sum + value, 0);
  return {
    files: list.length,
    bytes,
    totalMs: round(total, 0),
    p50: round(percentile(ms, 50), 3),
    p95: round(percentile(ms, 95), 3),
    p99: round(percentile(ms, 99), 3),
    max: round(Math.max(0, ...ms), 1),
    mbPerSecond: total > 0 ? round(bytes / 1e6 / (total / 1000)) : 0,
  };
}
const languages = [...new Set(records.map((record) => record.language))].sort();
const reasons = {};
for (const record of records) {
  const entry = (reasons[record.why] ??= { files: 0, bytes: 0, ms: 0 });
  entry.files++;
  entry.bytes += record.bytes;
  entry.ms += record.ms;
}
for (const entry of Object.values(reasons)) entry.ms = round(entry.ms, 0);
const parsedBytes = records.filter((record) => record.parsed).reduce((sum, record) => sum + record.bytes, 0);
const summary = {
  directory: absolute,
  engineCreateMs: round(createMs, 0),
  walkMs: round(walkMs, 0),
  scanMs: round(scanMs, 0),
  scanCpuMs: round(scanCpuMs, 0),
  unmeasuredPhases: unwrapped.length ? unwrapped : undefined,
  // After the scan, one engine in one thread: wasm linear memory shows in arrayBuffers/external.
  memoryMiB: Object.fromEntries(Object.entries(process.memoryUsage()).map(([name, bytes]) => [name, round(bytes / 1024 / 1024, 1)])),
  findings,
  findingsByRule,
  perFile: stats(records),
  parsedFiles: stats(records.filter((record) => record.parsed)),
  byLanguage: Object.fromEntries(languages.map((language) => [language, stats(records.filter((record) => record.language === language))])),
  byReason: reasons,
  byLanguageAndReason: Object.fromEntries(
    languages.map((language) => {
      const list = records.filter((record) => record.language === language);
      const grouped = {};
      for (const record of list) {
        const entry = (grouped[record.why] ??= { files: 0, bytes: 0 });
        entry.files++;
        entry.bytes += record.bytes;
      }
      return [language, grouped];
    }),
  ),
  prefilters: Object.fromEntries([...prefilterStats].sort(([a], [b]) => a.localeCompare(b))),
  parsedWithoutARunnableQuery: needlessParses,
  parseMbPerSecond: phase.parse > 0 ? round(parsedBytes / 1e6 / (phase.parse / 1000)) : 0,
  phasesMs: Object.fromEntries(
    Object.entries({
      ...phase,
      other: records.reduce((sum, record) => sum + (record.analyzeMs ?? 0), 0) - phase.compile - phase.parse - phase.query - phase.helperQueries - phase.checks - phase.testRanges - phase.fixTokens - phase.directives,
    }).map(([name, ms]) => [name, round(ms, 0)]),
  ),
  checksMs: Object.fromEntries([...checkMs].filter(([, entry]) => entry.calls > 0).map(([key, entry]) => [key, { ms: round(entry.ms, 0), calls: entry.calls }])),
  slowest: [...records]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 10)
    .map((record) => ({ path: record.path, ms: round(record.ms, 1), bytes: record.bytes, why: record.why, firstOfLanguage: record.first || undefined })),
  perQuery,
};

const jsonPath = option('--json');
if (jsonPath) writeFileSync(jsonPath, JSON.stringify(summary, null, 2) + '\n');
if (!quiet) {
  const { perFile } = summary;
  console.log(`${perFile.files} files, ${(perFile.bytes / 1e6).toFixed(1)} MB in ${(scanMs / 1000).toFixed(1)} s on one thread; ${findings} findings`);
  console.log(`per file: p50 ${perFile.p50} ms, p95 ${perFile.p95} ms, p99 ${perFile.p99} ms, max ${perFile.max} ms`);
  console.log(`not parsed: ${Object.entries(reasons).filter(([why]) => why !== 'parsed').map(([why, entry]) => `${why} ${entry.files} files (${(entry.bytes / 1e6).toFixed(1)} MB)`).join(', ')}`);
  console.log(`phases (ms): ${Object.entries(summary.phasesMs).map(([name, ms]) => `${name} ${ms}`).join(', ')}; parsing ${summary.parseMbPerSecond} MB/s`);
}
