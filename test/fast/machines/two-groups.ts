/**
 * Test machine "two groups": an HSM-like machine with two independent symmetries. N key slots
 * (each `empty`, `provisioned` or `deleted`) and M managers (each `signedOut` or `signedIn`,
 * with a per-manager quota counter 0..1). Events: per manager `signIn` / `signOut` (signing
 * out resets the counter); per manager and slot `provision` (a signed-in manager whose counter
 * is 0 provisions an empty or deleted slot; the counter becomes 1) and `delete` (a signed-in
 * manager deletes a provisioned slot). A ghost flag records any slot command by a signed-out
 * manager. Slots are interchangeable among themselves, and so are managers (with their
 * counters): `symmetry: { groups: [['slots'], ['managers', 'counters']] }`.
 *
 * Reachable states: 3^N·3^M − (3^M − 2^M) (every slot and manager combination, except that no
 * counter is 1 while every slot is still empty). Orbits: C(N+2,2)·C(M+2,2) − (C(M+2,2) − (M+1)).
 * @module
 */
import { assign, setup } from 'xstate';
import { arrayOf, bool, int, oneOf, schemaCodec } from '../../../proofs/fast/index.ts';
import type { FastSubject, Symmetry } from '../../../proofs/fast/types.ts';

/** The states of one key slot. */
export const SLOT_STATES = ['empty', 'provisioned', 'deleted'] as const;
/** The state of one key slot. */
export type SlotState = (typeof SLOT_STATES)[number];
/** The states of one manager. */
export const MANAGER_STATES = ['signedOut', 'signedIn'] as const;
/** The state of one manager. */
export type ManagerState = (typeof MANAGER_STATES)[number];

/** Context of two-groups(N, M). */
export interface TwoGroupsContext {
  readonly slots: readonly SlotState[];
  readonly managers: readonly ManagerState[];
  /** Per manager: 1 once it has provisioned a slot in its current session. */
  readonly counters: readonly number[];
  /** Ghost: a slot command was taken by a signed-out manager. */
  readonly ghost: boolean;
}

/** Events of two-groups(N, M); they carry a manager index and, for slot commands, a slot index. */
export type TwoGroupsEvent =
  | { type: 'signIn'; manager: number }
  | { type: 'signOut'; manager: number }
  | { type: 'provision'; manager: number; slot: number }
  | { type: 'delete'; manager: number; slot: number };

/** Sets index `at` of `xs` to `x` (a new array). */
const put = <T>(xs: readonly T[], at: number, x: T): T[] => xs.map((y, i) => (i === at ? x : y));

/** The two-groups(N, M) machine: one state, everything in context, guards and assigns by name. */
export function twoGroupsMachine(n: number, m: number) {
  return setup({
    types: {} as { context: TwoGroupsContext; events: TwoGroupsEvent },
    guards: {
      managerIs: ({ context, event }, params: { state: ManagerState }) => context.managers[event.manager] === params.state,
      canProvision: ({ context, event }) =>
        'slot' in event &&
        context.managers[event.manager] === 'signedIn' &&
        context.counters[event.manager] === 0 &&
        context.slots[event.slot] !== 'provisioned',
      canDelete: ({ context, event }) => 'slot' in event && context.managers[event.manager] === 'signedIn' && context.slots[event.slot] === 'provisioned',
    },
    actions: {
      setManager: assign({ managers: ({ context, event }, params: { to: ManagerState }) => put(context.managers, event.manager, params.to) }),
      setCounter: assign({ counters: ({ context, event }, params: { to: number }) => put(context.counters, event.manager, params.to) }),
      setSlot: assign({
        slots: ({ context, event }, params: { to: SlotState }) => ('slot' in event ? put(context.slots, event.slot, params.to) : context.slots),
      }),
      noteCommand: assign({ ghost: ({ context, event }) => context.ghost || context.managers[event.manager] !== 'signedIn' }),
    },
  }).createMachine({
    id: `two-groups-${n}-${m}`,
    context: {
      slots: Array.from({ length: n }, (): SlotState => 'empty'),
      managers: Array.from({ length: m }, (): ManagerState => 'signedOut'),
      counters: Array.from({ length: m }, () => 0),
      ghost: false,
    },
    on: {
      signIn: { guard: { type: 'managerIs', params: { state: 'signedOut' } }, actions: { type: 'setManager', params: { to: 'signedIn' } } },
      signOut: {
        guard: { type: 'managerIs', params: { state: 'signedIn' } },
        actions: [
          { type: 'setManager', params: { to: 'signedOut' } },
          { type: 'setCounter', params: { to: 0 } },
        ],
      },
      provision: {
        guard: 'canProvision',
        actions: ['noteCommand', { type: 'setSlot', params: { to: 'provisioned' } }, { type: 'setCounter', params: { to: 1 } }],
      },
      delete: { guard: 'canDelete', actions: ['noteCommand', { type: 'setSlot', params: { to: 'deleted' } }] },
    },
  });
}

