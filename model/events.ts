/**
 * Events of the explored machines. Legitimate actors and the attacker act only through these;
 * which attacker events exist in a run is decided by the attacker profile (`model/attacker.ts`).
 * @module
 */
import type { SlotIndex } from './keys.ts';
import type { Op, Principal, Requester } from './management.ts';

/** Events common to the device HSM and the Server-HSM. */
export type StoreEvent =
  /**
   * Ask the store for a challenge nonce for `requester` (default: the manager). Anyone may ask,
   * in anyone's name: `spoofed` marks the attacker asking in the manager's name (the manager
   * does not get that answer); otherwise the requester asked for itself.
   */
  | { readonly type: 'CHALLENGE'; readonly requester?: Requester; readonly spoofed?: boolean }
  /**
   * A management command signed by `sender`'s credential over its nonce (the manager: the one
   * its own challenge returned; see `signCommand`). With
   * `capture`, the attacker keeps a copy of this command as it crosses the management channel,
   * for later replay (ASM-05); when it already holds as many copies as it can, the oldest goes.
   */
  | { readonly type: 'COMMAND'; readonly sender: Principal; readonly op: Op; readonly slot: SlotIndex; readonly capture?: boolean }
  /** The attacker re-sends the `index`-th command it captured (0 = the oldest; absent = 0). */
  | { readonly type: 'REPLAY'; readonly index?: number }
  /** Run a Sensitive Function (key derivation) with the key of a slot. */
  | { readonly type: 'SF_START'; readonly slot: SlotIndex }
  /**
   * The running Sensitive Function uses its key once (a derivation, a MAC or a signature). Each
   * use is a step of its own: the store checks again that the key is active and, on the device,
   * that the HSM serves its own device (@clause CM5); a refused use ends the function.
   */
  | { readonly type: 'SF_USE' }
  /** The running Sensitive Function completes. */
  | { readonly type: 'SF_END' }
  /** Read general-purpose memory: remote hacking, or local reading of memory (probing it, local management commands). */
  | { readonly type: 'REMOTE_HACK' }
  /** Probe the HSM's (or Server-HSM's) physical boundary to read what it holds. */
  | { readonly type: 'PROBE' }
  /** Set off the HSM's tamper response on purpose (open, drill or cut its enclosure): it zeroizes its keys (ASM-10). */
  | { readonly type: 'TAMPER' }
  /** Monitor the internal processes of the running Sensitive Function, e.g. Differential Power Analysis. */
  | { readonly type: 'SIDE_CHANNEL' }
  /** Overwrite key storage in general-purpose memory (ASM-09). */
  | { readonly type: 'MEMORY_WRITE'; readonly slot: SlotIndex; readonly write: 'erase' | 'implant' };

/** Events that only the device HSM has: its binding to the device. */
export type BindingEvent =
  /** Remove the HSM from its device. */
  | { readonly type: 'REMOVE_HSM' }
  /** Insert the removed HSM into another device. */
  | { readonly type: 'INSERT_ELSEWHERE' }
  /** Put the removed HSM back into its own device. */
  | { readonly type: 'REINSERT' }
  /** Fit an attacker-made HSM holding the attacker's keys into the device. */
  | { readonly type: 'REPLACE_HSM' };

/** Events of the device HSM machine. */
export type DeviceEvent = StoreEvent | BindingEvent;
/** Events of the Server-HSM machine. */
export type ServerEvent = StoreEvent;
