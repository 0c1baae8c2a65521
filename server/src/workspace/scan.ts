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
  /** A pool started by the caller (see `WorkerPool.warm`); the scan closes it. */
  pool?: WorkerPool;
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

/**
 * Walks the paths and analyses every supported file on worker threads. Files go to the workers as
 * the walk finds them, so walking, grammar loading and analysis overlap.
 */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const base = options.displayBase ?? process.cwd();
  const pool = options.pool ?? new WorkerPool(Math.max(1, options.jobs ?? defaultJobs()));
  const pending: Array<Promise<FileOutcome>> = [];
  let done = 0;
  let found = 0;
  let walking = true;
  const report = (): void => options.onProgress?.(done, walking ? Math.max(found, done) : found);
  try {
    const { notes } = await collectFiles(options.paths, options.workspaceRoot, options.config, (file) => {
      found++;
      const task = {
        absolutePath: file.absolutePath,
        relativePath: file.relativePath,
        displayPath: toPosix(relative(base, file.absolutePath)) || file.relativePath,
        fix: options.fix ?? 'none',
      } as const;
      pending.push(
        pool.analyze(task, options.config).then((outcome) => {
          done++;
          report();
          return outcome;
        }),
      );
    });
    walking = false;
    report();
    const outcomes = await Promise.all(pending);
    return { outcomes, notes, filesAnalyzed: found };
  } finally {
    await pool.close();
  }
}
