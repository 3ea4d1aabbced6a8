/**
 * Well-formedness of a key store's state: facts about the model's own bookkeeping that every
 * reachable state of the real model satisfies, whatever the countermeasures, the attacker or
 * the settings. They are not security properties; they say the state means what the model says
 * it means (a slot holds a key exactly in the lifecycles that have one, a Sensitive Function
 * running on the host uses a key, the ASM-06 bounds hold, only an HSM zeroizes and zeroization
 * erases every key, a counterfeit HSM is recorded exactly where one is fitted).
 * @module
 */
import type { StoreContext } from '../../model/store.ts';
import type { Property } from '../types.ts';

const ctx = (s: { context: unknown }) => s.context as StoreContext;

/** The well-formedness properties (each must hold in every reachable state). */
export const WELL_FORMED: readonly Property[] = [
  {
    id: 'WF-SLOTS',
    title: 'a slot holds a key exactly when it is active or deprecated',
    holds: (s) => ctx(s).slots.every((x) => (x.key !== null) === (x.life === 'active' || x.life === 'deprecated')),
  },
  {
    id: 'WF-SF-KEY',
    title: 'a Sensitive Function running on the host uses a key (inside the HSM, zeroization may have erased it)',
    holds: (s) => ctx(s).sf === null || ctx(s).sf!.key !== null || ctx(s).sf!.where === 'hsm',
  },
  {
    id: 'WF-NONCES',
    title: 'at most the bounded number of nonces is issued, and the outstanding one was issued (ASM-06)',
    holds: (s) => {
      const c = ctx(s);
      return c.nextNonce <= c.maxNonces && (c.pending === null || c.pending < c.nextNonce);
    },
  },
  {
    id: 'WF-CAPTURES',
    title: 'the attacker keeps at most the bounded number of captured commands (ASM-06)',
    holds: (s) => ctx(s).captured.length <= ctx(s).maxCaptures,
  },
  {
    id: 'WF-ZEROIZED',
    title: 'a step that zeroizes legitimate keys leaves no key in the store',
    holds: (s) => !ctx(s).ghost.zeroizedLegit || ctx(s).slots.every((k) => k.key === null),
  },
  {
    id: 'WF-COUNTERFEIT',
    title: 'a counterfeit HSM is recorded exactly when one is fitted',
    holds: (s) => ctx(s).counterfeit === ((s.value as { hsm?: string }).hsm === 'counterfeitFitted'),
  },
];
