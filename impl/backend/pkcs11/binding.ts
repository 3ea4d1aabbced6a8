/**
 * Logical binding of the HSM to its device, with the pairing key on the token: a token object
 * that can only verify (CKA_VERIFY), so the device's answer, HMAC-SHA256 under the pairing key
 * over (HSM id, challenge), is checked inside the token (C_Verify, CKM_SHA256_HMAC). Challenges
 * come from the token's generator. Semantics as the node backend (`impl/backend/binding.ts`): a
 * fresh challenge per check, single use; no answer → `none`; a wrong answer → `foreign`.
 * @clause CM5 — REQ-CM5-01
 *
 * Errors: `TokenError` if the token fails.
 * @module
 */
import { hostProofMessage } from '../binding.ts';
import type { Location } from '../types.ts';
import type { Handle } from './api.ts';
import { hmacVerify } from './mechanisms.ts';
import type { Pkcs11Token } from './token.ts';

/** The binding record, with the pairing key object on the token. */
export class TokenBinding {
  readonly device: string;
  readonly #t: Pkcs11Token;
  readonly pairingKey: Handle;
  #challenge: Uint8Array | null = null;
  #location: Location = 'own';

  constructor(t: Pkcs11Token, device: string, pairingKey: Handle) {
    this.#t = t;
    this.device = device;
    this.pairingKey = pairingKey;
  }

  /** Where the last check found the HSM. */
  get location(): Location {
    return this.#location;
  }

  /** A fresh challenge; any earlier one is void. */
  challenge(): Uint8Array {
    this.#challenge = new Uint8Array(this.#t.random(16));
    return this.#challenge;
  }

  /** Checks the host's answer to the current challenge (single use); null = no host answered. */
  check(hsmId: string, response: Uint8Array | null): Location {
    const ch = this.#challenge;
    this.#challenge = null;
    if (response === null) {
      this.#location = 'none';
      return 'none';
    }
    const ok = ch !== null && hmacVerify(this.#t, this.pairingKey, hostProofMessage(hsmId, ch), response);
    this.#location = ok ? 'own' : 'foreign';
    return this.#location;
  }
}