/** The two-groups(N, M) machine type. */
export type TwoGroupsMachine = ReturnType<typeof twoGroupsMachine>;

/** Every event of two-groups(N, M): a set closed under permutations of slots and of managers. */
export function twoGroupsEvents(n: number, m: number): TwoGroupsEvent[] {
  const out: TwoGroupsEvent[] = [];
  for (let manager = 0; manager < m; manager++) {
    out.push({ type: 'signIn', manager }, { type: 'signOut', manager });
    for (let slot = 0; slot < n; slot++) out.push({ type: 'provision', manager, slot }, { type: 'delete', manager, slot });
  }
  return out;
}

/** Closed-form number of reachable states of two-groups(N, M) without symmetry. */
export function twoGroupsStateCount(n: number, m: number): number {
  return 3 ** n * 3 ** m - (3 ** m - 2 ** m);
}

/** Closed-form number of orbits of two-groups(N, M) under permutations of slots and of managers. */
export function twoGroupsOrbitCount(n: number, m: number): number {
  const multisets = (k: number, kinds: number) => (kinds === 3 ? ((k + 1) * (k + 2)) / 2 : k + 1);
  return multisets(n, 3) * multisets(m, 3) - (multisets(m, 3) - multisets(m, 2));
}

/** The symmetry of two-groups: slots, and managers together with their counters. */
export const TWO_GROUPS_SYMMETRY: Symmetry<TwoGroupsContext> = { groups: [['slots'], ['managers', 'counters']] };

/** Options of {@link twoGroupsSubject}. */
export interface TwoGroupsOptions {
  /** Declare {@link TWO_GROUPS_SYMMETRY} (default true). */
  readonly symmetry?: boolean;
  /** Give the subject a packed schema codec (default true). */
  readonly codec?: boolean;
}

/**
 * The two-groups(N, M) subject: all events, a true invariant (no slot command by a signed-out
 * manager; counters are 0 outside a session), a deliberately false witness invariant (at most
 * one slot provisioned at a time, false for N ≥ 2), a goal (every slot deleted), and by
 * default a packed codec and the two-group symmetry.
 */
export function twoGroupsSubject(n: number, m: number, opts: TwoGroupsOptions = {}): FastSubject<TwoGroupsMachine, TwoGroupsEvent> {
  const events = twoGroupsEvents(n, m);
  return {
    machine: twoGroupsMachine(n, m),
    events: () => events,
    invariants: [
      {
        id: 'TG-NO-GHOST',
        title: 'Only signed-in managers command slots, and counters are 0 outside a session',
        holds: (s) => !s.context.ghost && s.context.counters.every((c, i) => c === 0 || s.context.managers[i] === 'signedIn'),
      },
      {
        id: 'TG-WITNESS-ONE-PROVISIONED',
        title: 'Witness (false for N ≥ 2): at most one slot is provisioned at a time',
        holds: (s) => s.context.slots.filter((x) => x === 'provisioned').length <= 1,
      },
    ],
    goals: [
      {
        id: 'TG-ALL-DELETED',
        title: 'Every slot gets deleted',
        holds: (s) => s.context.slots.every((x) => x === 'deleted'),
      },
    ],
    ...(opts.codec !== false
      ? {
          codec: schemaCodec<TwoGroupsContext>({
            slots: arrayOf(n, oneOf(...SLOT_STATES)),
            managers: arrayOf(m, oneOf(...MANAGER_STATES)),
            counters: arrayOf(m, int(0, 1)),
            ghost: bool(),
          }),
        }
      : {}),
    ...(opts.symmetry !== false ? { symmetry: TWO_GROUPS_SYMMETRY } : {}),
    source: { module: import.meta.url, exportName: 'twoGroupsSubject', args: [n, m, opts] },
  };
}
