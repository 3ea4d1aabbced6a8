/**
 * Worker thread body: runs `verifyVariants` for the groups (model × profile) it is sent, under
 * each settings variant, and posts the results back. Used by `verifyParallel`.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import type { Settings } from '../model/settings.ts';
import { verifyVariants, type VerifyOptions } from './verify.ts';

/** A unit of work: one model under one profile, over some countermeasure sets and settings variants. */
export type WorkerJob = Pick<VerifyOptions, 'noReuse' | 'masks' | 'size'> & {
  models: ['device' | 'server'];
  profiles: [string];
  variants: readonly Settings[];
};

parentPort?.on('message', (job: WorkerJob | null) => {
  if (job === null) {
    parentPort!.close();
    return;
  }
  const per = job.masks?.length ?? 64;
  let n = 0;
  verifyVariants(
    {
      ...(job as VerifyOptions),
      onProgress: (_d, _t, r) => {
        parentPort!.postMessage({ kind: 'progress', variant: Math.floor(n++ / per), result: r });
      },
    },
    job.variants,
  );
  parentPort!.postMessage({ kind: 'done' });
});
