// The team's Markdown checklists: task-list items with their lines, and the one-byte tick.
// Works on bytes, so CRLF, tabs, odd encodings and everything else in the file survive a tick.
import type { MarkdownItem, MarkdownState } from '../types';

/** A list item with a task box: indentation (maybe inside a blockquote), bullet, space, `[?]`. */
const ITEM = /^((?:[ \t]*>)*[ \t]*)([-*+]|\d{1,9}[.)])([ \t]+)\[([ xX~])\](?=[ \t]|$)/;
const FENCE = /^(?:[ \t]*>)*[ ]{0,3}(`{3,}|~{3,})/;
const HEADING = /^[ ]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;

interface RawLine {
  /** Byte offset of the line's first byte. */
  start: number;
  /** The line's bytes decoded one byte per character (latin1), so indexes are byte offsets. */
  bytes: string;
}

function splitLines(buffer: Uint8Array): RawLine[] {
  const lines: RawLine[] = [];
  let start = 0;
  for (let i = 0; i <= buffer.length; i++) {
    if (i === buffer.length || buffer[i] === 0x0a) {
      let end = i;
      if (end > start && buffer[end - 1] === 0x0d) end--;
      lines.push({ start, bytes: Buffer.from(buffer.subarray(start, end)).toString('latin1') });
      start = i + 1;
    }
  }
  return lines;
}

function columns(indent: string): number {
  let width = 0;
  for (const char of indent) width = char === '\t' ? width + 4 - (width % 4) : char === '>' ? 0 : width + 1;
  return width;
}

function decode(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

/** Inline Markdown reduced to its text: emphasis markers, code ticks and link targets dropped. */
function plainText(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_](\S(?:.*?\S)?)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .trim();
}

export interface ParsedChecklist {
  items: Array<MarkdownItem & { stateOffset: number }>;
}

/** Task-list items of a Markdown file, skipping fenced code blocks and HTML comments. */
export function parseMarkdownChecklist(path: string, content: Uint8Array): ParsedChecklist {
  const items: ParsedChecklist['items'] = [];
  let fence: { char: string; length: number } | undefined;
  let inComment = false;
  let section: string | undefined;
  /** Indentation columns of the open list items, to compute nesting. */
  const open: number[] = [];
  const lines = splitLines(content);
  lines.forEach((line, index) => {
    const text = line.bytes;
    if (fence) {
      const close = FENCE.exec(text);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length && text.trim().replace(/^(>\s*)*/, '') === close[1]) fence = undefined;
      return;
    }
    if (inComment) {
      if (text.includes('-->')) inComment = false;
      return;
    }
    const opening = FENCE.exec(text);
    if (opening) {
      fence = { char: opening[1]![0]!, length: opening[1]!.length };
      return;
    }
    if (/^\s*<!--/.test(text) && !text.includes('-->')) {
      inComment = true;
      return;
    }
    const heading = HEADING.exec(text);
    if (heading) {
      section = plainText(decode(heading[2]!));
      open.length = 0;
      return;
    }
    const match = ITEM.exec(text);
    if (!match) {
      if (text.trim() === '') return;
      const indent = columns(/^[ \t>]*/.exec(text)![0]);
      while (open.length > 0 && indent <= open.at(-1)! && !/^[ \t]*([-*+]|\d+[.)])[ \t]/.test(text)) open.pop();
      return;
    }
    const indent = columns(match[1]!);
    while (open.length > 0 && open.at(-1)! >= indent) open.pop();
    const depth = open.length;
    open.push(indent);
    const stateOffset = match[1]!.length + match[2]!.length + match[3]!.length + 1;
    const state = text[stateOffset] as MarkdownState;
    const item: ParsedChecklist['items'][number] = {
      path,
      line: index + 1,
      text: plainText(decode(text.slice(stateOffset + 2))),
      checked: state === 'x' || state === 'X',
      state,
      depth,
      stateOffset: line.start + stateOffset,
    };
    if (section !== undefined) item.section = section;
    items.push(item);
  });
  return { items };
}

export type ToggleResult = { ok: true; content: Uint8Array; item: MarkdownItem } | { ok: false; message: string };

/**
 * Sets the state of the item on `line` (1-based): `checked` writes `checkedState` (default `x`),
 * unchecked writes `uncheckedState` (default a space). Only that one byte changes; when it already
 * has the wanted state, nothing does. Fails when the line is not a task item.
 */
export function setMarkdownItem(
  path: string,
  content: Uint8Array,
  line: number,
  checked: boolean,
  states: { checkedState?: 'x' | 'X'; uncheckedState?: ' ' | '~' } = {},
): ToggleResult {
  const item = parseMarkdownChecklist(path, content).items.find((candidate) => candidate.line === line);
  if (!item) return { ok: false, message: `line ${line} of ${path} is not a checklist item (the file may have changed)` };
  const wanted = checked ? (item.checked && !states.checkedState ? item.state : (states.checkedState ?? 'x')) : (!item.checked && !states.uncheckedState ? item.state : (states.uncheckedState ?? ' '));
  const copy = new Uint8Array(content);
  copy[item.stateOffset] = wanted.charCodeAt(0);
  const { stateOffset: _offset, ...plain } = item;
  return { ok: true, content: copy, item: { ...plain, state: wanted as MarkdownState, checked: wanted === 'x' || wanted === 'X' } };
}

/** Whether a path is one of the team's checklists by the configured globs' usual names. */
export function looksLikeChecklistName(baseName: string): boolean {
  return /\.(md|markdown)$/i.test(baseName);
}
