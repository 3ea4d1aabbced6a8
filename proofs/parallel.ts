/**
 * `verifyAll` on several cores: each (model, profile) group is explored by one worker thread,
 * groups are handed out largest first. With one worker, everything runs in this thread.
 * @module
 */
import { availableParallelism } from 'node:os';
import { PROFILE_IDS, allCmMasks } from '../model/config.ts';
import { siblingModule, startWorker } from './fast/boot.ts';
import { MODEL_IDS } from './subjects.ts';
import { verifyVariants, type ConfigResult, type VerifyOptions } from './verify.ts';
import { DEFAULT_SETTINGS, type Settings } from '../model/settings.ts';

/** Options of `verifyParallel`. */
export interface ParallelOptions extends VerifyOptions {
  /** Worker threads (default: available cores, at most the number of groups). */
  readonly workers?: number;
}

/** Runs every requested configuration, on worker threads when more than one is asked for. */
export async function verifyParallel(opts: ParallelOptions = {}): Promise<ConfigResult[]> {
  return (await verifyVariantsParallel(opts, [opts.size?.settings ?? DEFAULT_SETTINGS]))[0]!;
}

/**
 * Runs every requested configuration under each settings variant (see `verifyVariants`), one
 * worker thread per (model, profile) group at a time; one result list per variant.
 */
export async function verifyVariantsParallel(opts: ParallelOptions, variants: readonly Settings[]): Promise<ConfigResult[][]> {
  const models = opts.models ?? MODEL_IDS;
  const profiles = opts.profiles ?? PROFILE_IDS;
  const masks = opts.masks ?? allCmMasks();
  const groups = models.flatMap((m) => profiles.map((p) => ({ models: [m], profiles: [p] })));
  const workers = Math.min(opts.workers ?? availableParallelism(), groups.length);
  if (workers <= 1 || opts.machines) return verifyVariants(opts, variants);
  const total = groups.length * masks.length * variants.length;
  const results: ConfigResult[][] = variants.map(() => []);
  let done = 0;
  const queue = [...groups];
  const { settings: _s, ...size } = opts.size ?? {};
  const run = () =>
    new Promise<void>((resolve, reject) => {
      const w = startWorker(siblingModule(import.meta.url, './worker'));
      const next = () => {
        const g = queue.shift();
        w.postMessage(g ? { ...g, masks, noReuse: opts.noReuse, size, variants } : null);
        if (!g) resolve();
      };
      w.on('message', (m: { kind: 'progress'; variant: number; result: ConfigResult } | { kind: 'done' }) => {
        if (m.kind === 'done') return next();
        results[m.variant]!.push(m.result);
        opts.onProgress?.(++done, total, m.result);
      });
      w.on('error', reject);
      w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
      next();
    });
  await Promise.all(Array.from({ length: workers }, run));
  const order = (r: ConfigResult) => [models.indexOf(r.model), profiles.indexOf(r.profile), masks.indexOf(r.mask)];
  return results.map((list) =>
    list.sort((a, b) => {
      const [x, y] = [order(a), order(b)];
      return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
    }),
  );
}
