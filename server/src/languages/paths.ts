/** Helpers for classifying workspace-relative POSIX paths. */

export function pathSegments(relativePath: string): string[] {
  return relativePath.split('/').filter((segment) => segment !== '' && segment !== '.');
}

/** True when one of the path's directories (not the file name) is in `names`. */
export function hasDirectory(relativePath: string, names: ReadonlySet<string>): boolean {
  const segments = pathSegments(relativePath);
  for (let i = 0; i < segments.length - 1; i++) {
    if (names.has(segments[i]!)) return true;
  }
  return false;
}

export function extensionOf(baseName: string): string {
  const dot = baseName.lastIndexOf('.');
  return dot <= 0 ? '' : baseName.slice(dot).toLowerCase();
}

/** Offset just past a leading `#!` line, so file-level comments never displace it. */
export function afterShebang(text: string): number {
  if (!text.startsWith('#!')) return 0;
  const newline = text.indexOf('\n');
  return newline === -1 ? text.length : newline + 1;
}
