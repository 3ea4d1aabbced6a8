/**
 * A subject module for `check`: keyslots(3) with interchangeable slots (default export).
 * @module
 */
import { keyslotsSubject } from '../../../proofs/fast/examples/keyslots.machine.ts';

export default keyslotsSubject(3, { symmetry: true });
