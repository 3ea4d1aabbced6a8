/**
 * The management operations, one file each, by operation name.
 * @module
 */
import type { Op } from '../../../model/management.ts';
import type { HsmBackend } from '../../backend/types.ts';
import type { Envelope } from '../../wire/envelope.ts';
import { destroy } from './delete.ts';
import { deprecate } from './deprecate.ts';
import { provision } from './provision.ts';
import { read } from './read.ts';
import { replace } from './replace.ts';

/** The implementation of each operation. */
export const OPERATIONS: Readonly<Record<Op, (backend: HsmBackend, env: Envelope) => void>> = {
  read,
  provision,
  replace,
  deprecate,
  delete: destroy,
};
