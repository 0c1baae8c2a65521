import type { LanguageDefinition } from './types';
import { afterShebang, hasDirectory, pathSegments } from './paths';

const TEST_DIRECTORIES = new Set(['tests', 'test', 'testing']);
const ENCODING_LINE = /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+.*(\r?\n|$)/;

function isTestPath(relativePath: string): boolean {
  const segments = pathSegments(relativePath);
  const baseName = segments[segments.length - 1] ?? '';
  return (
    /^test_.*\.py$/.test(baseName) ||
    /_test\.py$/.test(baseName) ||
    baseName === 'conftest.py' ||
    hasDirectory(relativePath, TEST_DIRECTORIES)
  );
}

export const python: LanguageDefinition = {
  id: 'python',
  family: 'python',
  grammar: 'tree-sitter-python',
  matchesPath: (_path, baseName) => baseName.endsWith('.py') || baseName.endsWith('.pyi'),
  comment: { line: '#' },
  commentNodeTypes: ['comment'],
  functionTypes: new Set(['function_definition', 'lambda']),
  isTestPath,
  fileHeaderEnd(document) {
    // PEP 263: the encoding declaration must stay on line 1 or 2.
    let offset = afterShebang(document.text);
    const encoding = ENCODING_LINE.exec(document.text.slice(offset));
    if (encoding) offset += encoding[0].length;
    return offset;
  },
};
