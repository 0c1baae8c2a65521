// The language server's checklist messages, declared once for the server and the VS Code client.
// Plain types and method names only: no import from vscode-languageserver, so the client can use it.
import type { ChecklistJson } from '../checklist/types';

export type { ChecklistJson, ChecklistItem, ChecklistStatus, Evidence, MarkdownItem, MarkdownState, ChecklistCategory } from '../checklist/types';

/** Request `readiness/checklist`: the checklist of every workspace folder, or of the one asked for. */
export const CHECKLIST_REQUEST = 'readiness/checklist';
export interface ChecklistParams {
  folderUri?: string;
}
export interface ChecklistResult {
  folders: Array<{ uri: string; name: string; checklist: ChecklistJson }>;
}

/** Request `readiness/setChecklistItem`: tick or untick a Markdown item (on disk) or a manual item. */
export const SET_CHECKLIST_ITEM_REQUEST = 'readiness/setChecklistItem';
export type SetChecklistItemParams =
  | {
      folderUri: string;
      kind: 'markdown';
      /** Relative to the folder, POSIX. */
      path: string;
      /** 1-based. */
      line: number;
      checked: boolean;
      /** Optional: the item's text as the client shows it; the tick is refused when the line now holds another item. */
      text?: string;
      /** Optional: the character to write (`x`/`X` when checking, ` `/`~` when unchecking); default `x` / space. */
      state?: 'x' | 'X' | ' ' | '~';
    }
  | { folderUri: string; kind: 'manual'; id: string; checked: boolean };
export interface SetChecklistItemResult {
  ok: boolean;
  message?: string;
}

/** Request `readiness/report`: the readiness report, the same text as `readiness checklist --format md`. */
export const REPORT_REQUEST = 'readiness/report';
export interface ReportParams {
  folderUri?: string;
}
export interface ReportResult {
  markdown: string;
}

/** Notification `readiness/checklistChanged` (server → client): re-request the folder's checklist. */
export const CHECKLIST_CHANGED_NOTIFICATION = 'readiness/checklistChanged';
export interface ChecklistChangedParams {
  folderUri: string;
}
