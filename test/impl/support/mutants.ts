/**
 * Deliberately broken backends, each wrapping a real one and breaking one rule, to show the
 * tests can fail. `delegate` forwards every method; a mutant overrides one.
 * @module
 */
import { createDecipheriv } from 'node:crypto';
import type { AuthVerdict, BackendState, HsmBackend, KdfInput, Location } from '../../../impl/backend/types.ts';
import { wrapContext } from '../../../impl/wire/wrap.ts';

/** A backend that forwards everything to `b`, with `over` replacing some methods. */
export function delegate(b: HsmBackend, over: Partial<HsmBackend>): HsmBackend {
  const base: HsmBackend = {
    get hsmId() {
      return b.hsmId;
    },
    get slots() {
      return b.slots;
    },
    observe: (): BackendState => b.observe(),
    issueNonce: (r) => b.issueNonce(r),
    verifyCommand: (t, s, id, n): AuthVerdict => b.verifyCommand(t, s, id, n),
    consumeNonce: (id) => b.consumeNonce(id),
    importWrapped: (id, w) => b.importWrapped(id, w),
    deprecate: (id) => b.deprecate(id),
    destroy: (id) => b.destroy(id),
    openSession: (id) => b.openSession(id),
    closeSession: () => b.closeSession(),
    derive: (i: KdfInput) => b.derive(i),
    mac: (d) => b.mac(d),
    sign: (d) => b.sign(d),
    hostChallenge: () => b.hostChallenge(),
    verifyHost: (r): Location => b.verifyHost(r),
    zeroizeKeys: () => b.zeroizeKeys(),
    zeroize: () => b.zeroize(),
  };
  return Object.assign(base, over);
}

/** Mutants by name: each breaks one requirement. */
export const MUTANTS: Readonly<Record<string, (b: HsmBackend, p: { transportKey: Uint8Array }) => HsmBackend>> = {
  /** REQ-CM6-01/02: accepts signatures by untrusted keys. */
  'accepts untrusted signatures': (b) =>
    delegate(b, {
      verifyCommand: (t, s, id, n) => {
        const v = b.verifyCommand(t, s, id, n);
        return !v.ok && v.code === 'BAD_SIGNATURE' ? { ok: true, role: 'manager' } : v;
      },
    }),
  /** REQ-CM6-03: gives every authenticated signer the manager's role. */
  'ignores roles': (b) =>
    delegate(b, {
      verifyCommand: (t, s, id, n) => {
        const v = b.verifyCommand(t, s, id, n);
        return v.ok ? { ok: true, role: 'manager' } : v;
      },
    }),
  /** REQ-CM6-04: never consumes a nonce. */
  'reusable nonces': (b) => delegate(b, { consumeNonce: () => {} }),
  /** REQ-CM4-01: derives with a wrong key. */
  'wrong derivation': (b) =>
    delegate(b, {
      derive: (i) => {
        const o = Uint8Array.from(b.derive(i));
        o[0]! ^= 1;
        return o;
      },
    }),
  /** Deletion that keeps the key usable. */
  'delete keeps the key': (b) => delegate(b, { destroy: () => {} }),
  /** REQ-CM5-01: any device passes the host check. */
  'binding not checked': (b) =>
    delegate(b, {
      verifyHost: (r) => {
        b.verifyHost(r);
        return 'own';
      },
    }),
  /** REQ-CM1-02/CM4-01: keeps imported keys in clear and returns them as "derived keys". */
  'leaks keys': (b, { transportKey }) => {
    const { importWrapped, clear } = keepClear(b, transportKey);
    return delegate(b, {
      importWrapped,
      derive: (i) => {
        b.derive(i);
        return clear.get(b.observe().session!)!;
      },
    });
  },
  /** REQ-CM1-02: keeps imported keys in clear and hands the first one out once, as a challenge nonce. */
  'leaks a key in a nonce': (b, { transportKey }) => {
    const { importWrapped, clear } = keepClear(b, transportKey);
    let leaked = false;
    return delegate(b, {
      importWrapped,
      issueNonce: (r) => {
        const n = b.issueNonce(r);
        if (leaked) return n;
        leaked = true;
        return clear.values().next().value!;
      },
    });
  },
  /** REQ-CM1-02/CM2-02: no tamper response: a probe leaves every key in place. */
  'no tamper response': (b) => delegate(b, { zeroizeKeys: () => {} }),
};

/** An `importWrapped` that also keeps each imported key in clear (as a leaky backend would), and the clear keys by key id. */
function keepClear(b: HsmBackend, transportKey: Uint8Array) {
  const clear = new Map<string, Uint8Array>();
  const importWrapped = (id: string, w: Uint8Array) => {
    b.importWrapped(id, w);
    const kind = b.slots.find((s) => s.keyId === id)!.kind;
    const d = createDecipheriv('aes-256-gcm', transportKey, w.subarray(1, 13));
    d.setAAD(wrapContext(b.hsmId, id, kind));
    d.setAuthTag(w.subarray(13, 29));
    clear.set(id, Buffer.concat([d.update(w.subarray(29)), d.final()]));
  };
  return { importWrapped, clear };
}
