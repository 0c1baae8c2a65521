import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, openSync, readFileSync, rmSync, symlinkSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../server/src/config/types';
import { scan } from '../../server/src/workspace/scan';
import { parseJsonReport, readiness, readinessProcess, readinessProcessAs, workspace, type JsonEntry } from '../support/cli';

const INSECURE_ENV = 'NODE_TLS_REJECT_UNAUTHORIZED=0\n';

async function jsonReport(root: string, extra: string[] = []): Promise<{ code: number; entries: JsonEntry[] }> {
  const run = await readiness(['check', '.', '--format', 'json', ...extra], { cwd: root });
  assert.notEqual(run.code, 2, run.stderr);
  return { code: run.code, entries: parseJsonReport(run.stdout) };
}

function skippedReasons(entries: JsonEntry[]): Record<string, string> {
  return Object.fromEntries(entries.filter((entry) => entry.kind === 'skipped').map((entry) => [entry.path, entry.reason!]));
}

describe('bad input never crashes or hangs a scan', function () {
  this.timeout(180_000);

  it('skips binary files with the reason', async () => {
    const root = workspace({ 'blob.go': Buffer.from([0x70, 0x61, 0x00, 0xff, 0x00, 0x01]), '.env': INSECURE_ENV });
    const { entries } = await jsonReport(root);
    assert.deepEqual(skippedReasons(entries), { 'blob.go': 'binary' });
    assert.equal(entries.filter((entry) => entry.kind === 'finding').length, 1, 'the other file is still analysed');
  });

  it('analyses invalid UTF-8 with a note and never rewrites it', async () => {
    const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n' + INSECURE_ENV)]);
    const root = workspace({ '.env': bytes });
    const { entries } = await jsonReport(root);
    assert.equal(entries.find((entry) => entry.kind === 'note')?.reason, 'invalid-utf8');
    assert.equal(entries.find((entry) => entry.kind === 'finding')?.range?.start.line, 2);
    await readiness(['check', '.', '--fix'], { cwd: root });
    assert.deepEqual(readFileSync(join(root, '.env')), bytes, 'the file is byte-for-byte unchanged');
  });

  it('skips a 50 MB file over maxFileBytes without reading it', async () => {
    const root = workspace({ 'main.rs': 'fn main() {}\n' });
    const fd = openSync(join(root, 'huge.rs'), 'w');
    const chunk = Buffer.from('fn f() -> u32 { 1 + 2 }\n'.repeat(40_000));
    for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) writeSync(fd, chunk);
    closeSync(fd);
    const { entries } = await jsonReport(root);
    assert.deepEqual(skippedReasons(entries), { 'huge.rs': 'too-large' });
    assert.match(entries.find((entry) => entry.kind === 'skipped')!.message, /exceeds maxFileBytes \(1048576\)/);
  });

  it('reports a 50 MB file as more than the parser can hold, even when maxFileBytes allows it', async () => {
    const root = workspace({ '.readiness.json': '{ "maxFileBytes": 67108864 }', '.env': INSECURE_ENV });
    const fd = openSync(join(root, 'huge.go'), 'w');
    writeSync(fd, 'package huge\n\nimport "crypto/tls"\n\nvar c = &tls.Config{InsecureSkipVerify: true}\n');
    const chunk = Buffer.from('func f(a int) int { return a + 1 }\n'.repeat(50_000));
    for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) writeSync(fd, chunk);
    closeSync(fd);
    const { entries } = await jsonReport(root);
    assert.deepEqual(skippedReasons(entries), { 'huge.go': 'too-large' });
    assert.match(entries.find((entry) => entry.path === 'huge.go')!.message, /more than the parser can hold/);
    assert.equal(entries.filter((entry) => entry.kind === 'finding' && entry.path === '.env').length, 1, 'the other file is still analysed');
  });

  it('parses a 4 MB file when maxFileBytes allows it', async () => {
    const root = workspace({ '.readiness.json': '{ "maxFileBytes": 8388608 }' });
    const fd = openSync(join(root, 'big.go'), 'w');
    writeSync(fd, 'package big\n\nimport "crypto/tls"\n\nvar c = &tls.Config{InsecureSkipVerify: true}\n');
    const chunk = Buffer.from('func f(a int) int { return a + 1 }\n'.repeat(10_000));
    for (let written = 0; written < 4 * 1024 * 1024; written += chunk.length) writeSync(fd, chunk);
    closeSync(fd);
    const { entries } = await jsonReport(root);
    assert.deepEqual(
      entries.filter((entry) => entry.path === 'big.go').map((entry) => entry.reason ?? entry.rule),
      ['tls-verification-disabled'],
    );
  });

  it('survives 10,000-deep nesting in every grammar', async () => {
    const depth = 10_000;
    const root = workspace({
      'deep.py': `x = ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
      'deep.ts': `const x = ${'('.repeat(depth)}1${')'.repeat(depth)};\n`,
      'deep.js': `const y = ${'{a:'.repeat(depth)}1${'}'.repeat(depth)};\n`,
      'deep.rs': `fn main() { ${'{'.repeat(depth)}${'}'.repeat(depth)} }\n`,
      'deep.go': `package deep\n\nvar x = ${'('.repeat(depth)}1${')'.repeat(depth)}\n`,
      'deep.json': `${'['.repeat(depth)}${']'.repeat(depth)}\n`,
      'deep.yaml': `${Array.from({ length: 200 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n')} 1\n`,
      'deep.toml': `a = ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
      '.env': INSECURE_ENV,
    });
    const { entries } = await jsonReport(root);
    assert.equal(entries.filter((entry) => entry.kind === 'finding').length, 1, 'the scan completed and analysed the rest');
    assert.deepEqual(entries.filter((entry) => entry.kind === 'note'), []);
  });

  it('reports symbolic link loops and does not follow them forever', async () => {
    const root = workspace({ 'src/.env': INSECURE_ENV });
    symlinkSync('..', join(root, 'src', 'parent'));
    symlinkSync('self.go', join(root, 'self.go'));
    const { entries } = await jsonReport(root);
    const reasons = skippedReasons(entries);
    assert.equal(reasons['self.go'], 'symlink-loop');
    assert.equal(reasons['src/parent'], 'symlink-loop');
    assert.equal(entries.filter((entry) => entry.kind === 'finding').length, 1, 'the real file is reported once');
  });

  it('skips a named pipe with a source extension instead of blocking on it', async () => {
    const root = workspace({ '.env': INSECURE_ENV });
    execFileSync('mkfifo', [join(root, 'pipe.go')]);
    const { entries } = await jsonReport(root);
    assert.deepEqual(skippedReasons(entries), { 'pipe.go': 'not-a-regular-file' });
    const explicit = await readiness(['check', join(root, 'pipe.go'), '--format', 'json']);
    assert.equal(parseJsonReport(explicit.stdout)[0]!.reason, 'not-a-regular-file');
  });

  it('reports a file deleted during the scan', async () => {
    const root = workspace({ 'a/.env': INSECURE_ENV, 'b/.env': INSECURE_ENV });
    let deleted = false;
    const result = await scan({
      paths: [root],
      workspaceRoot: root,
      config: DEFAULT_CONFIG,
      jobs: 1,
      displayBase: root,
      onProgress: () => {
        if (!deleted) rmSync(join(root, 'b/.env'));
        deleted = true;
      },
    });
    const notes = result.outcomes.flatMap((outcome) => outcome.notes);
    assert.deepEqual(notes.map((note) => [note.path, note.reason]), [['b/.env', 'vanished']]);
    assert.equal(result.outcomes.flatMap((outcome) => outcome.findings).length, 1);
  });

  it('reports an unreadable file', function () {
    const root = workspace({ 'secret/.env': INSECURE_ENV, 'open/.env': INSECURE_ENV });
    chmodSync(join(root, 'secret/.env'), 0o000);
    // Root reads any file, so run the scan as an unprivileged user when the tests run as root.
    const asRoot = process.getuid?.() === 0;
    const args = ['check', '.', '--format', 'json'];
    const run = asRoot ? readinessProcessAs(65534, 65534, args, { cwd: root }) : readinessProcess(args, { cwd: root });
    assert.notEqual(run.code, 2, run.stderr);
    const entries = parseJsonReport(run.stdout);
    assert.deepEqual(skippedReasons(entries), { 'secret/.env': 'unreadable' });
    assert.match(entries.find((entry) => entry.kind === 'skipped')!.message, /permission denied/);
    assert.equal(entries.filter((entry) => entry.kind === 'finding').length, 1);
  });

  it('analyses an empty file without findings', async () => {
    const root = workspace({ 'empty.go': '', 'empty.py': '', '.env': '', 'empty.json': '' });
    const { code, entries } = await jsonReport(root);
    assert.equal(code, 0);
    assert.deepEqual(entries, []);
  });

  it('reports positions correctly with CRLF line endings and a byte-order mark', async () => {
    const source = 'package svc\r\n\r\nimport "crypto/tls"\r\n\r\nvar c = &tls.Config{InsecureSkipVerify: true}\r\n';
    const root = workspace({ 'crlf.go': source, 'bom.go': Buffer.from('\uFEFF' + source.replace(/\r\n/g, '\n'), 'utf8') });
    const { entries } = await jsonReport(root);
    const ranges = Object.fromEntries(entries.map((entry) => [entry.path, entry.range]));
    const expected = { start: { line: 5, column: 21 }, end: { line: 5, column: 45 } };
    assert.deepEqual(ranges['crlf.go'], expected);
    assert.deepEqual(ranges['bom.go'], expected);
  });
});
