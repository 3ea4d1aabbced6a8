/**
 * A subject module for `check`: keyslots(N) with `delete` allowed outside a session, so the
 * invariant fails (`flawedKeyslotsSubject(n)`; keyslots(2) as named `subject` and default).
 * @module
 */
import { keyslotsMachine, keyslotsSubject, type KeyslotsEvent, type KeyslotsMachine } from '../../../proofs/fast/examples/keyslots.machine.ts';
import type { FastSubject } from '../../../proofs/fast/types.ts';

/** keyslots(n) with the flaw, optionally with interchangeable slots. */
export function flawedKeyslotsSubject(n: number, symmetry = false): FastSubject<KeyslotsMachine, KeyslotsEvent> {
  return {
    ...keyslotsSubject(n, { symmetry }),
    machine: keyslotsMachine(n).provide({
      guards: {
        slotIn: ({ context, event }, params: { from: readonly string[] }) =>
          'slot' in event && params.from.includes(context.slots[event.slot]!) && (context.authenticated || event.type === 'delete'),
      },
    }),
    source: { module: import.meta.url, exportName: 'flawedKeyslotsSubject', args: [n, symmetry] },
  };
}

/** keyslots(2) with the flaw. */
export const subject = flawedKeyslotsSubject(2);

export default subject;
