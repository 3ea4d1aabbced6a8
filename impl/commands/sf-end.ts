/**
 * SF_END — the running Sensitive Function completes and the backend closes its session.
 * @clause CM4 — REQ-CM4-01, REQ-CM4-02
 *
 * Errors: NO_SESSION.
 * @module
 */
import { hsmError } from '../errors.ts';
import { action, dispatch, newCall, type Kernel } from '../kernel.ts';

/** Actions of SF_END. */
export const sfEndActions = {
  /** Closes the backend's session. */
  endSf: action((_e, k) => k.backend.closeSession()),
};

/** Ends the running Sensitive Function. */
export function sfEnd(k: Kernel): void {
  dispatch(k, { type: 'SF_END', call: newCall(k) }, () => hsmError('NO_SESSION', 'no Sensitive Function is running'));
}
