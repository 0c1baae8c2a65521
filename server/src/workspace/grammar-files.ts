import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GrammarSource } from '../engine/grammars';

/**
 * Finds `grammars/` by walking up from this file: it sits beside the bundles in the packaged
 * extension and at the repository root in a checkout.
 */
export function findGrammarDirectory(start: string = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'grammars');
    if (existsSync(join(candidate, 'manifest.json'))) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error('grammars/manifest.json not found: run `npm install` (it builds the grammars)');
}

export function grammarFiles(directory: string = findGrammarDirectory()): GrammarSource {
  return {
    runtime: () => readFileSync(join(directory, 'web-tree-sitter.wasm')),
    grammar: (name) => readFileSync(join(directory, `${name}.wasm`)),
  };
}
