/**
 * Worker thread body of `runMutants`: computes the real model's data when asked, takes the real
 * model's data computed elsewhere, runs the semantic checks on the real model, and judges the
 * mutants it is sent by ID (it generates the same mutants itself: machines cannot cross threads).
 * @module
 */
import { parentPort } from 'node:worker_threads';
import type { ModelId } from '../subjects.ts';
import { generateMutants } from './generate.ts';
import { judge } from './judge.ts';
import { semanticFailures } from '../semantic.ts';
import { realModel, useRealModel, type RealModel } from './real.ts';

/** A message to the worker (null: stop). */
export type WorkerRequest =
  | { kind: 'real'; model: ModelId }
  | { kind: 'use'; data: readonly RealModel[] }
  | { kind: 'check-real'; model: ModelId }
  | { kind: 'judge'; id: string }
  | null;

parentPort?.on('message', (m: WorkerRequest) => {
  if (m === null) return parentPort!.close();
  if (m.kind === 'real') return parentPort!.postMessage({ kind: 'real', data: realModel(m.model) });
  if (m.kind === 'use') {
    for (const d of m.data) useRealModel(d);
    return parentPort!.postMessage({ kind: 'ready' });
  }
  if (m.kind === 'check-real') return parentPort!.postMessage({ kind: 'failures', failures: semanticFailures({}, { models: [m.model] }) });
  const mutant = generateMutants().find((x) => x.id === m.id);
  if (!mutant) throw new Error(`no mutant ${m.id}`);
  parentPort!.postMessage({ kind: 'verdict', verdict: judge(mutant) });
});
