// The file-system side of the workspace checklist: walks the workspace, analyses code, YAML and
// TOML on the worker pool with the checklist's facts (one parse per file, shared with the rules),
// reads the few other files items need, asks git what is tracked, and keeps the manual ticks.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ResolvedConfig } from '../config/types';
import type { FileNote } from '../engine/finding';
import { RULES } from '../rules';
import type { ChecklistInput, FileFacts } from '../checklist/types';
import { evaluateChecklist } from '../checklist/evaluate';
import { setMarkdownItem } from '../checklist/parse/markdown';
import type { ChecklistJson } from '../checklist/types';
import { collectFiles } from './walk';
import { readSource } from './read';
import type { FileOutcome } from './analyze-file';
import type { WorkerPool } from './pool';

/** Where manual ticks are remembered, relative to the workspace folder. */
export const CHECKLIST_STATE_FILE = '.readiness/checklist-state.json';

/** Non-code files larger than this are not read for the checklist (they would not be configuration). */
const MAX_OTHER_FILE_BYTES = 1024 * 1024;

export interface ChecklistState {
  version: 1;
  manual: Record<string, { checked: boolean; at: string }>;
}

export function readChecklistState(root: string): ChecklistState {
  try {
    const parsed = JSON.parse(readFileSync(join(root, CHECKLIST_STATE_FILE), 'utf8')) as Partial<ChecklistState>;
    if (parsed && typeof parsed.manual === 'object' && parsed.manual !== null) return { version: 1, manual: parsed.manual };
  } catch {
    // missing or unreadable: nothing ticked
  }
  return { version: 1, manual: {} };
}

/** Persists one manual tick, atomically (temporary file, then rename). */
export function writeManualTick(root: string, id: string, checked: boolean): void {
  const state = readChecklistState(root);
  state.manual[id] = { checked, at: new Date().toISOString() };
  const file = join(root, CHECKLIST_STATE_FILE);
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, file);
}

export function manualState(root: string): Record<string, boolean> {
  return Object.fromEntries(Object.entries(readChecklistState(root).manual).map(([id, entry]) => [id, entry.checked === true]));
}

/** `git ls-files` of the workspace, or why there is none. */
export function trackedFiles(root: string): Promise<{ tracked?: Set<string>; note?: string }> {
  return new Promise((resolve) => {
    execFile('git', ['-C', root, 'ls-files', '-z', '--cached'], { maxBuffer: 512 * 1024 * 1024, encoding: 'buffer', timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) {
        const message = Buffer.from(stderr).toString('utf8');
        resolve({ note: /not a git repository/i.test(message) ? 'not a git repository: whether files are tracked is unknown, only .gitignore was checked' : `git ls-files failed (${message.split('\n')[0] || error.message}): tracked files unknown` });
        return;
      }
      resolve({ tracked: new Set(Buffer.from(stdout).toString('utf8').split('\0').filter(Boolean)) });
    });
  });
}

export function factsOf(outcome: FileOutcome): FileFacts {
  const facts: FileFacts = outcome.facts ?? { findings: [], signals: [] };
  return { ...facts, findings: outcome.findings.map((finding) => ({ ruleId: finding.ruleId, line: finding.range.start.line + 1, message: finding.message })) };
}

export function activeRuleIds(config: ResolvedConfig): Set<string> {
  return new Set(RULES.filter((rule) => (config.rules[rule.meta.id] ?? rule.meta.defaultSeverity) !== 'off').map((rule) => rule.meta.id));
}

/** Reads small non-code files on demand, once each. */
export class FileReader {
  private readonly texts = new Map<string, string | undefined>();

  constructor(private readonly root: string) {}

  read(path: string): string | undefined {
    if (!this.texts.has(path)) {
      const outcome = readSource(join(this.root, path), path, MAX_OTHER_FILE_BYTES);
      this.texts.set(path, 'file' in outcome ? outcome.file.text : undefined);
    }
    return this.texts.get(path);
  }

  /** Raw bytes (for Markdown checklists, whose ticks must keep every byte), within the same size limit. */
  bytes(path: string): Uint8Array | undefined {
    try {
      const absolute = join(this.root, path);
      const stat = statSync(absolute);
      if (!stat.isFile() || stat.size > MAX_OTHER_FILE_BYTES) return undefined;
      return readFileSync(absolute);
    } catch {
      return undefined;
    }
  }

