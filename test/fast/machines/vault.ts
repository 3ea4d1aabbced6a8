/**
 * Test machine "vault": nested compound states, eventless transitions (with and without
 * guards, on an atomic state and on an ancestor), entry/exit/initial assign actions,
 * guards by name with params, a wildcard descriptor, a `reenter` self-transition and a
 * parametrised `digit` event. Small and finite; one invariant is deliberately false.
 * @module
 */
import { assign, setup } from 'xstate';
import type { FastSubject } from '../../../proofs/fast/types.ts';

/** Context of the vault. */
export interface VaultContext {
  readonly entered: readonly number[];
  readonly failures: number;
  readonly opened: number;
  readonly audit: number;
}

/** Events of the vault. */
export type VaultEvent =
  | { type: 'digit'; value: number }
  | { type: 'clear' }
  | { type: 'close' }
  | { type: 'admin.unblock'; level: number }
  | { type: 'admin.audit' };

/** The secret code. */
export const VAULT_CODE = [2, 1] as const;

/** The vault machine. */
export const vaultMachine = setup({
  types: {} as { context: VaultContext; events: VaultEvent },
  guards: {
    full: ({ context }, params: { size: number }) => context.entered.length >= params.size,
    codeMatches: ({ context }) => context.entered.join() === VAULT_CODE.join(),
    tooMany: ({ context }, params: { max: number }) => context.failures >= params.max,
    levelAtLeast: ({ event }, params: { level: number }) => 'level' in event && event.level >= params.level,
  },
  actions: {
    pushDigit: assign({ entered: ({ context, event }) => [...context.entered, 'value' in event ? event.value : -1] }),
    clearDigits: assign({ entered: [] }),
    countFailure: assign(({ context }) => ({ failures: context.failures + 1, entered: [] })),
    countOpen: assign({ opened: ({ context }) => Math.min(context.opened + 1, 2) }),
  },
}).createMachine({
  id: 'vault',
  context: { entered: [], failures: 0, opened: 0, audit: 0 },
  initial: 'locked',
  states: {
    locked: {
      initial: { target: 'idle', actions: assign({ audit: ({ context }) => context.audit % 2 }) },
      always: { guard: { type: 'tooMany', params: { max: 2 } }, target: 'blocked' },
      on: { clear: { target: '.idle', reenter: true, actions: 'clearDigits' } },
      states: {
        idle: { on: { digit: { target: 'entering', actions: 'pushDigit' } } },
        entering: {
          on: { digit: { actions: 'pushDigit' } },
          always: { guard: { type: 'full', params: { size: 2 } }, target: 'checking' },
        },
        checking: {
          always: [
            { guard: 'codeMatches', target: '#vault.open', actions: 'clearDigits' },
            { target: 'idle', actions: 'countFailure' },
          ],
        },
      },
    },
    open: {
      entry: 'countOpen',
      exit: assign({ failures: 0 }),
      on: { close: 'locked', 'admin.*': { actions: assign({ audit: ({ context }) => Math.min(context.audit + 1, 3) }) } },
    },
    blocked: {
      on: {
        'admin.unblock': { guard: { type: 'levelAtLeast', params: { level: 2 } }, target: 'locked', actions: assign({ failures: 0 }) },
        'admin.*': { actions: assign({ audit: ({ context }) => Math.min(context.audit + 1, 3) }) },
      },
    },
  },
});

/** Events tried in every state. */
export const VAULT_EVENTS: readonly VaultEvent[] = [
  { type: 'digit', value: 1 },
  { type: 'digit', value: 2 },
  { type: 'clear' },
  { type: 'close' },
  { type: 'admin.unblock', level: 1 },
  { type: 'admin.unblock', level: 3 },
  { type: 'admin.audit' },
];

/** The vault subject (no codec: contexts are interned by JSON). */
export const vaultSubject: FastSubject<typeof vaultMachine, VaultEvent> = {
  machine: vaultMachine,
  events: () => VAULT_EVENTS,
  invariants: [
    { id: 'V-NO-OPEN-AFTER-BLOCK', title: 'never opened twice (false: the code works twice)', holds: (s) => s.context.opened < 2 },
    { id: 'V-FAILURES-BOUNDED', title: 'at most two failures are counted', holds: (s) => s.context.failures <= 2 },
  ],
  goals: [
    { id: 'V-BLOCKED', title: 'the vault blocks', holds: (s) => s.matches('blocked') },
    { id: 'V-AUDITED-OPEN', title: 'audited while open', holds: (s) => s.matches('open') && s.context.audit > 1 },
  ],
};
