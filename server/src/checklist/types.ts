/** Plain data of the workspace checklist (SPEC §7). Nothing here reads files. */
import type { ChecklistCategory } from '../engine/rule';
import type { ResolvedConfig } from '../config/types';

export type { ChecklistCategory };
export type ChecklistStatus = 'pass' | 'fail' | 'manual' | 'n/a';

export interface Evidence {
  /** Workspace-relative POSIX path; `.` for the workspace as a whole. */
  path: string;
  /** 1-based. */
  line?: number;
  note: string;
}

export interface ChecklistItem {
  id: string;
  category: ChecklistCategory;
  title: string;
  status: ChecklistStatus;
  evidence: Evidence[];
  /** Manual items: whether a person ticked them (remembered in the workspace). */
  checked?: boolean;
  /** Set when `.readiness.json` `checklist.overrides` decided the status. */
  overridden?: boolean;
}

export type MarkdownState = ' ' | 'x' | 'X' | '~';

export interface MarkdownItem {
  path: string;
  /** 1-based line of the item. */
  line: number;
  text: string;
  checked: boolean;
  state: MarkdownState;
  /** Nesting depth, 0 for top-level items. */
  depth: number;
  /** The nearest heading above the item, if any. */
  section?: string;
}

/** What `readiness checklist --format json` prints and `readiness/checklist` returns per folder. */
export interface ChecklistJson {
  items: ChecklistItem[];
  markdown: MarkdownItem[];
  /** Problems met while reading the workspace (unreadable files, broken YAML, …). */
  notes?: Evidence[];
}

/** A fact found in a file's parse tree that some checklist item looks for. */
export type SignalKind =
  | 'http-server'
  | 'security-headers'
  | 'rate-limiting'
  | 'graceful-shutdown'
  | 'health-endpoint'
  | 'panic-hook'
  | 'structured-logging'
  | 'metrics-endpoint'
  | 'request-ids'
  | 'env-read'
  | 'secret-fallback'
  | 'database';

export interface Signal {
  kind: SignalKind;
  /** 1-based. */
  line: number;
  /** What was seen, e.g. `helmet()` or `signal.Notify`. */
  detail: string;
}

/** A YAML or TOML document as plain data, every node with its 1-based line. */
export type TreeValue =
  | { t: 'map'; line: number; entries: Array<{ key: string; line: number; value: TreeValue }> }
  | { t: 'seq'; line: number; items: TreeValue[] }
  | { t: 'scalar'; line: number; value: string; quoted?: boolean };

export interface FindingSummary {
  ruleId: string;
  /** 1-based. */
  line: number;
  message: string;
}

/** What the analysis of one file contributes to the checklist (computed where the file is parsed). */
export interface FileFacts {
  findings: FindingSummary[];
  signals: Signal[];
  /** YAML documents or a TOML table, for CI workflows, Kubernetes manifests and manifests. */
  documents?: TreeValue[];
  /** A parse problem worth telling (broken YAML). */
  problem?: string;
}

/** Everything the checklist is evaluated from: pure data, gathered by an adapter. */
export interface ChecklistInput {
  /** Every file of the workspace (after default and configured excludes), relative POSIX paths, sorted. */
  files: readonly string[];
  /** Text of a small non-code file (Dockerfile, .gitignore, Markdown, manifests), or undefined when unreadable. */
  read(path: string): string | undefined;
  /** Files tracked by git (`git ls-files`), or undefined when the workspace is not a git repository. */
  tracked: ReadonlySet<string> | undefined;
  /** Why `tracked` is missing, shown in evidence. */
  trackedNote?: string;
  /** Facts of every analysed file (code, YAML, TOML), by relative path. */
  facts: ReadonlyMap<string, FileFacts>;
  config: ResolvedConfig;
  /** Rule ids that ran (registered and not `off`). */
  activeRules: ReadonlySet<string>;
  /** Rule ids that exist in this build. */
  knownRules: ReadonlySet<string>;
  /** Manual items a person ticked. */
  manualState: Readonly<Record<string, boolean>>;
}
