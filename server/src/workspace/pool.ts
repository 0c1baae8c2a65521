import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { ResolvedConfig } from '../config/types';
import type { FileOutcome, FileTask } from './analyze-file';
import type { WorkerRequest, WorkerResponse } from './worker';

interface Pending {
  task: FileTask;
  config: ResolvedConfig;
  resolve: (outcome: FileOutcome) => void;
  urgent?: boolean;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, Pending>;
  /** Configurations this worker already holds. */
  configs: Set<number>;
  /** File kinds (extensions) this worker has analysed, so its compiled queries are warm for them. */
  kinds: Set<string>;
}

/** How far down the queue a worker looks for a file of a kind it has already compiled queries for. */
const AFFINITY_LOOKAHEAD = 256;

function kindOf(task: FileTask): string {
  const dot = task.relativePath.lastIndexOf('.');
  return dot > task.relativePath.lastIndexOf('/') ? task.relativePath.slice(dot) : task.relativePath;
}

/** How many files each worker holds at once: one being analysed, one ready to start. */
const PER_WORKER = 2;

/**
 * Analyses files on worker threads, each with its own engine. A worker that dies takes only its
 * in-flight files with it: they come back as notes, and a fresh worker takes its place.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  /** Configurations by identity, so each is copied to a worker once rather than with every file. */
  private readonly configIds = new Map<ResolvedConfig, number>();
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly workerFile: string = join(__dirname, 'worker.js'),
  ) {}

  /**
   * Queues a file; its configuration travels with it, so one pool serves several workspaces.
   * `urgent` work (the buffer being edited) goes before the files of a scan.
   */
  analyze(task: FileTask, config: ResolvedConfig, options: { urgent?: boolean } = {}): Promise<FileOutcome> {
    return new Promise((resolve) => {
      if (options.urgent) this.queue.unshift({ task, config, resolve, urgent: true });
      else this.queue.push({ task, config, resolve });
      this.pump();
    });
  }

  private configId(config: ResolvedConfig): number {
    let id = this.configIds.get(config);
    if (id === undefined) this.configIds.set(config, (id = this.configIds.size));
    return id;
  }

  /** Starts every worker now, so grammar loading overlaps whatever the caller does next. */
  warm(): void {
    while (!this.closed && this.slots.length < this.size) this.spawn();
  }

  /** Tasks not yet finished, queued or running. */
  get pending(): number {
    return this.queue.length + this.slots.reduce((sum, slot) => sum + slot.inFlight.size, 0);
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerFile);
    const slot: Slot = { worker, inFlight: new Map(), configs: new Set(), kinds: new Set() };
    worker.on('message', (response: WorkerResponse) => {
      const pending = slot.inFlight.get(response.id);
      if (!pending) return;
      slot.inFlight.delete(response.id);
      if ('outcome' in response) pending.resolve(response.outcome);
      else pending.resolve(crashed(pending.task, response.error));
      if (response.retire) this.retire(slot);
      this.pump();
    });
    const fail = (reason: string): void => {
      const index = this.slots.indexOf(slot);
      if (index !== -1) this.slots.splice(index, 1);
      for (const pending of slot.inFlight.values()) pending.resolve(crashed(pending.task, reason));
      slot.inFlight.clear();
      if (!this.closed) this.pump();
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`worker exited with code ${code}`));
    this.slots.push(slot);
    return slot;
  }

  /** Replaces a worker whose engine is unusable; the files it still held go back to the queue. */
  private retire(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index !== -1) this.slots.splice(index, 1);
    this.queue.unshift(...slot.inFlight.values());
    slot.inFlight.clear();
    void slot.worker.terminate();
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      let slot = this.slots.find((candidate) => candidate.inFlight.size === 0);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      slot ??= this.slots.find((candidate) => candidate.inFlight.size < PER_WORKER);
      if (!slot) return;
      const [pending] = this.queue.splice(this.nextTaskFor(slot), 1) as [Pending];
      slot.kinds.add(kindOf(pending.task));
      const id = this.nextId++;
      slot.inFlight.set(id, pending);
      const configId = this.configId(pending.config);
      const first = !slot.configs.has(configId);
      slot.configs.add(configId);
      slot.worker.postMessage({ id, task: pending.task, configId, ...(first ? { config: pending.config } : {}) } satisfies WorkerRequest);
    }
  }

  /**
   * Which queued file a worker takes next: urgent work first, else the first file of a kind the
   * worker has seen, so each worker compiles the rule queries of fewer grammars (compiling them
   * costs as much as analysing dozens of files); else the head of the queue.
   */
  private nextTaskFor(slot: Slot): number {
    if (this.queue[0]?.urgent || slot.kinds.size === 0) return 0;
    const limit = Math.min(this.queue.length, AFFINITY_LOOKAHEAD);
    for (let index = 0; index < limit; index++) if (slot.kinds.has(kindOf(this.queue[index]!.task))) return index;
    return 0;
  }

  /** Drops every task not yet handed to a worker; each resolves as a cancelled, empty outcome. */
  cancelQueued(): number {
    const dropped = this.queue.splice(0);
    for (const pending of dropped) pending.resolve({ displayPath: pending.task.displayPath, findings: [], notes: [], cancelled: true });
    return dropped.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots.length = 0;
  }
}

function crashed(task: FileTask, reason: string): FileOutcome {
  return {
    displayPath: task.displayPath,
    findings: [],
    notes: [{ path: task.displayPath, kind: 'warning', reason: 'rule-crashed', message: `analysis failed: ${reason.split('\n')[0]}` }],
  };
}
