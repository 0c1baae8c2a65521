/** Plain data produced by the engine. Nothing here knows about LSP, SARIF or the file system. */

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** Zero-based line and UTF-16 column, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Offsets are UTF-16 indexes into the analysed text (after any BOM was removed). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix `--fix` and "fix all" apply; at most one per finding. */
  isPreferred?: boolean;
  /** Suppression fixes are offered but never applied by `--fix`. */
  kind?: 'fix' | 'suppress';
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  path: string;
  /** Offsets of the reported node, for fixes and fingerprints. */
  start: number;
  end: number;
  range: Range;
  message: string;
  fixes: Fix[];
  /** Stable across unrelated edits (see fingerprint.ts), for baselines and code scanning. */
  fingerprint?: string;
  /** Lets editors fade unused suppressions. */
  tags?: ('unnecessary' | 'deprecated')[];
}

export type SkipReason =
  | 'binary'
  | 'too-large'
  | 'generated'
  | 'minified'
  | 'not-a-regular-file'
  | 'unreadable'
  | 'vanished'
  | 'symlink-loop'
  | 'parse-timeout'
  | 'unsupported';

/** Something the user should know about a file that is not a finding. */
export interface FileNote {
  path: string;
  kind: 'skipped' | 'warning';
  reason: SkipReason | 'invalid-utf8' | 'rule-crashed' | 'rule-limit' | 'parse-failed' | 'syntax-errors';
  message: string;
}
