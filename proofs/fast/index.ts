/**
 * The fast exact explorer and its helpers: `exploreFast` (an {@link Explorer}), the subject
 * extensions (`FastSubject`: codec, symmetry, worker source) and declarative context codecs.
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
export { FastSnapshot } from './snapshot.ts';
export type { ContextCodec, FastExploreOptions, FastStats, FastSubject, SubjectSource, Symmetry } from './types.ts';

/** `exploreFast` typed as the project's swappable {@link Explorer}. */
export const fastExplorer: Explorer = exploreFast;
