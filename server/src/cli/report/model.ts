import type { FileNote, Finding } from '../../engine/finding';
import type { Rule } from '../../engine/rule';

/** Everything a report format needs about one `readiness check` run. */
export interface CheckReport {
  findings: Finding[];
  /** Files not analysed, with the reason. */
  skipped: FileNote[];
  /** Files analysed with a caveat (invalid UTF-8, a rule that failed). */
  warnings: FileNote[];
  filesAnalyzed: number;
  /** Absolute path findings' relative paths are resolved against (for SARIF). */
  baseDirectory: string;
  rules: readonly Rule[];
  toolVersion: string;
}

export const SEVERITY_RANK = { error: 3, warning: 2, information: 1, hint: 0 } as const;
