import type { ResolvedConfig } from '../config/types';
import type { Engine } from '../engine/engine';
import type { LanguageId } from '../languages/types';
import { readSource } from '../workspace/read';
import type { Candidate } from '../workspace/walk';

/** One warm-up step analyses this much text: short enough never to keep the editor waiting long. */
const STEP_CHARS = 16 * 1024;
/** Steps per language: the JIT optimises what it has seen run many times, so one short step is not enough. */
const STEPS = 4;
/** How long to wait for the editor to go quiet before the next step. */
const RETRY_MS = 50;

interface Pending {
  language: LanguageId;
  file: Candidate;
  config: ResolvedConfig;
  /** The file's text once read, and how far the steps have come through it. */
  text?: string;
  offset: number;
  step: number;
}

/**
 * The main thread analyses what the user opens, and its first analyses of a language would pay for
 * compiling that grammar's queries and for the JIT meeting the parser and the rules. Once a scan has
 * listed a folder's files, each language found there is warmed up here in idle turns: its queries
 * compiled, then a few 16 KB stretches of one of its files analysed and thrown away.
 */
export class WarmUp {
  private readonly seen = new Set<LanguageId>();
  private readonly queue: Pending[] = [];
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
      if (!language?.grammar || language.family === 'config' || this.seen.has(language.id)) continue;
      this.seen.add(language.id);
      this.queue.push({ language: language.id, file, config, offset: 0, step: 0 });
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
      const next = this.queue[0]!;
      let more = false;
      try {
        more = this.step(next);
      } catch (error) {
        // Only speed is at stake: the first real analysis compiles what it needs.
        this.warn(`${next.file.relativePath}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!more) this.queue.shift();
      this.schedule(0);
    }, delay);
  }

  /** One step of a language's warm-up; whether another is due. */
  private step(pending: Pending): boolean {
    if (pending.step === 0) this.engine.warmUp(pending.language);
    if (pending.text === undefined) {
      const read = readSource(pending.file.absolutePath, pending.file.relativePath, pending.config.maxFileBytes);
      if (!('file' in read)) return false;
      pending.text = read.file.text;
    }
    const text = pending.text;
    const end = text.length - pending.offset <= STEP_CHARS ? text.length : text.lastIndexOf('\n', pending.offset + STEP_CHARS) + 1 || pending.offset + STEP_CHARS;
    const sample = text.slice(pending.offset, end > pending.offset ? end : pending.offset + STEP_CHARS);
    // Test code included, so that a test file of the workspace still exercises the rules.
    this.engine.analyze({ path: pending.file.absolutePath, relativePath: pending.file.relativePath, text: sample, config: { ...pending.config, tests: 'include' } });
    // A short file is analysed again: the JIT wants repetition more than variety.
    pending.offset = pending.offset + sample.length >= text.length ? 0 : pending.offset + sample.length;
    pending.step++;
    return pending.step < STEPS;
  }
}
