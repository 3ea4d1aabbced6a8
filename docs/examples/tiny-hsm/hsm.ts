/**
 * TinyHsm: a small HSM written from scratch, as a third party would, to show how an
 * implementation is held to the oneM2M HSM model (`onem2m-hsm conform --adapter`). It keeps
 * long-term HMAC keys in slots, accepts management commands signed (Ed25519) by a trusted
 * credential over a challenge nonce it issued (@clause CM6), checks the signer's role, takes new
 * keys only wrapped under its transport key, never exports a key (@clause CM3), and runs one
 * Sensitive Function at a time inside itself (@clause CM4). It depends on nothing but node:crypto.
 * @module
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, verify, type KeyObject } from 'node:crypto';

/** Why TinyHsm refused a call (the names the conformance suites expect). */
export type TinyCode = 'MALFORMED' | 'BAD_SIGNATURE' | 'STALE_NONCE' | 'FORBIDDEN' | 'KEY_STATE' | 'NO_SESSION' | 'BUSY' | 'UNWRAP_FAILED';

/** A refusal. Its message names the reason only, never input or key bytes. */
export class TinyError extends Error {
  constructor(readonly code: TinyCode) {
    super(`refused: ${code}`);
  }
}

/** A seeded bug, for the conformance kit's own tests: the suites must catch each. */
export type TinyBug = 'reused-nonce' | 'auditor-delete';

type Life = 'empty' | 'active' | 'deprecated' | 'deleted';
type Op = 'read' | 'provision' | 'replace' | 'deprecate' | 'delete';
type Role = 'admin' | 'auditor';

/** A signed management command as it crosses the wire. */
export interface Signed {
  readonly body: string;
  readonly sig: string;
}

/** What a command says (JSON in `Signed.body`). */
export interface CommandBody {
  readonly credential: string;
  readonly op: Op;
  readonly slot: number;
  readonly nonce: string;
  /** provision/replace: the new key, AES-256-GCM under the transport key (iv ‖ tag ‖ ciphertext, hex). */
  readonly wrapped?: string;
}

const ROLES: Record<Role, readonly Op[]> = { admin: ['read', 'provision', 'replace', 'deprecate', 'delete'], auditor: ['read'] };
const APPLIES: Record<Op, readonly Life[]> = {
  read: ['active', 'deprecated'],
  provision: ['empty', 'deleted'],
  replace: ['active', 'deprecated'],
  deprecate: ['active'],
  delete: ['active', 'deprecated'],
};

/** Key check value: the first 4 bytes of HMAC(key, 0…0), safe to show. */
export function kcv(key: Uint8Array): string {
  return createHmac('sha256', key).update(Buffer.alloc(16)).digest('hex').slice(0, 8);
}

/** Wraps `key` under `transport` (what the manager's tooling does before sending it). */
export function wrap(transport: Uint8Array, key: Uint8Array): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', transport, iv);
  const ct = Buffer.concat([c.update(key), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), ct]).toString('hex');
}

/** The HSM. */
export class TinyHsm {
  readonly #slots: { life: Life; key: Buffer | null }[];
  readonly #transport: Buffer;
  readonly #trusted = new Map<string, { key: KeyObject; role: Role }>();
  readonly #nonces = new Map<string, string>();
  #session: { slot: number } | null = null;
  readonly #bug: TinyBug | undefined;

  /** A new HSM with `slots` slots, personalised with `initial` in slot 0 and the transport key. No nonce is issued. */
  constructor(slots: number, initial: Uint8Array, transport: Uint8Array, bug?: TinyBug) {
    this.#slots = Array.from({ length: slots }, (_, i) => (i === 0 ? { life: 'active', key: Buffer.from(initial) } : { life: 'empty', key: null }));
    this.#transport = Buffer.from(transport);
    this.#bug = bug;
  }

  /** Trusts a management credential with a role (done at personalisation). */
  trust(credential: string, publicKey: KeyObject, role: Role): void {
    this.#trusted.set(credential, { key: publicKey, role });
  }

  /** A challenge nonce for `credential`: the outstanding one if any, else a fresh one. */
  challenge(credential: string): string {
    const out = this.#nonces.get(credential) ?? randomBytes(16).toString('hex');
    this.#nonces.set(credential, out);
    return out;
  }

  /** Executes a signed command: signature, nonce, role, lifecycle, in this order. A read answers the slot's lifecycle and KCV. */
  command(wire: Signed): { life: Life; kcv: string | null } | null {
    let body: CommandBody;
    try {
      body = JSON.parse(wire.body) as CommandBody;
    } catch {
      throw new TinyError('MALFORMED');
    }
    const slot = this.#slots[body.slot];
    if (!slot) throw new TinyError('MALFORMED');
    const cred = this.#trusted.get(body.credential);
    if (!cred || !verify(null, Buffer.from(wire.body), cred.key, Buffer.from(wire.sig, 'hex'))) throw new TinyError('BAD_SIGNATURE');
    if (this.#nonces.get(body.credential) !== body.nonce) throw new TinyError('STALE_NONCE');
    const allowed = this.#bug === 'auditor-delete' && cred.role === 'auditor' ? [...ROLES.auditor, 'delete'] : ROLES[cred.role];
    if (!allowed.includes(body.op)) throw new TinyError('FORBIDDEN');
    if (!APPLIES[body.op].includes(slot.life)) throw new TinyError('KEY_STATE');
    const key = body.wrapped === undefined ? null : this.#unwrap(body.wrapped);
    if (this.#bug !== 'reused-nonce') this.#nonces.delete(body.credential);
    switch (body.op) {
      case 'read':
        return { life: slot.life, kcv: slot.key ? kcv(slot.key) : null };
      case 'provision':
      case 'replace':
        if (!key) throw new TinyError('MALFORMED');
        slot.life = 'active';
        slot.key = key;
        return null;
      case 'deprecate':
        slot.life = 'deprecated';
        return null;
      case 'delete':
        slot.key?.fill(0);
        slot.life = 'deleted';
        slot.key = null;
        return null;
    }
  }

  #unwrap(hex: string): Buffer {
    const b = Buffer.from(hex, 'hex');
    try {
      const d = createDecipheriv('aes-256-gcm', this.#transport, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]);
    } catch {
      throw new TinyError('UNWRAP_FAILED');
    }
  }

  /** Starts the Sensitive Function (HMAC-based derivation) on a slot. */
  startSf(slot: number): void {
    if (this.#session) throw new TinyError('BUSY');
    if (this.#slots[slot]?.life !== 'active') throw new TinyError('KEY_STATE');
    this.#session = { slot };
  }

  /** One use of the running function's key: HMAC(key, data). A key no longer active ends the function. */
  useSf(data: Uint8Array): Buffer {
    if (!this.#session) throw new TinyError('NO_SESSION');
    const s = this.#slots[this.#session.slot]!;
    if (s.life !== 'active' || !s.key) {
      this.#session = null;
      throw new TinyError('KEY_STATE');
    }
    return createHmac('sha256', s.key).update(data).digest();
  }

  /** Ends the Sensitive Function. */
  endSf(): void {
    if (!this.#session) throw new TinyError('NO_SESSION');
    this.#session = null;
  }

  /** What the HSM shows about itself: each slot's lifecycle and KCV, whether a nonce is outstanding, whether a function runs. */
  status(): { slots: { life: Life; kcv: string | null }[]; challenge: boolean; sf: boolean } {
    return {
      slots: this.#slots.map((s) => ({ life: s.life, kcv: s.key ? kcv(s.key) : null })),
      challenge: this.#nonces.size > 0,
      sf: this.#session !== null,
    };
  }
}
