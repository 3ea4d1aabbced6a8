/**
 * Worker thread body of `replayAll`: replays each target it is sent and posts the result back.
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
  void replayTarget(job.target, job.limit).then((r) => parentPort!.postMessage(r));
});
