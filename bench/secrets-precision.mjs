#!/usr/bin/env node
// Precision of the secret rules on real code that holds (almost) no secrets: the benchmark corpus,
// parts of Go's and Python's standard libraries, Debian's packaged Rust crates and npm packages in
// node_modules. Every finding is listed by path and line (never its text) for a person to judge.
//
//   node bench/secrets-precision.mjs [--keep]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'readiness-secrets-'));
const corpus = join(work, 'corpus');
const sources = [
  [join(root, 'bench', 'corpus', 'full', 'files'), 'bench'],
  ...['net', 'crypto', 'database', 'os', 'encoding'].map((dir) => [`/usr/share/go-1.19/src/${dir}`, `go-std/${dir}`]),
  ...readdirSync('/usr/share/cargo/registry', { withFileTypes: true }).filter((entry) => /^(reqwest|hyper|rustls|url|http|tracing|tokio-postgres)-\d/.test(entry.name)).map((entry) => [`/usr/share/cargo/registry/${entry.name}`, `crates/${entry.name}`]),
  ...['axios', 'got', 'eslint', 'ajv', 'minimatch', 'vscode-languageserver', 'diff', 'mocha'].map((name) => [join(root, 'node_modules', name), `js/${name}`]),
];
const python = spawnSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).stdout.trim();
if (python) sources.push([python, 'py-std']);
for (const [from, to] of sources) {
  if (!existsSync(from)) continue;
  cpSync(from, join(corpus, to), { recursive: true, filter: (path) => !/site-packages|node_modules\/.*node_modules/.test(path.slice(from.length)) });
}
const config = { rules: { unwrap: 'off', 'missing-timeout': 'off', 'tls-verification-disabled': 'off', 'unused-suppression': 'off' } };
writeFileSync(join(work, '.readiness.json'), JSON.stringify(config));
const report = join(work, 'report.json');
const run = spawnSync(process.execPath, [join(root, 'bin', 'readiness.js'), 'check', 'corpus', '--format', 'json', '--output', report, '--fail-on', 'never'], { cwd: work, encoding: 'utf8' });
if (run.status !== 0) {
  console.error(run.stderr);
  process.exit(1);
}
const entries = JSON.parse(readFileSync(report, 'utf8'));
const findings = entries.filter((entry) => entry.kind === 'finding');
let lines = 0;
let files = 0;
const count = (directory) => {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) count(path);
    else if (/\.(rs|go|py|[cm]?[jt]sx?|toml|ya?ml|json)$|^\.env/.test(entry.name)) {
      files++;
      lines += readFileSync(path, 'utf8').split('\n').length;
    }
  }
};
count(corpus);
console.log(`${files.toLocaleString('en')} files, ${lines.toLocaleString('en')} lines`);
const byRule = {};
for (const finding of findings) byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
console.log('findings by rule:', JSON.stringify(byRule));
for (const finding of findings) console.log(`  ${finding.rule}  ${finding.path.replace(/^corpus\//, '')}:${finding.range.start.line}  ${finding.message.split('.')[0]}`);
if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
