/**
 * API-level attacks on a PKCS#11 token (in the manner of Tookan and of Clulow's attacks): each is
 * run on a victim key made with this project's templates (`impl/backend/pkcs11/templates.ts`),
 * where it must be blocked, and on a victim made the weak way, where a token that allows it shows
 * the weakness. Every call is recorded in a trace (call, arguments that are not secret, CKR
 * answer). Every object an attack makes is labelled `onem2m-hsm-attack/…` and destroyed before it
 * returns, on success and on failure; the runner then checks that none is left.
 * @clause CM1 @clause CM2 @clause CM3 @clause CM4 @clause CM6 — REQ-CM1-02, REQ-CM2-02, REQ-CM3-01,
 * REQ-CM3-02, REQ-CM4-01, REQ-CM4-02, REQ-CM6-02
 *
 * Errors: none thrown for a refused call (that is the attack being blocked); `TokenError` or a
 * plain Error if the token fails otherwise or cleanup is impossible.
 * @module
 */
import { createDecipheriv, createECDH, createHmac, randomBytes } from 'node:crypto';
import type { RequirementId, ThreatId } from '../../../spec/ids.ts';
import type { Attribute, Handle } from '../../backend/pkcs11/api.ts';
import { ckrOf } from '../../backend/pkcs11/ckr.ts';
import { ecPrivateKeyTemplate, hmacKeyTemplate, transportKeyTemplate } from '../../backend/pkcs11/templates.ts';
import type { Pkcs11Token } from '../../backend/pkcs11/token.ts';

/** How the victim key is made. */
export type Configuration = 'project' | 'weak';

/** The outcome of one attack under one configuration. */
export interface AttackResult {
  readonly id: string;
  readonly title: string;
  readonly configuration: Configuration;
  /** What the weak configuration changes in the victim's template (empty for the project's). */
  readonly victim: string;
  readonly threats: readonly ThreatId[];
  readonly requirements: readonly RequirementId[];
  /** `blocked`: the token refused a call the attack needs; `succeeded`: the attacker got what the attack is for. */
  readonly outcome: 'blocked' | 'succeeded';
  readonly trace: readonly string[];
}

/** An attack: its victim configurations and its steps. */
interface Attack {
  readonly id: string;
  readonly title: string;
  readonly threats: readonly ThreatId[];
  readonly requirements: readonly RequirementId[];
  /** What the weak configuration changes, or null when there is no weaker template (the token's rule is tested). */
  readonly weak: string | null;
  readonly run: (a: AttackContext, weak: boolean) => boolean;
}

/** What an attack works with: the token, a trace, labels and cleanup. */
export class AttackContext {
  readonly t: Pkcs11Token;
  readonly trace: string[] = [];
  readonly #made: Handle[] = [];
  readonly #prefix: string;
  readonly pin: string;
  #n = 0;

  constructor(t: Pkcs11Token, prefix: string, pin: string) {
    this.t = t;
    this.#prefix = prefix;
    this.pin = pin;
  }

  /** A label for a new attack object. */
  label(what: string): string {
    return `${this.#prefix}/${what}-${++this.#n}`;
  }

  /** Runs a call, recording it: its result, or the CKR it was refused with (then null). */
  call<T>(what: string, f: () => T, show?: (r: T) => string): T | null {
    try {
      const r = f();
      this.trace.push(`${what} → ${show ? show(r) : 'CKR_OK'}`);
      return r;
    } catch (e) {
      this.trace.push(`${what} → ${ckrOf(e) ?? 'refused'}`);
      return null;
    }
  }

