/**
 * The conformance run of an implementer's adapter: the chosen suites (generated in-process from
 * the verified model, or read from a folder `gen-tests` wrote), each run through `runSuite`, with
 * the report as JSON-ready data. The text summary and JUnit XML come from `report.ts`.
 * @clause CM1 @clause CM2 @clause CM3 @clause CM4 @clause CM5 @clause CM6
 * @module
 */
import type { Adapter } from './adapter.ts';
import { exploreModel, TARGETS, type Target } from './explore.ts';
import { readSuites } from './export.ts';
import { totals } from './report.ts';
import { runSuite, type SuiteRun } from './runner.ts';
import { buildSuite } from './suite.ts';
import type { Suite } from './types.ts';

/** Schema identifier of the JSON report. */
export const ADAPTER_CONFORM_SCHEMA = 'onem2m-hsm/adapter-conform/1';

/** Test purposes per suite of the quick run. */
export const QUICK_TESTS = 500;

/** What to run. */
export interface AdapterConformOptions {
  /** The suites' folder (written by `gen-tests`); absent: generate them from the model. */
  readonly suitesDir?: string;
  readonly targets?: readonly Target[];
  /** `quick`: the first `QUICK_TESTS` test purposes of each suite. */
  readonly size?: 'full' | 'quick';
  readonly maxFailures?: number;
  /** Run only these test purposes (by id); an id no chosen suite has is an `UnknownTestError`. */
  readonly only?: readonly string[];
  readonly onSuite?: (r: SuiteRun) => void;
}

/** The report of a run. */
export interface AdapterConformReport {
  readonly schema: typeof ADAPTER_CONFORM_SCHEMA;
  readonly source: string;
  readonly size: 'full' | 'quick';
  readonly totals: ReturnType<typeof totals>;
  readonly runs: readonly SuiteRun[];
  /** No test purpose failed. */
  readonly ok: boolean;
}

/** The suites of `o`: read (and validated) from `suitesDir`, or built from the model. */
export function suitesFor(o: Pick<AdapterConformOptions, 'suitesDir' | 'targets'>): Suite[] {
  const targets = o.targets ?? TARGETS;
  const chosen = (s: Pick<Suite, 'model' | 'profile'>) => targets.some((t) => t.model === s.model && t.profile === s.profile);
  if (o.suitesDir !== undefined) return readSuites(o.suitesDir).filter(chosen);
  return targets.map((t) => buildSuite(t, exploreModel(t)));
}

/** Test purpose ids that no chosen suite has. */
export class UnknownTestError extends Error {
  override readonly name = 'UnknownTestError';
}

/** Runs the suites against `adapter`. */
export async function conformAdapter(adapter: Adapter, o: AdapterConformOptions = {}): Promise<AdapterConformReport> {
  const size = o.size ?? 'full';
  const runs: SuiteRun[] = [];
  const suites = suitesFor(o);
  const only = o.only ? new Set(o.only) : null;
  if (only) {
    const unknown = [...only].filter((id) => !suites.some((s) => s.tests.some((t) => t.id === id)));
    if (unknown.length > 0) throw new UnknownTestError(`no test purpose ${unknown.join(', ')} in the suites chosen`);
  }
  for (const suite of suites) {
    const chosen = only ? suite.tests.filter((t) => only.has(t.id)) : suite.tests;
    if (only && chosen.length === 0) continue;
    const keep = new Set(chosen.slice(0, size === 'quick' ? QUICK_TESTS : chosen.length));
    const r = await runSuite(suite, adapter, { filter: (t) => keep.has(t), maxFailures: o.maxFailures ?? 10 });
    o.onSuite?.(r);
    runs.push(r);
  }
  const t = totals(runs);
  return { schema: ADAPTER_CONFORM_SCHEMA, source: o.suitesDir ?? 'the model', size, totals: t, runs, ok: t.failed === 0 };
}
