/**
 * The PKCS#11 test gate and the token of a test process. The PKCS#11 suites run when SoftHSMv2
 * (`/usr/lib/softhsm/libsofthsm2.so`, or `ONEM2M_HSM_PKCS11_LIB`) and the optional dependency
 * pkcs11js are present; otherwise they FAIL with the reason, unless `ONEM2M_HSM_SKIP_PKCS11=1`,
 * which skips them with the reason in the suite's name. Each test process (vitest runs a test file
 * in its own process) gets one temporary SoftHSM token, initialised once, with random PINs, in a
 * private token directory; every backend made on it is released at the end of the file.
 * @module
 */
import { existsSync } from 'node:fs';
import { afterAll, describe, it } from 'vitest';
import type { BackendFactory } from '../../../impl/backend/node-backend.ts';
import { createSoftHsmToken, defaultLibrary, pkcs11Backends, pkcs11js, type Pkcs11Factory, type SoftHsmToken } from '../../../impl/backend/pkcs11/index.ts';

/** Why the PKCS#11 suites cannot run here, or null. */
export function missing(): string | null {
  const lib = defaultLibrary();
  if (!existsSync(lib)) return `no PKCS#11 library at ${lib} (Debian: apt-get install softhsm2)`;
  try {
    pkcs11js();
  } catch (e) {
    return (e as Error).message;
  }
  return null;
}

const REASON = missing();
const SKIP = process.env.ONEM2M_HSM_SKIP_PKCS11 === '1';

/** A describe block for PKCS#11 tests: runs, or fails with the reason, or (ONEM2M_HSM_SKIP_PKCS11=1) is skipped with the reason shown. */
export function describePkcs11(name: string, body: () => void): void {
  if (REASON === null) {
    describe(name, body);
    afterAll(() => {
      // vitest ends its worker processes without running 'exit' handlers: the token store is removed here
      shared?.backends.releaseAll();
      shared?.token.cleanup();
      shared = null;
    });
  } else if (SKIP) {
    console.warn(`PKCS#11 suite skipped (ONEM2M_HSM_SKIP_PKCS11=1): ${REASON}`);
    describe.skip(`${name} — SKIPPED: ${REASON}; ONEM2M_HSM_SKIP_PKCS11=1`, body);
  } else {
    describe(name, () => {
      it('needs SoftHSMv2 and pkcs11js', () => {
        throw new Error(`the PKCS#11 suites cannot run: ${REASON}. Install them, or set ONEM2M_HSM_SKIP_PKCS11=1 to skip these suites`);
      });
    });
  }
}

let shared: { token: SoftHsmToken; backends: Pkcs11Factory } | null = null;

/** The token of this test process (created on first use) and a backend factory on it. */
export function testToken(): { token: SoftHsmToken; backends: Pkcs11Factory } {
  if (!shared) {
    const token = createSoftHsmToken();
    shared = { token, backends: pkcs11Backends(token.open()) };
  }
  return shared;
}

/** A factory that opens this process's token on first use (suites declared in a skipped block make nothing). */
export const lazyBackends: BackendFactory = {
  create: (o) => testToken().backends.create(o),
  release: (b) => testToken().backends.release!(b),
};
