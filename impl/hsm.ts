/**
 * The executable HSM: a device HSM or a Server-HSM whose behaviour is the model's statechart
 * (see `impl/machine.ts`) running on a backend that holds the keys. Every method is one
 * command (one file in `impl/commands/`); every refusal is a typed `HsmError`; no method
 * returns or logs key material.
 * @module
 */
import type { Actor, AnyStateMachine } from 'xstate';
import type { BackendState, HsmBackend, KdfInput, KeySlot } from './backend/types.ts';
import { challenge } from './commands/challenge.ts';
import { replaceWithCounterfeit } from './commands/counterfeit.ts';
import { derive } from './commands/derive.ts';
import { hostCheck } from './commands/host-check.ts';
import { insert } from './commands/insert.ts';
import { mac } from './commands/mac.ts';
import { command, type CommandResult } from './commands/management.ts';
import { remoteHack } from './commands/memory-read.ts';
import { writeMemory } from './commands/memory-write.ts';
import { probe } from './commands/probe.ts';
import { remove } from './commands/remove.ts';
import { sfEnd } from './commands/sf-end.ts';
import { sfStart } from './commands/sf-start.ts';
import { sideChannel } from './commands/side-channel.ts';
import { sign } from './commands/sign.ts';
import { breach, tamper } from './commands/tamper.ts';
import type { Kernel, Scope } from './kernel.ts';
import { startActor } from './machine.ts';
import type { Device, Socket } from './world/device.ts';

/** How an HSM is assembled. */
export interface HsmOptions {
  readonly scope: Scope;
  readonly backend: HsmBackend;
  /** Device HSM: the socket it sits in and the device it is bound to. */
  readonly socket?: Socket;
  readonly home?: Device;
  /** Audit log sink (default: discard). */
  readonly log?: (line: string) => void;
}

/** A device HSM or Server-HSM. */
export class Hsm {
  readonly #k: Kernel;

  constructor(o: HsmOptions) {
    if (o.scope === 'device' && (!o.socket || !o.home)) throw new TypeError('a device HSM needs a socket and a home device');
    this.#k = {
      scope: o.scope,
      backend: o.backend,
      socket: o.socket ?? null,
      home: o.home ?? null,
      log: o.log ?? (() => {}),
      actor: undefined as unknown as Actor<AnyStateMachine>,
    };
    startActor(this.#k);
  }

  /** Device HSM or Server-HSM. */
  get scope(): Scope {
    return this.#k.scope;
  }

  /** The HSM's identifier. */
  get id(): string {
    return this.#k.backend.hsmId;
  }

  /** Its long-term key slots (key id and kind), in slot order. */
  get slots(): readonly KeySlot[] {
    return this.#k.backend.slots;
  }

  /** Key ids of its long-term key slots, in slot order. */
  get keyIds(): readonly string[] {
    return this.#k.backend.slots.map((s) => s.keyId);
  }

  /**
   * The backend's observable state (keys, lifecycle, challenge, session, binding). @clause CM5 —
   * a read is a use: it starts with the host check, so `binding.location` is where the HSM is now
   * (a move since the last use is found here, and ends a running Sensitive Function).
   */
  observe(): BackendState {
    hostCheck(this.#k);
    return this.#k.backend.observe();
  }

  /** The statechart's state value (for display; the backend is the source of truth), after the host check, as `observe()`. */
  stateValue(): unknown {
    hostCheck(this.#k);
    return this.#k.actor.getSnapshot().value;
  }

  /**
   * CHALLENGE: the nonce the credential `requester` (a signer id) signs its next management
   * command over; the same nonce until that command is accepted.
   */
  challenge(requester: string): Uint8Array {
    return challenge(this.#k, requester);
  }

  /** COMMAND: a signed management command, as wire bytes. */
  command(bytes: Uint8Array): CommandResult {
    return command(this.#k, bytes);
  }

  /** SF_START: starts a Sensitive Function on a key. */
  sfStart(keyId: string): void {
    sfStart(this.#k, keyId);
  }

  /** Key derivation in the running Sensitive Function. */
  derive(input: KdfInput): Uint8Array {
    return derive(this.#k, input);
  }

  /** HMAC in the running Sensitive Function. */
  mac(data: Uint8Array): Uint8Array {
    return mac(this.#k, data);
  }

  /** Signature in the running Sensitive Function. */
  sign(data: Uint8Array): Uint8Array {
    return sign(this.#k, data);
  }

  /** SF_END: ends the running Sensitive Function. */
  sfEnd(): void {
    sfEnd(this.#k);
  }

  /** PROBE: probing the HSM's physical boundary; the HSM detects it and zeroizes its long-term keys (fail-secure). Returns what the probe read: nothing. */
  probe(): Uint8Array {
    return probe(this.#k);
  }

  /** REMOTE_HACK: reading general-purpose memory (remote hacking, or locally); returns what it reads. */
  remoteHack(): Uint8Array {
    return remoteHack(this.#k);
  }

  /** SIDE_CHANNEL: monitoring the running Sensitive Function; returns what the observation yields (nothing). */
  sideChannel(): Uint8Array {
    return sideChannel(this.#k);
  }

  /** MEMORY_WRITE: overwriting key storage in general-purpose memory. */
  writeMemory(keyId: string, write: 'erase' | 'implant'): void {
    writeMemory(this.#k, keyId, write);
  }

  /** REMOVE_HSM: an attempt to remove the HSM from its device. */
  remove(): void {
    remove(this.#k);
  }

  /** INSERT_ELSEWHERE / REINSERT: puts the removed HSM into a device. */
  insert(device: Device): void {
    insert(this.#k, device);
  }

  /** REPLACE_HSM: an attempt to fit an attacker-made HSM into this HSM's device. */
  replaceWithCounterfeit(): void {
    replaceWithCounterfeit(this.#k);
  }

  /** TAMPER: the attacker sets off the tamper response (opens the enclosure); the HSM zeroizes its long-term keys and stays in service. */
  tamper(): void {
    tamper(this.#k);
  }

  /** A breach that destroys the HSM (beyond the model, ASM-02): it zeroizes everything and goes out of service. */
  breach(): void {
    breach(this.#k);
  }
}
