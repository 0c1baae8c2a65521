import type { Dirent, Stats } from 'node:fs';
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { Minimatch } from 'minimatch';
import type { FileNote } from '../engine/finding';
import { languageForPath } from '../languages';
import { DEFAULT_EXCLUDES, type ResolvedConfig } from '../config/types';

export interface Candidate {
  absolutePath: string;
  /** Relative to the workspace root, POSIX separators: what globs, languages and test detection see. */
  relativePath: string;
}

export interface WalkResult {
  files: Candidate[];
  notes: FileNote[];
}

export function toPosix(path: string): string {
  return path.split('\\').join('/');
}

/** Include/exclude globs, compiled once, matched against workspace-relative paths. */
export class PathFilter {
  private readonly excludes: Minimatch[];
  /** `**\/node_modules/**` also prunes the `node_modules` directory itself. */
  private readonly directoryExcludes: Minimatch[];
  private readonly includes: Minimatch[];

  constructor(config: Pick<ResolvedConfig, 'include' | 'exclude'>) {
    const options = { dot: true, nocomment: true };
    const excludes = [...DEFAULT_EXCLUDES, ...config.exclude];
    this.excludes = excludes.map((pattern) => new Minimatch(pattern, options));
    this.directoryExcludes = excludes.map((pattern) => new Minimatch(pattern.replace(/\/\*\*$/, ''), options));
    this.includes = config.include.map((pattern) => new Minimatch(pattern, options));
  }

  isExcludedDirectory(relativeDir: string): boolean {
    return relativeDir !== '' && this.directoryExcludes.some((pattern) => pattern.match(relativeDir));
  }

  isExcludedFile(relativePath: string): boolean {
    if (this.excludes.some((pattern) => pattern.match(relativePath))) return true;
    return this.includes.length > 0 && !this.includes.some((pattern) => pattern.match(relativePath));
  }
}

/** How long the walk runs between yields to the event loop. */
const YIELD_EVERY_MS = 4;

function statOrNote(path: string, display: string, notes: FileNote[]): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') notes.push({ path: display, kind: 'skipped', reason: 'symlink-loop', message: 'symbolic link loop' });
    else if (code === 'ENOENT') notes.push({ path: display, kind: 'skipped', reason: 'vanished', message: 'dangling symbolic link or deleted during the scan' });
    else notes.push({ path: display, kind: 'skipped', reason: 'unreadable', message: `${code ?? 'error'}: cannot stat` });
    return undefined;
  }
}

/**
 * Lists the supported files under the given paths, honouring default excludes and the config's
 * include/exclude globs. Symbolic links are followed; a directory reached twice (a link cycle) is
 * reported once and not entered again. Asynchronous, so a language server stays responsive while
 * a large tree is walked; `onFile` hands each file over as soon as it is found.
 */
export async function collectFiles(
  paths: readonly string[],
  workspaceRoot: string,
  config: Pick<ResolvedConfig, 'include' | 'exclude'>,
  onFile?: (file: Candidate) => void,
  /** Called for every other regular file that is not excluded (the checklist's inventory). */
  onOtherFile?: (file: Candidate) => void,
): Promise<WalkResult> {
  const filter = new PathFilter(config);
  const files: Candidate[] = [];
  const notes: FileNote[] = [];
  const visitedDirectories = new Map<string, string>();
  const seenFiles = new Set<string>();

  const relativeTo = (absolute: string): string => toPosix(relative(workspaceRoot, absolute));

  const addFile = (absolutePath: string, explicit: boolean): void => {
    const relativePath = relativeTo(absolutePath);
    if (seenFiles.has(absolutePath)) return;
    seenFiles.add(absolutePath);
    if (!languageForPath(relativePath)) {
      if (onOtherFile && !filter.isExcludedFile(relativePath)) onOtherFile({ absolutePath, relativePath });
      if (explicit) notes.push({ path: relativePath, kind: 'skipped', reason: 'unsupported', message: 'no supported language for this file name' });
      return;
    }
    if (filter.isExcludedFile(relativePath)) {
      if (explicit) notes.push({ path: relativePath, kind: 'skipped', reason: 'unsupported', message: 'excluded by include/exclude globs' });
      return;
    }
    const candidate = { absolutePath, relativePath };
    files.push(candidate);
    onFile?.(candidate);
  };

  const walkDirectory = async (directory: string): Promise<void> => {
    // An explicit stack instead of recursion: trees can be deeper than the call stack.
    const stack = [directory];
    let slice = performance.now();
    while (stack.length > 0) {
      // Synchronous file system calls cost a tenth of the promise-based ones; yielding every few
      // milliseconds keeps workers fed and a language server responsive.
      if (performance.now() - slice > YIELD_EVERY_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
      const current = stack.pop()!;
      // A directory's identity is its device and inode: one stat, where realpath costs one per component.
      let identity: string;
      try {
        const { dev, ino } = statSync(current, { bigint: true });
        identity = `${dev}:${ino}`;
      } catch {
        notes.push({ path: relativeTo(current), kind: 'skipped', reason: 'symlink-loop', message: 'cannot resolve directory' });
        continue;
      }
      const firstSeenAt = visitedDirectories.get(identity);
      if (firstSeenAt !== undefined) {
        notes.push({ path: relativeTo(current), kind: 'skipped', reason: 'symlink-loop', message: `the same directory as ${relativeTo(firstSeenAt) || '.'}, which is already scanned` });
        continue;
      }
      visitedDirectories.set(identity, current);
      let entries: Dirent[];
      try {
        entries = readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (error) {
        notes.push({ path: relativeTo(current), kind: 'skipped', reason: 'unreadable', message: `cannot list directory (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
        continue;
      }
      const subdirectories: string[] = [];
      for (const entry of entries) {
        const absolute = join(current, entry.name);
        const relativePath = relativeTo(absolute);
        // Only symbolic links need a stat to learn what they point at.
        const stat = entry.isSymbolicLink() ? statOrNote(absolute, relativePath, notes) : entry;
        if (!stat) continue;
        if (stat.isDirectory()) {
          if (!filter.isExcludedDirectory(relativePath)) subdirectories.push(absolute);
        } else if (stat.isFile()) {
          addFile(absolute, false);
        } else if (languageForPath(relativePath) && !filter.isExcludedFile(relativePath)) {
          notes.push({ path: relativePath, kind: 'skipped', reason: 'not-a-regular-file', message: stat.isFIFO() ? 'not a regular file (a named pipe)' : 'not a regular file' });
        }
      }
      // Reverse so the stack pops directories in sorted order.
      stack.push(...subdirectories.reverse());
    }
  };

  for (const path of paths) {
    const absolute = isAbsolute(path) ? path : resolve(path);
    const stat = statOrNote(absolute, relativeTo(absolute) || path, notes);
    if (!stat) continue;
    if (stat.isDirectory()) await walkDirectory(absolute);
    else if (stat.isFile()) addFile(absolute, true);
    else notes.push({ path: relativeTo(absolute), kind: 'skipped', reason: 'not-a-regular-file', message: 'not a regular file' });
  }
  return { files, notes };
}
