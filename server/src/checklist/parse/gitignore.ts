// Git's ignore semantics over every .gitignore of the workspace, with the `ignore` package as the
// matcher of each file: a deeper .gitignore overrides a shallower one, a negation re-includes, and
// nothing inside an ignored directory can be re-included.
import ignore, { type Ignore } from 'ignore';

interface Layer {
  /** Directory of the .gitignore, `` for the root. */
  dir: string;
  path: string;
  matcher: Ignore;
  lines: string[];
}

export interface IgnoreDecision {
  ignored: boolean;
  /** The .gitignore and line of the deciding pattern, when one decided. */
  source?: { path: string; line: number; pattern: string };
}

export class GitignoreMatcher {
  private readonly layers: Layer[] = [];

  /** `files`: each .gitignore's path (relative, POSIX) and text. */
  constructor(files: ReadonlyArray<{ path: string; text: string }>) {
    for (const file of files) {
      const slash = file.path.lastIndexOf('/');
      const dir = slash === -1 ? '' : file.path.slice(0, slash);
      const lines = file.text.split(/\r?\n/);
      this.layers.push({ dir, path: file.path, matcher: ignore({ allowRelativePaths: true }).add(file.text), lines });
    }
    this.layers.sort((a, b) => a.dir.split('/').length - b.dir.split('/').length);
  }

  get files(): string[] {
    return this.layers.map((layer) => layer.path);
  }

  /** Whether a path (a file, or a directory when it ends with `/`) is ignored. */
  decide(path: string): IgnoreDecision {
    const segments = path.replace(/\/$/, '').split('/');
    const isDirectory = path.endsWith('/');
    // A parent directory that is ignored ignores everything below it.
    for (let depth = 1; depth < segments.length; depth++) {
      const parent = `${segments.slice(0, depth).join('/')}/`;
      const decision = this.decideOne(parent);
      if (decision.ignored) return decision;
    }
    return this.decideOne(isDirectory ? `${segments.join('/')}/` : segments.join('/'));
  }

  isIgnored(path: string): boolean {
    return this.decide(path).ignored;
  }

  private decideOne(path: string): IgnoreDecision {
    let decision: IgnoreDecision = { ignored: false };
    for (const layer of this.layers) {
      if (layer.dir !== '' && !path.startsWith(`${layer.dir}/`)) continue;
      const relative = layer.dir === '' ? path : path.slice(layer.dir.length + 1);
      if (relative === '' || relative === '/') continue;
      const result = layer.matcher.test(relative);
      if (!result.ignored && !result.unignored) continue;
      const source = result.unignored ? this.negationFor(layer, relative) : result.rule ? { pattern: result.rule.pattern, line: layer.lines.findIndex((text) => text.trim() === result.rule!.pattern) + 1 } : undefined;
      decision = { ignored: result.ignored, ...(source ? { source: { path: layer.path, line: source.line, pattern: source.pattern } } : {}) };
    }
    return decision;
  }

  /** The last negation line of a layer that matches the path (the `ignore` package does not say which). */
  private negationFor(layer: Layer, relative: string): { pattern: string; line: number } | undefined {
    for (let index = layer.lines.length - 1; index >= 0; index--) {
      const text = layer.lines[index]!.trim();
      if (!text.startsWith('!')) continue;
      if (ignore({ allowRelativePaths: true }).add(text.slice(1)).ignores(relative)) return { pattern: text, line: index + 1 };
    }
    return undefined;
  }
}
