import type { ResolvedConfig } from '../config/types';
import type { Engine } from '../engine/engine';
import type { LanguageId } from '../languages/types';
import { readSource } from '../workspace/read';
import type { Candidate } from '../workspace/walk';

/** How much of a file the warm-up analyses: enough for the JIT to see the parser and the rules at work. */
const SAMPLE_CHARS = 16 * 1024;
/** How long to wait for the editor to go quiet before the next step. */
const RETRY_MS = 50;

/**
 * The main thread analyses what the user opens, and its first analysis of a language would pay for
 * compiling that grammar's queries and for the JIT meeting the parser and the rules. Once a scan has
 * listed a folder's files, each language found there is warmed up here, one language per idle turn:
 * the queries compiled, and the first 16 KB of one of its files analysed and thrown away.
 */
export class WarmUp {
  private readonly done = new Set<LanguageId>();
  private readonly queue: Array<{ language: LanguageId; file: Candidate; config: ResolvedConfig }> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly engine: Pick<Engine, 'languageFor' | 'warmUp' | 'analyze'>,
    /** Whether the editor is waiting on the main thread, e.g. an analysis of an edited buffer is due. */
    private readonly busy: () => boolean,
    private readonly warn: (message: string) => void,
  ) {}

  offer(files: readonly Candidate[], config: ResolvedConfig): void {
    for (const file of files) {
      const language = this.engine.languageFor(file.relativePath);
      if (!language?.grammar || language.family === 'config' || this.done.has(language.id) || this.queue.some((entry) => entry.language === language.id)) continue;
      this.queue.push({ language: language.id, file, config });
    }
    this.schedule(0);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.queue.length = 0;
  }

  private schedule(delay: number): void {
    if (this.timer || this.queue.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.busy()) return this.schedule(RETRY_MS);
      const next = this.queue.shift();
      if (next && !this.done.has(next.language)) {
        this.done.add(next.language);
        try {
          this.warm(next.language, next.file, next.config);
        } catch (error) {
          // Only speed is at stake: the first real analysis compiles what it needs.
          this.warn(`${next.file.relativePath}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      this.schedule(0);
    }, delay);
  }

  private warm(language: LanguageId, file: Candidate, config: ResolvedConfig): void {
    this.engine.warmUp(language);
    const read = readSource(file.absolutePath, file.relativePath, config.maxFileBytes);
    if (!('file' in read)) return;
    const text = read.file.text;
    const cut = text.length <= SAMPLE_CHARS ? text.length : text.lastIndexOf('\n', SAMPLE_CHARS) + 1 || SAMPLE_CHARS;
    // Test code included, so that a test file of the workspace still exercises the rules.
    this.engine.analyze({ path: file.absolutePath, relativePath: file.relativePath, text: text.slice(0, cut), config: { ...config, tests: 'include' } });
  }
}
