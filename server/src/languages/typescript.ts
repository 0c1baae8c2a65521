import type { LanguageDefinition } from './types';
import { afterShebang, extensionOf, hasDirectory } from './paths';

const TEST_DIRECTORIES = new Set(['__tests__', '__mocks__', 'test', 'tests', 'spec', 'e2e', 'cypress']);
const TEST_FILE = /\.(test|spec|e2e|cy|stories)\.[cm]?[jt]sx?$/;

function isTestPath(relativePath: string): boolean {
  return TEST_FILE.test(relativePath) || hasDirectory(relativePath, TEST_DIRECTORIES);
}

const shared = {
  family: 'typescript',
  comment: { line: '//', block: ['/*', '*/'] },
  commentNodeTypes: ['comment'],
  functionTypes: new Set(['function_declaration', 'generator_function_declaration', 'method_definition', 'arrow_function', 'function_expression', 'generator_function']),
  isTestPath,
  fileHeaderEnd: (document) => afterShebang(document.text),
} as const satisfies Partial<LanguageDefinition>;

export const typescript: LanguageDefinition = {
  ...shared,
  id: 'typescript',
  grammar: 'tree-sitter-typescript',
  matchesPath: (_path, baseName) => ['.ts', '.mts', '.cts'].includes(extensionOf(baseName)) && !baseName.endsWith('.d.ts'),
};

export const tsx: LanguageDefinition = {
  ...shared,
  id: 'tsx',
  grammar: 'tree-sitter-tsx',
  matchesPath: (_path, baseName) => extensionOf(baseName) === '.tsx',
};

export const javascript: LanguageDefinition = {
  ...shared,
  id: 'javascript',
  grammar: 'tree-sitter-javascript',
  matchesPath: (_path, baseName) => ['.js', '.mjs', '.cjs', '.jsx'].includes(extensionOf(baseName)),
};
