import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../server/src/config/types';
import { WorkerPool } from '../../server/src/workspace/pool';
import type { FileTask } from '../../server/src/workspace/analyze-file';

/**
 * A stand-in worker: "poison" files retire the worker (as after a WebAssembly abort), "die" files
 * kill it, and every other file is answered with a note naming the worker's thread id.
 */
const FAKE_WORKER = `
const { parentPort, threadId } = require('node:worker_threads');
let retired = false;
parentPort.on('message', ({ id, task }) => {
  if (retired) return;
  if (task.displayPath.startsWith('die')) process.exit(7);
  const retire = task.displayPath.startsWith('poison');
  retired = retire;
  setTimeout(() => parentPort.postMessage({
    id, retire,
    outcome: { displayPath: task.displayPath, findings: [], notes: [{ path: task.displayPath, kind: 'warning', reason: 'rule-crashed', message: String(threadId) }] },
  }), 5);
});
`;

function task(name: string): FileTask {
  return { absolutePath: `/nowhere/${name}`, relativePath: name, displayPath: name, fix: 'none' };
}

describe('worker pool', () => {
  const workerFile = join(mkdtempSync(join(tmpdir(), 'readiness-pool-')), 'fake-worker.js');
  writeFileSync(workerFile, FAKE_WORKER);

  it('replaces a retired worker and resends the files it still held', async () => {
    const pool = new WorkerPool(1, workerFile);
    try {
      const names = ['a', 'poison', 'b', 'c', 'd'];
      const outcomes = await Promise.all(names.map((name) => pool.analyze(task(name), DEFAULT_CONFIG)));
      assert.deepEqual(outcomes.map((outcome) => outcome.displayPath), names);
      const threadOf = (name: string): string => outcomes[names.indexOf(name)]!.notes[0]!.message;
      assert.equal(threadOf('a'), threadOf('poison'));
      for (const later of ['b', 'c', 'd']) assert.notEqual(threadOf(later), threadOf('poison'), `${later} ran on a fresh worker`);
    } finally {
      await pool.close();
    }
  });

  it('gives each worker the kinds of files it has already analysed', async () => {
    const pool = new WorkerPool(2, workerFile);
    try {
      // Interleaved kinds: without affinity both workers would see every kind.
      const names = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? `g${i}.go` : `r${i}.rs`));
      const outcomes = await Promise.all(names.map((name) => pool.analyze(task(name), DEFAULT_CONFIG)));
      const kindsByThread = new Map<string, Set<string>>();
      outcomes.forEach((outcome, index) => {
        const thread = outcome.notes[0]!.message;
        if (!kindsByThread.has(thread)) kindsByThread.set(thread, new Set());
        kindsByThread.get(thread)!.add(names[index]!.slice(-3));
      });
      const mixed = [...kindsByThread.values()].filter((kinds) => kinds.size > 1).length;
      assert.ok(mixed <= 1, `at most one worker saw both kinds: ${JSON.stringify([...kindsByThread].map(([thread, kinds]) => [thread, [...kinds]]))}`);
    } finally {
      await pool.close();
    }
  });

  it('sends urgent work (the buffer being edited) before the files queued by a scan', async () => {
    // One worker answers in the order it received files, so the order of answers is the order sent.
    const pool = new WorkerPool(1, workerFile);
    try {
      const order: string[] = [];
      const queued = ['q1.go', 'q2.go', 'q3.go', 'q4.go', 'q5.go', 'q6.go'].map((name) => pool.analyze(task(name), DEFAULT_CONFIG).then(() => order.push(name)));
      const urgent = pool.analyze(task('urgent.go'), DEFAULT_CONFIG, { urgent: true }).then(() => order.push('urgent.go'));
      await Promise.all([...queued, urgent]);
      assert.deepEqual(order.slice(0, 3), ['q1.go', 'q2.go', 'urgent.go'], `urgent work overtakes the queue: ${order.join(' ')}`);
    } finally {
      await pool.close();
    }
  });

  it('reports the files of a worker that died and carries on with a new one', async () => {
    const pool = new WorkerPool(1, workerFile);
    try {
      const [died, after] = await Promise.all([pool.analyze(task('die'), DEFAULT_CONFIG), pool.analyze(task('after'), DEFAULT_CONFIG)]);
      assert.match(died.notes[0]!.message, /analysis failed: worker exited with code 7/);
      const later = after.notes[0]!.message;
      assert.ok(/^\d+$/.test(later) || /worker exited/.test(later), later);
      const fresh = await pool.analyze(task('fresh'), DEFAULT_CONFIG);
      assert.match(fresh.notes[0]!.message, /^\d+$/);
    } finally {
      await pool.close();
    }
  });
});
