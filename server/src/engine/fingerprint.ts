import type { SourceDocument } from './document';
import type { Finding } from './finding';

/** A 53-bit string hash (cyrb53): stable across runs and platforms, no crypto needed. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** A short hash of a whole text, to tell whether an editor buffer still equals what a scan read. */
export function textHash(text: string): string {
  return `${text.length}:${hash53(text)}`;
}

/**
 * Fingerprints that survive unrelated edits: rule, file and the content of the finding's line
 * (whitespace ignored), plus an occurrence counter for identical lines — never the line number.
 */
export function assignFingerprints(findings: Finding[], document: SourceDocument, relativePath: string): void {
  const occurrences = new Map<string, number>();
  for (const finding of findings) {
    const line = document.lineText(finding.range.start.line).replace(/\s+/g, '');
    const key = `${finding.ruleId}\0${relativePath}\0${line}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    finding.fingerprint = `${hash53(key)}:${occurrence}`;
  }
}
