/**
 * What the countermeasures must leave possible: states the legitimate principals reach by using
 * the store as intended (the manager provisions a second key, deprecates and deletes keys, the
 * device runs a Sensitive Function with a legitimate key) and a state the eavesdropper reaches
 * (it holds a captured command). A model in which none of the attacks succeeds because nothing
 * works at all would pass the safety checks vacuously; these goals must stay reachable with all
 * countermeasures in force, for every attacker profile.
 * @module
 */
import { isLegit } from '../../model/keys.ts';
import type { StoreContext } from '../../model/store.ts';
import type { Property } from '../types.ts';

const ctx = (s: { context: unknown }) => s.context as StoreContext;

/** The functional goals (each must be reachable). */
export const FUNCTIONAL: readonly Property[] = [
  { id: 'F-PROVISIONED', title: 'the manager provisions a second legitimate key', holds: (s) => ctx(s).slots.filter((x) => isLegit(x.key)).length >= 2 },
  { id: 'F-DEPRECATED', title: 'a key is deprecated', holds: (s) => ctx(s).slots.some((x) => x.life === 'deprecated') },
  { id: 'F-DELETED', title: 'a key is deleted', holds: (s) => ctx(s).slots.some((x) => x.life === 'deleted') },
  { id: 'F-SF-RUNS', title: 'a Sensitive Function runs with a legitimate key', holds: (s) => isLegit(ctx(s).sf?.key ?? null) },
  { id: 'F-CAPTURED', title: 'the attacker holds a captured command', holds: (s) => ctx(s).captured.length > 0 },
];
