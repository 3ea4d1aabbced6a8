/**
 * The M2M Device / Gateway with its HSM (@clause CM1), the management of its long-term keys
 * (@clause CM6), the HSM's binding to the device (@clause CM5), its Sensitive Functions
 * (@clause CM4), and the attacker's actions on it. Threats T1, T2, T3 and T6 are goals on it.
 *
 * Sections: types → context → initial → transitions. Invariants and goals are in `proofs/`.
 * Without CM1 there is no HSM: keys live in device memory and the `hsm` region stays in
 * `inOwnDevice` (nothing can be removed).
 * @module
 */
import { and, assign, not, setup, stateIn } from 'xstate';
import { effective, inHardware } from './effective.ts';
import { storeActions } from './actions.ts';
import { holdsLegitKey } from './effects.ts';
import { storeGuards } from './guards.ts';
import { initialStore, raise, type StoreContext } from './store.ts';
import type { ModelInput } from './config.ts';
import type { DeviceEvent } from './events.ts';

// ── types ────────────────────────────────────────────────────────────────────────────────
/** Context of the device machine. */
export type DeviceContext = StoreContext;

// ── context: guards and actions ──────────────────────────────────────────────────────────
const machineSetup = setup({
  types: { context: {} as DeviceContext, events: {} as DeviceEvent, input: {} as ModelInput },
  guards: {
    ...storeGuards,
    /** @clause CM1 — there is an HSM that could be removed. */
    hsmPresent: ({ context }) => inHardware(context.cms, 'device'),
    /** @clause CM5 — physical binding: the HSM cannot be removed from its device. */
    cm5BoundToDevice: ({ context }) => effective(context.cms, 'CM5', 'device'),
    /** @clause CM5 — logical binding: the HSM refuses to work in any device but its own. */
    cm5KeysOnlyInOwnDevice: ({ context }) => effective(context.cms, 'CM5', 'device'),
    /** No attacker-made HSM has been fitted into the device. */
    noCounterfeit: ({ context }) => !context.counterfeit,
  },
  actions: {
    ...storeActions<DeviceEvent>(),
    /** Removing the HSM takes its keys from the device: the device can no longer use them. */
    recordRemoval: assign(({ context }) => ({ ghost: raise(context, { lostLegit: holdsLegitKey(context) }) })),
    fitCounterfeit: assign({ counterfeit: true }),
  },
});

const command = { guard: and(['cm6StrongAuth', 'cm6Authorised', 'commandApplies']), actions: 'execute' } as const;

// ── initial + transitions ────────────────────────────────────────────────────────────────
/** The device HSM machine; its input selects the countermeasures and the attacker profile. */
export const deviceMachine = machineSetup.createMachine({
  id: 'device',
  type: 'parallel',
  context: ({ input }) => initialStore(input, 'device'),
  on: {
    PROBE: { actions: 'readMemory' },
    REMOTE_HACK: { actions: 'readMemory' },
  },
  states: {
    hsm: {
      initial: 'inOwnDevice',
      states: {
        inOwnDevice: {
          on: {
            CHALLENGE: { guard: 'cm6ChallengeAvailable', actions: 'issueNonce' },
            COMMAND: command,
            REPLAY: command,
            MEMORY_WRITE: { guard: 'keysInMemory', actions: 'writeMemory' },
            REMOVE_HSM: {
              guard: and(['hsmPresent', not('cm5BoundToDevice'), stateIn({ sf: 'idle' })]),
              target: 'removed',
              actions: 'recordRemoval',
            },
          },
        },
        removed: {
          on: {
            INSERT_ELSEWHERE: { target: 'elsewhere' },
            REINSERT: { guard: 'noCounterfeit', target: 'inOwnDevice' },
            REPLACE_HSM: { guard: 'noCounterfeit', actions: 'fitCounterfeit' },
          },
        },
        elsewhere: {
          on: { REMOVE_HSM: { guard: stateIn({ sf: 'idle' }), target: 'removed' } },
        },
      },
    },
    sf: {
      initial: 'idle',
      states: {
        idle: {
          on: {
            SF_START: [
              {
                guard: and(['keyActive', stateIn({ hsm: 'inOwnDevice' })]),
                target: 'running',
                actions: { type: 'startSf', params: { foreign: false } },
              },
              {
                guard: and(['keyActive', stateIn({ hsm: 'elsewhere' }), not('cm5KeysOnlyInOwnDevice')]),
                target: 'running',
                actions: { type: 'startSf', params: { foreign: true } },
              },
            ],
          },
        },
        running: {
          on: {
            SF_END: { target: 'idle', actions: 'endSf' },
            SIDE_CHANNEL: { guard: 'sfOutsideHsm', actions: 'sideChannel' },
          },
        },
      },
    },
  },
});