  /** Creates an object (recorded), remembered for cleanup. */
  create(what: string, template: readonly Attribute[]): Handle | null {
    const h = this.call(`C_CreateObject(${what})`, () => this.t.p11.C_CreateObject(this.#ownerless(), template));
    if (h) this.#made.push(h);
    return h;
  }

  /** Remembers an object an attack call made (unwrapped, derived). */
  made(h: Handle | null): Handle | null {
    if (h) this.#made.push(h);
    return h;
  }

  #ownerless(): Handle {
    return this.t.manage('session', (s) => s);
  }

  /** Destroys every object the attack made. */
  cleanup(): void {
    for (const h of this.#made.splice(0)) this.t.destroy(h);
  }
}

const ck = (a: AttackContext) => a.t.ck;
const secretBase = (a: AttackContext, label: string): Attribute[] => [
  { type: ck(a).CKA_CLASS, value: ck(a).CKO_SECRET_KEY },
  { type: ck(a).CKA_TOKEN, value: false },
  { type: ck(a).CKA_LABEL, value: label },
];
const override = (base: Attribute[], over: Attribute[]) => [...base.filter((x) => !over.some((o) => o.type === x.type)), ...over];
const IV = Buffer.alloc(16);

/** The victim: a long-term HMAC key of the project's template, or (weak) the same key made extractable. */
function hmacVictim(a: AttackContext, weak: boolean, value: Buffer): Handle | null {
  const t = hmacKeyTemplate(ck(a), a.label('victim'), value);
  return a.create(
    weak ? 'victim: project HMAC template with CKA_EXTRACTABLE true' : 'victim: project HMAC template',
    weak ? override(t, [{ type: ck(a).CKA_EXTRACTABLE, value: true }]) : t,
  );
}

/** AES-256 key wrap (RFC 3394) of `plain` computed with an encryption oracle: C_Encrypt with CKM_AES_ECB under `key`. */
function keyWrapWithOracle(a: AttackContext, key: Handle, plain: Buffer): Buffer | null {
  const n = plain.length / 8;
  let A = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');
  const R = Array.from({ length: n }, (_, i) => plain.subarray(i * 8, i * 8 + 8));
  for (let j = 0; j < 6; j++) {
    for (let i = 0; i < n; i++) {
      const B = a.t.work((s) => {
        a.t.p11.C_EncryptInit(s, { mechanism: ck(a).CKM_AES_ECB }, key);
        return a.t.p11.C_Encrypt(s, Buffer.concat([A, R[i]!]), Buffer.alloc(16));
      });
      A = Buffer.from(B.subarray(0, 8));
      A.writeUInt32BE((A.readUInt32BE(4) ^ (n * j + i + 1)) >>> 0, 4);
      R[i] = Buffer.from(B.subarray(8));
    }
  }
  return Buffer.concat([A, ...R]);
}

const ATTACKS: readonly Attack[] = [
  {
    id: 'clulow-wrap-decrypt',
    title: "Clulow's wrap/decrypt: wrap the victim under a key that can also decrypt, then decrypt the wrapped key",
    threats: ['T1', 'T4'],
    requirements: ['REQ-CM1-02', 'REQ-CM2-02', 'REQ-CM3-01', 'REQ-CM3-02'],
    weak: 'CKA_EXTRACTABLE true',
    run: (a, weak) => {
      const value = randomBytes(32);
      const victim = hmacVictim(a, weak, value);
      const k = a.create(
        'attacker AES key, CKA_WRAP and CKA_DECRYPT',
        override(secretBase(a, a.label('wrap-decrypt')), [
          { type: ck(a).CKA_KEY_TYPE, value: ck(a).CKK_AES },
          { type: ck(a).CKA_VALUE, value: randomBytes(32) },
          { type: ck(a).CKA_WRAP, value: true },
          { type: ck(a).CKA_DECRYPT, value: true },
        ]),
      );
      if (!victim || !k) return false;
      const wrapped = a.call(
        'C_WrapKey(CKM_AES_CBC, attacker key, victim)',
        () => a.t.work((s) => a.t.p11.C_WrapKey(s, { mechanism: ck(a).CKM_AES_CBC, parameter: IV }, k, victim, Buffer.alloc(64))),
        (w) => `${w.length} bytes`,
      );
      if (!wrapped) return false;
      const plain = a.call(
        'C_Decrypt(CKM_AES_CBC, attacker key, wrapped victim)',
        () =>
          a.t.work((s) => {
            a.t.p11.C_DecryptInit(s, { mechanism: ck(a).CKM_AES_CBC, parameter: IV }, k);
            return a.t.p11.C_Decrypt(s, wrapped, Buffer.alloc(64));
          }),
        (p) => `${p.length} bytes: the victim's value`,
      );
      return plain?.equals(value) === true;
    },
  },
  {
    id: 'wrap-under-known-key',
    title: 'wrap the victim under a key whose value the attacker chose, then unwrap it outside the token',
    threats: ['T1', 'T4'],
    requirements: ['REQ-CM1-02', 'REQ-CM2-02', 'REQ-CM3-01', 'REQ-CM3-02'],
    weak: 'CKA_EXTRACTABLE true',
    run: (a, weak) => {
      const value = randomBytes(32);
      const known = randomBytes(32);
      const victim = hmacVictim(a, weak, value);
      const k = a.create(
        'attacker AES key of a known value, CKA_WRAP',
        override(secretBase(a, a.label('known')), [
          { type: ck(a).CKA_KEY_TYPE, value: ck(a).CKK_AES },
          { type: ck(a).CKA_VALUE, value: known },
          { type: ck(a).CKA_WRAP, value: true },
        ]),
      );
      if (!victim || !k) return false;
      const wrapped = a.call(
        'C_WrapKey(CKM_AES_CBC, known key, victim)',
        () => a.t.work((s) => a.t.p11.C_WrapKey(s, { mechanism: ck(a).CKM_AES_CBC, parameter: IV }, k, victim, Buffer.alloc(64))),
        (w) => `${w.length} bytes`,
      );
      if (!wrapped) return false;
      const d = createDecipheriv('aes-256-cbc', known, IV).setAutoPadding(false);
      const plain = Buffer.concat([d.update(wrapped), d.final()]);
      a.trace.push("AES-256-CBC decryption outside the token with the known key → the victim's value");
      return plain.equals(value);
    },
  },
  {
    id: 'encrypt-unwrap-injection',
    title: 'key injection: encrypt a chosen key under a key that can also unwrap (AES key wrap built from C_Encrypt), then unwrap it as a signing key',
    threats: ['T3'],
    requirements: ['REQ-CM6-02'],
    weak: 'transport key with CKA_ENCRYPT and CKA_UNWRAP',
    run: (a, weak) => {
      const t = transportKeyTemplate(ck(a), a.label('transport'), randomBytes(32));
      const transport = a.create(
        weak ? 'victim: transport key with CKA_ENCRYPT and CKA_UNWRAP' : 'victim: project transport key template',
        weak
          ? override(t, [
              { type: ck(a).CKA_ENCRYPT, value: true },
              { type: ck(a).CKA_UNWRAP, value: true },
            ])
          : t,
      );
      if (!transport) return false;
      const chosen = randomBytes(32);
      const blob = a.call(
        'C_EncryptInit/C_Encrypt(CKM_AES_ECB, transport key) × 24: RFC 3394 wrap of a chosen key',
        () => keyWrapWithOracle(a, transport, chosen),
        () => 'wrapped',
      );
      if (!blob) return false;
      const injected = a.made(
        a.call('C_UnwrapKey(CKM_AES_KEY_WRAP, transport key) into a generic secret that signs', () =>
          a.t.work((s) =>
            a.t.p11.C_UnwrapKey(
              s,
              { mechanism: ck(a).CKM_AES_KEY_WRAP },
              transport,
              blob,
              override(secretBase(a, a.label('injected')), [
                { type: ck(a).CKA_KEY_TYPE, value: ck(a).CKK_GENERIC_SECRET },
                { type: ck(a).CKA_SIGN, value: true },
              ]),
            ),
          ),
        ),
      );
      if (!injected) return false;
      const mac = a.call(
        'C_Sign(CKM_SHA256_HMAC, injected key)',
        () => a.t.sign({ mechanism: ck(a).CKM_SHA256_HMAC }, injected, Buffer.from('x'), 32),
        () => 'the HMAC under the attacker’s chosen key',
      );
      return mac?.equals(createHmac('sha256', chosen).update('x').digest()) === true;
    },
  },
  {
    id: 'attribute-flip',
    title: 'flip CKA_SENSITIVE true→false or CKA_EXTRACTABLE false→true on a stored key, then read or wrap its value',
    threats: ['T1', 'T4'],
    requirements: ['REQ-CM1-02', 'REQ-CM2-02', 'REQ-CM3-01'],
    weak: null,
    run: (a) => {
      const value = randomBytes(32);
      const victim = hmacVictim(a, false, value);
      if (!victim) return false;
      a.call('C_SetAttributeValue(victim, CKA_SENSITIVE false)', () =>
        a.t.p11.C_SetAttributeValue(
          a.t.manage('session', (s) => s),
          victim,
          [{ type: ck(a).CKA_SENSITIVE, value: false }],
        ),
      );
      a.call('C_SetAttributeValue(victim, CKA_EXTRACTABLE true)', () =>
        a.t.p11.C_SetAttributeValue(
          a.t.manage('session', (s) => s),
          victim,
          [{ type: ck(a).CKA_EXTRACTABLE, value: true }],
        ),
      );
      const got = a.call(
        'C_GetAttributeValue(victim, CKA_VALUE)',
        () => a.t.attributes(victim, [ck(a).CKA_VALUE]).get(ck(a).CKA_VALUE)!,
        () => "the victim's value",
      );
      return got?.equals(value) === true;
    },
  },
  {
    id: 'derive-non-sensitive',
    title: 'derive from the victim (CKM_ECDH1_DERIVE) into a non-sensitive, extractable key and read it',
    threats: ['T1', 'T4', 'T6'],
    requirements: ['REQ-CM3-01', 'REQ-CM4-01', 'REQ-CM4-02'],
    weak: 'CKA_DERIVE true',
    run: (a, weak) => {
      const victimEcdh = createECDH('prime256v1');
      victimEcdh.generateKeys();
      const t = ecPrivateKeyTemplate(ck(a), a.label('victim'), victimEcdh.getPrivateKey());
      const victim = a.create(
        weak ? 'victim: project P-256 template with CKA_DERIVE true' : 'victim: project P-256 template',
        weak ? override(t, [{ type: ck(a).CKA_DERIVE, value: true }]) : t,
      );
      if (!victim) return false;
      const attacker = createECDH('prime256v1');
      attacker.generateKeys();
      const derived = a.made(
        a.call('C_DeriveKey(CKM_ECDH1_DERIVE, CKD_NULL, victim, attacker point) into CKA_SENSITIVE false, CKA_EXTRACTABLE true', () =>
          a.t.work((s) =>
            a.t.p11.C_DeriveKey(s, { mechanism: ECDH1_DERIVE, parameter: { type: 6, kdf: 1, publicData: attacker.getPublicKey() } }, victim, [
              ...secretBase(a, a.label('derived')),
              { type: ck(a).CKA_KEY_TYPE, value: ck(a).CKK_GENERIC_SECRET },
              { type: ck(a).CKA_VALUE_LEN, value: 32 },
              { type: ck(a).CKA_SENSITIVE, value: false },
              { type: ck(a).CKA_EXTRACTABLE, value: true },
            ]),
          ),
        ),
      );
      if (!derived) return false;
      const got = a.call(
        'C_GetAttributeValue(derived, CKA_VALUE)',
        () => a.t.attributes(derived, [ck(a).CKA_VALUE]).get(ck(a).CKA_VALUE)!,
        () => 'a secret computed with the victim key',
      );
      return got?.equals(attacker.computeSecret(victimEcdh.getPublicKey())) === true;
    },
  },
  {
    id: 'destroy-after-logout',
    title: 'after logout (no PIN), find a long-term key object and destroy it',
    threats: ['T2', 'T5'],
    requirements: ['REQ-CM6-02'],
    weak: 'CKA_PRIVATE false',
    run: (a, weak) => {
      const label = a.label('victim');
      const t = hmacKeyTemplate(ck(a), label, randomBytes(32));
      const victim = a.create(
        weak ? 'victim: project HMAC template with CKA_PRIVATE false' : 'victim: project HMAC template',
        weak ? override(t, [{ type: ck(a).CKA_PRIVATE, value: false }]) : t,
      );
      if (!victim) return false;
      a.call('C_Logout', () => a.t.logout());
      let found: Handle[] = [];
      try {
        found =
          a.call(
            'C_FindObjects(CKA_LABEL of the victim), logged out',
            () => a.t.find([{ type: ck(a).CKA_LABEL, value: label }]),
            (r) => `${r.length} found`,
          ) ?? [];
        for (const h of found)
          a.call('C_DestroyObject(victim), logged out', () =>
            a.t.p11.C_DestroyObject(
              a.t.manage('session', (s) => s),
              h,
            ),
          );
      } finally {
        a.call('C_Login (the runner logs in again)', () => a.t.login(a.pin));
      }
      const left = a.t.find([{ type: ck(a).CKA_LABEL, value: label }]);
      a.trace.push(`after login: the victim ${left.length === 0 ? 'is gone' : 'is still there'}`);
      for (const h of left) a.made(h);
      return left.length === 0;
    },
  },
];

/** CKM_ECDH1_DERIVE (PKCS#11 v2.40). */
const ECDH1_DERIVE = 0x1050;

/** Runs every attack under the project's templates and, where there is one, the weak configuration; cleans up after each. */
export function runAttacks(t: Pkcs11Token, pin: string, only?: Configuration): AttackResult[] {
  const prefix = `onem2m-hsm-attack/${randomBytes(4).toString('hex')}`;
  const out: AttackResult[] = [];
  for (const attack of ATTACKS) {
    for (const configuration of ['project', 'weak'] as const) {
      if ((configuration === 'weak' && attack.weak === null) || (only && only !== configuration)) continue;
      const a = new AttackContext(t, prefix, pin);
      let succeeded: boolean;
      try {
        succeeded = attack.run(a, configuration === 'weak');
      } finally {
        a.cleanup();
      }
      out.push({
        id: attack.id,
        title: attack.title,
        configuration,
        victim: configuration === 'weak' ? attack.weak! : '',
        threats: attack.threats,
        requirements: attack.requirements,
        outcome: succeeded ? 'succeeded' : 'blocked',
        trace: a.trace,
      });
    }
  }
  return out;
}

/** The attacks this runner knows (id, title, what the weak configuration changes). */
export function attackList(): readonly { id: string; title: string; weak: string | null }[] {
  return ATTACKS.map(({ id, title, weak }) => ({ id, title, weak }));
}
