/**
 * The adapter interface an implementer writes to run the abstract test suites against their
 * own HSM (see `docs/ADAPTER.md`): reset to the initial state, perform one abstract event as
 * concrete calls, and report the observable state read from the HSM itself. An adapter also
 * declares the attacker capabilities it really exercises (a test purpose that needs another is
 * reported as not exercised) and may hand the runner what its HSM returned and the legitimate
 * key bytes it supplied, so the runner's own leak scan cross-checks the `discovered` it reports.
 * @module
 */
import type { CapabilityId } from '../../model/attacker.ts';
import type { AbstractEvent, AbstractState, Outcome, Suite } from './types.ts';

/** What `reset` is told about the suite. */
export type SuiteInfo = Pick<Suite, 'model' | 'profile' | 'slots'> & Partial<Pick<Suite, 'captures'>>;

/**
 * The result of a step: the outcome, and optionally `output`, everything the HSM returned or
 * emitted for it (results, error messages, log lines, probe or memory dumps), which the runner
 * scans for the bytes of the keys `secrets()` names.
 */
export type StepResult = Outcome & { readonly output?: unknown };

/** Runs abstract steps on one implementation. Methods may be synchronous or return promises. */
export interface Adapter {
  /**
   * The attacker capabilities (`model/attacker.ts` names) this adapter really exercises on its
   * HSM. Absent: only `INTERFACE_CAPABILITIES` (those acting on the management channel and the
   * callable interfaces). A test purpose that needs another is reported as not exercised.
   * @clause CM1 @clause CM5
   */
  readonly capabilities?: readonly CapabilityId[];
  /** A fresh HSM of `suite.model` in the initial state: slot 0 active with its legitimate key, every other slot empty. */
  reset(suite: SuiteInfo): void | Promise<void>;
  /** Performs `event`; `accepted`, or `refused` with the HSM's error code. Throw only when the adapter itself fails. */
  step(event: AbstractEvent): StepResult | Promise<StepResult>;
  /** The observable state, read from the HSM (not from the adapter's own bookkeeping, except key naming and attacker knowledge). */
  observe(): AbstractState | Promise<AbstractState>;
  /**
   * The bytes of every legitimate key supplied since the last `reset` (slot 0's personalised key
   * included). With it, the runner scans each step's `output` itself and fails a step whose
   * reported `discovered` disagrees with what it found. The bytes never appear in any report.
   */
  secrets?(): Iterable<Uint8Array>;
}
