/**
 * The PKCS#11 test gate and the token of a test process. The PKCS#11 suites run when SoftHSMv2
 * (`/usr/lib/softhsm/libsofthsm2.so`, or `ONEM2M_HSM_PKCS11_LIB`) and the optional dependency
 * pkcs11js are present. Otherwise they are skipped, saying plainly that they did not run, why,
 * and how to enable them — unless `ONEM2M_HSM_REQUIRE_PKCS11=1` (set by `.ci/run`), which makes
 * them mandatory: they then FAIL with the reason. `ONEM2M_HSM_SKIP_PKCS11=1` skips them even where
 * they could run. Each test process (vitest runs a test file
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

/** What the PKCS#11 suites do here: run, be skipped (saying why), or fail because they are required and cannot run. */
export function gate(reason: string | null, env: NodeJS.ProcessEnv): 'run' | 'skip' | 'fail' {
  if (env.ONEM2M_HSM_SKIP_PKCS11 === '1') return 'skip';
  if (reason === null) return 'run';
  return env.ONEM2M_HSM_REQUIRE_PKCS11 === '1' ? 'fail' : 'skip';
}

/** How to enable the PKCS#11 suites, for the skip message. */
export const HOW_TO_ENABLE =
  'install SoftHSMv2 (Debian: apt-get install softhsm2) and the optional dependency pkcs11js (npm install); ONEM2M_HSM_REQUIRE_PKCS11=1 makes them mandatory';

const REASON = missing();
const GATE = gate(REASON, process.env);

/** A describe block for PKCS#11 tests: runs, or is skipped saying why and how to enable it, or (required) fails with the reason. */
export function describePkcs11(name: string, body: () => void): void {
  if (GATE === 'run') {
    describe(name, body);
    afterAll(() => {
      // vitest ends its worker processes without running 'exit' handlers: the token store is removed here
      shared?.backends.releaseAll();
      shared?.token.cleanup();
      shared = null;
    });
  } else if (GATE === 'skip') {
    const why = REASON ?? 'ONEM2M_HSM_SKIP_PKCS11=1';
    console.warn(`PKCS#11 suite "${name}" did NOT run: ${why}. To run it: ${HOW_TO_ENABLE}.`);
    describe.skip(`${name} — NOT RUN: ${why}`, body);
  } else {
    describe(name, () => {
      it('needs SoftHSMv2 and pkcs11js (ONEM2M_HSM_REQUIRE_PKCS11=1)', () => {
        throw new Error(`the PKCS#11 suites are required here but cannot run: ${REASON}. To run them: ${HOW_TO_ENABLE}`);
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
