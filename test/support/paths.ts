import { join, resolve } from 'node:path';

/** The repository root, from `out/test/support` or `test/support`. */
export const REPO_ROOT = resolve(__dirname, __dirname.includes(`${join('out', 'test')}`) ? '../../..' : '../..');

export const RULES_DIR = join(REPO_ROOT, 'server', 'src', 'rules');
