/**
 * The attacker: capability profiles as data, and the events each profile may send. The
 * legitimate manager and the device's own firmware act in every run; an attacker event exists
 * in a run only if the profile has the capability behind it.
 * @module
 */
import type { ProfileId } from './config.ts';
import type { DeviceEvent, StoreEvent } from './events.ts';
import { SLOT_COUNT, slotIndices } from './keys.ts';
import { MUTATIONS, OPS } from './management.ts';

/** Attacker capabilities, each tied to the threat text that names it. */
export const CAPABILITIES = {
  forgeCredential: 'impersonation of a system Manager / System Administrator (T2, T3, T5)',
  replay: 'replay of captured management commands (CM6: fresh nonces)',
  remoteHack: 'remote hacking: reading or writing general-purpose memory by software means (T4)',
  callInterfaces: 'calling Sensitive Functions and management interfaces, asking for key export (T1, T4)',
  probe: 'hardware probing of memory (T1)',
  sideChannel: 'monitoring internal processes, e.g. Differential Power Analysis (T1, T4)',
  removeHsm: 'removal of the HSM and insertion into another device (T2, T3)',
  replaceHsm: 'replacing the HSM with an attacker-made one (T3)',
  validCredential: 'holding a valid management credential of a limited role: illicit use of management or maintenance interfaces (T4)',
} as const;
/** An attacker capability. */
export type Capability = keyof typeof CAPABILITIES;

/** A capability profile: who the attacker is and what it can do. */
export interface Profile {
  readonly id: ProfileId;
  readonly description: string;
  readonly capabilities: readonly Capability[];
}

const REMOTE: readonly Capability[] = ['forgeCredential', 'replay', 'remoteHack', 'callInterfaces'];

/** The three profiles. Physical and insider attackers can also do everything a remote one can. */
export const PROFILES: Readonly<Record<ProfileId, Profile>> = {
  remote: { id: 'remote', description: 'remote attacker on the network, without credentials', capabilities: REMOTE },
  physical: {
    id: 'physical',
    description: 'attacker with physical access to the device or equipment',
    capabilities: [...REMOTE, 'probe', 'sideChannel', 'removeHsm', 'replaceHsm'],
  },
  insider: {
    id: 'insider',
    description: 'insider holding a valid management credential of a limited (read-only) role',
    capabilities: [...REMOTE, 'validCredential'],
  },
};

/** Every event a run may contain for `profile`, on the device (`binding`) or the server, with `slots` key slots. */
export function alphabet(profile: ProfileId, binding: boolean, slots: number = SLOT_COUNT): readonly DeviceEvent[] {
  const can = new Set(PROFILES[profile].capabilities);
  const SLOTS = slotIndices(slots);
  const events: DeviceEvent[] = [{ type: 'CHALLENGE' }, { type: 'SF_END' }];
  for (const slot of SLOTS) events.push({ type: 'SF_START', slot });
  for (const op of OPS)
    for (const slot of SLOTS) {
      events.push({ type: 'COMMAND', sender: 'manager', op, slot });
      if (can.has('replay') && MUTATIONS.includes(op)) events.push({ type: 'COMMAND', sender: 'manager', op, slot, capture: true });
      if (can.has('validCredential')) events.push({ type: 'COMMAND', sender: 'insider', op, slot });
      if (can.has('forgeCredential')) events.push({ type: 'COMMAND', sender: 'forger', op, slot });
    }
  if (can.has('replay')) events.push({ type: 'REPLAY' });
  if (can.has('remoteHack')) events.push({ type: 'REMOTE_HACK' });
  if (can.has('remoteHack') || can.has('probe')) {
    for (const slot of SLOTS) for (const write of ['erase', 'implant'] as const) events.push({ type: 'MEMORY_WRITE', slot, write });
  }
  if (can.has('probe')) events.push({ type: 'PROBE' });
  if (can.has('sideChannel')) events.push({ type: 'SIDE_CHANNEL' });
  if (binding && can.has('removeHsm')) events.push({ type: 'REMOVE_HSM' }, { type: 'INSERT_ELSEWHERE' }, { type: 'REINSERT' });
  if (binding && can.has('replaceHsm')) events.push({ type: 'REPLACE_HSM' });
  return events;
}

/** The server's events for `profile` (no binding events). */
export function serverAlphabet(profile: ProfileId): readonly StoreEvent[] {
  return alphabet(profile, false) as readonly StoreEvent[];
}
