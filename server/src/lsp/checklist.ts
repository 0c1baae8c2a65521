// The checklist side of the language server: per workspace folder, a snapshot of the workspace
// (file list, facts of analysed files, git's tracked files) built on the first request and kept up
// to date file by file, so a change re-analyses only the files that changed.
import { basename, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileChangeType } from 'vscode-languageserver';
import { languageForPath } from '../languages';
import { PathFilter, toPosix } from '../workspace/walk';
import { evaluateSnapshot, factsOf, FileReader, gatherWorkspace, setMarkdownItemOnDisk, trackedFiles, writeManualTick, type WorkspaceSnapshot } from '../workspace/checklist';
import { formatChecklistMarkdown } from '../checklist/report';
import { itemById } from '../checklist/items';
import type { ChecklistJson, FileFacts } from '../checklist/types';
import type { WorkerPool } from '../workspace/pool';
import type { FolderState } from './folders';
import type { SetChecklistItemParams, SetChecklistItemResult } from './checklist-protocol';

/** Changes arriving within this window are applied together, then one notification is sent. */
const SETTLE_MS = 150;

interface FolderChecklist {
  snapshot: Promise<WorkspaceSnapshot>;
  pending: Map<string, FileChangeType>;
  timer?: NodeJS.Timeout;
}

/** What a diagnostics scan hands over: every file it listed and the facts of those it analysed. */
export interface ScanHandover {
  files: string[];
  facts: Map<string, FileFacts>;
}

export class ChecklistService {
  private readonly byFolder = new Map<FolderState, FolderChecklist>();
  /** Diagnostics scans under way that collect the checklist's facts too, by folder. */
  private readonly scans = new Map<FolderState, Promise<ScanHandover | undefined>>();

  constructor(
    private readonly pool: () => WorkerPool,
    private readonly notify: (folder: FolderState) => void,
    private readonly log: (message: string) => void,
  ) {}

  /** The checklist JSON of a folder, gathering the workspace on first use. */
  async checklist(folder: FolderState): Promise<ChecklistJson> {
    const snapshot = await this.snapshot(folder);
    return evaluateSnapshot(snapshot, folder.config);
  }

  async report(folder: FolderState): Promise<string> {
    return formatChecklistMarkdown(await this.checklist(folder), basename(folder.root) || folder.root);
  }

  /**
   * A diagnostics scan of the folder started and will also collect the checklist's facts: a first
   * checklist request waits for it instead of parsing the workspace a second time. When it ends, a
   * snapshot already in use is replaced with its fresher data.
   */
  scanStarted(folder: FolderState, handover: Promise<ScanHandover | undefined>): void {
    const tracked = handover.then((data) => {
      if (this.scans.get(folder) === tracked) this.scans.delete(folder);
      return data;
    });
    this.scans.set(folder, tracked);
    void tracked.then(async (data) => {
      const state = this.byFolder.get(folder);
      if (!data || !state) return;
      const snapshot = await state.snapshot.catch(() => undefined);
      if (!snapshot || snapshot.facts === data.facts) return;
      snapshot.files = new Set(data.files);
      snapshot.facts = data.facts;
      this.notify(folder);
    });
  }

  private async fromScanOrGather(folder: FolderState): Promise<WorkspaceSnapshot> {
    const started = Date.now();
    const data = await this.scans.get(folder);
    if (data) {
      const { tracked, note } = await trackedFiles(folder.root);
      this.log(`${folder.root}: checklist took ${data.files.length} files from the diagnostics scan`);
      return { root: folder.root, files: new Set(data.files), facts: data.facts, notes: [], reader: new FileReader(folder.root), ...(tracked ? { tracked } : {}), ...(note ? { trackedNote: note } : {}) };
    }
    const result = await gatherWorkspace(folder.root, folder.config, this.pool());
    this.log(`${folder.root}: checklist gathered ${result.files.size} files in ${Date.now() - started} ms`);
    return result;
  }

  private snapshot(folder: FolderState): Promise<WorkspaceSnapshot> {
    let state = this.byFolder.get(folder);
    if (!state) {
      const snapshot = this.fromScanOrGather(folder);
      state = { snapshot, pending: new Map() };
      // A failed gathering is retried on the next request.
      snapshot.catch(() => this.byFolder.delete(folder));
      this.byFolder.set(folder, state);
    }
    return state.snapshot;
  }

