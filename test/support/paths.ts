import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest directory above the compiled tests that holds package.json. */
function findRepoRoot(start: string): string {
  for (let dir = start; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'server'))) return dir;
  }
  throw new Error(`no repository root above ${start}`);
}

export const REPO_ROOT = findRepoRoot(__dirname);

export const RULES_DIR = join(REPO_ROOT, 'server', 'src', 'rules');
