/**
 * The error raised for machines (or events) outside the subset the fast explorer accepts.
 * @module
 */

/** A machine feature the fast explorer does not implement; the message names the state and feature. */
export class UnsupportedMachineError extends Error {
  override readonly name = 'UnsupportedMachineError';
}