  /** A file changed on disk: remembered, and applied with the others of the same moment. */
  fileChanged(folder: FolderState, uri: string, type: FileChangeType): void {
    const state = this.byFolder.get(folder);
    if (!state || !uri.startsWith('file:')) return;
    const path = fileURLToPath(uri);
    const relativePath = toPosix(relative(folder.root, path));
    if (relativePath === '' || relativePath.startsWith('..') || isAbsolute(relativePath) || relativePath.split('/').includes('.git')) return;
    state.pending.set(relativePath, type);
    clearTimeout(state.timer);
    state.timer = setTimeout(() => void this.applyChanges(folder, state).catch((error: unknown) => this.log(`checklist update failed: ${String(error)}`)), SETTLE_MS);
  }

  private async applyChanges(folder: FolderState, state: FolderChecklist): Promise<void> {
    const snapshot = await state.snapshot;
    const changes = [...state.pending];
    state.pending.clear();
    const filter = new PathFilter({ include: [], exclude: folder.config.exclude });
    const analyses: Array<Promise<void>> = [];
    for (const [path, type] of changes) {
      snapshot.reader.forget(path);
      if (type === FileChangeType.Deleted || filter.isExcludedFile(path)) {
        snapshot.files.delete(path);
        snapshot.facts.delete(path);
        continue;
      }
      snapshot.files.add(path);
      if (!languageForPath(path)) continue;
      const absolutePath = join(folder.root, path);
      analyses.push(
        this.pool()
          .analyze({ absolutePath, relativePath: path, displayPath: path, fix: 'none', facts: true }, folder.config)
          .then((outcome) => {
            if (outcome.cancelled) return;
            if (outcome.notes.some((note) => note.reason === 'vanished')) {
              snapshot.files.delete(path);
              snapshot.facts.delete(path);
            } else {
              snapshot.facts.set(path, factsOf(outcome));
            }
          }),
      );
    }
    await Promise.all(analyses);
    // Commits, `git add` and .gitignore edits change what is tracked.
    const { tracked, note } = await trackedFiles(folder.root);
    if (tracked) snapshot.tracked = tracked;
    else delete snapshot.tracked;
    if (note) snapshot.trackedNote = note;
    else delete snapshot.trackedNote;
    this.notify(folder);
  }

  /** Configuration changed: the snapshot stays (files did not change), the items are re-evaluated. */
  configChanged(folder: FolderState): void {
    if (this.byFolder.has(folder)) this.notify(folder);
  }

  forget(folder: FolderState): void {
    clearTimeout(this.byFolder.get(folder)?.timer);
    this.byFolder.delete(folder);
  }

  async setItem(folder: FolderState, params: SetChecklistItemParams): Promise<SetChecklistItemResult> {
    if (params.kind === 'manual') {
      const item = itemById(params.id);
      if (!item) return { ok: false, message: `no checklist item "${params.id}"` };
      const current = (await this.checklist(folder)).items.find((candidate) => candidate.id === params.id);
      if (current?.status !== 'manual') return { ok: false, message: `${params.id} is ${current?.status ?? 'unknown'}, not a manual item` };
      writeManualTick(folder.root, params.id, params.checked);
      this.notify(folder);
      return { ok: true };
    }
    if (params.kind !== 'markdown' || typeof params.path !== 'string' || !Number.isInteger(params.line) || params.line < 1) {
      return { ok: false, message: 'expected kind "markdown" with path and a 1-based line, or kind "manual" with an id' };
    }
    const states = params.state === 'x' || params.state === 'X' ? { checkedState: params.state } : params.state === ' ' || params.state === '~' ? { uncheckedState: params.state } : {};
    const result = setMarkdownItemOnDisk(folder.root, params.path, params.line, params.checked, { ...states, ...(params.text !== undefined ? { text: params.text } : {}) });
    if (!result.ok) return result;
    const state = this.byFolder.get(folder);
    if (state) (await state.snapshot).reader.forget(params.path);
    this.notify(folder);
    return { ok: true };
  }
}
