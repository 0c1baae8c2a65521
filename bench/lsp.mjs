#!/usr/bin/env node
// The language server's latency and memory (SPEC §8), measured against a real server process over
// stdio, as an editor drives it:
//
//   - time to first diagnostics after didOpen of a 10,000-line Rust file and a 10,000-line TypeScript file;
//   - didChange of a one-character edit → publishDiagnostics of that version, over many edits (debounce included);
//   - RSS of the server before and after 1,000 edits;
//   - the same edit latency while the server scans a workspace of over a million lines on start.
//
//   node bench/lsp.mjs [--edits N] [--memory-edits N] [--phases files,scan] [--json FILE]
//
// Run by `npm run bench` (unless --no-lsp); uses the bundled server in server/out/ (run `npm install` first).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const index = argv.indexOf(name);
  return index === -1 ? fallback : argv[index + 1];
};
const EDITS = Number(option('--edits', '200'));
const MEMORY_EDITS = Number(option('--memory-edits', '1000'));
const progress = (message) => process.stderr.write(`bench/lsp: ${message}\n`);
const jsonOut = option('--json', undefined);
const phases = new Set(option('--phases', 'files,scan').split(','));
const serverScript = join(root, 'bin', 'readiness-lsp.js');
if (!existsSync(join(root, 'server', 'out', 'server.js'))) {
  console.error('bench/lsp: server/out/server.js (the bundled server bin/readiness-lsp.js runs) is missing; run npm install first');
  process.exit(2);
}

// ---- sources: 10,000 lines each, with findings spread through them ----

function rustSource(lines) {
  const out = ['use std::collections::HashMap;', 'use std::sync::Mutex;', ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `/// Loads record ${i} from the cache or the store.`,
      `pub fn load_${i}(cache: &Mutex<HashMap<u64, String>>, key: u64) -> Option<String> {`,
      `    let guard = cache.lock().unwrap();`,
      `    let value = guard.get(&key).cloned();`,
      `    let parsed: u64 = format!("{}", key + ${i}).parse().unwrap_or(0);`,
      `    if parsed % 7 == 0 {`,
      `        return value.map(|v| format!("{v}-{parsed}"));`,
      `    }`,
      `    value`,
      `}`,
      '',
    );
  }
  return out.slice(0, lines).join('\n') + '\n';
}

function typescriptSource(lines) {
  const out = ["import axios from 'axios';", ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `/** Fetches item ${i} and maps it. */`,
      `export async function item${i}(base: string, id: number): Promise<string | undefined> {`,
      `  const response = await fetch(\`\${base}/items/${i}/\${id}\`, { signal: AbortSignal.timeout(5000) });`,
      `  const body = (await response.json()) as { name?: string; tags?: string[] };`,
      `  const tags = body.tags ?? [];`,
      i % 10 === 0 ? `  const extra = await axios.get(\`\${base}/extra/${i}\`);` : `  const extra = { data: tags.length };`,
      `  return body.name ? \`\${body.name}:\${tags.join(',')}:\${extra.data}\` : undefined;`,
      `}`,
      '',
    );
  }
  return out.slice(0, lines).join('\n') + '\n';
}

// ---- a minimal LSP client ----

class Client {
  constructor() {
    this.process = spawn(process.execPath, [serverScript, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    // The server may be gone when the last messages are written; that is not the bench's failure.
    this.process.stdin.on('error', () => {});
    this.process.stderr.on('data', (chunk) => { if (process.env.LSP_BENCH_DEBUG) process.stderr.write(chunk); });
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.published = new Map();
    this.waiters = [];
    this.scanDone = false;
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      this.published.set(`${params.uri}@${params.version}`, performance.now());
      this.wake();
    });
    this.connection.onNotification('$/progress', (params) => {
      if (params.value?.kind === 'end') this.scanDone = true;
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (params) => { if (process.env.LSP_BENCH_DEBUG) console.error(params.message); });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
    this.connection.listen();
  }
  wake() {
    const waiters = this.waiters.splice(0);
    for (const waiter of waiters) waiter();
  }
  async until(predicate, ms = 60_000) {
    const deadline = performance.now() + ms;
    while (!predicate()) {
      if (performance.now() > deadline) throw new Error('bench/lsp: timed out waiting for the server');
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
  async initialize(folder) {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'bench' }],
      capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await this.connection.sendNotification('initialized', {});
  }
  open(uri, languageId, text, version = 1) {
    const sent = performance.now();
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return sent;
  }
  closeDocument(uri) {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
  change(uri, version, line, character, text) {
    const sent = performance.now();
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text }],
    });
    return sent;
  }
  async publishedAt(uri, version) {
    const key = `${uri}@${version}`;
    await this.until(() => this.published.has(key));
    return this.published.get(key);
  }
  rssMiB() {
    const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
  }
  async close() {
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), sleep(3000)]);
      await Promise.race([this.connection.sendNotification('exit'), sleep(1000)]);
      await Promise.race([exited, sleep(3000)]);
    } catch {
      // A server that is already gone needs no goodbye.
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(latencies) {
  return { edits: latencies.length, p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), max: round(Math.max(...latencies)) };
}

