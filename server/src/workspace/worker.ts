import { parentPort } from 'node:worker_threads';
import { Engine } from '../engine/engine';
import { RULES } from '../rules';
import type { ResolvedConfig } from '../config/types';
import { grammarFiles } from './grammar-files';
import { analyzeFile, type FileOutcome, type FileTask } from './analyze-file';

export type WorkerRequest = { id: number; task: FileTask; config: ResolvedConfig };
export type WorkerResponse = { id: number; outcome: FileOutcome } | { id: number; error: string };

const port = parentPort!;
const enginePromise = Engine.create(grammarFiles(), RULES);

port.on('message', async ({ id, task, config }: WorkerRequest) => {
  try {
    const engine = await enginePromise;
    port.postMessage({ id, outcome: analyzeFile(engine, task, config) } satisfies WorkerResponse);
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerResponse);
  }
});
