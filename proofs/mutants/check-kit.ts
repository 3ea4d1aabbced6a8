/**
 * What every semantic check (`proofs/semantic.ts`) shares: its options, the collection of its
 * failures (stopping at the first when asked), and how it names traces and countermeasure sets.
 * @module
 */
import { COUNTERMEASURE_IDS } from '../../spec/ids.ts';
import { listToMask } from '../../model/config.ts';
import { MODEL_IDS, type ModelId } from '../subjects.ts';
import type { Trace } from '../types.ts';
import type { Machines } from './machines.ts';
import { Runs } from './runs.ts';

/** Options of a semantic check. */
export interface CheckOptions {
  /** Stop at the first failure. */
  readonly firstFailure?: boolean;
  /** The models to check (default both): a mutant of one model need not be checked on the other. */
  readonly models?: readonly ModelId[];
  /** Explorations to share with other checks of the same machines (default: a fresh set). */
  readonly runs?: Runs;
}

/** Failures collected by a check; `add` says whether to stop there. */
export class Failures {
  /** The failures so far, one line each. */
  readonly list: string[] = [];
  constructor(private readonly first: boolean) {}
  /** Records a failure; true when the check should stop. */
  add(line: string): boolean {
    this.list.push(line);
    return this.first;
  }
}

/** The explorations, models and failure list of one check run. */
export function checkSetup(machines: Machines, o: CheckOptions): { runs: Runs; models: readonly ModelId[]; fail: Failures } {
  return { runs: o.runs ?? new Runs(machines), models: o.models ?? MODEL_IDS, fail: new Failures(o.firstFailure ?? false) };
}

/** A trace's events, e.g. `CHALLENGE → COMMAND`. */
export function eventsOf(t: Trace): string {
  return t.steps.map((s) => s.event.type).join(' → ') || '(initial state)';
}

/** The countermeasure set of an HSM alone: CM1 on the device, CM2 on the server (as a bitmask). */
export function hsmMask(model: ModelId): number {
  return listToMask([model === 'device' ? 'CM1' : 'CM2']);
}

/** A countermeasure set as a bitmask, in words: `{CM1,CM6}`. */
export function cmName(mask: number): string {
  return `{${COUNTERMEASURE_IDS.filter((_, i) => (mask >> i) & 1).join(',')}}`;
}
