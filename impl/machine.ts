/**
 * The implementation's statecharts: the model's own machines (`deviceMachine`,
 * `serverMachine`) with their symbolic guards and actions swapped, by `machine.provide()`, for
 * guards and actions that call the backend. Every transition, guard combination and state is
 * the model's, so the implementation cannot drift from what was verified; only what a guard
 * checks and what an action does is real. The actor runs under the all-countermeasures input.
 * @module
 */
import { createActor, type Actor, type AnyStateMachine } from 'xstate';
import { COUNTERMEASURE_IDS } from '../spec/ids.ts';
import { cmFlags, type ModelInput } from '../model/config.ts';
import { deviceMachine } from '../model/device.machine.ts';
import { serverMachine } from '../model/server.machine.ts';
import { challengeActions, challengeGuards } from './commands/challenge.ts';
import { counterfeitActions } from './commands/counterfeit.ts';
import { insertGuards } from './commands/insert.ts';
import { managementActions, managementGuards } from './commands/management.ts';
import { memoryReadActions } from './commands/memory-read.ts';
import { memoryWriteActions, memoryWriteGuards } from './commands/memory-write.ts';
import { removeActions, removeGuards } from './commands/remove.ts';
import { sfEndActions } from './commands/sf-end.ts';
import { sfStartActions, sfStartGuards } from './commands/sf-start.ts';
import { sideChannelActions, sideChannelGuards } from './commands/side-channel.ts';
import type { Kernel } from './kernel.ts';

/** The implementation's configuration: every countermeasure in force. */
export const IMPL_INPUT: ModelInput = { cms: cmFlags(COUNTERMEASURE_IDS), profile: 'physical' };

const { cm5KeysOnlyInOwnDevice: _binding, ...sfGuards } = sfStartGuards;

/** Guards common to both stores. */
const STORE_GUARDS = { ...challengeGuards, ...managementGuards, ...sfGuards, ...memoryWriteGuards, ...sideChannelGuards };

/** Actions common to both stores. */
const STORE_ACTIONS = {
  ...challengeActions,
  ...managementActions,
  ...memoryReadActions,
  ...memoryWriteActions,
  ...sideChannelActions,
  ...sfStartActions,
  ...sfEndActions,
};

/**
 * The device HSM statechart with real guards and actions. Provided once and shared by every
 * device HSM: each event's call record names the instance it is for.
 */
export const deviceImplMachine = deviceMachine.provide({
  guards: { ...STORE_GUARDS, ...sfStartGuards, ...removeGuards, ...insertGuards },
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
