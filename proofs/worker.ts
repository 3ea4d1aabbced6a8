/**
 * Worker thread body: runs `verifyAll` for the groups (model × profile) it is sent and posts
 * the results back. Used by `verifyParallel`.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { verifyAll, type VerifyOptions } from './verify.ts';

/** A unit of work: one model under one profile, over some countermeasure sets. */
export type WorkerJob = Pick<VerifyOptions, 'noReuse' | 'masks' | 'size'> & { models: ['device' | 'server']; profiles: [string] };

parentPort?.on('message', (job: WorkerJob | null) => {
  if (job === null) {
    parentPort!.close();
    return;
  }
  const results = verifyAll({
    ...(job as VerifyOptions),
    onProgress: (_d, _t, r) => parentPort!.postMessage({ kind: 'progress', result: r }),
  });
  parentPort!.postMessage({ kind: 'done', count: results.length });
});
