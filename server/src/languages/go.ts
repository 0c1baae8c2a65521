import type { LanguageDefinition } from './types';
import { hasDirectory } from './paths';

const TEST_DIRECTORIES = new Set(['testdata']);

export const go: LanguageDefinition = {
  id: 'go',
  family: 'go',
  grammar: 'tree-sitter-go',
  matchesPath: (_path, baseName) => baseName.endsWith('.go'),
  comment: { line: '//', block: ['/*', '*/'] },
  commentNodeTypes: ['comment'],
  functionTypes: new Set(['function_declaration', 'method_declaration', 'func_literal']),
  isTestPath: (relativePath) => relativePath.endsWith('_test.go') || hasDirectory(relativePath, TEST_DIRECTORIES),
};
