import type { Position, Range } from './finding';

/** Source text with a line index; offsets and columns are UTF-16 code units. */
export class SourceDocument {
  private lineStarts: number[] | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  /** `\r\n` when the file mostly uses it, so inserted lines match their neighbours. */
  get eol(): string {
    const firstNewline = this.text.indexOf('\n');
    return firstNewline > 0 && this.text[firstNewline - 1] === '\r' ? '\r\n' : '\n';
  }

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      const text = this.text;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  get lineCount(): number {
    return this.starts().length;
  }

  positionAt(offset: number): Position {
    const starts = this.starts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - starts[low]! };
  }

  offsetAt(position: Position): number {
    const starts = this.starts();
    if (position.line >= starts.length) return this.text.length;
    const lineStart = starts[Math.max(0, position.line)]!;
    const lineEnd = this.lineEnd(position.line);
    return Math.min(lineStart + Math.max(0, position.character), lineEnd);
  }

  rangeAt(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStart(line: number): number {
    const starts = this.starts();
    return starts[Math.min(Math.max(0, line), starts.length - 1)]!;
  }

  /** Offset of the line's end, before its `\r\n` or `\n`. */
  lineEnd(line: number): number {
    const starts = this.starts();
    if (line + 1 >= starts.length) return this.text.length;
    let end = starts[line + 1]! - 1;
    if (end > 0 && this.text[end - 1] === '\r') end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** Leading whitespace of a line, for indenting inserted code. */
  indentOf(line: number): string {
    const text = this.lineText(line);
    return text.slice(0, text.length - text.trimStart().length);
  }
}
