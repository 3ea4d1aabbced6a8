/**
 * REMOTE_HACK — the attacker reads the general-purpose memory of the device or equipment, by
 * remote hacking or locally (threats 1 and 4). The statechart always lets the read happen
 * (`readMemory`); what it yields is everything the implementation keeps outside the backend:
 * the statechart's persisted snapshot and the backend's public state. Long-term keys are never
 * there (they live only inside the backend, CM1/CM2), Sensitive Functions run inside the
 * backend (CM4), and the device's pairing key stays in the device's protected storage (ASM-11,
 * `impl/input.ts`): the read finds nothing secret.
 * @clause CM1 @clause CM2 @clause CM4 — REQ-CM1-01, REQ-CM1-02, REQ-CM2-01, REQ-CM2-02, REQ-CM4-01, REQ-CM4-02
 *
 * Errors: none in practice (the statechart always lets the read happen; it finds no key).
 * @module
 */
import { utf8 } from '../encoding.ts';
import { hsmError } from '../errors.ts';
import { action, dispatch, newCall, type Kernel } from '../kernel.ts';

/** Actions of REMOTE_HACK. */
export const memoryReadActions = {
  /** The memory image: every byte the implementation holds outside the backend. */
  readMemory: action((_e, k) => memoryImage(k)),
};

/** Everything the implementation holds outside the backend, as bytes. */
export function memoryImage(k: Kernel): Uint8Array {
  const image = {
    hsmId: k.backend.hsmId,
    slots: k.backend.slots,
    statechart: k.actor.getPersistedSnapshot(),
    backend: k.backend.observe(),
    socket: k.socket?.device?.id ?? null,
  };
  return utf8(JSON.stringify(image));
}

/** Remote hacking: returns what it reads. */
export function remoteHack(k: Kernel): Uint8Array {
  return dispatch(k, { type: 'REMOTE_HACK', call: newCall(k) }, () => hsmError('NOT_EXPOSED', 'no memory was read')) as Uint8Array;
}
