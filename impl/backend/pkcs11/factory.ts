/**
 * Backends on one token, made from the node backend's options (`BackendFactory`): the tests and
 * the conformance adapter manufacture HSMs through it on either backend. It keeps the backends it
 * made until they are released, so a run can destroy every object it put on the token.
 * @clause CM1 @clause CM2
 *
 * Errors: those of `Pkcs11Backend`'s constructor and `dispose()`.
 * @module
 */
import type { BackendFactory, BackendOptions } from '../node-backend.ts';
import type { HsmBackend } from '../types.ts';
import { Pkcs11Backend } from './backend.ts';
import type { Pkcs11Token } from './token.ts';

/** A factory of PKCS#11 backends on `token`, with `releaseAll` for the end of a run. */
export interface Pkcs11Factory extends BackendFactory {
  readonly token: Pkcs11Token;
  create(o: BackendOptions): Pkcs11Backend;
  /** Destroys the objects of every backend made and not yet released. */
  releaseAll(): void;
  /** Backends made and not yet released. */
  readonly live: number;
}

/** Makes PKCS#11 backends on `token`. */
export function pkcs11Backends(token: Pkcs11Token): Pkcs11Factory {
  const live = new Set<Pkcs11Backend>();
  return {
    token,
    create(o) {
      const b = new Pkcs11Backend({ ...o, token });
      live.add(b);
      return b;
    },
    release(b: HsmBackend) {
      if (b instanceof Pkcs11Backend && live.delete(b)) b.dispose();
    },
    releaseAll() {
      for (const b of [...live]) this.release!(b);
    },
    get live() {
      return live.size;
    },
  };
}
