// Gathers the benchmark corpus: real Go, Rust, Python and TypeScript/JavaScript sources found on
// this machine, copied under bench/corpus/<variant>/<language>/… with their relative directory
// structure kept, so test directories (tests/, testdata/, test/, __tests__/) stay recognisable.
//
// The selection is deterministic: every candidate of a source is listed in sorted order, then a
// systematic sample (every k-th file, k from the byte budget) is taken, so the corpus spreads over
// the whole tree instead of its alphabetically first packages. Files both tools would not see the
// same way are left out: over 1 MiB, under a directory Readiness excludes by default, `*.min.*`,
// binary or invalid UTF-8, and files Readiness skips by content (generated, minified, bundled).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { TextDecoder } from 'node:util';
import { dirname, join, relative } from 'node:path';

const MiB = 1024 * 1024;
const MAX_FILE_BYTES = MiB;
/** Readiness's default excludes (server/src/config/types.ts), by directory name. */
const EXCLUDED_DIRECTORIES = new Set(['node_modules', 'target', 'vendor', 'dist', 'build', 'out', '.git', 'coverage']);

/** Megabytes per language: the full corpus, and the `--quick` subset. */
export const BUDGETS = {
  full: { go: 8, rust: 6, python: 6, js: 4 },
  quick: { go: 1.7, rust: 1.25, python: 1.25, js: 0.8 },
};

