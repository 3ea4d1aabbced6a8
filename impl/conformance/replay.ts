/**
 * Replays the generated suites against this project's HSM with real cryptography: each suite
 * is built from the model, run through `NodeAdapter`, and every output scanned for key bytes.
 * Suites are independent, so with `workers` > 1 each runs on its own worker thread.
 * @module
 */
import { availableParallelism } from 'node:os';
import { siblingModule, startWorker } from '../../proofs/fast/boot.ts';
import type { LeakHit } from './leak.ts';
import { NodeAdapter } from './node-adapter.ts';
import { runSuite, type SuiteRun } from './runner.ts';
import { buildSuite } from './suite.ts';
import { TARGETS, type Target } from './explore.ts';

/** One suite's run with its leak scan. */
export interface ReplayedSuite extends SuiteRun {
  /** Edges of the model in this suite (each an edge test purpose). */
  readonly edgesTotal: number;
  readonly states: number;
  readonly leaks: readonly LeakHit[];
  readonly scanned: { readonly keys: number; readonly texts: number; readonly chars: number };
  readonly ms: number;
}

/** Test purposes between two progress reports of a suite. */
const PROGRESS_EVERY = 50;

/**
 * Builds and runs one suite in this thread (only its first `limit` test purposes, if given);
 * `onProgress(done, total)` is called every {@link PROGRESS_EVERY} test purposes and at the end.
 */
export async function replayTarget(target: Target, limit?: number, onProgress?: (done: number, total: number) => void): Promise<ReplayedSuite> {
  const t0 = performance.now();
  const suite = buildSuite(target);
  const adapter = new NodeAdapter();
  const chosen = new Set(suite.tests.slice(0, limit ?? suite.tests.length));
  let started = 0;
  const filter = (t: (typeof suite.tests)[number]) => {
    if (!chosen.has(t)) return false;
    if (started % PROGRESS_EVERY === 0) onProgress?.(started, chosen.size);
    started++;
    return true;
  };
  const run = await runSuite(suite, adapter, { filter });
  onProgress?.(chosen.size, chosen.size);
  const { hits: _h, ...scanned } = adapter.leak.stats;
  return { ...run, edgesTotal: suite.stats.edges, states: suite.stats.states, leaks: [...adapter.leak.hits], scanned, ms: performance.now() - t0 };
}

/** Options of `replayAll`. */
export interface ReplayOptions {
  readonly targets?: readonly Target[];
  /** Worker threads (default: 2 when the machine has more than one core, else 0 = this thread). */
  readonly workers?: number;
  /** Replay only the first `limit` test purposes of each suite (a quick check; edges are then not all covered). */
  readonly limit?: number;
  readonly onSuite?: (r: ReplayedSuite) => void;
  /** Test purposes replayed so far, of `total` (estimated from the suites built so far until every suite has started). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Replays every target's suite; results in target order. */
export async function replayAll(opts: ReplayOptions = {}): Promise<ReplayedSuite[]> {
  const targets = opts.targets ?? TARGETS;
  const workers = Math.min(opts.workers ?? (availableParallelism() > 1 ? 2 : 0), targets.length);
  const results = new Map<Target, ReplayedSuite>();
  const progress = new Map<Target, readonly [number, number]>();
  const report = (t: Target, done: number, total: number) => {
    if (!opts.onProgress) return;
    progress.set(t, [done, total]);
    const sum = (i: 0 | 1) => [...progress.values()].reduce((a, p) => a + p[i], 0);
    opts.onProgress(sum(0), Math.round((sum(1) * targets.length) / progress.size));
  };
  if (workers <= 1) {
    for (const t of targets) {
      const r = await replayTarget(t, opts.limit, (d, n) => report(t, d, n));
      results.set(t, r);
      opts.onSuite?.(r);
    }
  } else {
    const queue = [...targets];
    const worker = () =>
      new Promise<void>((resolve, reject) => {
        const w = startWorker(siblingModule(import.meta.url, './replay-worker'));
        let current: Target | undefined;
        const next = () => {
          current = queue.shift();
          w.postMessage(current ? { target: current, limit: opts.limit } : null);
          if (!current) resolve();
        };
        w.on('message', (r: ReplayedSuite | { progress: [number, number] }) => {
          if ('progress' in r) return report(current!, ...r.progress);
          results.set(current!, r);
          opts.onSuite?.(r);
          next();
        });
        w.on('error', reject);
        w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`replay worker exited with ${code}`))));
        next();
      });
    await Promise.all(Array.from({ length: workers }, worker));
  }
  return targets.map((t) => results.get(t)!);
}
