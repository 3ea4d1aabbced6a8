/**
 * Machines outside the accepted subset are refused with an UnsupportedMachineError naming
 * the feature, instead of being explored with different semantics.
 */
import { describe, expect, it } from 'vitest';
import { assign, createMachine, enqueueActions, fromPromise, raise, sendTo, setup, spawnChild } from 'xstate';
import { exploreFast, UnsupportedMachineError } from '../../proofs/fast/index.ts';

const subjectOf = (machine: any, events = [{ type: 'go' }]) => ({ machine, events: () => events, invariants: [] });

const refused: [string, any, RegExp][] = [
  ['invoke', setup({ actors: { p: fromPromise(async () => 1) } }).createMachine({ invoke: { src: 'p' } }), /invoke/],
  ['after', createMachine({ initial: 'a', states: { a: { after: { 10: 'b' } }, b: {} } }), /delayed/],
  ['history', createMachine({ initial: 'a', states: { a: { on: { go: 'h' } }, h: { type: 'history' } } }), /history/],
  ['final', createMachine({ initial: 'a', states: { a: { on: { go: 'b' } }, b: { type: 'final' } } }), /final/],
  ['raise', createMachine({ on: { go: { actions: raise({ type: 'x' }) } } }), /xstate.raise/],
  ['sendTo', createMachine({ on: { go: { actions: sendTo('x', { type: 'y' }) } } }), /xstate.sendTo/],
  ['spawnChild', createMachine({ entry: spawnChild(fromPromise(async () => 1)) }), /spawnChild/],
  ['enqueueActions', createMachine({ on: { go: { actions: enqueueActions(() => {}) } } }), /enqueueActions/],
  [
    'always with parallel states',
    createMachine({ type: 'parallel', states: { a: { always: { target: '.' }, initial: 'x', states: { x: {} } }, b: {} } }),
    /always/,
  ],
];

describe('unsupported machines', () => {
  for (const [name, machine, message] of refused) {
    it(`refuses ${name}`, () => {
      expect(() => exploreFast(subjectOf(machine))).toThrow(UnsupportedMachineError);
      expect(() => exploreFast(subjectOf(machine))).toThrow(message);
    });
  }

  it('refuses spawn inside an assigner when it runs', () => {
    const machine = createMachine({
      context: { ref: null as unknown },
      on: { go: { actions: assign({ ref: ({ spawn }) => spawn(fromPromise(async () => 1)) }) } },
    });
    expect(() => exploreFast(subjectOf(machine))).toThrow(/spawn/);
  });

  it('refuses XState control events', () => {
    expect(() => exploreFast(subjectOf(createMachine({}), [{ type: 'xstate.stop' }]))).toThrow(UnsupportedMachineError);
  });

  it('accepts custom actions, which transition() never runs', () => {
    const machine = createMachine({ context: { n: 0 }, on: { go: { actions: [() => {}, 'named', assign({ n: 1 })] } } });
    expect(exploreFast(subjectOf(machine)).states).toBe(2);
  });
});
