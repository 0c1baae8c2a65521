import { readFileSync } from 'node:fs';
import { FINGERPRINT_KEY } from './sarif';
import { UsageError } from '../args';

/** Fingerprints recorded in an earlier `--format json` or `--format sarif` report. */
export function readBaseline(file: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`--baseline ${file}: cannot read a JSON or SARIF report (${reason})`);
  }
  const fingerprints = new Set<string>();
  if (Array.isArray(data)) {
    for (const entry of data as Array<{ kind?: string; fingerprint?: unknown }>) {
      if (typeof entry?.fingerprint === 'string') fingerprints.add(entry.fingerprint);
    }
    return fingerprints;
  }
  const runs = (data as { runs?: unknown }).runs;
  if (!Array.isArray(runs)) throw new UsageError(`--baseline ${file}: neither a Readiness JSON report (an array) nor SARIF (no "runs")`);
  for (const run of runs as Array<{ results?: Array<{ partialFingerprints?: Record<string, unknown> }> }>) {
    for (const result of run.results ?? []) {
      const fingerprint = result.partialFingerprints?.[FINGERPRINT_KEY];
      if (typeof fingerprint === 'string') fingerprints.add(fingerprint);
    }
  }
  return fingerprints;
}