const round = (value) => Math.round(value * 10) / 10;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One-character edits, as typing: a character inserted, then removed, at lines spread over the file. */
async function typeInto(client, uri, lines, count, firstVersion) {
  const latencies = [];
  let version = firstVersion;
  for (let i = 0; i < count; i++) {
    const line = 3 + ((i * 7919) % (lines - 6));
    const insert = i % 2 === 0;
    version++;
    // Insert a space at the start of a line, then delete it: the text returns to the original every other edit.
    const sent = insert
      ? client.change(uri, version, line, 0, ' ')
      : (() => {
          const at = performance.now();
          void client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version },
            contentChanges: [{ range: { start: { line: 3 + (((i - 1) * 7919) % (lines - 6)), character: 0 }, end: { line: 3 + (((i - 1) * 7919) % (lines - 6)), character: 1 } }, text: '' }],
          });
          return at;
        })();
    const published = await client.publishedAt(uri, version);
    latencies.push(published - sent);
    // A person types a few characters a second; the next keystroke does not arrive before this one's result.
    await sleep(5);
  }
  return { latencies, version };
}

// ---- the workspace ----

const workDir = mkdtempSync(join(tmpdir(), 'readiness-lsp-bench-'));
const LINES = 10_000;
const files = {
  rust: { path: join(workDir, 'edit', 'big.rs'), languageId: 'rust', text: rustSource(LINES) },
  typescript: { path: join(workDir, 'edit', 'big.ts'), languageId: 'typescript', text: typescriptSource(LINES) },
};
mkdirSync(join(workDir, 'edit'), { recursive: true });
for (const file of Object.values(files)) writeFileSync(file.path, file.text);

