/**
 * What the countermeasures must leave possible: states the legitimate principals reach by using
 * the store as intended (the manager provisions a second key, deprecates and deletes keys, the
 * device runs a Sensitive Function with a legitimate key) and a state the eavesdropper reaches
 * (it holds a captured command). A model in which none of the attacks succeeds because nothing
 * works at all would pass the safety checks vacuously; these goals must stay reachable with all
 * countermeasures in force, for every attacker profile. A use of the key leaves the state as it
 * was (with all countermeasures it records no fact), so that goal is one of steps (`steps.ts`).
 * @module
 */
import { isLegit } from '../../model/keys.ts';
import type { StoreContext } from '../../model/store.ts';
import type { Property } from '../types.ts';
import { hsmOf, type StepProperty } from './steps.ts';

const ctx = (s: { context: unknown }) => s.context as StoreContext;

/** The functional goals (each must be reachable). */
export const FUNCTIONAL: readonly Property[] = [
  { id: 'F-PROVISIONED', title: 'the manager provisions a second legitimate key', holds: (s) => ctx(s).slots.filter((x) => isLegit(x.key)).length >= 2 },
  { id: 'F-DEPRECATED', title: 'a key is deprecated', holds: (s) => ctx(s).slots.some((x) => x.life === 'deprecated') },
  { id: 'F-DELETED', title: 'a key is deleted', holds: (s) => ctx(s).slots.some((x) => x.life === 'deleted') },
  { id: 'F-SF-RUNS', title: 'a Sensitive Function runs with a legitimate key', holds: (s) => isLegit(ctx(s).sf?.key ?? null) },
  { id: 'F-CAPTURED', title: 'the attacker holds a captured command', holds: (s) => ctx(s).captured.length > 0 },
];

/** The functional goals of steps (each must be taken on some reachable step). */
export const FUNCTIONAL_STEPS: readonly StepProperty[] = [
  /**
   * @clause CM4 @clause CM5 — a running Sensitive Function uses a legitimate key in its own
   * device (on the device, with the HSM in it): the use is accepted, so the function still runs
   * after it. The checks made at every use (the key still active, the binding) must let the
   * legitimate use through.
   */
  {
    id: 'F-SF-USED',
    title: 'a running Sensitive Function uses a legitimate key in its own device and keeps running',
    on: ['SF_USE'],
    holds: ({ from, to }) => from.context.sf !== null && isLegit(to.context.sf?.key ?? null) && hsmOf(to) === 'inOwnDevice',
  },
];
