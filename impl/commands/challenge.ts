/**
 * CHALLENGE — the HSM answers a request for a management challenge nonce for the credential
 * `requester` (its signer id). Each trusted credential has at most one nonce outstanding, bound
 * to it: while it is outstanding, a new request for it (from anyone: requests are not
 * authenticated) is answered with the same nonce, so no request can make the manager's nonce
 * stale; the credential's accepted command consumes it. An id that is no trusted credential
 * gets a stable decoy that no command can use.
 * @clause CM6 — REQ-CM6-04
 *
 * Errors: MALFORMED (the requester is not an identifier); NOT_BOUND (a device HSM outside its
 * own device); ZEROIZED.
 * @module
 */
import { hsmError } from '../errors.ts';
import { action, dispatch, guard, newCall, region, type ImplEvent, type Kernel } from '../kernel.ts';
import { ID_PATTERN } from '../wire/envelope.ts';
import { hostCheck } from './host-check.ts';

/** The concrete CHALLENGE event: the model's, with the requesting signer id. */
type ChallengeEvent = ImplEvent & { readonly requesterId: string };

/** Guards of CHALLENGE. */
export const challengeGuards = {
  /** @clause CM6 — challenges are issued by a live HSM, as many as asked for. */
  cm6ChallengeAvailable: guard((_e, k) => !k.backend.observe().zeroized),
};

/** Actions of CHALLENGE. */
export const challengeActions = {
  /** Issues (or repeats) the requester's nonce inside the backend; the caller gets a copy of its bytes. */
  issueNonce: action<ChallengeEvent>((e, k) => k.backend.issueNonce(e.requesterId)),
};

/** Asks the HSM for the management challenge nonce of the credential `requester` (a signer id). */
export function challenge(k: Kernel, requester: unknown): Uint8Array {
  if (typeof requester !== 'string' || !ID_PATTERN.test(requester)) {
    throw hsmError('MALFORMED', 'the requester must be a signer id: 1–64 of A–Z a–z 0–9 . _ : -');
  }
  hostCheck(k);
  const event: ChallengeEvent = { type: 'CHALLENGE', requesterId: requester, call: newCall(k) };
  return dispatch(k, event, () =>
    region(k) !== 'inOwnDevice'
      ? hsmError('NOT_BOUND', 'the HSM is not in its own device: it issues no challenges')
      : hsmError('ZEROIZED', 'the HSM issues no challenges'),
  ) as Uint8Array;
}
