import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../server/src/cli/main';
import { REPO_ROOT } from './paths';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `readiness` in this process with captured output, from the given working directory. */
export async function readiness(args: string[], options: { cwd?: string; tty?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const previous = process.cwd();
  if (options.cwd) process.chdir(options.cwd);
  try {
    const code = await main(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), stderrIsTTY: options.tty ?? false });
    return { code, stdout, stderr };
  } finally {
    process.chdir(previous);
  }
}

/** Runs the installed `bin/readiness.js` as a separate process, as CI and users do. */
export function readinessProcess(args: string[], options: SpawnSyncOptions = {}): CliRun {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'readiness.js'), ...args], { encoding: 'utf8', timeout: 120_000, ...options });
  return { code: result.status ?? -1, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}

let portable: string | undefined;

/**
 * A world-readable copy of what the CLI needs at run time (bin and the bundles beside their
 * grammars), for running it as an unprivileged user: the checkout itself may sit under a directory
 * only its owner can enter.
 */
export function portableInstall(): string {
  if (portable) return portable;
  const target = mkdtempSync(join(tmpdir(), 'readiness-portable-'));
  for (const part of ['package.json', 'bin', join('server', 'out')]) cpSync(join(REPO_ROOT, part), join(target, part), { recursive: true });
  chmodTree(target);
  portable = target;
  return target;
}

function chmodTree(path: string): void {
  chmodSync(path, 0o755);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chmodTree(child);
    else chmodSync(child, 0o644);
  }
}

/** Runs the CLI from the portable copy as another user (root running the tests reads any file). */
export function readinessProcessAs(uid: number, gid: number, args: string[], options: SpawnSyncOptions = {}): CliRun {
  const result = spawnSync(process.execPath, [join(portableInstall(), 'bin', 'readiness.js'), ...args], { encoding: 'utf8', timeout: 120_000, ...options, uid, gid });
  return { code: result.status ?? -1, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}

/** A fresh directory tree from a map of relative paths to contents. World-readable, for tests run as another user. */
export function workspace(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'readiness-test-'));
  chmodSync(root, 0o755);
  for (const [path, content] of Object.entries(files)) {
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
  }
  return root;
}

export interface JsonEntry {
  kind: 'finding' | 'skipped' | 'note';
  path: string;
  rule?: string;
  severity?: string;
  message: string;
  reason?: string;
  fingerprint?: string;
  range?: { start: { line: number; column: number }; end: { line: number; column: number } };
}

export function parseJsonReport(stdout: string): JsonEntry[] {
  return JSON.parse(stdout) as JsonEntry[];
}
