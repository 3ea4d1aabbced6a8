/**
 * Worker thread body of `replayAll`: replays each target it is sent, posting progress
 * (`{ progress: [done, total] }`) while it runs and the result at the end.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import type { Target } from './explore.ts';
import { replayTarget } from './replay.ts';

parentPort?.on('message', (job: { target: Target; limit?: number } | null) => {
  if (job === null) {
    parentPort!.close();
    return;
  }
  const progress = (done: number, total: number) => parentPort!.postMessage({ progress: [done, total] });
  void replayTarget(job.target, job.limit, progress).then((r) => parentPort!.postMessage(r));
});
