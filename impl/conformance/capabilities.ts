/**
 * Attacker capabilities an adapter exercises. Every event of a suite needs some of the model's
 * attacker capabilities (`model/attacker.ts`); an adapter declares the ones it can really
 * exercise on its HSM (removing it from its device, probing it, a side channel, writing memory…),
 * and a test purpose with a step that needs an undeclared one is reported as not exercised, never
 * as passed. What each event needs is read from the model's alphabet: a capability is needed by
 * an event when the alphabet of every other capability together lacks it.
 * @clause CM1 @clause CM2 @clause CM5 @clause CM6
 * @module
 */
import { alphabetOf, CAPABILITIES, type CapabilityId } from '../../model/attacker.ts';
import type { AbstractEvent, Suite, TestPurpose } from './types.ts';

export type { CapabilityId } from '../../model/attacker.ts';

/** Every attacker capability of the model, in the model's order. */
export const CAPABILITY_IDS: readonly CapabilityId[] = Object.keys(CAPABILITIES) as CapabilityId[];

/**
 * The capabilities any adapter exercises through the HSM's own interfaces: those that act on the
 * management channel or the callable interfaces (the model's `acts`). An adapter that declares
 * no capabilities is taken to exercise these and nothing else.
 */
export const INTERFACE_CAPABILITIES: readonly CapabilityId[] = CAPABILITY_IDS.filter(
  (c) => CAPABILITIES[c].acts === 'management-channel' || CAPABILITIES[c].acts === 'callable-interfaces',
);

/** A canonical text of an event (sorted keys, absent fields dropped). */
function eventKey(e: AbstractEvent): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(e)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
  );
}

/** What each event of a suite's alphabet needs, by the event's canonical text. */
export class CapabilityNeeds {
  readonly #needs = new Map<string, readonly CapabilityId[]>();
  readonly #size: { slots: number; captures: number };

  constructor(suite: Pick<Suite, 'slots' | 'captures'>) {
    this.#size = { slots: suite.slots, captures: suite.captures };
    const all = new Set(CAPABILITY_IDS);
    const without = CAPABILITY_IDS.map((c) => {
      const rest = new Set(all);
      rest.delete(c);
      return [c, new Set(alphabetOf(rest, true, this.#size).map(eventKey))] as const;
    });
    for (const e of alphabetOf(all, true, this.#size)) {
      const k = eventKey(e);
      this.#needs.set(
        k,
        without.filter(([, alpha]) => !alpha.has(k)).map(([c]) => c),
      );
    }
  }

  /** The capabilities `e` needs (none for an event of the legitimate actors). */
  of(e: AbstractEvent): readonly CapabilityId[] {
    return this.#needs.get(eventKey(e)) ?? [];
  }

  /** The capabilities a test purpose needs that are not in `have`, in the model's order. */
  missing(t: TestPurpose, have: ReadonlySet<CapabilityId>): CapabilityId[] {
    const need = new Set(t.steps.flatMap((s) => this.of(s.event)));
    return CAPABILITY_IDS.filter((c) => need.has(c) && !have.has(c));
  }
}
