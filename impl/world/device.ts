/**
 * The physical world around a device HSM: the M2M Device / Gateway it is bound to, which
 * proves its identity with its own pairing key (shared with its HSM once, at pairing in the
 * factory), and the socket the HSM sits in. An attacker with physical access moves the HSM by
 * changing `Socket.device`; the HSM notices at its next use, because every use starts with a
 * host check. @clause CM5
 * @module
 */
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { hostProofMessage } from '../backend/binding.ts';

/** An M2M Device / Gateway: a pairing key of its own, and whether an attacker-made HSM was fitted into it. */
export class Device {
  readonly id: string;
  readonly #key: KeyObject;
  #paired = false;
  /** An attacker-made HSM has been fitted into this device (threat T3). */
  counterfeitFitted = false;

  constructor(id: string) {
    this.id = id;
    this.#key = createSecretKey(randomBytes(32));
  }

  /** The pairing key, handed over once, to the HSM bound to this device in the factory. */
  pair(): Uint8Array {
    if (this.#paired) throw new Error(`device ${this.id} is already paired with an HSM`);
    this.#paired = true;
    return new Uint8Array(this.#key.export());
  }

  /** Answers an HSM's host challenge with the device's own key. */
  answer(hsmId: string, challenge: Uint8Array): Uint8Array {
    return createHmac('sha256', this.#key).update(hostProofMessage(hsmId, challenge)).digest();
  }
}

/** Where an HSM physically sits: a device, or nothing (removed). */
export class Socket {
  device: Device | null;

  constructor(device: Device | null) {
    this.device = device;
  }
}
