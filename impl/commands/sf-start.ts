/**
 * SF_START — a Sensitive Function starts on a long-term key: the backend opens its session on
 * the key, and derivations, MACs or signatures then run inside the backend until SF_END. In
 * its own device the key must be active. In another device, or when an attacker-made HSM has
 * taken its place, the statechart asks for the pairing proof (`cm5PairingProved`, see
 * `host-check.ts`), which no other device and no attacker-made HSM can give: refused.
 * @clause CM4 @clause CM5 — REQ-CM4-01, REQ-CM4-02, REQ-CM5-01
 *
 * Errors: MALFORMED, UNKNOWN_KEY, NOT_BOUND, BUSY, KEY_STATE, ZEROIZED.
 * @module
 */
import { hsmError, type HsmError } from '../errors.ts';
import { action, dispatch, guard, newCall, region, sfRunning, type ImplEvent, type Kernel } from '../kernel.ts';
import { hostCheck } from './host-check.ts';

type SfStartEvent = ImplEvent & { readonly slot: number; readonly keyId: string };

/** Guards of SF_START. */
export const sfStartGuards = {
  /** The key of the slot is active in the backend. */
  keyActive: guard<SfStartEvent>((e, k) => k.backend.observe().keys[e.slot]?.life === 'active'),
};

/** The model's parameters of `startSf`: the HSM serves another device (`foreign`) or an attacker-made HSM serves this one (`counterfeit`). */
type StartParams = { readonly foreign: boolean; readonly counterfeit?: boolean } | undefined;

/** Actions of SF_START. */
export const sfStartActions = {
  /**
   * @clause CM4 — opens the backend's Sensitive Function session on the key, for the HSM's own
   * device only (@clause CM5: the guards never let a foreign or counterfeit start through; were
   * one to, nothing is opened).
   */
  startSf: action<SfStartEvent, StartParams>((e, k, params) => {
    if (params?.foreign || params?.counterfeit) throw hsmError('NOT_BOUND', 'the HSM serves only the device it is bound to');
    k.backend.openSession(e.keyId);
  }),
};

/** The slot of a key id, or a typed error. */
export function slotOf(k: Kernel, keyId: unknown): number {
  if (typeof keyId !== 'string') throw hsmError('MALFORMED', 'a key id must be a string');
  const slot = k.backend.slots.findIndex((s) => s.keyId === keyId);
  if (slot < 0) throw hsmError('UNKNOWN_KEY', 'no such key slot');
  return slot;
}

/** Starts a Sensitive Function on `keyId`. */
export function sfStart(k: Kernel, keyId: unknown): void {
  const slot = slotOf(k, keyId);
  hostCheck(k);
  const event: SfStartEvent = { type: 'SF_START', slot, keyId: keyId as string, call: newCall(k) };
  dispatch(k, event, () => refusal(k, event));
}

function refusal(k: Kernel, e: SfStartEvent): HsmError {
  if (region(k) !== 'inOwnDevice') return hsmError('NOT_BOUND', 'the HSM is not in its own device: its keys are unusable here');
  if (sfRunning(k)) return hsmError('BUSY', 'a Sensitive Function is already running');
  return hsmError('KEY_STATE', `key '${e.keyId}' is not active`);
}
