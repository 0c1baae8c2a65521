/**
 * The checklist requests between this client and the language server, exactly as the server
 * defines them. A stand-in until `server/src/lsp/checklist-protocol.ts` lands: then this module
 * becomes a re-export of it.
 */

export type ChecklistStatus = 'pass' | 'fail' | 'manual' | 'n/a';

export interface ChecklistEvidence {
  /** Relative to the workspace folder, POSIX separators. */
  path: string;
  /** 1-based. */
  line?: number;
  note: string;
}

export interface ChecklistItem {
  id: string;
  category: string;
  title: string;
  status: ChecklistStatus;
  evidence: ChecklistEvidence[];
  /** Manual items: ticked by a person. */
  checked?: boolean;
}

export interface MarkdownChecklistItem {
  /** Relative to the workspace folder, POSIX separators. */
  path: string;
  /** 1-based. */
  line: number;
  text: string;
  checked: boolean;
  /** The character between the brackets, e.g. `~` for "in progress". */
  state?: string;
  depth?: number;
}

export interface Checklist {
  items: ChecklistItem[];
  markdown: MarkdownChecklistItem[];
}

export interface ChecklistParams {
  folderUri?: string;
}

export interface ChecklistResult {
  folders: Array<{ uri: string; name: string; checklist: Checklist }>;
}

export type SetChecklistItemParams =
  | { folderUri: string; kind: 'markdown'; path: string; line: number; checked: boolean }
  | { folderUri: string; kind: 'manual'; id: string; checked: boolean };

export interface SetChecklistItemResult {
  ok: boolean;
  message?: string;
}

export interface ReportParams {
  folderUri?: string;
}

export interface ReportResult {
  markdown: string;
}

export interface ChecklistChangedParams {
  folderUri: string;
}

export const ChecklistRequest = 'readiness/checklist';
export const SetChecklistItemRequest = 'readiness/setChecklistItem';
export const ReportRequest = 'readiness/report';
export const ChecklistChangedNotification = 'readiness/checklistChanged';
