import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, Module, wrap } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** How long after start the cache is written: by then the first analyses have compiled what they use. */
const WRITE_AFTER_MS = 3000;

/** What became of the cache: none yet, used, or refused by V8 (another bundle or V8); `off` where not used at all. */
export type CodeCacheUse = 'none' | 'accepted' | 'rejected' | 'off';

/**
 * Runs a CommonJS bundle with V8's code cache: compiling the language server's bundle, and the
 * functions its first analysis calls, is about a quarter of its time to the first diagnostics. The
 * first start of a given bundle on a given V8 writes the cache (see `cachePaths`); later starts read
 * it. V8 rejects a cache made for other source or another V8, and then a fresh one is written.
 *
 * Only on Node versions with `process.getBuiltinModule`: web-tree-sitter's `await import(…)` fails
 * in code run from a cache (the bundle asks `getBuiltinModule` instead where it exists).
 */
export function runWithCodeCache(bundle: string, writeAfterMs = WRITE_AFTER_MS): CodeCacheUse {
  if (typeof process.getBuiltinModule !== 'function' || process.env.READINESS_NO_CODE_CACHE) {
    createRequire(bundle)(bundle);
    return 'off';
  }
  const source = readFileSync(bundle, 'utf8');
  const cacheFiles = cachePaths(bundle);
  const cachedData = readFirst(cacheFiles);
  const script = new Script(wrap(source), { filename: bundle, cachedData });
  const use: CodeCacheUse = !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
  if (use !== 'accepted') setTimeout(() => writeCache(script, cacheFiles), writeAfterMs).unref();
  const bundleModule = new Module(bundle);
  bundleModule.filename = bundle;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(bundleModule.exports, bundleModule.exports, createRequire(bundle), bundleModule, bundle, dirname(bundle));
  return use;
}

/**
 * In `READINESS_CODE_CACHE_DIR` when set (the VS Code extension's storage), else beside the bundle,
 * else in the temp directory; named by V8 version, as runtimes may share an install.
 */
function cachePaths(bundle: string): string[] {
  const name = `${basename(bundle)}.v8-${process.versions.v8}-${process.arch}.cache`;
  const where = directoryKey(dirname(bundle));
  const chosen = process.env.READINESS_CODE_CACHE_DIR;
  return [...(chosen ? [join(chosen, where, name)] : []), join(dirname(bundle), name), join(tmpdir(), 'readiness-code-cache', where, name)];
}

/** A short name for a directory (FNV-1a): loading node:crypto for it would cost more than the rest of this file. */
export function directoryKey(directory: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < directory.length; i++) hash = Math.imul(hash ^ directory.charCodeAt(i), 0x01000193);
  return `${(hash >>> 0).toString(16).padStart(8, '0')}-${directory.length}`;
}

function readFirst(paths: readonly string[]): Buffer | undefined {
  for (const path of paths) {
    try {
      return readFileSync(path);
    } catch {
      // not written yet, or not readable: the next place, or none
    }
  }
  return undefined;
}

/** Written to a temporary name and renamed, so a concurrent start never reads half a cache. */
function writeCache(script: Script, paths: readonly string[]): void {
  // A server whose editor has gone (its IPC channel closed) is about to exit: its storage may be going too.
  if (process.send && !process.connected) return;
  let data: Buffer;
  try {
    data = script.createCachedData();
  } catch {
    return;
  }
  for (const path of paths) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      const partial = `${path}.${process.pid}.tmp`;
      writeFileSync(partial, data);
      try {
        renameSync(partial, path);
      } catch (error) {
        rmSync(partial, { force: true });
        throw error;
      }
      return;
    } catch {
      // not writable: the next place
    }
  }
}
