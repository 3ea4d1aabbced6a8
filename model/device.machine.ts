/**
 * The M2M Device / Gateway with its HSM (@clause CM1), the management of its long-term keys
 * (@clause CM6), the HSM's binding to the device (@clause CM5), its Sensitive Functions
 * (@clause CM4), and the attacker's actions on it. Threats T1, T2, T3 and T6 are goals on it.
 *
 * Sections: types → context → initial → transitions. Invariants and goals are in `proofs/`.
 * Without CM1 there is no HSM: keys live in device memory and the `hsm` region stays in
 * `inOwnDevice` (nothing can be removed). The attacker's steps are always offered to it; what
 * they achieve depends on the mechanisms (`context.mech`).
 * @module
 */
import { and, assign, not, or, setup, stateIn } from 'xstate';
import { storeActions } from './actions.ts';
import { holdsLegitKey } from './effects.ts';
import { storeGuards } from './guards.ts';
import { facts, initialStore, NO_FACTS, type StoreContext } from './store.ts';
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
    /** @clause CM5 — physical binding: the HSM cannot be removed from its device. */
    cm5BoundToDevice: ({ context }) => context.mech.physicalBinding,
    /**
     * @clause CM5 — logical binding: HSM and device each work only with the partner that proves the
     * pairing secret; an attacker who knows the secret can make any device or HSM prove it.
     */
    cm5PairingProved: ({ context }) => !context.mech.logicalBinding || context.knowsPairing,
    /**
     * @clause CM5 — logical binding at each use of a running Sensitive Function's key: where the
     * binding asks for the pairing proof at every use, only a partner that proves the secret is
     * served (a function started in the HSM's own device is not carried over to another device).
     */
    cm5UseAccepted: ({ context }) => !context.mech.logicalBinding || !context.mech.pairingCheckedAtUse || context.knowsPairing,
    /** ASM-15 — taking the HSM out of its device ends the Sensitive Function running in it. */
    sessionEndsOnRemoval: ({ context }) => !context.mech.sessionSurvivesRemoval,
  },
  actions: {
    ...storeActions<DeviceEvent>(),
    /** Removing the HSM takes its keys from the device: the device can no longer use them. */
    recordRemoval: assign(({ context }) => ({ ghost: facts({ lostLegit: holdsLegitKey(context) }) })),
    /** The running Sensitive Function stops because its HSM left the device (the facts are those of the removal, set by the `hsm` region). */
    stopSf: assign({ sf: null }),
    /** An attacker-made HSM now serves the device. */
    fitCounterfeit: assign({ counterfeit: true, ghost: NO_FACTS }),
  },
});

const command = { guard: and(['cm6StrongAuth', 'cm6Authorised', 'commandApplies']), actions: 'execute' } as const;
/** A command of the manager that authentication refuses: the manager drops its nonce (the store changes nothing). */
const refused = { guard: 'managerCommandRefused', actions: 'refuseCommand' } as const;

// ── initial + transitions ────────────────────────────────────────────────────────────────
/** The device HSM machine; its input selects the countermeasures, the attacker profile and the settings. */
export const deviceMachine = machineSetup.createMachine({
  id: 'device',
  type: 'parallel',
  context: ({ input }) => initialStore(input, 'device'),
  on: {
    REMOTE_HACK: { actions: 'readMemory' },
    PROBE: { guard: 'hsmPresent', actions: 'probeHsm' },
    TAMPER: { guard: 'hsmPresent', actions: 'tamperResponse' },
    MEMORY_WRITE: { guard: 'keysInMemory', actions: 'writeMemory' },
  },
  states: {
    hsm: {
      initial: 'inOwnDevice',
      states: {
        inOwnDevice: {
          on: {
            CHALLENGE: { guard: 'cm6ChallengeAvailable', actions: 'issueNonce' },
            COMMAND: [command, refused],
            REPLAY: command,
            REMOVE_HSM: { guard: and(['hsmPresent', not('cm5BoundToDevice')]), target: 'removed', actions: 'recordRemoval' },
          },
        },
        removed: {
          on: {
            INSERT_ELSEWHERE: { target: 'elsewhere', actions: 'noFacts' },
            REINSERT: { target: 'inOwnDevice', actions: 'noFacts' },
            REPLACE_HSM: { target: 'counterfeitFitted', actions: 'fitCounterfeit' },
          },
        },
        elsewhere: {
          on: { REMOVE_HSM: { target: 'removed', actions: 'noFacts' } },
        },
        counterfeitFitted: {},
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
                guard: and(['keyActive', stateIn({ hsm: 'elsewhere' }), 'cm5PairingProved']),
                target: 'running',
                actions: { type: 'startSf', params: { foreign: true } },
              },
              {
                guard: and([stateIn({ hsm: 'counterfeitFitted' }), 'cm5PairingProved']),
                target: 'running',
                actions: { type: 'startSf', params: { foreign: false, counterfeit: true } },
              },
            ],
          },
        },
        running: {
          on: {
            // @clause CM4 @clause CM5 — every use of the key is a step that checks the key and the binding
            // again; the HSM may have moved since the function started (ASM-15). A use the HSM
            // refuses ends the function. Out of any device, nothing can use the HSM.
            SF_USE: [
              { guard: and([stateIn({ hsm: 'inOwnDevice' }), 'sfKeyUsable']), actions: { type: 'useKey', params: { foreign: false } } },
              { guard: and([stateIn({ hsm: 'elsewhere' }), 'cm5UseAccepted', 'sfKeyUsable']), actions: { type: 'useKey', params: { foreign: true } } },
              {
                guard: and([stateIn({ hsm: 'counterfeitFitted' }), 'cm5UseAccepted']),
                actions: { type: 'useKey', params: { foreign: false, counterfeit: true } },
              },
              { guard: not(stateIn({ hsm: 'removed' })), target: 'idle', actions: 'refuseUse' },
            ],
            SF_END: { target: 'idle', actions: 'endSf' },
            SIDE_CHANNEL: { guard: 'sfRunning', actions: 'sideChannel' },
            // @clause CM5 — physical events at any time: where the session does not survive it
            // (ASM-15), the HSM taken out of the device it runs in ends the running Sensitive
            // Function in the same step (the step's facts are the removal's)
            REMOVE_HSM: {
              guard: and([
                'sessionEndsOnRemoval',
                or([and([stateIn({ hsm: 'inOwnDevice' }), 'hsmPresent', not('cm5BoundToDevice')]), stateIn({ hsm: 'elsewhere' })]),
              ]),
              target: 'idle',
              actions: 'stopSf',
            },
          },
        },
      },
    },
  },
});
