import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export type OutputFormat = 'text' | 'json' | 'sarif';
export type FailOn = 'error' | 'warning' | 'never';

export interface CheckOptions {
  paths: string[];
  format: OutputFormat;
  output: string | undefined;
  config: string | undefined;
  baseline: string | undefined;
  failOn: FailOn;
  fix: 'none' | 'apply' | 'dry-run';
  jobs: number | undefined;
}

export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

/** `node:util` parseArgs in strict mode, its complaints as usage errors. */
export function parseCommandLine<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `--jobs N`: a whole number of worker threads. */
export function jobsOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs must be a whole number from 1 to 256 (got "${value}")`);
  return jobs;
}

/** Options that name a file must not be given empty. */
export function requireFileNames(options: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(options)) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`--${name} needs a file name`);
  }
}

export function parseCheckArgs(argv: string[]): CheckOptions {
  const { values, positionals } = parseCommandLine(argv, {
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    config: { type: 'string', short: 'c' },
    baseline: { type: 'string' },
    'fail-on': { type: 'string' },
    fix: { type: 'boolean' },
    'fix-dry-run': { type: 'boolean' },
    jobs: { type: 'string', short: 'j' },
  });
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be combined');
  const jobs = jobsOption(values.jobs);
  requireFileNames({ output: values.output, config: values.config, baseline: values.baseline });
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: oneOf('format', values.format, ['text', 'json', 'sarif'] as const, 'text'),
    output: values.output,
    config: values.config,
    baseline: values.baseline,
    failOn: oneOf('fail-on', values['fail-on'], ['error', 'warning', 'never'] as const, 'error'),
    fix: values.fix ? 'apply' : values['fix-dry-run'] ? 'dry-run' : 'none',
    jobs,
  };
}

export const USAGE = `Usage:
  readiness check [PATH…] [--format text|json|sarif] [--output FILE] [--config FILE]
                  [--baseline FILE] [--fail-on error|warning|never] [--fix | --fix-dry-run] [--jobs N]
  readiness checklist [PATH] [--format text|md|json] [--output FILE] [--config FILE] [--jobs N]
  readiness --version | --help

check       scan files for production-readiness problems
  --format      text (default), json (array of findings and skipped files) or sarif (SARIF 2.1.0)
  --output      write the report to FILE instead of standard output
  --config      use this .readiness.json (default: the nearest one at or above PATH)
  --baseline    report only findings not in this earlier json or sarif report
  --fail-on     exit 1 when a finding is at least this severe (default: error)
  --fix         apply every preferred fix and rewrite the files
  --fix-dry-run print the fixes as a unified diff instead of writing them
  --jobs        worker threads (default: the number of cores)

checklist   evaluate the workspace readiness checklist (SPEC §7) and the team's Markdown checklists
  --format      text (default), md (the readiness report) or json
  --output      write it to FILE instead of standard output

Exit codes: check: 0 nothing at or above --fail-on, 1 findings; checklist: 0 no item fails, 1 an item
fails; both: 2 usage or configuration error.`;
