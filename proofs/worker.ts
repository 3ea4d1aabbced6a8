/**
 * Worker thread body of `verifyParallel`: posts `ready` once booted; for each plan it is sent,
 * claims groups (model × profile) from the plan's shared counter, one at a time, explores each
 * with `exploreGroup` and posts every configuration's result as it comes (and the group's start
 * and end), then posts `idle` and waits for the next plan. The thread is kept between runs.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { epochMs, exploreGroup, type MainMessage, type WorkerMessage } from './parallel.ts';

if (parentPort) {
  const port = parentPort;
  const post = (m: WorkerMessage) => port.postMessage(m);
  port.on('message', ({ plan }: MainMessage) => {
    for (let g = Atomics.add(plan.claim, 0, 1); g < plan.groups.length; g = Atomics.add(plan.claim, 0, 1)) {
      const start = epochMs();
      exploreGroup(plan, g, (variant, result) => post({ kind: 'result', variant, result }));
      post({ kind: 'group', group: g, start, end: epochMs() });
    }
    post({ kind: 'idle' });
  });
  post({ kind: 'ready', at: epochMs() });
}
