/**
 * The fast exact explorer and its helpers: `exploreFast` (an {@link Explorer}), the subject
 * extensions (`FastSubject`: codec, symmetry groups, worker source), declarative context
 * codecs, liveness checks over the explored graph (always-possible goals, starvation cycles
 * reported as lassos) and the keyslots example model. Entry point `onem2m-hsm/checker`.
 * @module
 */
import type { Explorer } from '../types.ts';
import { exploreFast } from './explorer.ts';

export { exploreFast, type FastExplorationResult } from './explorer.ts';
export { compileMachine } from './compile.ts';
export {
  keyslotsMachine,
  keyslotsSubject,
  keyslotsEvents,
  keyslotsStateCount,
  type KeyslotsContext,
  type KeyslotsEvent,
  type KeyslotsMachine,
} from './examples/keyslots.machine.ts';
export { UnsupportedMachineError } from './errors.ts';
export { arrayOf, bool, constant, int, list, nullable, oneOf, record, type Field, type Primitive } from './schema.ts';
export { schemaCodec } from './schema-codec.ts';
export { permutableArrays } from './symmetry.ts';
export * from './liveness.ts';
export { FastSnapshot } from './snapshot.ts';
export type { LayoutNode, LeafSlot } from './types.ts';
export type { Node, Trans } from './nodes.ts';
export type { ActionFn } from './actions.ts';
export { ConfigTable } from './configs.ts';
export type { StateGraph } from './search.ts';
export { CompiledMachine, type Step } from './machine.ts';
export type { Config } from './configs.ts';
export type { ContextCodec, FastExploreOptions, FastStats, FastSubject, SubjectSource, Symmetry } from './types.ts';

/** `exploreFast` typed as the project's swappable {@link Explorer}. */
export const fastExplorer: Explorer = exploreFast;
