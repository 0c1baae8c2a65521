import type { LanguageDefinition } from './types';
import { rangesAfterAttributes } from './rust-attributes';
import { hasDirectory, pathSegments } from './paths';

const TEST_DIRECTORIES = new Set(['tests', 'benches', 'examples']);

export const rust: LanguageDefinition = {
  id: 'rust',
  family: 'rust',
  grammar: 'tree-sitter-rust',
  matchesPath: (_path, baseName) => baseName.endsWith('.rs'),
  comment: { line: '//', block: ['/*', '*/'] },
  commentNodeTypes: ['line_comment', 'block_comment'],
  isTestPath(relativePath) {
    const segments = pathSegments(relativePath);
    return segments[segments.length - 1] === 'build.rs' || hasDirectory(relativePath, TEST_DIRECTORIES);
  },
  testCodeRanges: (root, tools) => rangesAfterAttributes(root, tools),
};
