/**
 * SIDE_CHANNEL — the attacker monitors a running Sensitive Function (e.g. Differential Power
 * Analysis). The statechart lets it learn something only if the function runs outside the HSM
 * with its key in general-purpose memory (`sfOutsideHsm`); here Sensitive Functions run inside
 * the backend, so it is refused.
 * @clause CM4 @clause CM1 — REQ-CM4-01, REQ-CM4-02, REQ-CM1-02, REQ-CM2-02
 *
 * Errors: NOT_EXPOSED.
 * @module
 */
import { hsmError } from '../errors.ts';
import { action, dispatch, guard, newCall, type Kernel } from '../kernel.ts';

/** Guards of SIDE_CHANNEL. */
export const sideChannelGuards = {
  /** @clause CM4 — Sensitive Functions run inside the backend: no key is ever in general-purpose memory. */
  sfOutsideHsm: guard(() => false),
};

/** Actions of SIDE_CHANNEL. */
export const sideChannelActions = {
  /** Never runs (the guard is false): there is nothing outside the backend to observe. */
  sideChannel: action(() => new Uint8Array(0)),
};

/** Monitors the running Sensitive Function. */
export function sideChannel(k: Kernel): Uint8Array {
  return dispatch(k, { type: 'SIDE_CHANNEL', call: newCall(k) }, () =>
    hsmError('NOT_EXPOSED', 'Sensitive Functions run inside the HSM: nothing is observable outside it'),
  ) as Uint8Array;
}
