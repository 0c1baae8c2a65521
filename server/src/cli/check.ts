import { statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { FileNote, Finding } from '../engine/finding';
import type { ConfigError } from '../config/load';
import { RULES } from '../rules';
import { findWorkspaceRoot, loadConfigFile } from '../workspace/config-file';
import { packageVersion, ruleDocMarkdown } from '../workspace/package-files';
import { defaultJobs, scan } from '../workspace/scan';
import { WorkerPool } from '../workspace/pool';
import type { FileOutcome } from '../workspace/analyze-file';
import { parseCheckArgs, type CheckOptions } from './args';
import { readBaseline } from './report/baseline';
import { formatJson } from './report/json';
import { SEVERITY_RANK, type CheckReport } from './report/model';
import { formatSarif } from './report/sarif';
import { formatText } from './report/text';
import { progressReporter } from './progress';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stderrIsTTY: boolean;
}

export function formatConfigErrors(errors: readonly ConfigError[]): string {
  return errors.map((error) => `${error.file}:${error.line + 1}:${error.column + 1}: ${error.key ? `${error.key}: ` : ''}${error.message}`).join('\n') + '\n';
}

function failsOn(findings: readonly Finding[], options: CheckOptions): boolean {
  if (options.failOn === 'never') return false;
  const threshold = SEVERITY_RANK[options.failOn];
  return findings.some((finding) => SEVERITY_RANK[finding.severity] >= threshold);
}

/** Writes fixed files back, unless they changed on disk since they were read. */
function writeFixes(outcomes: readonly FileOutcome[], notes: FileNote[]): number {
  let written = 0;
  for (const outcome of outcomes) {
    if (!outcome.fixed) continue;
    const path = resolve(outcome.displayPath);
    const now = statSync(path, { throwIfNoEntry: false });
    if (!now || now.size !== outcome.fixed.size || now.mtimeMs !== outcome.fixed.mtimeMs) {
      notes.push({ path: outcome.displayPath, kind: 'warning', reason: 'rule-crashed', message: 'changed on disk during the scan; fixes not written' });
      continue;
    }
    writeFileSync(path, (outcome.fixed.bom ? '\uFEFF' : '') + outcome.fixed.text);
    written++;
  }
  return written;
}

function unifiedDiff(outcomes: readonly FileOutcome[]): string {
  return outcomes
    .filter((outcome) => outcome.fixed)
    .map((outcome) => {
      const patch = createTwoFilesPatch(`a/${outcome.displayPath}`, `b/${outcome.displayPath}`, outcome.fixed!.original, outcome.fixed!.text, '', '', { context: 3 });
      return redactSecrets(patch.replace(/^=+\n/, ''), outcome);
    })
    .join('');
}

/** A diff shows source lines; the secrets found in them are masked, as in every other output. */
function redactSecrets(patch: string, outcome: FileOutcome): string {
  const text = outcome.fixed!.text;
  const secrets = outcome.findings
    .filter((finding) => finding.ruleId === 'hardcoded-secret')
    // A diff prefixes every line, so a multi-line secret (a PEM block) is masked line by line.
    .flatMap((finding) => text.slice(finding.start, finding.end).split(/\r?\n/))
    .map((line) => line.trim())
    .filter((secret) => secret.length >= 8)
    .sort((a, b) => b.length - a.length);
  let redacted = patch;
  for (const secret of secrets) redacted = redacted.split(secret).join('[REDACTED]');
  return redacted;
}

/** `readiness check`: returns the exit code. */
export async function runCheck(argv: string[], io: CliIO): Promise<number> {
  const options = parseCheckArgs(argv);
  // Workers load grammars while the configuration is read and validated.
  const pool = new WorkerPool(Math.max(1, options.jobs ?? defaultJobs()));
  pool.warm();
  try {
    return await checkWith(pool, options, io);
  } finally {
    await pool.close();
  }
}

async function checkWith(pool: WorkerPool, options: CheckOptions, io: CliIO): Promise<number> {
  const { root, configFile } = options.config
    ? { root: dirname(resolve(options.config)), configFile: resolve(options.config) }
    : findWorkspaceRoot(options.paths[0]!);
  const loaded = loadConfigFile(configFile);
  if (!loaded.config) {
    io.stderr(formatConfigErrors(loaded.errors));
    return 2;
  }
  const baseline = options.baseline ? readBaseline(options.baseline) : undefined;
  const progress = progressReporter(io);
  const result = await scan({
    paths: options.paths,
    workspaceRoot: root,
    config: loaded.config,
    jobs: options.jobs,
    fix: options.fix === 'none' ? 'none' : 'apply',
    onProgress: progress.update,
    pool,
  });
  progress.done();

  const notes = [...result.notes, ...result.outcomes.flatMap((outcome) => outcome.notes)];
  let findings = result.outcomes.flatMap((outcome) => outcome.findings);
  if (baseline) findings = findings.filter((finding) => !finding.fingerprint || !baseline.has(finding.fingerprint));

  if (options.fix === 'dry-run') {
    const diff = unifiedDiff(result.outcomes);
    if (options.output) writeFileSync(options.output, diff);
    else io.stdout(diff);
    const changed = result.outcomes.filter((outcome) => outcome.fixed).length;
    io.stderr(`${changed} file${changed === 1 ? '' : 's'} would be fixed; ${findings.length} finding${findings.length === 1 ? '' : 's'} would remain\n`);
    return failsOn(findings, options) ? 1 : 0;
  }
  if (options.fix === 'apply') {
    const written = writeFixes(result.outcomes, notes);
    io.stderr(`fixed ${written} file${written === 1 ? '' : 's'}\n`);
  }

  const report: CheckReport = {
    findings,
    skipped: notes.filter((note) => note.kind === 'skipped'),
    warnings: notes.filter((note) => note.kind === 'warning'),
    filesAnalyzed: result.filesAnalyzed,
    baseDirectory: process.cwd(),
    rules: RULES,
    toolVersion: packageVersion(),
  };
  const text = options.format === 'json' ? formatJson(report) : options.format === 'sarif' ? formatSarif(report, ruleDocMarkdown) : formatText(report);
  if (options.output) writeFileSync(options.output, text);
  else io.stdout(text);
  return failsOn(findings, options) ? 1 : 0;
}
