/**
 * The implementation's statecharts: the model's own machines (`deviceMachine`,
 * `serverMachine`) with their symbolic guards and actions swapped, by `machine.provide()`, for
 * guards and actions that call the backend. Every transition, guard combination and state is
 * the model's, so the implementation cannot drift from what was verified; only what a guard
 * checks and what an action does is real. The actor runs under the implementation's input
 * (`impl/input.ts`: every countermeasure, the implementation's settings).
 * @module
 */
import { createActor, type Actor, type AnyStateMachine } from 'xstate';
import { deviceMachine } from '../model/device.machine.ts';
import { serverMachine } from '../model/server.machine.ts';
import { challengeActions, challengeGuards } from './commands/challenge.ts';
import { counterfeitActions } from './commands/counterfeit.ts';
import { bindingGuards } from './commands/host-check.ts';
import { moveActions } from './commands/insert.ts';
import { managementActions, managementGuards } from './commands/management.ts';
import { memoryReadActions } from './commands/memory-read.ts';
import { memoryWriteActions, memoryWriteGuards } from './commands/memory-write.ts';
import { probeActions, probeGuards } from './commands/probe.ts';
import { removeActions, removeGuards } from './commands/remove.ts';
import { sfEndActions } from './commands/sf-end.ts';
import { sfStartActions, sfStartGuards } from './commands/sf-start.ts';
import { sfUseActions, sfUseBindingGuards, sfUseGuards } from './commands/sf-use.ts';
import { sideChannelActions, sideChannelGuards } from './commands/side-channel.ts';
import { tamperActions } from './commands/tamper.ts';
import { IMPL_INPUT } from './input.ts';
import type { Kernel } from './kernel.ts';

export { IMPL_INPUT, IMPL_SETTINGS } from './input.ts';

/** Guards common to both stores (the model's `storeGuards`). */
const STORE_GUARDS = { ...challengeGuards, ...managementGuards, ...sfStartGuards, ...sfUseGuards, ...memoryWriteGuards, ...probeGuards, ...sideChannelGuards };

/** Actions common to both stores (the model's `storeActions`). */
const STORE_ACTIONS = {
  ...challengeActions,
  ...managementActions,
  ...memoryReadActions,
  ...probeActions,
  ...memoryWriteActions,
  ...sideChannelActions,
  ...sfStartActions,
  ...sfUseActions,
  ...sfEndActions,
  ...tamperActions,
  ...moveActions,
};

/**
 * The device HSM statechart with real guards and actions. Provided once and shared by every
 * device HSM: each event's call record names the instance it is for.
 */
export const deviceImplMachine = deviceMachine.provide({
  guards: { ...STORE_GUARDS, ...removeGuards, ...bindingGuards, ...sfUseBindingGuards },
  actions: { ...STORE_ACTIONS, ...removeActions, ...counterfeitActions },
});

/** The Server-HSM statechart with real guards and actions, shared by every Server-HSM. */
export const serverImplMachine = serverMachine.provide({ guards: STORE_GUARDS, actions: STORE_ACTIONS });

/** Starts the statechart of `k` and attaches it. */
export function startActor(k: Kernel): Actor<AnyStateMachine> {
  const machine: AnyStateMachine = k.scope === 'device' ? deviceImplMachine : serverImplMachine;
  const actor = createActor(machine, { input: IMPL_INPUT });
  k.actor = actor;
  actor.start();
  return actor;
}
