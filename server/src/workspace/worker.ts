import { parentPort } from 'node:worker_threads';
import { Engine } from '../engine/engine';
import { RULES } from '../rules';
import type { ResolvedConfig } from '../config/types';
import { grammarFiles } from './grammar-files';
import { analyzeFile, type FileOutcome, type FileTask } from './analyze-file';

/** `config` travels once per worker and configuration; later requests name it by `configId`. */
export type WorkerRequest = { id: number; task: FileTask; configId: number; config?: ResolvedConfig };
/** `retire`: the worker's WebAssembly aborted; the pool must replace it and resend the rest. */
export type WorkerResponse = { id: number; outcome: FileOutcome; retire?: boolean } | { id: number; error: string; retire?: boolean };

const port = parentPort!;
const enginePromise = Engine.create(grammarFiles(), RULES);

const configs = new Map<number, ResolvedConfig>();

port.on('message', async ({ id, task, configId, config: sent }: WorkerRequest) => {
  if (sent) configs.set(configId, sent);
  try {
    const config = configs.get(configId);
    if (!config) throw new Error(`configuration ${configId} was never sent to this worker`);
    const engine = await enginePromise;
    if (engine.poisoned) return;
    const outcome = analyzeFile(engine, task, config);
    port.postMessage({ id, outcome, retire: engine.poisoned } satisfies WorkerResponse);
  } catch (error) {
    const retire = (await enginePromise.catch(() => undefined))?.poisoned ?? true;
    port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error), retire } satisfies WorkerResponse);
  }
});
