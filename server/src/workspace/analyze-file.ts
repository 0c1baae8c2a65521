import type { Engine } from '../engine/engine';
import type { FileNote, Finding } from '../engine/finding';
import { fixAll } from '../engine/fix-all';
import { textHash } from '../engine/fingerprint';
import type { ResolvedConfig } from '../config/types';
import { readSource } from './read';
import type { FileFacts } from '../checklist/types';
import { extractFacts, wantsTree } from '../checklist/signals';
import { secretNamesFor } from '../rules/shared/secret-names';
import type { TreeInspector } from '../engine/engine';

export interface FileTask {
  absolutePath: string;
  relativePath: string;
  /** How findings name the file (relative to the current directory, usually). */
  displayPath: string;
  /** `apply`: compute the text with every preferred fix applied. */
  fix: 'none' | 'apply';
  /** Also extract what the workspace checklist needs from the same parse. */
  facts?: boolean;
  /** Also return the content's hash (a language server matches opened buffers with it). */
  hash?: boolean;
  /** The content to analyse instead of the file on disk (an editor buffer). */
  text?: string;
}

export interface FileOutcome {
  displayPath: string;
  findings: Finding[];
  notes: FileNote[];
  /** The task was dropped before it ran (a cancelled scan). */
  cancelled?: boolean;
  /** With `facts`: the checklist's signals and documents (findings are filled in by the caller). */
  facts?: FileFacts;
  /** With `hash`: `textHash` of the text analysed, when it was read from disk. */
  contentHash?: string;
  /** With `fix: 'apply'`, when fixes changed the text. */
  fixed?: { original: string; text: string; bom: boolean; size: number; mtimeMs: number; applied: number };
}

/** Reads one file and analyses it (and fixes it, if asked): the unit of work of a scan. */
export function analyzeFile(engine: Engine, task: FileTask, config: ResolvedConfig): FileOutcome {
  if (task.text !== undefined) {
    const result = engine.analyze({ path: task.displayPath, relativePath: task.relativePath, text: task.text, config });
    return { displayPath: task.displayPath, findings: result.findings, notes: result.notes };
  }
  const read = readSource(task.absolutePath, task.displayPath, config.maxFileBytes);
  if ('note' in read) return { displayPath: task.displayPath, findings: [], notes: [read.note] };
  const { file } = read;
  const notes: FileNote[] = [];
  if (file.invalidUtf8) {
    notes.push({ path: task.displayPath, kind: 'warning', reason: 'invalid-utf8', message: 'not valid UTF-8: analysed with replacement characters, never rewritten by fixes' });
  }
  let notesTaken = false;
  let facts: FileFacts | undefined;
  const inspector: TreeInspector | undefined = task.facts
    ? {
        wantsTree,
        inspect: (tree, language, query) => {
          facts = extractFacts(tree, language, task.relativePath, file.text, { query, isSecretName: (name) => secretNamesFor(config.secretNames).isSecretName(name) });
        },
      }
    : undefined;
  const analyze = (text: string): Finding[] => {
    const result = engine.analyze({ path: task.displayPath, relativePath: task.relativePath, text, config, ...(inspector && !notesTaken ? { inspector } : {}) });
    // Notes describe the file as read; later fix passes would only repeat them.
    if (!notesTaken) notes.push(...result.notes);
    notesTaken = true;
    return result.findings;
  };
  if (task.fix === 'apply' && !file.invalidUtf8) {
    const result = fixAll(file.text, analyze);
    const outcome: FileOutcome = { displayPath: task.displayPath, findings: result.findings, notes };
    if (result.text !== file.text) {
      outcome.fixed = { original: file.text, text: result.text, bom: file.bom, size: file.size, mtimeMs: file.mtimeMs, applied: result.applied };
    }
    return outcome;
  }
  const findings = analyze(file.text);
  return {
    displayPath: task.displayPath,
    findings,
    notes,
    ...(task.hash ? { contentHash: textHash(file.text) } : {}),
    ...(task.facts ? { facts: facts ?? { findings: [], signals: [] } } : {}),
  };
}
