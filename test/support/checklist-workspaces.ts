import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';

export const CHECKLIST_WORKSPACES = join(REPO_ROOT, 'test', 'workspaces', 'checklist');

/**
 * Files that would change the checkout's own git behaviour are stored without their dot
 * (`gitignore`, `dockerignore`) and get it back in the copy.
 */
const RENAMES: Record<string, string> = { gitignore: '.gitignore', dockerignore: '.dockerignore' };

function restoreDotFiles(directory: string): void {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) restoreDotFiles(path);
    else if (RENAMES[name]) renameSync(path, join(directory, RENAMES[name]!));
  }
}

export function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-C', root, '-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' });
}

/** A temporary copy of a test workspace; with `git`, a repository with everything not ignored committed. */
export function materialize(name: string, options: { git: boolean }): string {
  const root = mkdtempSync(join(tmpdir(), `readiness-checklist-${name}-`));
  cpSync(join(CHECKLIST_WORKSPACES, name), root, { recursive: true });
  restoreDotFiles(root);
  if (options.git) {
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'initial');
  }
  return root;
}
