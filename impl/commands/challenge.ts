/**
 * CHALLENGE — the HSM issues a fresh random nonce for the next management command. Only one
 * is outstanding: a new challenge replaces the old one, and the accepted command consumes it.
 * @clause CM6 — REQ-CM6-04
 *
 * Errors: NOT_BOUND (a device HSM outside its own device), ZEROIZED.
 * @module
 */
import { hsmError } from '../errors.ts';
import { action, dispatch, guard, newCall, region, type Kernel } from '../kernel.ts';
import { hostCheck } from './host-check.ts';

/** Guards of CHALLENGE. */
export const challengeGuards = {
  /** @clause CM6 — challenges are issued by a live HSM (the model's nonce bound is an exploration bound only). */
  cm6ChallengeAvailable: guard((_e, k) => !k.backend.observe().zeroized),
};

/** Actions of CHALLENGE. */
export const challengeActions = {
  /** Issues the nonce inside the backend; the caller gets a copy of its bytes. */
  issueNonce: action((_e, k) => k.backend.issueNonce()),
};

/** Asks the HSM for a management challenge nonce. */
export function challenge(k: Kernel): Uint8Array {
  hostCheck(k);
  return dispatch(k, { type: 'CHALLENGE', call: newCall(k) }, () =>
    region(k) !== 'inOwnDevice'
      ? hsmError('NOT_BOUND', 'the HSM is not in its own device: it issues no challenges')
      : hsmError('ZEROIZED', 'the HSM issues no challenges'),
  ) as Uint8Array;
}
