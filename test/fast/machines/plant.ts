/**
 * Test machine "plant": parallel regions (one of them nested parallel), one event handled by
 * several regions at once, conflicting transitions, a multi-target transition, a `reenter`
 * transition into a region (which changes the state value's key order, as XState does),
 * `and`/`not`/`stateIn` guards, params given as a function, and a codec for its context.
 * @module
 */
import { and, assign, not, setup, stateIn } from 'xstate';
import { bool, int, oneOf, schemaCodec } from '../../../proofs/fast/index.ts';
import type { FastSubject } from '../../../proofs/fast/types.ts';

/** Context of the plant. */
export interface PlantContext {
  readonly level: number;
  readonly alarms: number;
  readonly mode: 'auto' | 'manual';
  readonly flushed: boolean;
}

/** Events of the plant. */
export type PlantEvent =
  | { type: 'start' }
  | { type: 'stop' }
  | { type: 'tick'; by: number }
  | { type: 'valve.toggle' }
  | { type: 'ack' }
  | { type: 'reset.alarm' }
  | { type: 'reset.all' }
  | { type: 'mode' };

/** The plant machine. */
export const plantMachine = setup({
  types: {} as { context: PlantContext; events: PlantEvent },
  guards: {
    overflow: ({ context }) => context.level >= 3,
    below: ({ context }, params: { max: number }) => context.level < params.max,
    positive: ({ context }) => context.level > 0,
  },
  actions: {
    add: assign({ level: ({ context }, params: { by: number }) => Math.max(0, Math.min(3, context.level + params.by)) }),
    countAlarm: assign({ alarms: ({ context }) => Math.min(context.alarms + 1, 2) }),
  },
}).createMachine({
  id: 'plant',
  type: 'parallel',
  context: { level: 0, alarms: 0, mode: 'auto', flushed: false },
  on: {
    'reset.all': { target: ['.pump.off', '.valve.flow.shut'], actions: assign({ flushed: true }) },
    mode: { actions: assign({ mode: ({ context }) => (context.mode === 'auto' ? 'manual' : 'auto') }) },
  },
  states: {
    pump: {
      initial: 'off',
      states: {
        off: { on: { start: { guard: not('overflow'), target: 'on' } } },
        on: {
          on: {
            stop: 'off',
            tick: { guard: { type: 'below', params: { max: 3 } }, actions: { type: 'add', params: ({ event }) => ({ by: event.by }) } },
          },
        },
      },
    },
    valve: {
      type: 'parallel',
      states: {
        flow: {
          initial: 'shut',
          states: {
            shut: { on: { 'valve.*': 'open' } },
            open: {
              on: {
                'valve.*': 'shut',
                tick: { guard: and(['positive', stateIn({ pump: 'off' })]), actions: { type: 'add', params: { by: -1 } } },
              },
            },
          },
        },
        seal: { initial: 'ok', states: { ok: { on: { 'reset.*': { target: 'ok', reenter: true } } } } },
      },
    },
    alarm: {
      initial: 'quiet',
      states: {
        quiet: { on: { tick: { guard: 'overflow', target: 'ringing' } } },
        ringing: {
          entry: 'countAlarm',
          on: { ack: 'quiet', 'reset.alarm': { target: '#plant.alarm', reenter: true }, stop: '#plant.pump.on' },
        },
      },
    },
  },
});

/** Events tried in every state. */
export const PLANT_EVENTS: readonly PlantEvent[] = [
  { type: 'start' },
  { type: 'stop' },
  { type: 'tick', by: 1 },
  { type: 'tick', by: 2 },
  { type: 'valve.toggle' },
  { type: 'ack' },
  { type: 'reset.alarm' },
  { type: 'reset.all' },
  { type: 'mode' },
];

/** The plant subject, with a packed codec for its context. */
export const plantSubject: FastSubject<typeof plantMachine, PlantEvent> = {
  machine: plantMachine,
  events: () => PLANT_EVENTS,
  invariants: [
    { id: 'P-LEVEL-IN-RANGE', title: 'level stays within 0..3', holds: (s) => s.context.level >= 0 && s.context.level <= 3 },
    { id: 'P-NO-SECOND-ALARM', title: 'the alarm rings at most once (false)', holds: (s) => s.context.alarms < 2 },
  ],
  goals: [{ id: 'P-FLUSHED-RINGING', title: 'flushed while the alarm rings', holds: (s) => s.context.flushed && s.matches({ alarm: 'ringing' }) }],
  codec: schemaCodec({ level: int(0, 3), alarms: int(0, 2), mode: oneOf('auto', 'manual'), flushed: bool() }),
  source: { module: import.meta.url, exportName: 'plantSubject' },
};
