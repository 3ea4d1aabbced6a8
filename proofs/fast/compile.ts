/**
 * The compiled form of a machine, cached per machine object.
 * @module
 */
import type { AnyStateMachine } from 'xstate';
import { CompiledMachine } from './machine.ts';

const compiled = new WeakMap<AnyStateMachine, CompiledMachine>();

/** The compiled form of `machine` (cached per machine object). */
export function compileMachine(machine: AnyStateMachine): CompiledMachine {
  let c = compiled.get(machine);
  if (!c) {
    c = new CompiledMachine(machine);
    compiled.set(machine, c);
  }
  return c;
}