const results = { date: new Date().toISOString(), lines: LINES, debounceIncluded: true, files: {} };
try {
  // 1. Latency on an idle server, per language.
  for (const [language, file] of Object.entries(files)) {
    if (!phases.has('files')) break;
    const client = new Client();
    try {
      await client.initialize(join(workDir, 'edit'));
      await client.until(() => client.scanDone);
      const uri = pathToFileURL(file.path).href;
      // A buffer whose text differs from what the scan read (edited before it was opened): parsed and analysed cold.
      const coldOpened = client.open(uri, file.languageId, `${file.text}\n`, 1);
      const coldFirstDiagnosticsMs = (await client.publishedAt(uri, 1)) - coldOpened;
      client.closeDocument(uri);
      await sleep(1500);
      // The file as the scan read it: the usual case of opening a file in a scanned workspace.
      const opened = client.open(uri, file.languageId, file.text, 100);
      const firstDiagnosticsMs = (await client.publishedAt(uri, 100)) - opened;
      progress(`${language}: first diagnostics after ${round(firstDiagnosticsMs)} ms (${round(coldFirstDiagnosticsMs)} ms cold); ${EDITS} edits`);
      const { latencies, version } = await typeInto(client, uri, LINES, EDITS, 100);
      progress(`${language}: p95 ${summary(latencies).p95} ms; ${MEMORY_EDITS} more edits for memory`);
      // 2. Memory over 1,000 edits: RSS after the warm-up edits above, then after 1,000 more.
      await sleep(1000);
      const rssBefore = client.rssMiB();
      const memory = await typeInto(client, uri, LINES, MEMORY_EDITS, version);
      await sleep(1000);
      const rssAfter = client.rssMiB();
      results.files[language] = {
        firstDiagnosticsMs: round(firstDiagnosticsMs),
        coldFirstDiagnosticsMs: round(coldFirstDiagnosticsMs),
        edit: summary(latencies),
        editDuringMemoryRun: summary(memory.latencies),
        rssMiB: { before: round(rssBefore), after: round(rssAfter), growth: round(rssAfter - rssBefore), edits: MEMORY_EDITS },
      };
    } finally {
      await client.close();
    }
  }

  // 3. Editing while the server scans a workspace of over a million lines on start.
  const corpus = join(root, 'bench', 'corpus', 'full', 'files');
  if (!phases.has('scan')) {
    // not asked for
  } else if (!existsSync(corpus)) {
    results.scan = { skipped: 'bench/corpus/full is missing: run npm run bench once to gather it' };
  } else {
    const tree = join(workDir, 'tree');
    let lines = 0;
    for (let copy = 0; lines < 1_000_000; copy++) {
      cpSync(corpus, join(tree, `copy${copy}`), { recursive: true });
      lines += countLines(corpus);
    }
    const file = files.typescript;
    const target = join(tree, 'edit', 'big.ts');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.text);
    writeFileSync(join(tree, '.readiness.json'), '{}\n');
    progress(`scan: ${lines.toLocaleString('en')} lines copied; editing while the server scans them`);
    const client = new Client();
    try {
      const started = performance.now();
      await client.initialize(tree);
      const uri = pathToFileURL(target).href;
      client.open(uri, file.languageId, file.text);
      await client.publishedAt(uri, 1);
      const during = [];
      let version = 1;
      while (!client.scanDone && during.length < 2000) {
        const round = await typeInto(client, uri, LINES, 10, version);
        version = round.version;
        during.push(...round.latencies);
      }
      const scanMs = performance.now() - started;
      await client.until(() => client.scanDone, 600_000);
      const after = await typeInto(client, uri, LINES, EDITS, version);
      results.scan = {
        lines,
        files: countFiles(tree),
        scanSeconds: round(scanMs / 1000),
        editsDuringScan: summary(during),
        editsAfterScan: summary(after.latencies),
        addedP95Ms: round(percentile(during, 95) - percentile(after.latencies, 95)),
      };
    } finally {
      await client.close();
    }
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

function countLines(directory) {
  let lines = 0;
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) lines += countLines(path);
    else lines += readFileSync(path, 'utf8').split('\n').length;
  }
  return lines;
}

function countFiles(directory) {
  let count = 0;
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    count += statSync(path).isDirectory() ? countFiles(path) : 1;
  }
  return count;
}

// ---- report ----

const verdict = (ok) => (ok ? 'ok' : 'MISSED');
console.log('\nLanguage server (10,000-line files; latency = didChange → publishDiagnostics of that version, debounce included)');
for (const [language, figures] of Object.entries(results.files)) {
  const { edit, firstDiagnosticsMs, coldFirstDiagnosticsMs, rssMiB } = figures;
  console.log(
    `  ${language.padEnd(10)} first diagnostics ${firstDiagnosticsMs} ms (≤ 300: ${verdict(firstDiagnosticsMs <= 300)}; ${coldFirstDiagnosticsMs} ms for text the scan has not read); ` +
      `${edit.edits} edits p50 ${edit.p50} ms, p95 ${edit.p95} ms (≤ 50: ${verdict(edit.p95 <= 50)}), max ${edit.max} ms; ` +
      `RSS ${rssMiB.before} → ${rssMiB.after} MiB over ${rssMiB.edits} edits (+${rssMiB.growth}, ≤ 20: ${verdict(rssMiB.growth <= 20)})`,
  );
}
if (results.scan?.skipped) console.log(`  scan: skipped (${results.scan.skipped})`);
else if (results.scan) {
  const { lines, files: count, scanSeconds, editsDuringScan, editsAfterScan, addedP95Ms } = results.scan;
  console.log(
    `  editing during the start-up scan of ${lines.toLocaleString('en')} lines (${count} files, ${scanSeconds} s): ` +
      `p95 ${editsDuringScan.p95} ms over ${editsDuringScan.edits} edits, against ${editsAfterScan.p95} ms after it: ` +
      `+${addedP95Ms} ms (≤ 100: ${verdict(addedP95Ms <= 100)})`,
  );
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 2) + '\n');
