import type { LanguageDefinition } from './types';
import { rangesAfterAttributes } from './rust-attributes';
import { hasDirectory, pathSegments } from './paths';

const TEST_DIRECTORIES = new Set(['tests', 'benches', 'examples', 'test', 'testing', 'testutil', 'testutils', 'test_utils']);
/**
 * Module files that are, by convention, declared `#[cfg(test)] mod tests;` elsewhere: the
 * attribute sits in another file, so the name is the only signal here.
 */
const TEST_MODULE_FILE = /^(tests?|testing|test_?utils?|test_helpers?|.+_tests?)\.rs$/;

export const rust: LanguageDefinition = {
  id: 'rust',
  family: 'rust',
  grammar: 'tree-sitter-rust',
  matchesPath: (_path, baseName) => baseName.endsWith('.rs'),
  comment: { line: '//', block: ['/*', '*/'] },
  commentNodeTypes: ['line_comment', 'block_comment'],
  functionTypes: new Set(['function_item', 'closure_expression']),
  isTestPath(relativePath) {
    const segments = pathSegments(relativePath);
    const baseName = segments[segments.length - 1] ?? '';
    return baseName === 'build.rs' || TEST_MODULE_FILE.test(baseName) || hasDirectory(relativePath, TEST_DIRECTORIES);
  },
  testCodeRanges: (root) => rangesAfterAttributes(root),
};
