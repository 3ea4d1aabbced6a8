/**
 * SIDE_CHANNEL — the attacker monitors the internal processes of a running Sensitive Function
 * (e.g. Differential Power Analysis; threats 1, 4 and 6). The model accepts it whenever a
 * function runs (`sfRunning`) and lets it reveal the function's sensitive data only when the
 * function runs on the host, or inside an HSM whose rating the attacker's potential exceeds
 * (`sideChannel` in `model/effects.ts`). Here Sensitive Functions run inside the backend
 * (CM4), rated against the attacker of the implementation's configuration (`impl/input.ts`):
 * the observation is accepted and yields nothing. With no function running there is nothing to
 * monitor: NO_SESSION.
 * @clause CM4 @clause CM1 — REQ-CM4-01, REQ-CM4-02, REQ-CM1-02, REQ-CM2-02
 *
 * Errors: NO_SESSION.
 * @module
 */
import { hsmError } from '../errors.ts';
import { action, dispatch, guard, newCall, type Kernel } from '../kernel.ts';

/** Guards of SIDE_CHANNEL. */
export const sideChannelGuards = {
  /** A Sensitive Function is running: its session is open in the backend. */
  sfRunning: guard((_e, k) => k.backend.observe().session !== null),
};

/** Actions of SIDE_CHANNEL. */
export const sideChannelActions = {
  /** @clause CM4 — the function runs inside the backend: what is observable outside it carries nothing of it. */
  sideChannel: action(() => new Uint8Array(0)),
};

/** Monitors the running Sensitive Function: returns what the observation yields (nothing). */
export function sideChannel(k: Kernel): Uint8Array {
  return dispatch(k, { type: 'SIDE_CHANNEL', call: newCall(k) }, () =>
    hsmError('NO_SESSION', 'no Sensitive Function is running: there is nothing to monitor'),
  ) as Uint8Array;
}
