/**
 * The fixed fixtures (`*.fixed.*`, the output of every preferred quick fix) compile with the real
 * toolchain of their language: `go vet`, `cargo check` against Debian's packaged crates, `tsc`, and
 * `python3 -m py_compile`. A fix that does not compile is a bug.
 *
 * Where a toolchain is missing, the test says so loudly; under CI=true a missing toolchain fails.
 */
import { strict as assert } from 'node:assert';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT, RULES_DIR } from '../support/paths';

const CACHE = join(REPO_ROOT, '.cache', 'toolchain');
const inCI = process.env.CI === 'true';

function fixedFiles(extensions: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.fixed\.[^.]+$/.test(name) && extensions.some((ext) => name.endsWith(ext))) files.push(path);
    }
  };
  walk(RULES_DIR);
  return files.sort();
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  return spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options, env: { ...process.env, ...options.env } });
}

function available(command: string, args: string[] = ['--version']): boolean {
  const result = run(command, args);
  return !result.error && result.status === 0;
}

/** Skips loudly when a toolchain is missing here; fails when it is missing in CI. */
function requireToolchain(context: Mocha.Context, name: string, present: boolean, install: string): void {
  if (present) return;
  const message = `${name} is not installed, so fixed fixtures are NOT compile-checked here (${install})`;
  if (inCI) assert.fail(`${message}; .ci/run must install it`);
  console.warn(`\n  !!! ${message}\n`);
  context.skip();
}

function output(result: SpawnSyncReturns<string>): string {
  return `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
}

describe('fixed fixtures compile', function () {
  this.timeout(15 * 60 * 1000);

  it('Go: go vet accepts every *.fixed.go', function () {
    const files = fixedFiles(['.go']);
    if (files.length === 0) this.skip();
    requireToolchain(this, 'go', available('go', ['version']), 'apt-get install golang-go');
    const failures: string[] = [];
    for (const file of files) {
      const result = run('go', ['vet', file], {
        cwd: REPO_ROOT,
        // GOPATH mode finds third-party packages Debian installs under /usr/share/gocode, and
        // stand-ins under test/toolchain/gopath for what Debian lacks (log/slog before Go 1.21, zerolog).
        env: { GO111MODULE: 'off', GOPATH: `/usr/share/gocode:${join(REPO_ROOT, 'test', 'toolchain', 'gopath')}`, GOFLAGS: '', GOCACHE: join(CACHE, 'go-build'), GOTOOLCHAIN: 'local' },
      });
      if (result.status !== 0) failures.push(`${relative(REPO_ROOT, file)}:\n${output(result)}`);
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });

  it('Rust: cargo check accepts every *.fixed.rs', function () {
    const files = fixedFiles(['.rs']);
    if (files.length === 0) this.skip();
    requireToolchain(this, 'cargo', available('cargo'), 'rustup or apt-get install cargo');
    const registry = '/usr/share/cargo/registry';
    requireToolchain(this, "Debian's packaged crates", existsSync(join(registry, 'reqwest-0.11.13')), 'apt-get install librust-reqwest-dev librust-tokio-dev librust-ureq-dev librust-log-dev librust-tracing-dev');
    const crate = join(CACHE, 'rust-fixtures');
    mkdirSync(join(crate, 'src'), { recursive: true });
    mkdirSync(join(crate, '.cargo'), { recursive: true });
    writeFileSync(
      join(crate, '.cargo', 'config.toml'),
      `[source.crates-io]\nreplace-with = "debian"\n\n[source.debian]\ndirectory = "${registry}"\n\n[net]\noffline = true\n`,
    );
    writeFileSync(
      join(crate, 'Cargo.toml'),
      [
        '[package]',
        'name = "readiness-fixtures"',
        'version = "0.0.0"',
        'edition = "2021"',
        'publish = false',
        '',
        '[lib]',
        'path = "src/lib.rs"',
        '',
        '[dependencies]',
        'reqwest = { version = "0.11", features = ["blocking", "json", "native-tls"] }',
        'tokio = { version = "1", features = ["full"] }',
        'ureq = "2"',
        'log = "0.4"',
        'tracing = "0.1"',
        '',
      ].join('\n'),
    );
    const modules = files.map((file, index) => `#[path = ${JSON.stringify(file)}]\nmod fixture_${index};`).join('\n');
    writeFileSync(join(crate, 'src', 'lib.rs'), `#![allow(dead_code, unused)]\n${modules}\n`);
    const result = run('cargo', ['check', '--offline', '--quiet', '--message-format=short'], { cwd: crate, env: { CARGO_TARGET_DIR: join(CACHE, 'cargo-target') } });
    assert.equal(result.status, 0, output(result));
  });

  it('TypeScript/JavaScript: tsc accepts every *.fixed.ts, .tsx, .js', function () {
    const files = fixedFiles(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
    if (files.length === 0) this.skip();
    const project = join(CACHE, 'ts-fixtures');
    mkdirSync(project, { recursive: true });
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify(
        {
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: 'ES2022',
            lib: ['ES2022', 'DOM'],
            module: 'esnext',
            moduleResolution: 'bundler',
            allowJs: true,
            checkJs: false,
            jsx: 'preserve',
            skipLibCheck: true,
            types: ['node'],
            typeRoots: [join(REPO_ROOT, 'node_modules', '@types')],
            // Each fixture is its own module; isolated checking keeps their declarations apart.
            isolatedModules: true,
            moduleDetection: 'force',
          },
          files,
        },
        null,
        2,
      ),
    );
    const result = run(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(project, 'tsconfig.json')], { cwd: REPO_ROOT });
    assert.equal(result.status, 0, output(result));
  });

  it('Python: py_compile accepts every *.fixed.py', function () {
    const files = fixedFiles(['.py']);
    if (files.length === 0) this.skip();
    requireToolchain(this, 'python3', available('python3'), 'apt-get install python3');
    const failures: string[] = [];
    for (const file of files) {
      // Byte-compile in memory: py_compile refuses to write to /dev/null and the tree must stay clean.
      const result = run('python3', ['-c', 'import sys; compile(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1], "exec")', file]);
      if (result.status !== 0) failures.push(`${relative(REPO_ROOT, file)}:\n${output(result)}`);
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });
});