function pythonStdlib() {
  try {
    return execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

function newestGoRoot() {
  const base = '/usr/share';
  const versions = existsSync(base) ? readdirSync(base).filter((name) => /^go-\d+\.\d+$/.test(name)) : [];
  versions.sort((a, b) => {
    const [, am, an] = /^go-(\d+)\.(\d+)$/.exec(a).map(Number);
    const [, bm, bn] = /^go-(\d+)\.(\d+)$/.exec(b).map(Number);
    return am - bm || an - bn;
  });
  return versions.length ? join(base, versions[versions.length - 1], 'src') : join(base, 'go-1.19', 'src');
}

/** Package directories (plain and scoped) directly inside a node_modules directory. */
function packagesIn(nodeModules) {
  if (!existsSync(nodeModules)) return [];
  const packages = [];
  for (const name of readdirSync(nodeModules).sort()) {
    if (name.startsWith('.')) continue;
    const path = join(nodeModules, name);
    if (name.startsWith('@')) {
      for (const inner of readdirSync(path).sort()) packages.push({ name: `${name}/${inner}`, path: join(path, inner) });
    } else {
      packages.push({ name, path });
    }
  }
  return packages;
}

/**
 * The sources, each a list of roots: `dir` is walked, files land under `prefix` in the corpus.
 * `extensions` are the file name endings that count for the language.
 */
export function sources(repoRoot) {
  const cargo = '/usr/share/cargo/registry';
  const stdlib = pythonStdlib();
  const npmRoot = '/usr/lib/node_modules/npm';
  const jsRoots = [
    ...packagesIn(join(repoRoot, 'node_modules')).map((pkg) => ({ dir: pkg.path, prefix: `js/project/${pkg.name}` })),
    ...(existsSync(npmRoot) ? [{ dir: npmRoot, prefix: 'js/npm/npm' }] : []),
    ...packagesIn(join(npmRoot, 'node_modules')).map((pkg) => ({ dir: pkg.path, prefix: `js/npm/${pkg.name}` })),
  ];
  return [
    {
      language: 'go',
      description: "Go's standard library (Debian golang-go)",
      roots: [{ dir: newestGoRoot(), prefix: 'go' }],
      extensions: ['.go'],
    },
    {
      language: 'rust',
      description: "Rust crates from Debian's librust-*-dev packages",
      roots: existsSync(cargo) ? readdirSync(cargo).sort().map((crate) => ({ dir: join(cargo, crate), prefix: `rust/${crate}` })) : [{ dir: cargo, prefix: 'rust' }],
      extensions: ['.rs'],
    },
    {
      language: 'python',
      description: "Python's standard library",
      roots: [{ dir: stdlib ?? '/usr/lib/python3', prefix: 'python', skipDirectories: new Set(['site-packages', 'dist-packages', '__pycache__']) }],
      extensions: ['.py'],
    },
    {
      language: 'js',
      description: 'TypeScript/JavaScript from npm packages (the project node_modules and npm itself)',
      roots: jsRoots,
      extensions: ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'],
      reject: (name) => /\.d\.[cm]?ts$/.test(name),
    },
  ];
}

function listCandidates(source) {
  const files = [];
  const missing = [];
  for (const root of source.roots) {
    if (!existsSync(root.dir)) {
      missing.push(root.dir);
      continue;
    }
    const stack = [root.dir];
    while (stack.length > 0) {
      const current = stack.pop();
      let entries;
      try {
        entries = readdirSync(current, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        const path = join(current, entry.name);
        if (entry.isDirectory()) {
          if (!EXCLUDED_DIRECTORIES.has(entry.name) && !root.skipDirectories?.has(entry.name)) stack.push(path);
          continue;
        }
        // Symbolic links and special files are left out: the corpus holds plain copies.
        if (!entry.isFile()) continue;
        if (!source.extensions.some((extension) => entry.name.endsWith(extension))) continue;
        if (/\.min\./i.test(entry.name) || source.reject?.(entry.name)) continue;
        const size = statSync(path).size;
        if (size === 0 || size > MAX_FILE_BYTES) continue;
        files.push({ source: path, path: `${root.prefix}/${relative(root.dir, path).split('\\').join('/')}`, size });
      }
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, missing };
}

/** Why Readiness or ast-grep would read a file differently, if they would. */
function contentProblem(buffer, skipReasonForText, path) {
  if (buffer.subarray(0, 8000).includes(0)) return 'binary';
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return 'invalid-utf8';
  }
  return skipReasonForText(path, text.replace(/^\uFEFF/, ''))?.reason;
}

/**
 * Chooses the files of one language: a systematic sample of the sorted candidates, sized to the
 * budget, minus files either tool would treat specially.
 */
function select(source, budgetBytes, skipReasonForText) {
  const { files, missing } = listCandidates(source);
  const total = files.reduce((sum, file) => sum + file.size, 0);
  const chosen = [];
  const dropped = {};
  let bytes = 0;
  if (total > 0) {
    // Every k-th file, k ≥ 1, so the expected sample size is the budget; then top up from the
    // files not taken (same order) if content checks dropped too much.
    const stride = Math.max(1, total / budgetBytes);
    const taken = new Set();
    const consider = (index) => {
      const file = files[index];
      taken.add(index);
      const problem = contentProblem(readFileSync(file.source), skipReasonForText, file.path);
      if (problem) {
        dropped[problem] = (dropped[problem] ?? 0) + 1;
        return;
      }
      chosen.push(file);
      bytes += file.size;
    };
    for (let position = 0; position < files.length && bytes < budgetBytes; position += stride) consider(Math.floor(position));
    for (let index = 0; index < files.length && bytes < budgetBytes * 0.97; index++) if (!taken.has(index)) consider(index);
  }
  chosen.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { language: source.language, description: source.description, files: chosen, bytes, available: total, missing, dropped };
}

function manifestOf(selections) {
  return {
    version: 1,
    files: selections.flatMap((selection) => selection.files.map((file) => [file.path, file.size])),
  };
}

function onDiskMatches(directory, manifest) {
  const path = join(directory, 'manifest.json');
  if (!existsSync(path)) return false;
  let previous;
  try {
    previous = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
  if (JSON.stringify(previous) !== JSON.stringify(manifest)) return false;
  // The list matches; check the copies are still there and whole.
  return manifest.files.every(([file, size]) => statSync(join(directory, 'files', file), { throwIfNoEntry: false })?.size === size);
}

/**
 * Makes sure bench/corpus/<variant>/files holds the corpus; returns its description.
 * `skipReasonForText` is Readiness's own generated/minified test (out/server/src/engine/skip.js).
 */
export function gatherCorpus({ repoRoot, variant, skipReasonForText, log = console.log }) {
  const budgets = BUDGETS[variant];
  const directory = join(repoRoot, 'bench', 'corpus', variant);
  const selections = sources(repoRoot).map((source) => select(source, budgets[source.language] * 1e6, skipReasonForText));
  const warnings = [];
  for (const selection of selections) {
    if (selection.missing.length > 0 && selection.files.length === 0) {
      warnings.push(`NO ${selection.language.toUpperCase()} SOURCES: ${selection.missing.join(', ')} not found (${selection.description}); the corpus has no ${selection.language} and is smaller`);
    } else if (selection.missing.length > 0) {
      warnings.push(`some ${selection.language} roots are missing: ${selection.missing.slice(0, 3).join(', ')}${selection.missing.length > 3 ? ' …' : ''}`);
    }
    if (selection.bytes < budgets[selection.language] * 1e6 * 0.9 && selection.files.length > 0) {
      warnings.push(`only ${(selection.bytes / 1e6).toFixed(1)} MB of ${selection.language} available (wanted ${budgets[selection.language]} MB)`);
    }
  }
  const manifest = manifestOf(selections);
  const reused = onDiskMatches(directory, manifest);
  if (!reused) {
    rmSync(directory, { recursive: true, force: true });
    for (const selection of selections) {
      for (const file of selection.files) {
        const target = join(directory, 'files', file.path);
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(file.source, target);
      }
    }
    writeFileSync(join(directory, 'manifest.json'), JSON.stringify(manifest));
  }
  const languages = selections.map((selection) => ({
    language: selection.language,
    description: selection.description,
    files: selection.files.length,
    bytes: selection.bytes,
    availableBytes: selection.available,
    dropped: selection.dropped,
  }));
  const bytes = languages.reduce((sum, language) => sum + language.bytes, 0);
  const files = languages.reduce((sum, language) => sum + language.files, 0);
  for (const warning of warnings) log(`\n*** WARNING: ${warning} ***\n`);
  if (variant === 'full' && bytes < 20e6) log(`\n*** WARNING: the corpus is ${(bytes / 1e6).toFixed(1)} MB, under the 20 MB the benchmark asks for ***\n`);
  return { directory: join(directory, 'files'), variant, reused, bytes, files, languages, warnings };
}
