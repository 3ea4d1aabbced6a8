/**
 * The adapter interface an implementer writes to run the abstract test suites against their
 * own HSM (see `docs/ADAPTER.md`): reset to the initial state, perform one abstract event as
 * concrete calls, and report the observable state read from the HSM itself.
 * @module
 */
import type { AbstractEvent, AbstractState, Outcome, Suite } from './types.ts';

/** What `reset` is told about the suite. */
export type SuiteInfo = Pick<Suite, 'model' | 'profile' | 'slots'> & Partial<Pick<Suite, 'captures'>>;

/** Runs abstract steps on one implementation. Methods may be synchronous or return promises. */
export interface Adapter {
  /** A fresh HSM of `suite.model` in the initial state: slot 0 active with its legitimate key, every other slot empty. */
  reset(suite: SuiteInfo): void | Promise<void>;
  /** Performs `event`; `accepted`, or `refused` with the HSM's error code. Throw only when the adapter itself fails. */
  step(event: AbstractEvent): Outcome | Promise<Outcome>;
  /** The observable state, read from the HSM (not from the adapter's own bookkeeping, except key naming and attacker knowledge). */
  observe(): AbstractState | Promise<AbstractState>;
}
