/**
 * Why a glob cannot do what the user meant, or undefined when it is fine. minimatch accepts almost
 * any string and silently matches nothing, so the mistakes users make are checked here.
 */
export function globProblem(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'empty pattern';
  if (pattern.includes('\0')) return 'contains a NUL character';
  if (pattern.startsWith('/') || /^[A-Za-z]:[\\/]/.test(pattern)) return 'globs are relative to the workspace root, not absolute';
  if (/(^|\/)\.\.(\/|$)/.test(pattern)) return 'globs cannot reach outside the workspace with ..';
  let braces = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      if (i === pattern.length - 1) return 'ends with a lone backslash';
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']' && pattern[i - 1] !== '[' && !(pattern[i - 1] === '!' && pattern[i - 2] === '[')) inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '{') braces++;
    else if (char === '}') {
      if (braces === 0) return 'unmatched }';
      braces--;
    }
  }
  if (inClass) return 'unclosed [ character class';
  if (braces > 0) return 'unclosed { brace';
  return undefined;
}
