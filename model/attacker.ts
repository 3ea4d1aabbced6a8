/**
 * The attacker, defined without the countermeasures: each capability says where the attacker
 * acts (a location of the system) and cites the threat text that names it; a profile is a set
 * of capabilities with an attack potential. Whether an attack step achieves anything is decided
 * by the mechanisms at that location (`model/mechanisms.ts`), never here: this module reads no
 * countermeasure flag and imports nothing that does (a test checks both).
 * @module
 */
import type { Potential } from '../spec/assumptions.ts';
import type { ProfileId } from './config.ts';
import type { DeviceEvent, StoreEvent } from './events.ts';
import { SLOT_COUNT, slotIndices } from './keys.ts';
import { MAX_CAPTURES, MUTATIONS, OPS } from './management.ts';
import type { Settings } from './settings.ts';

/**
 * Where an attacker can act. `hsm-boundary` is the HSM's physical boundary; the executable
 * implementation realises it as the process boundary of its backend, and what a JavaScript
 * process cannot promise within it (strings cannot be zeroed, code in the same process can read
 * key objects) is ASM-14.
 */
export const LOCATIONS = {
  'management-channel': 'the network path of management commands and their responses',
  'callable-interfaces': "the store's management and maintenance interfaces, as a caller with a credential reaches them",
  'general-purpose-memory': "the memory of the device's or equipment's host processor, outside any HSM",
  'device-hsm-interface': 'the physical connection between the device and its HSM (the socket the HSM sits in)',
  'hsm-boundary': 'the physical boundary of the HSM or Server-HSM, and the processes running inside it',
} as const;
/** A location. */
export type Location = keyof typeof LOCATIONS;

/** One capability: where it acts, the events it brings, and the text that names it. */
export interface Capability {
  readonly acts: Location;
  readonly description: string;
  /** Threat text naming this way of attacking (threat number, quote), or the assumption it rests on. */
  readonly basis: readonly { readonly threat?: 1 | 2 | 3 | 4 | 5 | 6; readonly assumption?: string; readonly quote?: string }[];
}

/** The attacker capabilities. */
export const CAPABILITIES = {
  eavesdrop: {
    acts: 'management-channel',
    description: 'observe every management command and response, and keep copies of the manager’s modifying commands',
    basis: [{ assumption: 'ASM-05' }],
  },
  replay: {
    acts: 'management-channel',
    description: 're-send a captured management command',
    basis: [{ assumption: 'ASM-05' }],
  },
  impersonate: {
    acts: 'management-channel',
    description: 'send management commands claiming to be the manager, with a credential the store should not trust, and ask for challenge nonces in its name',
    basis: [
      { threat: 2, quote: 'including impersonation of a system Manager' },
      { threat: 3, quote: 'including impersonation of a system manager' },
      { threat: 5, quote: 'including impersonation of a System Administrator' },
    ],
  },
  illicitInterfaceUse: {
    acts: 'callable-interfaces',
    description: 'use management or maintenance interfaces with a valid credential of a limited role',
    basis: [{ threat: 4, quote: 'illicit use of management or maintenance interfaces' }, { assumption: 'ASM-04' }],
  },
  memoryRead: {
    acts: 'general-purpose-memory',
    description: 'read general-purpose memory (remote hacking, or locally)',
    basis: [
      { threat: 1, quote: 'reading the contents of memory of the M2M Device or M2M Gateway' },
      { threat: 4, quote: 'by reading the contents of memory locations' },
      { threat: 4, quote: 'The methods of attack include remote hacking' },
    ],
  },
  memoryWrite: {
    acts: 'general-purpose-memory',
    description: 'write general-purpose memory, and key storage kept there',
    basis: [{ assumption: 'ASM-09' }],
  },
  probe: {
    acts: 'hsm-boundary',
    description: 'probe the HSM’s hardware to read what it holds',
    basis: [{ threat: 1, quote: 'by hardware probing' }],
  },
  sideChannel: {
    acts: 'hsm-boundary',
    description: 'monitor the internal processes of a running Sensitive Function, wherever it runs (e.g. DPA)',
    basis: [
      { threat: 1, quote: 'monitoring internal processes (e.g. by Differential Power Analysis)' },
      { threat: 4, quote: 'by the monitoring of internal processes' },
    ],
  },
  tamper: {
    acts: 'hsm-boundary',
    description: 'set off the HSM’s tamper response on purpose (open, drill or cut its enclosure), whatever the attacker’s potential',
    basis: [{ threat: 2, quote: 'by removal of the HSM if present and if removable' }, { assumption: 'ASM-10' }],
  },
  removeHsm: {
    acts: 'device-hsm-interface',
    description: 'remove the HSM from its device, insert it into another, put it back',
    basis: [
      { threat: 2, quote: 'by removal of the HSM if present and if removable' },
      { threat: 3, quote: 'by removal of the HSM if present and if removable' },
    ],
  },
  replaceHsm: {
    acts: 'device-hsm-interface',
    description: 'fit an HSM of the attacker’s own, holding the attacker’s keys, into the device',
    basis: [{ threat: 3, quote: 'Long-term service-layer keys are replaced while they are stored in M2M Devices or M2M Gateways' }],
  },
} as const satisfies Record<string, Capability>;
/** A capability name. */
export type CapabilityId = keyof typeof CAPABILITIES;

