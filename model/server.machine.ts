/**
 * Infrastructure equipment (e.g. holding the network CSE or a security server) with its
 * Server-HSM (@clause CM2), its System Administrator and maintenance interfaces (@clause CM3,
 * @clause CM6) and its Sensitive Functions (@clause CM4, by interpretation INT-CM4-SERVER-HSM),
 * under remote hacking and illicit use of management or maintenance interfaces. Threats T4 and
 * T5 are goals on it.
 *
 * Principals: `manager` is the System Administrator; `insider` is a maintenance engineer with a
 * valid credential whose role permits reads only; `forger` impersonates the System Administrator.
 * Sections: types → context → initial → transitions. Invariants and goals are in `proofs/`.
 * @module
 */
import { and, setup } from 'xstate';
import { storeActions } from './actions.ts';
import { storeGuards } from './guards.ts';
import { initialStore, type StoreContext } from './store.ts';
import type { ModelInput } from './config.ts';
import type { ServerEvent } from './events.ts';

// ── types ────────────────────────────────────────────────────────────────────────────────
/** Context of the server machine. */
export type ServerContext = StoreContext;

// ── context: guards and actions ──────────────────────────────────────────────────────────
const machineSetup = setup({
  types: { context: {} as ServerContext, events: {} as ServerEvent, input: {} as ModelInput },
  guards: storeGuards,
  actions: storeActions<ServerEvent>(),
});

const command = { guard: and(['cm6StrongAuth', 'cm6Authorised', 'commandApplies']), actions: 'execute' } as const;
/** A command of the manager that authentication refuses: the manager drops its nonce (the store changes nothing). */
const refused = { guard: 'managerCommandRefused', actions: 'refuseCommand' } as const;

// ── initial + transitions ────────────────────────────────────────────────────────────────
/** The Server-HSM machine; its input selects the countermeasures and the attacker profile. */
export const serverMachine = machineSetup.createMachine({
  id: 'server',
  type: 'parallel',
  context: ({ input }) => initialStore(input, 'server'),
  states: {
    store: {
      on: {
        CHALLENGE: { guard: 'cm6ChallengeAvailable', actions: 'issueNonce' },
        COMMAND: [command, refused],
        REPLAY: command,
        MEMORY_WRITE: { guard: 'keysInMemory', actions: 'writeMemory' },
        PROBE: { guard: 'hsmPresent', actions: 'probeHsm' },
        TAMPER: { guard: 'hsmPresent', actions: 'tamperResponse' },
        REMOTE_HACK: { actions: 'readMemory' },
      },
    },
    sf: {
      initial: 'idle',
      states: {
        idle: { on: { SF_START: { guard: 'keyActive', target: 'running', actions: 'startSf' } } },
        running: {
          on: {
            // @clause CM4 — every use of the key is a step; a key no longer active is refused and the function ends
            SF_USE: [
              { guard: 'sfKeyUsable', actions: { type: 'useKey', params: { foreign: false } } },
              { target: 'idle', actions: 'refuseUse' },
            ],
            SF_END: { target: 'idle', actions: 'endSf' },
            SIDE_CHANNEL: { guard: 'sfRunning', actions: 'sideChannel' },
          },
        },
      },
    },
  },
});
