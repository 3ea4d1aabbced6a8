/**
 * The worker threads of `verifyParallel`, kept between runs: their boot and their optimised code
 * then serve every later run in the process; idle, they do not keep the process alive. This
 * module loads nothing of the model, so that a command can start its workers
 * ({@link prestartVerifyWorkers}) before it loads the model itself: the workers boot meanwhile.
 * @module
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { siblingModule, startWorker } from './fast/boot.ts';
import type { ConfigResult } from './verify.ts';

/**
 * What a worker posts: `ready` once booted; then, for each plan it is sent, each configuration's
 * `result` (for settings variant `variant`), `group` after each group it explored, and `idle`
 * when no group of the plan is left.
 */
export type WorkerMessage =
  | { readonly kind: 'ready'; readonly at: number }
  | { readonly kind: 'result'; readonly variant: number; readonly result: ConfigResult }
  | { readonly kind: 'group'; readonly group: number; readonly start: number; readonly end: number }
  | { readonly kind: 'idle' };

/** A worker thread kept between runs (so its boot and its compiled code serve every later run). */
export interface PooledWorker {
  readonly worker: Worker;
  /** Resolves with the time (ms since the epoch) the worker finished booting. */
  readonly ready: Promise<number>;
  /** That time, once known. */
  readyAt: number | null;
  busy: boolean;
}

/**
 * Threads a run explores on, this one included: `workers` (default: the available cores), at
 * most one per group (model × profile), as there is nothing more to share out.
 */
export function verifyThreads(workers: number | undefined, groups: number): number {
  return Math.min(workers ?? availableParallelism(), groups);
}

/** Idle and busy worker threads of this thread's runs; idle ones do not keep the process alive. */
const pool: PooledWorker[] = [];

/** `n` idle workers, started where there are not enough (they boot while this thread explores). */
export function acquire(n: number): PooledWorker[] {
  const out = pool.filter((p) => !p.busy).slice(0, n);
  while (out.length < n) {
    const worker = startWorker(siblingModule(import.meta.url, './worker'));
    const ready = new Promise<number>((resolve, reject) => {
      worker.once('message', (m: WorkerMessage) => (m.kind === 'ready' ? resolve(m.at) : reject(new Error(`verify worker: unexpected ${m.kind}`))));
      worker.once('error', reject);
    });
    const p: PooledWorker = { worker, ready, readyAt: null, busy: false };
    ready.then(
      (at) => {
        p.readyAt = at;
      },
      () => {}, // a boot failure is reported by the run that waits on it
    );
    worker.on('error', () => dropWorker(p));
    worker.on('exit', () => dropWorker(p));
    pool.push(p);
    out.push(p);
  }
  for (const p of out) {
    p.busy = true;
    p.worker.ref();
  }
  return out;
}

/** Hands workers back to the pool, idle (they no longer keep the process alive). */
export function release(...ps: PooledWorker[]): void {
  for (const p of ps) {
    p.busy = false;
    p.worker.unref();
  }
}

/** Removes a worker from the pool and stops it (it failed, exited, or may still be exploring a failed run's group). */
export function dropWorker(p: PooledWorker): void {
  const i = pool.indexOf(p);
  if (i >= 0) pool.splice(i, 1);
  void p.worker.terminate();
}

/** Stops the worker threads kept for later runs (they never keep the process alive anyway). */
export async function closeVerifyWorkers(): Promise<void> {
  const all = pool.splice(0);
  await Promise.all(all.map((p) => p.worker.terminate()));
}

/**
 * Starts worker threads for a later `verifyParallel` run on `threads` threads (this one and
 * `threads − 1` workers), where fewer are idle in the pool, and leaves them idle: they boot
 * while this thread goes on (loading the model, say), and the run takes them as they are.
 * Resolves once they have booted (nothing needs to wait for it; a boot failure is reported by
 * the run that takes the worker).
 */
export async function prestartVerifyWorkers(threads: number): Promise<void> {
  if (threads - 1 <= pool.filter((p) => !p.busy).length) return;
  const started = acquire(threads - 1);
  release(...started);
  await Promise.all(started.map((p) => p.ready.catch(() => {})));
}
