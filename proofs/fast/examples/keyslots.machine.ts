/**
 * keyslots(N): the benchmark model of the exhaustive checker. An HSM holds N key slots, each
 * `empty`, `provisioned`, `deprecated` or `deleted` (all empty at first), a session that is
 * authenticated or not (not at first) and a one-way `tampered` latch. Events: `auth` (only
 * when signed out), `logout` (only when signed in), `tamper` (only once: every slot becomes
 * deleted, the session ends, the latch is set) and, per slot and only when signed in,
 * `provision` (empty or deleted → provisioned), `deprecate` (provisioned → deprecated) and
 * `delete` (provisioned or deprecated → deleted). A ghost flag records any `delete` taken
 * while signed out; the invariant says it never happens.
 *
 * Reachable states: 2·4^N (untampered, either session) + 2·3^N (tampered: no slot is empty).
 * @module
 */
import { assign, setup } from 'xstate';
import { schemaCodec } from '../schema-codec.ts';
import { arrayOf, bool, oneOf } from '../schema.ts';
import type { FastSubject } from '../types.ts';

/** The states of one key slot. */
export const SLOT_STATES = ['empty', 'provisioned', 'deprecated', 'deleted'] as const;
/** The state of one key slot. */
export type Slot = (typeof SLOT_STATES)[number];

/** Context of keyslots(N). */
export interface KeyslotsContext {
  readonly slots: readonly Slot[];
  readonly authenticated: boolean;
  readonly tampered: boolean;
  /** Ghost: a slot was deleted while no session was authenticated. */
  readonly ghost: boolean;
}

/** Events of keyslots(N); slot events carry the slot index. */
export type KeyslotsEvent =
  | { type: 'auth' }
  | { type: 'logout' }
  | { type: 'tamper' }
  | { type: 'provision'; slot: number }
  | { type: 'deprecate'; slot: number }
  | { type: 'delete'; slot: number };

/** The keyslots(N) machine: one state, everything in context, guards and assigns by name. */
export function keyslotsMachine(n: number) {
  return setup({
    types: {} as { context: KeyslotsContext; events: KeyslotsEvent },
    guards: {
      signedOut: ({ context }) => !context.authenticated,
      signedIn: ({ context }) => context.authenticated,
      intact: ({ context }) => !context.tampered,
      slotIn: ({ context, event }, params: { from: readonly Slot[] }) =>
        context.authenticated && 'slot' in event && params.from.includes(context.slots[event.slot]!),
    },
    actions: {
      signIn: assign({ authenticated: true }),
      signOut: assign({ authenticated: false }),
      wipe: assign(() => ({
        slots: Array.from({ length: n }, (): Slot => 'deleted'),
        authenticated: false,
        tampered: true,
      })),
      setSlot: assign({
        slots: ({ context, event }, params: { to: Slot }) => ('slot' in event ? context.slots.with(event.slot, params.to) : context.slots),
      }),
      noteDelete: assign({ ghost: ({ context }) => context.ghost || !context.authenticated }),
    },
  }).createMachine({
    id: `keyslots-${n}`,
    context: { slots: Array.from({ length: n }, (): Slot => 'empty'), authenticated: false, tampered: false, ghost: false },
    on: {
      auth: { guard: 'signedOut', actions: 'signIn' },
      logout: { guard: 'signedIn', actions: 'signOut' },
      tamper: { guard: 'intact', actions: 'wipe' },
      provision: {
        guard: { type: 'slotIn', params: { from: ['empty', 'deleted'] } },
        actions: { type: 'setSlot', params: { to: 'provisioned' } },
      },
      deprecate: {
        guard: { type: 'slotIn', params: { from: ['provisioned'] } },
        actions: { type: 'setSlot', params: { to: 'deprecated' } },
      },
      delete: {
        guard: { type: 'slotIn', params: { from: ['provisioned', 'deprecated'] } },
        actions: ['noteDelete', { type: 'setSlot', params: { to: 'deleted' } }],
      },
    },
  });
}

/** The keyslots(N) machine type. */
export type KeyslotsMachine = ReturnType<typeof keyslotsMachine>;

/** Every event keyslots(N) can receive: auth, logout, tamper, then provision/deprecate/delete per slot. */
export function keyslotsEvents(n: number): KeyslotsEvent[] {
  const out: KeyslotsEvent[] = [{ type: 'auth' }, { type: 'logout' }, { type: 'tamper' }];
  for (let slot = 0; slot < n; slot++) {
    out.push({ type: 'provision', slot }, { type: 'deprecate', slot }, { type: 'delete', slot });
  }
  return out;
}

/** Closed-form number of reachable states of keyslots(N): 2·4^N + 2·3^N. */
export function keyslotsStateCount(n: number): number {
  return 2 * 4 ** n + 2 * 3 ** n;
}

/**
 * The keyslots(N) subject: all events, the no-unauthenticated-delete invariant, a reachability
 * goal (a tamper wipe), a packed context codec, and, with `symmetry`, interchangeable slots.
 */
export function keyslotsSubject(n: number, opts: { symmetry?: boolean } = {}): FastSubject<KeyslotsMachine, KeyslotsEvent> {
  const events = keyslotsEvents(n);
  return {
    machine: keyslotsMachine(n),
    events: () => events,
    invariants: [
      {
        id: 'KS-NO-UNAUTH-DELETE',
        title: 'No key slot is deleted by a delete command outside an authenticated session',
        holds: (s) => !s.context.ghost,
      },
    ],
    goals: [
      {
        id: 'KS-TAMPER-WIPE',
        title: 'Tampering leaves every key slot deleted',
        holds: (s) => s.context.tampered && s.context.slots.every((x) => x === 'deleted'),
      },
    ],
    codec: schemaCodec({ slots: arrayOf(n, oneOf(...SLOT_STATES)), authenticated: bool(), tampered: bool(), ghost: bool() }),
    ...(opts.symmetry ? { symmetry: { permutable: ['slots'] } } : {}),
    source: { module: import.meta.url, exportName: 'keyslotsSubject', args: [n, opts] },
  };
}
