import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directoryKey } from '../../server/src/lsp/code-cache';

/** Runs `bundle` through the loader in a fresh Node, as `server/out/server.js` runs the server. */
function runBundle(bundle: string, env: Record<string, string> = {}): { use: string; output: string } {
  const loader = join(__dirname, '..', '..', 'server', 'src', 'lsp', 'code-cache.js');
  const script = `const use = require(${JSON.stringify(loader)}).runWithCodeCache(${JSON.stringify(bundle)}, 0); process.stderr.write(use);`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  assert.equal(run.status, 0, run.stderr);
  return { use: run.stderr, output: run.stdout };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.cache'));
}

describe('V8 code cache of the server bundle', () => {
  let dir: string;
  let bundle: string;
  const canCache = typeof process.getBuiltinModule === 'function';
  const cacheName = `bundle.js.v8-${process.versions.v8}-${process.arch}.cache`;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'readiness-code-cache-'));
    bundle = join(dir, 'bundle.js');
    // A CommonJS module that uses what a bundle relies on, and stays alive long enough for the write.
    writeFileSync(bundle, "const { join } = require('node:path');\nmodule.exports.ok = true;\nconsole.log(join(__dirname, 'x') === join(require('node:path').dirname(__filename), 'x') ? 'ran' : 'wrong paths');\nsetTimeout(() => {}, 300);\n");
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the bundle, writes its cache, and uses it on the next start', function () {
    if (!canCache) this.skip();
    const cacheDir = join(dir, 'storage');
    const first = runBundle(bundle, { READINESS_CODE_CACHE_DIR: cacheDir });
    assert.deepEqual(first, { use: 'none', output: 'ran\n' });
    assert.equal(filesUnder(cacheDir).length, 1, 'one cache file in READINESS_CODE_CACHE_DIR');
    assert.deepEqual(runBundle(bundle, { READINESS_CODE_CACHE_DIR: cacheDir }), { use: 'accepted', output: 'ran\n' });
  });

  it('runs a changed bundle whose cache V8 refuses, and replaces the cache', function () {
    if (!canCache) this.skip();
    const cacheDir = join(dir, 'storage');
    runBundle(bundle, { READINESS_CODE_CACHE_DIR: cacheDir });
    writeFileSync(bundle, "console.log('changed');\nsetTimeout(() => {}, 300);\n");
    assert.deepEqual(runBundle(bundle, { READINESS_CODE_CACHE_DIR: cacheDir }), { use: 'rejected', output: 'changed\n' });
    assert.deepEqual(runBundle(bundle, { READINESS_CODE_CACHE_DIR: cacheDir }), { use: 'accepted', output: 'changed\n' });
  });

  it('survives a corrupt cache file', function () {
    if (!canCache) this.skip();
    const cacheDir = join(dir, 'storage');
    runBundle(bundle, { READINESS_CODE_CACHE_DIR: cacheDir });
    const [cacheFile] = filesUnder(cacheDir);
    writeFileSync(join(cacheDir, cacheFile!), 'not a cache');
    assert.deepEqual(runBundle(bundle, { READINESS_CODE_CACHE_DIR: cacheDir }), { use: 'rejected', output: 'ran\n' });
  });

  it('writes beside the bundle when no directory is named', function () {
    if (!canCache) this.skip();
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    runBundle(bundle, { READINESS_CODE_CACHE_DIR: '', TMPDIR: tmp });
    assert.deepEqual(filesUnder(dir), [cacheName]);
  });

  it('runs the bundle where no cache can be written or read, and leaves nothing behind', function () {
    if (!canCache) this.skip();
    const tmp = join(dir, 'tmp');
    const storage = join(dir, 'storage');
    // A non-empty directory where each cache file would go: reading it and renaming onto it fail, even for root.
    const where = directoryKey(dir);
    for (const blocked of [join(dir, cacheName), join(storage, where, cacheName), join(tmp, 'readiness-code-cache', where, cacheName)]) {
      mkdirSync(join(blocked, 'occupied'), { recursive: true });
    }
    const env = { READINESS_CODE_CACHE_DIR: storage, TMPDIR: tmp };
    assert.deepEqual(runBundle(bundle, env), { use: 'none', output: 'ran\n' });
    assert.deepEqual(runBundle(bundle, env), { use: 'none', output: 'ran\n' });
    assert.deepEqual(readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.tmp')), []);
  });

  it('runs the bundle with no cache at all when READINESS_NO_CODE_CACHE is set, or on a Node without process.getBuiltinModule', () => {
    assert.deepEqual(runBundle(bundle, { READINESS_NO_CODE_CACHE: '1' }), { use: 'off', output: 'ran\n' });
    assert.deepEqual(filesUnder(dir), []);
  });
});
