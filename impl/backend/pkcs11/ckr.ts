/**
 * PKCS#11 return values out of pkcs11js errors. pkcs11js reports most as a `Pkcs11Error` with a
 * numeric `code`, but some (measured: C_SetAttributeValue refusing CKA_SENSITIVE true→false) as a
 * plain `Error` whose message is `"CKR_…:16"` and whose `code` is 0 or absent; the name is
 * therefore parsed from the message, never taken from the code alone.
 * @clause CM1
 *
 * Errors: none (returns null for anything that is not a PKCS#11 error).
 * @module
 */

const CKR = /\b(CKR_[A-Z0-9_]+)(?::\d+)?/;

/** The CKR_… name of a pkcs11js error, or null. */
export function ckrOf(e: unknown): string | null {
  if (!(e instanceof Error)) return null;
  const m = CKR.exec(e.message);
  return m ? m[1]! : null;
}

/** An error from the token that the backend does not expect: it names the call and the CKR only (never input or key bytes). */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  /** The CKR_… name, or null if the call failed without one. */
  readonly ckr: string | null;

  constructor(call: string, cause: unknown) {
    const ckr = ckrOf(cause);
    super(`PKCS#11 ${call} failed: ${ckr ?? 'error without a CKR code'}`);
    this.ckr = ckr;
  }
}
