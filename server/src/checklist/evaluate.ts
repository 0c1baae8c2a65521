// Evaluates every checklist item over plain inputs, applies `.readiness.json` overrides and the
// manual ticks, and lists the team's own Markdown checklist items. Pure.
import { Minimatch } from 'minimatch';
import { ChecklistContext } from './context';
import { ITEMS } from './items';
import { parseMarkdownChecklist } from './parse/markdown';
import type { ChecklistInput, ChecklistItem, ChecklistJson, Evidence, MarkdownItem } from './types';

/** Markdown files matching the configured checklist globs. */
export function checklistFiles(files: readonly string[], globs: readonly string[]): string[] {
  const matchers = globs.map((glob) => new Minimatch(glob, { dot: true, nocase: true, matchBase: !glob.includes('/') }));
  return files.filter((path) => /\.(md|markdown)$/i.test(path) && matchers.some((matcher) => matcher.match(path)));
}

export function markdownItems(input: Pick<ChecklistInput, 'files' | 'read' | 'config'>, readBytes?: (path: string) => Uint8Array | undefined, notes: Evidence[] = []): MarkdownItem[] {
  const items: MarkdownItem[] = [];
  for (const path of checklistFiles(input.files, input.config.checklist.files)) {
    const text = readBytes ? undefined : input.read(path);
    const bytes = readBytes ? readBytes(path) : text === undefined ? undefined : Buffer.from(text, 'utf8');
    if (!bytes) {
      notes.push({ path, note: 'checklist not read: unreadable, not a regular file or larger than 1 MiB' });
      continue;
    }
    for (const { stateOffset: _offset, ...item } of parseMarkdownChecklist(path, bytes).items) items.push(item);
  }
  return items;
}

export function evaluateChecklist(input: ChecklistInput, readBytes?: (path: string) => Uint8Array | undefined): ChecklistJson {
  const context = new ChecklistContext(input);
  const notes: Evidence[] = [];
  const items: ChecklistItem[] = ITEMS.map((definition) => {
    let outcome;
    try {
      outcome = definition.evaluate(context);
    } catch (error) {
      outcome = { status: 'manual' as const, evidence: [{ path: '.', note: `could not be evaluated: ${error instanceof Error ? error.message : String(error)}` }] };
    }
    const item: ChecklistItem = { id: definition.id, category: definition.category, title: definition.title, status: outcome.status, evidence: outcome.evidence };
    const override = input.config.checklist.overrides[definition.id];
    if (override) {
      item.status = override.status;
      item.overridden = true;
      item.evidence = [{ path: '.readiness.json', note: `set to ${override.status} by checklist.overrides: ${override.reason}` }, ...outcome.evidence];
    }
    if (item.status === 'manual') item.checked = input.manualState[definition.id] === true;
    return item;
  });
  for (const id of Object.keys(input.config.checklist.overrides)) {
    if (!ITEMS.some((item) => item.id === id)) notes.push({ path: '.readiness.json', note: `checklist.overrides names an unknown item "${id}"` });
  }
  for (const [path, facts] of input.facts) if (facts.problem) notes.push({ path, note: facts.problem });
  const json: ChecklistJson = { items, markdown: markdownItems(input, readBytes, notes) };
  if (notes.length > 0) json.notes = notes;
  return json;
}
