/**
 * `verifyAll` on several cores: each (model, profile) group is explored by one worker thread,
 * groups are handed out largest first. With one worker, everything runs in this thread.
 * @module
 */
import { availableParallelism } from 'node:os';
import { PROFILE_IDS, allCmMasks } from '../model/config.ts';
import { siblingModule, startWorker } from './fast/boot.ts';
import { MODEL_IDS } from './subjects.ts';
import { verifyAll, type ConfigResult, type VerifyOptions } from './verify.ts';

/** Options of `verifyParallel`. */
export interface ParallelOptions extends VerifyOptions {
  /** Worker threads (default: available cores, at most the number of groups). */
  readonly workers?: number;
}

/** Runs every requested configuration, on worker threads when more than one is asked for. */
export async function verifyParallel(opts: ParallelOptions = {}): Promise<ConfigResult[]> {
  const models = opts.models ?? MODEL_IDS;
  const profiles = opts.profiles ?? PROFILE_IDS;
  const masks = opts.masks ?? allCmMasks();
  const groups = models.flatMap((m) => profiles.map((p) => ({ models: [m], profiles: [p] })));
  const workers = Math.min(opts.workers ?? availableParallelism(), groups.length);
  if (workers <= 1 || opts.machines) return verifyAll(opts);
  const total = groups.length * masks.length;
  const results: ConfigResult[] = [];
  const queue = [...groups];
  const run = () =>
    new Promise<void>((resolve, reject) => {
      const w = startWorker(siblingModule(import.meta.url, './worker'));
      const next = () => {
        const g = queue.shift();
        w.postMessage(g ? { ...g, masks, noReuse: opts.noReuse, size: opts.size } : null);
        if (!g) resolve();
      };
      w.on('message', (m: { kind: 'progress'; result: ConfigResult } | { kind: 'done' }) => {
        if (m.kind === 'done') return next();
        results.push(m.result);
        opts.onProgress?.(results.length, total, m.result);
      });
      w.on('error', reject);
      w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
      next();
    });
  await Promise.all(Array.from({ length: workers }, run));
  const order = (r: ConfigResult) => [models.indexOf(r.model), profiles.indexOf(r.profile), masks.indexOf(r.mask)];
  return results.sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
  });
}
