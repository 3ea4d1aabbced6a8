/**
 * Logical binding of the HSM to its device, inside the backend: the pairing key the HSM shares
 * with the device it was bound to at manufacture, a fresh host challenge per check, and where
 * the last check found the HSM. The device answers with HMAC-SHA256 under its own pairing key
 * over (HSM id, challenge); any other device cannot. The pairing key is a `KeyObject` in a
 * private field and never leaves the backend.
 * @clause CM5 — REQ-CM5-01
 * @module
 */
import { createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { frame, utf8 } from '../encoding.ts';
import type { Location } from './types.ts';

/** The bytes a host device MACs to prove it is the device the HSM is bound to. */
export function hostProofMessage(hsmId: string, challenge: Uint8Array): Uint8Array {
  return frame(utf8('onem2m-hsm/host/1'), utf8(hsmId), challenge);
}

/** The binding record and the state of the last host check. */
export class Binding {
  readonly device: string;
  readonly #pairingKey: KeyObject;
  #challenge: Uint8Array | null = null;
  #location: Location = 'own';

  constructor(device: string, pairingKey: Uint8Array) {
    this.device = device;
    this.#pairingKey = createSecretKey(pairingKey);
  }

  /** Where the last check found the HSM. */
  get location(): Location {
    return this.#location;
  }

  /** A fresh challenge; any earlier one is void. */
  challenge(): Uint8Array {
    this.#challenge = new Uint8Array(randomBytes(16));
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
    const ok =
      ch !== null && response.length === 32 && timingSafeEqual(createHmac('sha256', this.#pairingKey).update(hostProofMessage(hsmId, ch)).digest(), response);
    this.#location = ok ? 'own' : 'foreign';
    return this.#location;
  }
}
