import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { FileNote, SkipReason } from '../engine/finding';

export interface SourceFile {
  /** Decoded text without a byte-order mark. */
  text: string;
  /** The file started with a UTF-8 byte-order mark, to be restored when writing fixes. */
  bom: boolean;
  /** Bytes that are not UTF-8 were replaced by U+FFFD; the file must not be rewritten. */
  invalidUtf8: boolean;
  /** Size and modification time when read, to detect a change before writing fixes. */
  size: number;
  mtimeMs: number;
}

export type ReadOutcome = { file: SourceFile } | { note: FileNote };

/** How far into a file NUL bytes are looked for, as git and ripgrep do. */
const BINARY_PROBE_BYTES = 8000;

function skipped(path: string, reason: SkipReason, message: string): ReadOutcome {
  return { note: { path, kind: 'skipped', reason, message } };
}

function reasonForError(path: string, error: NodeJS.ErrnoException): ReadOutcome {
  switch (error.code) {
    case 'ENOENT':
      return skipped(path, 'vanished', 'the file was deleted before it could be read');
    case 'EACCES':
    case 'EPERM':
      return skipped(path, 'unreadable', `permission denied (${error.code})`);
    case 'ELOOP':
      return skipped(path, 'symlink-loop', 'symbolic link loop');
    case 'EISDIR':
      return skipped(path, 'not-a-regular-file', 'is a directory');
    default:
      return skipped(path, 'unreadable', `${error.code ?? 'error'}: ${error.message}`);
  }
}

/**
 * Reads a source file defensively: never blocks on a FIFO or device (non-blocking open, then a
 * regular-file check on the open descriptor), never reads past `maxFileBytes`, and turns every
 * failure into a note with its reason.
 */
export function readSource(absolutePath: string, displayPath: string, maxFileBytes: number): ReadOutcome {
  let fd: number;
  try {
    fd = openSync(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    return reasonForError(displayPath, error as NodeJS.ErrnoException);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      const kind = stat.isFIFO() ? 'a named pipe' : stat.isSocket() ? 'a socket' : stat.isDirectory() ? 'a directory' : 'a device';
      return skipped(displayPath, 'not-a-regular-file', `not a regular file (${kind})`);
    }
    if (stat.size > maxFileBytes) {
      return skipped(displayPath, 'too-large', `${stat.size} bytes exceeds maxFileBytes (${maxFileBytes})`);
    }
    const buffer = Buffer.allocUnsafe(stat.size);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, length);
      if (read === 0) break;
      length += read;
    }
    const bytes = buffer.subarray(0, length);
    if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) return skipped(displayPath, 'binary', 'binary content (NUL bytes)');
    const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const body = bom ? bytes.subarray(3) : bytes;
    let text: string;
    let invalidUtf8 = false;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      invalidUtf8 = true;
      text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(body);
    }
    return { file: { text, bom, invalidUtf8, size: stat.size, mtimeMs: stat.mtimeMs } };
  } catch (error) {
    return reasonForError(displayPath, error as NodeJS.ErrnoException);
  } finally {
    closeSync(fd);
  }
}
