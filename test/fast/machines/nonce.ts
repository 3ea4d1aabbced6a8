/**
 * Test machine "nonce": a device accepts a manager's command only with a fresh nonce. The
 * manager requests a nonce (`idle` → `holding`), then sends its command with it: with the
 * current nonce it is `served` (the nonce is consumed), otherwise it is rejected and starts
 * over (`idle`); `done` ends a served session. An attacker may request a nonce at any time.
 * Nonces come from a counter modulo 3.
 *
 * With one nonce shared by all requesters (`perRequester: false`, the flaw) the attacker's
 * request replaces the manager's nonce, so the manager can be locked out forever (a
 * starvation cycle); with a nonce per requester it cannot.
 * @module
 */
import { assign, setup } from 'xstate';
import type { FastSubject } from '../../../proofs/fast/types.ts';

/** Who sends an event. */
export type Requester = 'manager' | 'attacker';

/** Context of the nonce device. */
export interface NonceContext {
  /** The next nonce handed out (0..2). */
  readonly next: number;
  /** Per nonce slot of the device, the nonce it will accept (slot 0: the manager's, or everyone's when shared). */
  readonly nonces: readonly (number | null)[];
  /** The manager's copy of its nonce. */
  readonly held: number | null;
}

/** Events of the nonce device. */
export type NonceEvent = { type: 'request'; by: Requester } | { type: 'command'; by: 'manager' } | { type: 'done'; by: 'manager' };

/** The nonce device; with `perRequester`, the attacker's nonces go to a slot of their own. */
export function nonceMachine(perRequester: boolean) {
  const attackerSlot = perRequester ? 1 : 0;
  const issue = (ctx: NonceContext, slot: number) => ({ next: (ctx.next + 1) % 3, nonces: ctx.nonces.map((n, i) => (i === slot ? ctx.next : n)) });
  return setup({
    types: {} as { context: NonceContext; events: NonceEvent },
    guards: {
      by: ({ event }, params: { who: Requester }) => event.by === params.who,
      fresh: ({ context }) => context.held !== null && context.held === context.nonces[0],
    },
    actions: {
      issueManager: assign(({ context }) => ({ ...issue(context, 0), held: context.next })),
      issueAttacker: assign(({ context }) => issue(context, attackerSlot)),
      consume: assign(({ context }) => ({ held: null, nonces: context.nonces.map((n, i) => (i === 0 ? null : n)) })),
      forget: assign({ held: null }),
    },
  }).createMachine({
    id: perRequester ? 'nonce-per-requester' : 'nonce-shared',
    context: { next: 0, nonces: perRequester ? [null, null] : [null], held: null },
    initial: 'idle',
    on: { request: { guard: { type: 'by', params: { who: 'attacker' } }, actions: 'issueAttacker' } },
    states: {
      idle: { on: { request: { guard: { type: 'by', params: { who: 'manager' } }, target: 'holding', actions: 'issueManager' } } },
      holding: {
        on: {
          command: [
            { guard: 'fresh', target: 'served', actions: 'consume' },
            { target: 'idle', actions: 'forget' },
          ],
        },
      },
      served: { on: { done: 'idle' } },
    },
  });
}

/** Every event of the nonce device. */
export const NONCE_EVENTS: readonly NonceEvent[] = [
  { type: 'request', by: 'manager' },
  { type: 'command', by: 'manager' },
  { type: 'done', by: 'manager' },
  { type: 'request', by: 'attacker' },
];

/** The nonce device as a subject (no invariants: it is checked for starvation). */
export function nonceSubject(perRequester: boolean): FastSubject<ReturnType<typeof nonceMachine>, NonceEvent> {
  return { machine: nonceMachine(perRequester), events: () => NONCE_EVENTS, invariants: [] };
}
