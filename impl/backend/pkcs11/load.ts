/**
 * Loading of the optional dependency `pkcs11js` (only when a PKCS#11 backend is used, so the
 * package works without it) and of a PKCS#11 library: the module is initialised once per library
 * per process, with `CKF_OS_LOCKING_OK` (measured on SoftHSM 2.6.1: without it, two sessions
 * crashed the library 4 times in 6).
 * @clause CM1 @clause CM2
 *
 * Errors: plain `Error` with a fixed message — pkcs11js is not installed, the library cannot be
 * loaded, or C_Initialize failed (its CKR name only).
 * @module
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CK_NAMES, type Ck, type Pkcs11Js, type Pkcs11Module } from './api.ts';
import { ckrOf } from './ckr.ts';

/** The SoftHSMv2 library path of Debian's `softhsm2` package. */
export const SOFTHSM_LIBRARY = '/usr/lib/softhsm/libsofthsm2.so';

/** The PKCS#11 library to use: `ONEM2M_HSM_PKCS11_LIB`, else SoftHSMv2's Debian path. */
export function defaultLibrary(): string {
  return process.env.ONEM2M_HSM_PKCS11_LIB || SOFTHSM_LIBRARY;
}

let loaded: Pkcs11Js | null = null;
let mechanisms: Map<number, string> | null = null;

/** pkcs11js, loaded on first use. Throws if the optional dependency is not installed or lacks a constant. */
export function pkcs11js(): Pkcs11Js {
  if (loaded) return loaded;
  let m: Record<string, unknown>;
  try {
    m = createRequire(import.meta.url)('pkcs11js') as Record<string, unknown>;
  } catch {
    throw new Error('the PKCS#11 backend needs the optional dependency pkcs11js (npm install pkcs11js@2.1.7, which builds with node-gyp)');
  }
  const ck: Record<string, number> = {};
  for (const name of CK_NAMES) {
    const v = m[name];
    if (typeof v !== 'number') throw new Error(`pkcs11js does not define ${name}`);
    ck[name] = v;
  }
  loaded = { PKCS11: m.PKCS11 as new () => Pkcs11Module, ck: ck as Ck };
  mechanisms = new Map(Object.entries(m).flatMap(([k, v]) => (k.startsWith('CKM_') && typeof v === 'number' ? [[v, k] as const] : [])));
  return loaded;
}

/** The CKM_ name of a mechanism value (as pkcs11js names it), or its hex value. */
export function mechanismName(value: number): string {
  pkcs11js();
  return mechanisms!.get(value) ?? `0x${value.toString(16)}`;
}

/** A loaded, initialised library. */
export interface Library {
  readonly path: string;
  readonly p11: Pkcs11Module;
  readonly ck: Ck;
}

const LIBRARIES = new Map<string, Library>();

/** True once the library at `path` was initialised in this process. */
export function isLibraryOpen(path: string): boolean {
  return LIBRARIES.has(path);
}

/** The library at `path`, loaded and initialised once per process (with OS locking). */
export function openLibrary(path: string = defaultLibrary()): Library {
  const known = LIBRARIES.get(path);
  if (known) return known;
  if (!existsSync(path)) throw new Error(`no PKCS#11 library at ${path} (for SoftHSMv2 on Debian: apt-get install softhsm2)`);
  const { PKCS11, ck } = pkcs11js();
  const p11 = new PKCS11();
  try {
    p11.load(path);
  } catch (e) {
    throw new Error(`the PKCS#11 library at ${path} could not be loaded (${ckrOf(e) ?? 'not a PKCS#11 module'})`);
  }
  try {
    p11.C_Initialize({ flags: ck.CKF_OS_LOCKING_OK });
  } catch (e) {
    if (ckrOf(e) !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') throw new Error(`C_Initialize failed: ${ckrOf(e) ?? 'unknown error'}`);
  }
  const lib = { path, p11, ck };
  LIBRARIES.set(path, lib);
  return lib;
}
