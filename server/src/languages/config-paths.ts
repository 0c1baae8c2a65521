import { hasDirectory } from './paths';

const TEST_DIRECTORIES = new Set(['test', 'tests', '__tests__', 'spec', 'testdata', 'fixtures', '__fixtures__', 'e2e']);

/** Configuration under test and fixture directories configures tests, not deployments. */
export function configTestPath(relativePath: string): boolean {
  return hasDirectory(relativePath, TEST_DIRECTORIES);
}

/** Files that document settings rather than deploy them. */
export function isExampleConfig(relativePath: string): boolean {
  return /\.(example|sample|template|dist)(\.[a-z]+)?$/i.test(relativePath) || /(^|\/)[^/]*\.example\.[^/]+$/i.test(relativePath);
}
