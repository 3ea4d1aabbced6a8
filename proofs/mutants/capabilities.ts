/**
 * What each of the attacker's capabilities (`model/attacker.ts`) achieves: its effect is what the
 * attacker reaches with the legitimate events and the capability's events (plus those of a
 * capability it needs first: replaying needs captured commands) and does not reach with the
 * legitimate events (and the needed capability) alone, among the verdicts, the step facts
 * (`model/store.ts`, `Ghost`) and a few attacker achievements in the state (its key stored, the
 * pairing secret known, a counterfeit HSM fitted). Explored with no countermeasure, except an
 * HSM (CM1 on the device, CM2 on the server) for capabilities that act on one. Eavesdropping is
 * measured through replaying: the copies it keeps are what replay sends.
 * @module
 */
import { CAPABILITIES, PROFILES, type CapabilityId } from '../../model/attacker.ts';
import { PROFILE_IDS, type ProfileId } from '../../model/config.ts';
import { hsmMask } from './check-kit.ts';
import type { DeviceEvent } from '../../model/events.ts';
import { NO_FACTS, type Ghost, type StoreContext } from '../../model/store.ts';
import type { ModelId } from '../subjects.ts';
import type { Property } from '../types.ts';
import { badOf } from './real.ts';
import { exploreBounded, Runs } from './runs.ts';

/** The capability an event of the alphabet belongs to (null: a legitimate event). */
export function capabilityOf(e: DeviceEvent): CapabilityId | null {
  switch (e.type) {
    case 'COMMAND':
      if (e.sender === 'insider') return 'illicitInterfaceUse';
      if (e.sender === 'forger') return 'impersonate';
      return e.capture ? 'eavesdrop' : null;
    case 'REPLAY':
      return 'replay';
    case 'REMOTE_HACK':
      return 'memoryRead';
    case 'MEMORY_WRITE':
      return 'memoryWrite';
    case 'PROBE':
      return 'probe';
    case 'TAMPER':
      return 'tamper';
    case 'SIDE_CHANNEL':
      return 'sideChannel';
    case 'REMOVE_HSM':
    case 'INSERT_ELSEWHERE':
    case 'REINSERT':
      return 'removeHsm';
    case 'REPLACE_HSM':
      return 'replaceHsm';
    // legitimate events (listed, so that a new event type must be classified here)
    case 'CHALLENGE':
    case 'SF_START':
    case 'SF_USE':
    case 'SF_END':
      return null;
  }
}

/** Capabilities another one needs first. */
const NEEDS: Partial<Record<CapabilityId, readonly CapabilityId[]>> = { replay: ['eavesdrop'], replaceHsm: ['removeHsm'] };

/** One capability's experiment: the profile, countermeasures and event sets to compare. */
export interface CapabilityCase {
  readonly capability: CapabilityId;
  readonly profile: ProfileId;
  readonly mask: number;
  /** The capabilities of the baseline (besides the legitimate events). */
  readonly base: readonly CapabilityId[];
}

/** The experiments for `model`: every capability but eavesdropping. */
export function capabilityCases(model: ModelId): CapabilityCase[] {
  return (Object.keys(CAPABILITIES) as CapabilityId[])
    .filter((c) => c !== 'eavesdrop')
    .map((capability) => {
      const profile = PROFILE_IDS.find((p) => PROFILES[p].capabilities.includes(capability))!;
      const onHsm = ['hsm-boundary', 'device-hsm-interface'].includes(CAPABILITIES[capability].acts);
      const mask = onHsm ? hsmMask(model) : 0;
      return { capability, profile, mask, base: NEEDS[capability] ?? [] };
    });
}

/** The events of `alphabet` that are legitimate or belong to one of `caps`. */
export function eventsWith(alphabet: readonly DeviceEvent[], caps: readonly CapabilityId[]): DeviceEvent[] {
  return alphabet.filter((e) => {
    const c = capabilityOf(e);
    return c === null || caps.includes(c);
  });
}

/** The effect of each capability of `model` that has events there, on the machines of `runs`. */
export function capabilityEffects(runs: Runs, model: ModelId): Map<CapabilityId, ReadonlySet<string>> {
  const seen = new Map<string, Set<string>>();
  const reach = (c: CapabilityCase, caps: readonly CapabilityId[]) => {
    const key = `${c.profile}/${c.mask}/${[...caps].sort().join(',')}`;
    const known = seen.get(key);
    if (known) return known;
    const subject = runs.subject(model, c.profile, c.mask);
    const events = eventsWith(subject.events(undefined as never) as readonly DeviceEvent[], caps);
    const goals = [...(subject.goals ?? []), ...FACT_GOALS, ...ACHIEVEMENTS];
    const out = new Set(badOf(exploreBounded({ ...subject, events: () => events, goals }, `${model}/${key}`)));
    seen.set(key, out);
    return out;
  };
  const effects = new Map<CapabilityId, ReadonlySet<string>>();
  for (const c of capabilityCases(model)) {
    const alphabet = runs.subject(model, c.profile, c.mask).events(undefined as never) as readonly DeviceEvent[];
    if (!alphabet.some((e) => capabilityOf(e) === c.capability)) continue; // e.g. no HSM removal on the server
    const base = reach(c, c.base);
    effects.set(c.capability, new Set([...reach(c, [...c.base, c.capability])].filter((x) => !base.has(x))));
  }
  return effects;
}

const real = new Map<ModelId, Map<CapabilityId, ReadonlySet<string>>>();

/** The effect of each capability on the real machine of `model` (computed once per process). */
export function realCapabilityEffects(model: ModelId): Map<CapabilityId, ReadonlySet<string>> {
  const known = real.get(model);
  if (known) return known;
  const effects = capabilityEffects(new Runs({}), model);
  real.set(model, effects);
  return effects;
}

/** Attacker achievements in the state (not step facts): its key stored, the pairing secret known, a counterfeit HSM fitted. */
export const ACHIEVEMENTS: readonly Property[] = [
  { id: 'HAS-attackerKeyStored', title: 'a slot holds the attacker’s key', holds: (s) => (s.context as StoreContext).slots.some((x) => x.key === 'A') },
  { id: 'HAS-pairingKnown', title: 'the attacker knows the pairing secret', holds: (s) => (s.context as StoreContext).knowsPairing },
  { id: 'HAS-counterfeit', title: 'a counterfeit HSM is fitted', holds: (s) => (s.context as StoreContext).counterfeit },
];

/** One goal per step fact: a state whose last step had that fact. */
export const FACT_GOALS: readonly Property[] = (Object.keys(NO_FACTS) as (keyof Ghost)[]).map((f) => ({
  id: `FACT-${f}`,
  title: `a step with the fact ${f}`,
  holds: (s) => (s.context as StoreContext).ghost[f],
}));
