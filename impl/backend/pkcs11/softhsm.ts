/**
 * A SoftHSMv2 token in a temporary directory, for tests and trials: a private configuration file
 * (`SOFTHSM2_CONF`, set in this process before the library is initialised) points at a temporary
 * token directory, so nothing touches the system's token store; the token is initialised with a
 * label, an SO PIN and a user PIN (C_InitToken, C_InitPIN on the token's own free slot, found as
 * the slot whose token is not initialised). The directory is on `/dev/shm` when it exists:
 * SoftHSM writes every token object to a file, and on this machine creating one took 16 ms on disk
 * against 1.7 ms on tmpfs. One token store per process (SoftHSM reads its configuration once, at
 * C_Initialize); any number of tokens in it. `cleanup()` removes the directory (also done at exit).
 * @clause CM1 @clause CM2
 *
 * Errors: plain `Error` — the library was initialised in this process before the store was made
 * (its configuration cannot change), no free slot, or a PKCS#11 call failed (its CKR name only).
 * @module
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ckrOf } from './ckr.ts';
import { defaultLibrary, isLibraryOpen, openLibrary } from './load.ts';
import { findSlot, Pkcs11Token } from './token.ts';

/** What to create. PINs default to `ONEM2M_HSM_PKCS11_PIN` / `ONEM2M_HSM_PKCS11_SO_PIN`, else random. */
export interface SoftHsmTokenOptions {
  /** Token label, up to 32 characters (default: `onem2m-hsm-` and 8 random hex digits). */
  readonly label?: string;
  readonly userPin?: string;
  readonly soPin?: string;
  /** The SoftHSMv2 library (default: `ONEM2M_HSM_PKCS11_LIB`, else `/usr/lib/softhsm/libsofthsm2.so`). */
  readonly library?: string;
  /** Where to make the temporary store (default: `/dev/shm` if present, else the OS temp directory). */
  readonly baseDir?: string;
}

/** A created token. */
export interface SoftHsmToken {
  readonly label: string;
  readonly userPin: string;
  readonly library: string;
  /** The configuration file (SOFTHSM2_CONF) and the store directory. */
  readonly conf: string;
  readonly dir: string;
  /** A new logged-in connection to the token. */
  open(): Pkcs11Token;
  /** Closes the connections opened here and removes the store directory. */
  cleanup(): void;
}

let store: { dir: string; conf: string; library: string } | null = null;

function makeStore(library: string, baseDir?: string): { dir: string; conf: string; library: string } {
  if (store) {
    if (store.library !== library) throw new Error('a temporary SoftHSM store already exists in this process for another library');
    return store;
  }
  if (isLibraryOpen(library)) throw new Error('the PKCS#11 library was initialised in this process before the temporary store was made');
  const base = baseDir ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
  const dir = mkdtempSync(join(base, 'onem2m-hsm-softhsm-'));
  mkdirSync(join(dir, 'tokens'));
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  process.env.SOFTHSM2_CONF = conf;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  store = { dir, conf, library };
  openLibrary(library);
  return store;
}

/** Creates and initialises a SoftHSM token in this process's temporary store. */
export function createSoftHsmToken(o: SoftHsmTokenOptions = {}): SoftHsmToken {
  const library = o.library ?? defaultLibrary();
  const s = makeStore(library, o.baseDir);
  const { p11, ck } = openLibrary(library);
  const label = o.label ?? `onem2m-hsm-${randomBytes(4).toString('hex')}`;
  if (label.length > 32) throw new Error('a token label has at most 32 characters');
  const userPin = o.userPin ?? process.env.ONEM2M_HSM_PKCS11_PIN ?? randomBytes(8).toString('hex');
  const soPin = o.soPin ?? process.env.ONEM2M_HSM_PKCS11_SO_PIN ?? randomBytes(8).toString('hex');
  const call = <T>(what: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw new Error(`creating the SoftHSM token: ${what} failed (${ckrOf(e) ?? 'unknown error'})`);
    }
  };
  const free = call('C_GetSlotList', () => p11.C_GetSlotList(true).find((slot) => (p11.C_GetTokenInfo(slot).flags & ck.CKF_TOKEN_INITIALIZED) === 0));
  if (!free) throw new Error('creating the SoftHSM token: no free slot');
  call('C_InitToken', () => p11.C_InitToken(free, soPin, label.padEnd(32)));
  const slot = findSlot(p11, ck, label)!;
  const session = call('C_OpenSession', () => p11.C_OpenSession(slot, ck.CKF_RW_SESSION | ck.CKF_SERIAL_SESSION));
  try {
    call('C_Login (SO)', () => p11.C_Login(session, ck.CKU_SO, soPin));
    call('C_InitPIN', () => p11.C_InitPIN(session, userPin));
    call('C_Logout', () => p11.C_Logout(session));
  } finally {
    p11.C_CloseSession(session);
  }
  const opened: Pkcs11Token[] = [];
  return {
    label,
    userPin,
    library,
    conf: s.conf,
    dir: s.dir,
    open: () => {
      const t = Pkcs11Token.open({ library, label, pin: userPin });
      opened.push(t);
      return t;
    },
    cleanup: () => {
      for (const t of opened) t.close();
      rmSync(s.dir, { recursive: true, force: true });
    },
  };
}
