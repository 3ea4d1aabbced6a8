/**
 * Actions shared by the device HSM and the Server-HSM: each applies one pure function of
 * `model/effects.ts` to the context.
 * @module
 */
import { assign } from 'xstate';
import { executeCommand, readMemory, sideChannel, startSensitiveFunction, writeMemory } from './effects.ts';
import { commandOf } from './guards.ts';
import type { DeviceEvent } from './events.ts';
import type { StoreContext } from './store.ts';

/** The shared actions, typed for a machine whose events are `E` (the device adds its binding actions). */
export function storeActions<E extends DeviceEvent>() {
  const a = <P = undefined>(f: (args: { context: StoreContext; event: DeviceEvent }, params: P) => Partial<StoreContext>) =>
    assign<StoreContext, E, P, E, never>(f as never);
  return {
    /** @clause CM6 — issue the next challenge nonce. */
    issueNonce: a(({ context }) => ({ pending: context.nextNonce, nextNonce: context.nextNonce + 1 })),
    /** Execute an accepted management command. */
    execute: a(({ context, event }) => {
      const c = commandOf(context, event)!;
      return executeCommand(context, c.cmd, c.sender, c.capture);
    }),
    /** Hardware probing or remote hacking reads general-purpose memory. */
    readMemory: a(({ context }) => readMemory(context)),
    /** Side-channel observation of a Sensitive Function running outside the HSM. */
    sideChannel: a(({ context }) => sideChannel(context)),
    /** The attacker overwrites key storage in general-purpose memory. */
    writeMemory: a(({ context, event }) => (event.type === 'MEMORY_WRITE' ? writeMemory(context, event.slot, event.write) : {})),
    /** @clause CM4 — start a Sensitive Function; `foreign` when the HSM sits in another device. */
    startSf: a(({ context, event }, params: { foreign: boolean } | undefined) =>
      event.type === 'SF_START' ? startSensitiveFunction(context, event.slot, params?.foreign ?? false) : {},
    ),
    /** The Sensitive Function completes; nothing stays in memory. */
    endSf: a(() => ({ inUse: null })),
  };
}
