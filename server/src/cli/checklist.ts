import { statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { findWorkspaceRoot, loadConfigFile } from '../workspace/config-file';
import { WorkerPool } from '../workspace/pool';
import { defaultJobs } from '../workspace/scan';
import { evaluateSnapshot, gatherWorkspace } from '../workspace/checklist';
import { formatChecklistMarkdown, formatChecklistText } from '../checklist/report';
import { jobsOption, oneOf, parseCommandLine, requireFileNames, UsageError } from './args';
import { formatConfigErrors, type CliIO } from './check';

export interface ChecklistOptions {
  path: string;
  format: 'text' | 'md' | 'json';
  output: string | undefined;
  config: string | undefined;
  jobs: number | undefined;
}

export function parseChecklistArgs(argv: string[]): ChecklistOptions {
  const { values, positionals } = parseCommandLine(argv, {
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    config: { type: 'string', short: 'c' },
    jobs: { type: 'string', short: 'j' },
  });
  if (positionals.length > 1) throw new UsageError('readiness checklist takes one PATH (the workspace)');
  const format = oneOf('format', values.format, ['text', 'md', 'json'] as const, 'text');
  requireFileNames({ output: values.output, config: values.config });
  return { path: positionals[0] ?? '.', format, output: values.output, config: values.config, jobs: jobsOption(values.jobs) };
}

/** `readiness checklist`: exit 0 when no item fails, 1 when one does, 2 on usage or configuration errors. */
export async function runChecklist(argv: string[], io: CliIO): Promise<number> {
  const options = parseChecklistArgs(argv);
  const pool = new WorkerPool(Math.max(1, options.jobs ?? defaultJobs()));
  pool.warm();
  try {
    const target = resolve(options.path);
    const stat = statSync(target, { throwIfNoEntry: false });
    if (!stat?.isDirectory()) throw new UsageError(`${options.path} is ${stat ? 'not a directory' : 'not found'}: readiness checklist takes the workspace directory`);
    // The workspace is PATH itself; its configuration the nearest .readiness.json at or above it.
    const configFile = options.config ? resolve(options.config) : findWorkspaceRoot(target).configFile;
    const loaded = loadConfigFile(configFile);
    if (!loaded.config) {
      io.stderr(formatConfigErrors(loaded.errors));
      return 2;
    }
    const workspaceRoot = target;
    const snapshot = await gatherWorkspace(workspaceRoot, loaded.config, pool);
    const checklist = evaluateSnapshot(snapshot, loaded.config);
    const name = basename(workspaceRoot) || workspaceRoot;
    const text =
      options.format === 'json' ? `${JSON.stringify(checklist, null, 2)}\n` : options.format === 'md' ? formatChecklistMarkdown(checklist, name) : formatChecklistText(checklist, name);
    if (options.output) writeFileSync(resolve(options.output), text);
    else io.stdout(text);
    return checklist.items.some((item) => item.status === 'fail') ? 1 : 0;
  } finally {
    await pool.close();
  }
}


