/**
 * Judges every mutant (`judge.ts`), on worker threads when more than one is asked for: the
 * workers first compute the real model's data (one model each) and share it, check that the
 * real model passes every semantic check (else nothing is judged: "killed" would mean nothing),
 * then take mutants from a common queue. With one worker, or where workers cannot start, everything runs
 * in this thread.
 * @module
 */
import type { Worker } from 'node:worker_threads';
import { siblingModule, startWorker } from '../fast/boot.ts';
import type { ModelId } from '../subjects.ts';
import { generateMutants, type Mutant } from './generate.ts';
import { judge, type Verdict } from './judge.ts';
import type { RealModel } from './real.ts';
import { semanticFailures } from '../semantic.ts';
import type { WorkerRequest } from './worker.ts';

/** Options of `runMutants`. */
export interface MutantsOptions {
  /** Worker threads (default 2; 1 runs in this thread). */
  readonly workers?: number;
  /** The mutants to judge (default: every generated mutant). */
  readonly mutants?: readonly Mutant[];
  /** Called after each mutant is judged. */
  readonly onProgress?: (done: number, total: number, verdict: Verdict) => void;
  /** Called when a phase starts. */
  readonly onPhase?: (phase: string) => void;
}

/** Thrown when the real model fails a semantic check: "killed" would then mean nothing. */
export class RealModelFails extends Error {
  override readonly name = 'RealModelFails';
  constructor(readonly failures: readonly string[]) {
    super(`the real model fails the semantic checks:\n${failures.join('\n')}`);
  }
}

/** Sends one request to a worker and waits for its one answer. */
function channel(w: Worker): (m: WorkerRequest) => Promise<any> {
  let pending: { resolve: (v: unknown) => void; reject: (e: unknown) => void } | null = null;
  w.on('message', (m) => pending?.resolve(m));
  w.on('error', (e) => pending?.reject(e));
  w.on('exit', (code) => pending?.reject(new Error(`mutant worker exited with ${code}`)));
  return (m) =>
    new Promise((resolve, reject) => {
      pending = { resolve, reject };
      w.postMessage(m);
    });
}

/** Judges the mutants on `n` worker threads; verdicts in the mutants' order. */
async function onWorkers(mutants: readonly Mutant[], n: number, opts: MutantsOptions): Promise<Verdict[]> {
  const workers = Array.from({ length: n }, () => startWorker(siblingModule(import.meta.url, './worker')));
  const asks = workers.map(channel);
  try {
    const models = [...new Set(mutants.map((m) => m.model))] as ModelId[];
    opts.onPhase?.('exploring the real model');
    const data: RealModel[] = [];
    await Promise.all(
      asks.map(async (ask, i) => {
        for (const model of models.filter((_, j) => j % n === i)) data.push(((await ask({ kind: 'real', model })) as { data: RealModel }).data);
      }),
    );
    await Promise.all(asks.map((ask) => ask({ kind: 'use', data })));
    opts.onPhase?.('the real model under the semantic checks');
    const failures: string[] = [];
    await Promise.all(
      asks.map(async (ask, i) => {
        for (const model of models.filter((_, j) => j % n === i))
          failures.push(...((await ask({ kind: 'check-real', model })) as { failures: string[] }).failures);
      }),
    );
    if (failures.length) throw new RealModelFails(failures);
    opts.onPhase?.('judging the mutants');
    const queue = [...mutants];
    const verdicts = new Map<string, Verdict>();
    await Promise.all(
      asks.map(async (ask) => {
        for (let m = queue.shift(); m; m = queue.shift()) {
          const v = ((await ask({ kind: 'judge', id: m.id })) as { verdict: Verdict }).verdict;
          verdicts.set(v.id, v);
          opts.onProgress?.(verdicts.size, mutants.length, v);
        }
      }),
    );
    return mutants.map((m) => verdicts.get(m.id)!);
  } finally {
    for (const w of workers) void w.terminate();
  }
}

/** Judges every mutant (or `opts.mutants`); throws {@link RealModelFails} when the real model fails a semantic check. */
export async function runMutants(opts: MutantsOptions = {}): Promise<Verdict[]> {
  const mutants = opts.mutants ?? generateMutants();
  const n = Math.min(opts.workers ?? 2, mutants.length);
  if (n > 1) return onWorkers(mutants, n, opts);
  opts.onPhase?.('the real model under the semantic checks');
  const failures = semanticFailures({}, { models: [...new Set(mutants.map((m) => m.model))] });
  if (failures.length) throw new RealModelFails(failures);
  opts.onPhase?.('judging the mutants');
  return mutants.map((m, i) => {
    const v = judge(m);
    opts.onProgress?.(i + 1, mutants.length, v);
    return v;
  });
}
