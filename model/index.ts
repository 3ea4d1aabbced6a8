/**
 * The statecharts and their vocabulary: the device HSM and Server-HSM machines, configuration
 * (countermeasure sets and attacker profiles), events, key slots, management commands and the
 * attacker's capabilities. Entry point `onem2m-hsm/model`.
 * @module
 */
export { deviceMachine, type DeviceContext } from './device.machine.ts';
export { serverMachine, type ServerContext } from './server.machine.ts';
export * from './config.ts';
export * from './events.ts';
export { SLOT_COUNT, slotIndices, initialSlots, type KeyName, type Life, type Slot, type SlotIndex } from './keys.ts';
export { OPS, MUTATIONS, PRINCIPALS, PERMITS, TRUSTED, REQUESTERS, type Op, type Principal, type Sender, type Command, type Requester } from './management.ts';
export { CAPABILITIES, PROFILES, alphabet, serverAlphabet, type Capability, type Profile } from './attacker.ts';
export type { StoreContext, Ghost } from './store.ts';
