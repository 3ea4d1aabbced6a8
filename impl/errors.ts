/**
 * Typed errors of the executable HSM. Every refusal is an `HsmError` with a stable `code`;
 * messages are fixed templates that name at most a key id, an operation or a field name, and
 * never echo input bytes or key material.
 * @module
 */

/** Why the HSM refused a call. */
export const ERROR_CODES = [
  /** The input is not a well-formed command or argument (truncated, oversized, garbage, wrong type, not a genuine Uint8Array), or an HSM id already taken in this manufacture run. */
  'MALFORMED',
  /** The command is addressed to another HSM. */
  'WRONG_HSM',
  /** The key id names no key slot of this HSM. */
  'UNKNOWN_KEY',
  /** The signature does not verify under a trusted management key (forged or untrusted credential). */
  'BAD_SIGNATURE',
  /** The command's nonce is not the outstanding challenge (stale, reused, replayed or none issued). */
  'STALE_NONCE',
  /** The authenticated signer's role does not permit the operation. */
  'FORBIDDEN',
  /** The key's lifecycle does not allow the operation (e.g. provisioning an active slot). */
  'KEY_STATE',
  /** The key's kind does not support the Sensitive Function (e.g. signing with an HMAC key). */
  'WRONG_KIND',
  /** No Sensitive Function is running. */
  'NO_SESSION',
  /** A Sensitive Function is already running. */
  'BUSY',
  /** The HSM is not in the device it is bound to: its keys are unusable here. */
  'NOT_BOUND',
  /** The HSM is bound to its device: it cannot be removed, and is not free to be inserted elsewhere. */
  'BOUND_TO_DEVICE',
  /** The requested memory, process or key is not exposed outside the HSM. */
  'NOT_EXPOSED',
  /** The wrapped key did not authenticate under the HSM's transport key. */
  'UNWRAP_FAILED',
  /** The HSM has been zeroized after tampering: it holds no keys and refuses every use. */
  'ZEROIZED',
] as const;

/** An error code. */
export type HsmErrorCode = (typeof ERROR_CODES)[number];

let savedLimit = Error.stackTraceLimit;

/** A refusal is an answer, not a defect: it is built without a stack trace (restored right after). */
function withoutStack(message: string): string {
  savedLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  return message;
}

/** Base class of every refusal by the HSM. */
export class HsmError extends Error {
  override readonly name: string = 'HsmError';
  /** Stable machine-readable reason. */
  readonly code: HsmErrorCode;

  constructor(code: HsmErrorCode, message: string) {
    super(withoutStack(`${code}: ${message}`));
    Error.stackTraceLimit = savedLimit;
    this.code = code;
  }

  /** A JSON form with the code and message only (no stack, no input). */
  toJSON(): { name: string; code: HsmErrorCode; message: string } {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/** The input could not be accepted as given: MALFORMED, WRONG_HSM, UNKNOWN_KEY. */
export class InputError extends HsmError {
  override readonly name = 'InputError';
}

/** Strong authentication failed: BAD_SIGNATURE, STALE_NONCE. @clause CM6 */
export class AuthenticationError extends HsmError {
  override readonly name = 'AuthenticationError';
}

/** Authorisation failed after authentication: FORBIDDEN. @clause CM6 */
export class AuthorisationError extends HsmError {
  override readonly name = 'AuthorisationError';
}

/** The key or session is not in a state that allows the call: KEY_STATE, WRONG_KIND, NO_SESSION, BUSY, UNWRAP_FAILED. */
export class StateError extends HsmError {
  override readonly name = 'StateError';
}

/** The HSM's binding to its device refuses the call: NOT_BOUND, BOUND_TO_DEVICE. @clause CM5 */
export class BindingError extends HsmError {
  override readonly name = 'BindingError';
}

/** What was asked for is not exposed outside the HSM: NOT_EXPOSED. @clause CM1 @clause CM3 @clause CM4 */
export class ExposureError extends HsmError {
  override readonly name = 'ExposureError';
}

/** The HSM has been zeroized: ZEROIZED. */
export class ZeroizedError extends HsmError {
  override readonly name = 'ZeroizedError';
}

const CLASS_OF: Readonly<Record<HsmErrorCode, new (code: HsmErrorCode, message: string) => HsmError>> = {
  MALFORMED: InputError,
  WRONG_HSM: InputError,
  UNKNOWN_KEY: InputError,
  BAD_SIGNATURE: AuthenticationError,
  STALE_NONCE: AuthenticationError,
  FORBIDDEN: AuthorisationError,
  KEY_STATE: StateError,
  WRONG_KIND: StateError,
  NO_SESSION: StateError,
  BUSY: StateError,
  UNWRAP_FAILED: StateError,
  NOT_BOUND: BindingError,
  BOUND_TO_DEVICE: BindingError,
  NOT_EXPOSED: ExposureError,
  ZEROIZED: ZeroizedError,
};

/** The typed error for `code`, of the subclass that code belongs to. */
export function hsmError(code: HsmErrorCode, message: string): HsmError {
  return new CLASS_OF[code](code, message);
}

/** True for a known error code. */
export function isErrorCode(x: unknown): x is HsmErrorCode {
  return typeof x === 'string' && (ERROR_CODES as readonly string[]).includes(x);
}
