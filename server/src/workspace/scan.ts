import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import type { FileNote } from '../engine/finding';
import type { ResolvedConfig } from '../config/types';
import type { FileOutcome } from './analyze-file';
import { WorkerPool } from './pool';
import { collectFiles, toPosix } from './walk';

export interface ScanOptions {
  paths: readonly string[];
  workspaceRoot: string;
  config: ResolvedConfig;
  /** Worker threads; defaults to the number of cores. */
  jobs?: number;
  fix?: 'none' | 'apply';
  /** Findings name files relative to this directory. */
  displayBase?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface ScanResult {
  outcomes: FileOutcome[];
  /** Files skipped while walking (loops, pipes, unreadable), before analysis. */
  notes: FileNote[];
  filesAnalyzed: number;
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** Walks the paths and analyses every supported file on worker threads. */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const { files, notes } = await collectFiles(options.paths, options.workspaceRoot, options.config);
  const base = options.displayBase ?? process.cwd();
  const pool = new WorkerPool(Math.max(1, Math.min(options.jobs ?? defaultJobs(), files.length || 1)));
  let done = 0;
  options.onProgress?.(0, files.length);
  try {
    const outcomes = await Promise.all(
      files.map(async (file) => {
        const outcome = await pool.analyze({
          absolutePath: file.absolutePath,
          relativePath: file.relativePath,
          displayPath: toPosix(relative(base, file.absolutePath)) || file.relativePath,
          fix: options.fix ?? 'none',
        }, options.config);
        options.onProgress?.(++done, files.length);
        return outcome;
      }),
    );
    return { outcomes, notes, filesAnalyzed: files.length };
  } finally {
    await pool.close();
  }
}
