import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The installed package's root: the nearest directory above this file with our package.json —
 * beside `grammars/` in a checkout or npm install, or named `readiness` in the packaged extension,
 * whose grammars sit beside the bundles instead.
 */
export function packageRoot(start: string = __dirname): string | undefined {
  for (let dir = start; dirname(dir) !== dir; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (existsSync(join(dir, 'grammars')) || isReadinessManifest(manifest))) return dir;
  }
  return undefined;
}

function isReadinessManifest(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'readiness';
  } catch {
    return false;
  }
}

export function packageVersion(): string {
  const root = packageRoot();
  if (!root) return '0.0.0';
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/** A rule's documentation page as shipped in `docs/rules/`, if present. */
export function ruleDocMarkdown(ruleId: string): string | undefined {
  const root = packageRoot();
  const file = root && join(root, 'docs', 'rules', `${ruleId}.md`);
  return file && existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
