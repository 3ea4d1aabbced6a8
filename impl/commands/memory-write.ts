/**
 * MEMORY_WRITE — the attacker overwrites key storage in general-purpose memory, erasing a key
 * or implanting its own. The statechart allows it only where keys are kept in general-purpose
 * memory (`keysInMemory`); here they are kept only inside the backend, so it is refused.
 * @clause CM1 @clause CM2 — REQ-CM1-01, REQ-CM2-01
 *
 * Errors: MALFORMED, UNKNOWN_KEY, NOT_EXPOSED.
 * @module
 */
import { hsmError } from '../errors.ts';
import { action, dispatch, guard, newCall, type ImplEvent, type Kernel } from '../kernel.ts';
import { slotOf } from './sf-start.ts';

/** Guards of MEMORY_WRITE. */
export const memoryWriteGuards = {
  /** @clause CM1 @clause CM2 — long-term keys are stored in the backend, not in general-purpose memory. */
  keysInMemory: guard(() => false),
};

/** Actions of MEMORY_WRITE. */
export const memoryWriteActions = {
  /** Never runs (the guard is false). */
  writeMemory: action(() => undefined),
};

/** Attempts to erase a key or implant `key` bytes by writing memory. */
export function writeMemory(k: Kernel, keyId: unknown, write: unknown): void {
  const slot = slotOf(k, keyId);
  if (write !== 'erase' && write !== 'implant') throw hsmError('MALFORMED', "write must be 'erase' or 'implant'");
  const event: ImplEvent & { slot: number; write: string } = { type: 'MEMORY_WRITE', slot, write, call: newCall(k) };
  dispatch(k, event, () => hsmError('NOT_EXPOSED', 'long-term keys are stored only inside the HSM: there is no key storage in general-purpose memory'));
}