/** A capability profile: who the attacker is, what it can do, and its attack potential at the HSM boundary. */
export interface Profile {
  readonly id: ProfileId;
  readonly description: string;
  readonly capabilities: readonly CapabilityId[];
}

const REMOTE: readonly CapabilityId[] = ['eavesdrop', 'replay', 'impersonate', 'memoryRead', 'memoryWrite'];

/** The three profiles. Physical and insider attackers can also do everything a remote one can. */
export const PROFILES: Readonly<Record<ProfileId, Profile>> = {
  remote: { id: 'remote', description: 'remote attacker on the network, without credentials', capabilities: REMOTE },
  physical: {
    id: 'physical',
    description: 'attacker with physical access to the device or equipment',
    capabilities: [...REMOTE, 'probe', 'tamper', 'sideChannel', 'removeHsm', 'replaceHsm'],
  },
  insider: {
    id: 'insider',
    description: 'insider holding a valid management credential of a limited (read-only) role',
    capabilities: [...REMOTE, 'illicitInterfaceUse'],
  },
};

/** The capabilities a profile has under the settings (ASM-09 may take memory writes away). */
export function capabilitiesOf(profile: ProfileId, settings: Settings): ReadonlySet<CapabilityId> {
  return new Set(PROFILES[profile].capabilities.filter((c) => c !== 'memoryWrite' || settings.memoryWrite));
}

/** The attack potential a profile brings to the HSM boundary (null: it never acts there). */
export function potentialOf(profile: ProfileId, settings: Settings): Potential | null {
  return PROFILES[profile].capabilities.some((c) => CAPABILITIES[c].acts === 'hsm-boundary') ? settings.physicalPotential : null;
}

/** Sizes of an alphabet. */
export interface AlphabetSize {
  readonly slots?: number;
  readonly captures?: number;
}

/** Every event a run may contain for `profile`, on the device (`binding`) or the server. */
export function alphabet(profile: ProfileId, binding: boolean, settings: Settings, size: AlphabetSize = {}): readonly DeviceEvent[] {
  return alphabetOf(capabilitiesOf(profile, settings), binding, size);
}

/** Every event a run may contain for an attacker with the capabilities `can`, on the device (`binding`) or the server. */
export function alphabetOf(can: ReadonlySet<CapabilityId>, binding: boolean, size: AlphabetSize = {}): readonly DeviceEvent[] {
  const SLOTS = slotIndices(size.slots ?? SLOT_COUNT);
  const events: DeviceEvent[] = [{ type: 'CHALLENGE' }, { type: 'SF_USE' }, { type: 'SF_END' }];
  // anyone may ask for a challenge in anyone's name; the insider asks for its own credential
  if (can.has('impersonate')) events.push({ type: 'CHALLENGE', spoofed: true });
  if (can.has('illicitInterfaceUse')) events.push({ type: 'CHALLENGE', requester: 'insider' });
  for (const slot of SLOTS) events.push({ type: 'SF_START', slot });
  for (const op of OPS)
    for (const slot of SLOTS) {
      events.push({ type: 'COMMAND', sender: 'manager', op, slot });
      if (can.has('eavesdrop') && MUTATIONS.includes(op)) events.push({ type: 'COMMAND', sender: 'manager', op, slot, capture: true });
      if (can.has('illicitInterfaceUse')) events.push({ type: 'COMMAND', sender: 'insider', op, slot });
      if (can.has('impersonate')) events.push({ type: 'COMMAND', sender: 'forger', op, slot });
    }
  if (can.has('replay')) for (let index = 0; index < (size.captures ?? MAX_CAPTURES); index++) events.push({ type: 'REPLAY', index });
  if (can.has('memoryRead')) events.push({ type: 'REMOTE_HACK' });
  if (can.has('memoryWrite')) for (const slot of SLOTS) for (const write of ['erase', 'implant'] as const) events.push({ type: 'MEMORY_WRITE', slot, write });
  if (can.has('probe')) events.push({ type: 'PROBE' });
  if (can.has('tamper')) events.push({ type: 'TAMPER' });
  if (can.has('sideChannel')) events.push({ type: 'SIDE_CHANNEL' });
  if (binding && can.has('removeHsm')) events.push({ type: 'REMOVE_HSM' }, { type: 'INSERT_ELSEWHERE' }, { type: 'REINSERT' });
  if (binding && can.has('replaceHsm')) events.push({ type: 'REPLACE_HSM' });
  return events;
}

/** The server's events for `profile` (no binding events). */
export function serverAlphabet(profile: ProfileId, settings: Settings, size: AlphabetSize = {}): readonly StoreEvent[] {
  return alphabet(profile, false, settings, size) as readonly StoreEvent[];
}
