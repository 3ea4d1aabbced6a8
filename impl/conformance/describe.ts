/**
 * One-line descriptions of abstract events, for test purpose titles and step-by-step output.
 * @module
 */
import type { DeviceEvent } from '../../model/events.ts';

const WHO = { manager: 'the manager', insider: 'the insider (read-only credential)', forger: 'a forger (untrusted key)' } as const;

/** A short description of `e`. */
export function describeEvent(e: DeviceEvent): string {
  switch (e.type) {
    case 'CHALLENGE':
      return e.spoofed ? "challenge nonce requested in the manager's name by the attacker" : `challenge nonce requested by the ${e.requester ?? 'manager'}`;
    case 'COMMAND':
      return `${WHO[e.sender]} sends "${e.op} slot ${e.slot}"${e.capture ? ', captured on the wire' : ''}`;
    case 'REPLAY':
      return `replay of captured manager command #${e.index ?? 0}`;
    case 'SF_START':
      return `Sensitive Function starts on slot ${e.slot}`;
    case 'SF_USE':
      return 'the running Sensitive Function uses its key (derivation, MAC or signature)';
    case 'SF_END':
      return 'Sensitive Function ends';
    case 'REMOTE_HACK':
      return 'remote hack reads general-purpose memory';
    case 'PROBE':
      return "hardware probe of the HSM's boundary";
    case 'TAMPER':
      return "the HSM's tamper response is set off (enclosure opened)";
    case 'SIDE_CHANNEL':
      return 'side-channel monitoring of the running function';
    case 'MEMORY_WRITE':
      return `memory write: ${e.write} slot ${e.slot}`;
    case 'REMOVE_HSM':
      return 'removal of the HSM';
    case 'INSERT_ELSEWHERE':
      return 'insertion into another device';
    case 'REINSERT':
      return 'reinsertion into its own device';
    case 'REPLACE_HSM':
      return 'an attacker-made HSM is fitted';
  }
}
