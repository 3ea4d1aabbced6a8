/**
 * Actions shared by the device HSM and the Server-HSM: each applies one pure function of
 * `model/effects.ts` to the context.
 * @module
 */
import { assign } from 'xstate';
import {
  executeCommand,
  issueChallenge,
  probeHsm,
  readMemory,
  refuseManagerCommand,
  sideChannel,
  startSensitiveFunction,
  tamperResponse,
  useSfKey,
  writeMemory,
} from './effects.ts';
import { commandOf } from './guards.ts';
import type { DeviceEvent } from './events.ts';
import { NO_FACTS, type StoreContext } from './store.ts';

/** The shared actions, typed for a machine whose events are `E` (the device adds its binding actions). */
export function storeActions<E extends DeviceEvent>() {
  const a = <P = undefined>(f: (args: { context: StoreContext; event: DeviceEvent }, params: P) => Partial<StoreContext>) =>
    assign<StoreContext, E, P, E, never>(f as never);
  return {
    /** @clause CM6 — answer a challenge request with the requester's nonce (see `issueChallenge`). */
    issueNonce: a(({ context, event }) => {
      if (event.type !== 'CHALLENGE') return {};
      const requester = event.requester ?? 'manager';
      return issueChallenge(context, requester, requester === 'manager' && event.spoofed !== true);
    }),
    /** @clause CM6 — a refused command of the manager: it drops the nonce it used. */
    refuseCommand: a(({ context }) => refuseManagerCommand(context)),
    /** Execute an accepted management command. */
    execute: a(({ context, event }) => {
      const c = commandOf(context, event)!;
      return executeCommand(context, c.cmd, c.sender, c.capture);
    }),
    /** Remote hacking (or local reading) reads general-purpose memory. */
    readMemory: a(({ context }) => readMemory(context)),
    /** Probing the HSM boundary: reads the HSM when the attacker's potential exceeds its rating, else the HSM zeroizes. */
    probeHsm: a(({ context }) => probeHsm(context)),
    /** Side-channel observation of the running Sensitive Function, wherever it runs. */
    sideChannel: a(({ context }) => sideChannel(context)),
    /** The attacker overwrites key storage in general-purpose memory. */
    writeMemory: a(({ context, event }) => (event.type === 'MEMORY_WRITE' ? writeMemory(context, event.slot, event.write) : {})),
    /** @clause CM4 — start a Sensitive Function; `foreign` when the HSM sits in another device, `counterfeit` when an attacker-made HSM serves it. */
    startSf: a(({ context, event }, params: { foreign: boolean; counterfeit?: boolean } | undefined) =>
      event.type === 'SF_START' ? startSensitiveFunction(context, event.slot, params?.foreign ?? false, params?.counterfeit ?? false) : {},
    ),
    /** @clause CM4 @clause CM5 — one use of the running Sensitive Function's key, accepted by the guards (see `useSfKey`). */
    useKey: a(({ context }, params: { foreign: boolean; counterfeit?: boolean } | undefined) =>
      useSfKey(context, params?.foreign ?? false, params?.counterfeit ?? false),
    ),
    /** The store refused a use of the running Sensitive Function's key and ends the function (the step has no facts). */
    refuseUse: a(() => ({ sf: null, ghost: NO_FACTS })),
    /** The attacker sets off the HSM's tamper response: it zeroizes its keys (ASM-10). */
    tamperResponse: a(({ context }) => tamperResponse(context)),
    /** The Sensitive Function completes; its sensitive data is gone from where it ran. */
    endSf: a(() => ({ sf: null, ghost: NO_FACTS })),
    /** A step with no facts of its own (moving the HSM between devices). */
    noFacts: a(() => ({ ghost: NO_FACTS })),
  };
}
