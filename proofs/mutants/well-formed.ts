/**
 * Well-formedness of a key store's state: facts about the model's own bookkeeping that every
 * reachable state of the real model satisfies, whatever the countermeasures, the attacker or
 * the settings. They are not security properties; they say the state means what the model says
 * it means (a slot holds a key exactly in the lifecycles that have one, a Sensitive Function is
 * recorded exactly while one runs and uses a key on the host, the facts of a step about a
 * Sensitive Function come with one running, the ASM-06 bounds hold, only an HSM zeroizes and
 * zeroization erases every key, the HSM leaves its device only where there is one, a counterfeit
 * HSM is recorded exactly where one is fitted), and facts about its steps (`steps.ts`): a use
 * of a Sensitive Function's key takes the key its slot holds then, and a step that starts a
 * function or uses its key records exactly the facts of using that key.
 * @module
 */
import { NO_FACTS, nonceValues, type Ghost, type StoreContext } from '../../model/store.ts';
import type { Property } from '../types.ts';
import { hsmOf, type StepProperty } from './steps.ts';

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
    id: 'WF-SF-STATE',
    title: 'a Sensitive Function is recorded exactly while the machine is in its running state',
    holds: (s) => (ctx(s).sf !== null) === ((s.value as { sf?: string }).sf === 'running'),
  },
  {
    id: 'WF-SF-FACTS',
    title: 'the facts of starting or observing a Sensitive Function are facts of a state in which it runs',
    holds: (s) => {
      const g = ctx(s).ghost;
      return !(g.keyInHostMemory || g.discoveredInUse || g.attackerKeyUsed || g.foreignUse) || ctx(s).sf !== null;
    },
  },
  {
    id: 'WF-NONCES',
    title: 'nonce values stay below the number a state can refer to at once, and those outstanding are distinct (see freshNonce)',
    holds: (s) => {
      const c = ctx(s);
      const out = c.pending.filter((n) => n !== null);
      const all = [...out, c.held, ...c.captured.map((x) => x.nonce)].filter((n) => n !== null);
      return all.every((n) => n < nonceValues(c)) && new Set(out).size === out.length;
    },
  },
  {
    id: 'WF-CAPTURES',
    title: 'the attacker keeps at most the bounded number of captured commands (ASM-06)',
    holds: (s) => ctx(s).captured.length <= ctx(s).maxCaptures,
  },
  {
    id: 'WF-ZEROIZED',
    title: 'only an HSM zeroizes, and a step that zeroizes legitimate keys leaves no key in it (stored or in use)',
    holds: (s) => {
      const c = ctx(s);
      const sfKey = c.sf !== null && c.sf.where === 'hsm' ? c.sf.key : null;
      return !c.ghost.zeroizedLegit || (c.mech.keyStore === 'hsm' && c.slots.every((x) => x.key === null) && sfKey === null);
    },
  },
  {
    id: 'WF-HSM-PRESENT',
    title: 'the HSM leaves its device only where there is an HSM',
    holds: (s) => ((s.value as { hsm?: string }).hsm ?? 'inOwnDevice') === 'inOwnDevice' || ctx(s).mech.keyStore === 'hsm',
  },
  {
    id: 'WF-COUNTERFEIT',
    title: 'a counterfeit HSM is recorded exactly when one is fitted',
    holds: (s) => ctx(s).counterfeit === ((s.value as { hsm?: string }).hsm === 'counterfeitFitted'),
  },
];

/**
 * The facts a step that starts a Sensitive Function or uses its key must record, from the state
 * after it: the key used in another device (the HSM sits in one: CM5), the attacker's key used by
 * the device itself (T3), the key placed in the host's general-purpose memory (the function runs
 * on the host with a key: CM4); no other fact.
 */
function keyUseFacts(to: { readonly value: unknown; readonly context: StoreContext }): Ghost {
  const sf = to.context.sf!;
  const foreignUse = hsmOf(to) === 'elsewhere';
  return {
    ...NO_FACTS,
    foreignUse,
    attackerKeyUsed: sf.key === 'A' && !foreignUse,
    keyInHostMemory: sf.where === 'host' && sf.key !== null,
  };
}

/**
 * The well-formedness properties of steps (each must hold on every step of its events, in
 * every explored configuration). A start or a use is taken when the function runs after it (a
 * refused use ends it).
 */
export const WELL_FORMED_STEPS: readonly StepProperty[] = [
  /**
   * @clause CM4 — each use checks and takes the key of the function's slot as it is then: a key
   * the manager provisioned there since the start (after a zeroization, say) is the one used.
   */
  {
    id: 'WF-USE-KEY',
    title: 'a use of a running Sensitive Function’s key takes the key its slot holds then (the attacker’s, from a counterfeit HSM)',
    on: ['SF_USE'],
    holds: ({ to }) => {
      const sf = to.context.sf;
      return sf === null || sf.key === (to.context.counterfeit ? 'A' : to.context.slots[sf.slot]!.key);
    },
  },
  /**
   * @clause CM4 @clause CM5 — every start and every use is observed: a use on the host places
   * the key in host memory, a use with the HSM in another device is a foreign use, and a step of
   * the function records nothing that is not about the key it uses (see `keyUseFacts`).
   */
  {
    id: 'WF-USE-FACTS',
    title: 'a step that starts a Sensitive Function or uses its key records exactly the facts of using that key',
    on: ['SF_START', 'SF_USE'],
    holds: (step) => {
      if (step.to.context.sf === null) return true;
      const want = keyUseFacts(step.to);
      const got = step.to.context.ghost;
      return (Object.keys(NO_FACTS) as (keyof Ghost)[]).every((f) => got[f] === want[f]);
    },
  },
];
