import { languageForPath } from '../languages';
import type { ChecklistInput, Evidence, FileFacts, Signal, SignalKind } from './types';

export type Stack = 'rust' | 'go' | 'typescript' | 'python';
export const STACKS: readonly Stack[] = ['rust', 'go', 'typescript', 'python'];

export const STACK_NAMES: Record<Stack, string> = { rust: 'Rust', go: 'Go', typescript: 'TypeScript/JavaScript', python: 'Python' };

/** A directory with a manifest: one service (or library) of a possibly polyglot repository. */
export interface Service {
  /** Relative directory, `` for the root. */
  dir: string;
  stack: Stack;
  manifest: string;
  /** Code files whose nearest manifest of this stack is this one. */
  codeFiles: string[];
}

const MANIFESTS: Array<{ stack: Stack; test: (baseName: string) => boolean }> = [
  { stack: 'rust', test: (name) => name === 'Cargo.toml' },
  { stack: 'go', test: (name) => name === 'go.mod' },
  { stack: 'typescript', test: (name) => name === 'package.json' },
  { stack: 'python', test: (name) => name === 'pyproject.toml' || name === 'setup.py' || name === 'Pipfile' || /^requirements(-[\w.-]+)?\.txt$/.test(name) },
];

const CODE_STACK: Partial<Record<string, Stack>> = { rust: 'rust', go: 'go', typescript: 'typescript', python: 'python' };

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

export function isUnder(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

export function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** `services/api` or `the root` — how evidence names a service. */
export function serviceLabel(service: Pick<Service, 'dir' | 'stack'>): string {
  return `${service.dir === '' ? 'the root' : service.dir} (${STACK_NAMES[service.stack]})`;
}

/** Directories that hold fixtures and examples rather than the product. */
const NON_PRODUCT_DIRS = new Set(['test', 'tests', 'testdata', 'fixtures', '__tests__', 'examples', 'example', 'spec', 'e2e', 'node_modules', 'vendor', 'benches', 'docs']);

export function isNonProductPath(path: string): boolean {
  const segments = path.split('/');
  return segments.slice(0, -1).some((segment) => NON_PRODUCT_DIRS.has(segment));
}

/** Whether the code file is test code, by the language's own rules. */
export function isTestFile(path: string): boolean {
  return languageForPath(path)?.isTestPath(path) ?? false;
}

/**
 * Lazily computed views over the input shared by the item modules: services, signals by kind,
 * parsed Dockerfiles and workflows (each module memoises its own under a key).
 */
export class ChecklistContext {
  private readonly memo = new Map<string, unknown>();

  constructor(readonly input: ChecklistInput) {}

  cached<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }

  get files(): readonly string[] {
    return this.input.files;
  }

  read(path: string): string | undefined {
    return this.input.read(path);
  }

  has(path: string): boolean {
    return this.cached('fileSet', () => new Set(this.input.files)).has(path);
  }

  /** Files whose base name matches, outside dependency and fixture directories. */
  filesNamed(test: (baseName: string, path: string) => boolean): string[] {
    return this.input.files.filter((path) => test(baseName(path), path) && !isNonProductPath(path));
  }

  get services(): Service[] {
    return this.cached('services', () => detectServices(this.input.files));
  }

  stacks(): Set<Stack> {
    return new Set(this.services.map((service) => service.stack));
  }

  facts(path: string): FileFacts | undefined {
    return this.input.facts.get(path);
  }

  /** Signals of one kind in production code, optionally only in the given files. */
  signals(kind: SignalKind, files?: readonly string[]): Array<Signal & { path: string }> {
    const all = this.cached('signalsByKind', () => {
      const byKind = new Map<SignalKind, Array<Signal & { path: string }>>();
      for (const [path, facts] of [...this.input.facts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        for (const signal of facts.signals) {
          let list = byKind.get(signal.kind);
          if (!list) byKind.set(signal.kind, (list = []));
          list.push({ ...signal, path });
        }
      }
      return byKind;
    }).get(kind) ?? [];
    if (!files) return all;
    const wanted = new Set(files);
    return all.filter((signal) => wanted.has(signal.path));
  }
}

/** Services by manifest; a manifest directory without code of its own (a workspace root) is dropped unless no manifest has code. */
export function detectServices(files: readonly string[]): Service[] {
  const candidates: Service[] = [];
  const seen = new Set<string>();
  for (const path of files) {
    if (isNonProductPath(path)) continue;
    const name = baseName(path);
    for (const manifest of MANIFESTS) {
      if (!manifest.test(name)) continue;
      const dir = dirName(path);
      const key = `${manifest.stack}:${dir}`;
      if (seen.has(key)) continue;
      seen.add(key);
      candidates.push({ dir, stack: manifest.stack, manifest: path, codeFiles: [] });
    }
  }
  // Each code file belongs to the deepest service of its stack that contains it.
  for (const path of files) {
    const language = languageForPath(path);
    const stack = language && CODE_STACK[language.family];
    if (!stack || isNonProductPath(path) || language.isTestPath(path)) continue;
    let owner: Service | undefined;
    for (const service of candidates) {
      if (service.stack === stack && isUnder(path, service.dir) && (!owner || service.dir.length > owner.dir.length)) owner = service;
    }
    owner?.codeFiles.push(path);
  }
  const withCode = candidates.filter((service) => service.codeFiles.length > 0);
  // A manifest without code (a tooling package.json, a workspace root) is no service of its own.
  const result = withCode.length > 0 ? withCode : candidates;
  return result.sort((a, b) => a.dir.localeCompare(b.dir) || a.stack.localeCompare(b.stack));
}

export function evidence(path: string, note: string, line?: number): Evidence {
  return line === undefined ? { path, note } : { path, line, note };
}