  forget(path: string): void {
    this.texts.delete(path);
  }
}

export interface WorkspaceSnapshot {
  root: string;
  /** Every file, and the analysed ones' facts. */
  files: Set<string>;
  facts: Map<string, FileFacts>;
  notes: FileNote[];
  reader: FileReader;
  tracked?: Set<string>;
  trackedNote?: string;
}

/** Walks and analyses the whole workspace for the checklist. */
export async function gatherWorkspace(root: string, config: ResolvedConfig, pool: WorkerPool): Promise<WorkspaceSnapshot> {
  const git = trackedFiles(root);
  const files = new Set<string>();
  const facts = new Map<string, FileFacts>();
  const pending: Array<Promise<void>> = [];
  const notes: FileNote[] = [];
  const walk = await collectFiles(
    [root],
    root,
    { include: [], exclude: config.exclude },
    (file) => {
      files.add(file.relativePath);
      pending.push(
        pool.analyze({ absolutePath: file.absolutePath, relativePath: file.relativePath, displayPath: file.relativePath, fix: 'none', facts: true }, config).then((outcome) => {
          notes.push(...outcome.notes);
          facts.set(file.relativePath, factsOf(outcome));
        }),
      );
    },
    (file) => files.add(file.relativePath),
  );
  notes.push(...walk.notes);
  await Promise.all(pending);
  const { tracked, note } = await git;
  return { root, files, facts, notes, reader: new FileReader(root), ...(tracked ? { tracked } : {}), ...(note ? { trackedNote: note } : {}) };
}

export function checklistInput(snapshot: WorkspaceSnapshot, config: ResolvedConfig): ChecklistInput {
  const input: ChecklistInput = {
    files: [...snapshot.files].sort(),
    read: (path) => snapshot.reader.read(path),
    tracked: snapshot.tracked,
    facts: snapshot.facts,
    config,
    activeRules: activeRuleIds(config),
    knownRules: new Set(RULES.map((rule) => rule.meta.id)),
    manualState: manualState(snapshot.root),
  };
  if (snapshot.trackedNote) input.trackedNote = snapshot.trackedNote;
  return input;
}

export function evaluateSnapshot(snapshot: WorkspaceSnapshot, config: ResolvedConfig): ChecklistJson {
  return evaluateChecklist(checklistInput(snapshot, config), (path) => snapshot.reader.bytes(path));
}

export type SetItemResult = { ok: true } | { ok: false; message: string };

/**
 * Ticks or unticks a Markdown checklist item on disk: the file is read afresh (never a cached copy),
 * the one state byte changed, and the file written only if it did not change meanwhile. `text`, when
 * given, must still be the item's text, so a line that now holds another item is not ticked.
 */
export function setMarkdownItemOnDisk(
  root: string,
  path: string,
  line: number,
  checked: boolean,
  options: { text?: string; checkedState?: 'x' | 'X'; uncheckedState?: ' ' | '~' } = {},
): SetItemResult {
  if (path.startsWith('/') || path.split('/').includes('..') || !/\.(md|markdown)$/i.test(path)) return { ok: false, message: `${path} is not a Markdown file inside the workspace` };
  const absolute = join(root, path);
  let before: Buffer;
  let stamp: { size: number; mtimeMs: number };
  try {
    before = readFileSync(absolute);
    const stat = statSync(absolute);
    stamp = { size: stat.size, mtimeMs: stat.mtimeMs };
  } catch (error) {
    return { ok: false, message: `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  const result = setMarkdownItem(path, before, line, checked, options);
  if (!result.ok) return result;
  if (options.text !== undefined && result.item.text !== options.text) {
    return { ok: false, message: `line ${line} of ${path} now reads "${result.item.text}", not "${options.text}"; nothing was written` };
  }
  if (Buffer.compare(Buffer.from(result.content), before) === 0) return { ok: true };
  try {
    const now = statSync(absolute);
    if (now.size !== stamp.size || now.mtimeMs !== stamp.mtimeMs || Buffer.compare(readFileSync(absolute), before) !== 0) {
      return { ok: false, message: `${path} changed on disk while it was being ticked; nothing was written` };
    }
    writeFileSync(absolute, result.content);
  } catch (error) {
    return { ok: false, message: `cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  return { ok: true };
}
