/**
 * Object templates and labels. Every secret the backend keeps on the token is a token object
 * (CKA_TOKEN), private (CKA_PRIVATE: invisible without login), sensitive (CKA_SENSITIVE: its value
 * is never returned), not extractable (CKA_EXTRACTABLE false: it cannot be wrapped out), not
 * copyable, and allowed exactly one use: a long-term HMAC key signs (derivation, MAC), a
 * long-term P-256 key signs, the transport key decrypts, the pairing key verifies. No key can both
 * wrap and decrypt, or unwrap and encrypt (the combinations of Clulow's attacks), and none derives.
 * Objects are named by label: `onem2m-hsm/<HSM id>/<instance>/<role>`. What a restarted process
 * needs beyond the label is in CKA_ID: a long-term key's check value, a trusted key's role, the
 * bound device's id (`backend.ts` `reopen`); a deleted slot is marked by a data object.
 * @clause CM1 @clause CM2 @clause CM3 — REQ-CM1-01, REQ-CM2-01, REQ-CM3-01
 *
 * Errors: none.
 * @module
 */
import type { Attribute, Ck } from './api.ts';

/** DER of the P-256 curve OID (prime256v1), the CKA_EC_PARAMS of every EC object here. */
export const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');

/** What each object on the token is for. */
export type Role = 'transport' | 'pairing' | `trusted/${string}` | `ltk/${string}` | `ltk-public/${string}`;

/** The label of an object of one HSM instance. */
export function labelOf(hsmId: string, instance: string, role: Role): string {
  return `onem2m-hsm/${hsmId}/${instance}/${role}`;
}

/** Attributes shared by every secret the backend keeps: token, private, sensitive, not extractable, not copyable, no other use. */
function secret(ck: Ck, label: string, token: boolean): Attribute[] {
  return [
    { type: ck.CKA_TOKEN, value: token },
    { type: ck.CKA_PRIVATE, value: true },
    { type: ck.CKA_SENSITIVE, value: true },
    { type: ck.CKA_EXTRACTABLE, value: false },
    { type: ck.CKA_COPYABLE, value: false },
    { type: ck.CKA_LABEL, value: label },
    { type: ck.CKA_ENCRYPT, value: false },
    { type: ck.CKA_DECRYPT, value: false },
    { type: ck.CKA_WRAP, value: false },
    { type: ck.CKA_UNWRAP, value: false },
    { type: ck.CKA_SIGN, value: false },
    { type: ck.CKA_VERIFY, value: false },
    { type: ck.CKA_DERIVE, value: false },
  ];
}

/** `base` with the attributes of `over` replacing those of the same type. */
function withUse(base: Attribute[], over: Attribute[]): Attribute[] {
  const types = new Set(over.map((a) => a.type));
  return [...base.filter((a) => !types.has(a.type)), ...over];
}

/** A long-term HMAC-SHA256 key (generic secret: CKM_SHA256_HMAC signs with it), from its value. Modifiable: deprecation clears CKA_SIGN. */
export function hmacKeyTemplate(ck: Ck, label: string, value: Buffer): Attribute[] {
  return withUse(secret(ck, label, true), [
    { type: ck.CKA_CLASS, value: ck.CKO_SECRET_KEY },
    { type: ck.CKA_KEY_TYPE, value: ck.CKK_GENERIC_SECRET },
    { type: ck.CKA_VALUE, value },
    { type: ck.CKA_SIGN, value: true },
  ]);
}

/** A long-term P-256 private key, from its scalar. Modifiable: deprecation clears CKA_SIGN. */
export function ecPrivateKeyTemplate(ck: Ck, label: string, scalar: Buffer, id?: Buffer): Attribute[] {
  const notForPrivateKeys = new Set([ck.CKA_ENCRYPT, ck.CKA_VERIFY, ck.CKA_WRAP]); // no such attributes on a private key (CKR_ATTRIBUTE_TYPE_INVALID)
  return withUse(
    secret(ck, label, true).filter((a) => !notForPrivateKeys.has(a.type)),
    [
      { type: ck.CKA_CLASS, value: ck.CKO_PRIVATE_KEY },
      { type: ck.CKA_KEY_TYPE, value: ck.CKK_EC },
      { type: ck.CKA_EC_PARAMS, value: P256_PARAMS },
      { type: ck.CKA_VALUE, value: scalar },
      { type: ck.CKA_SIGN, value: true },
      ...(id ? [{ type: ck.CKA_ID, value: id }] : []),
    ],
  );
}

/** The transport key (AES-256): it only decrypts (AES-GCM) wrapped keys; never wraps, unwraps or encrypts. */
export function transportKeyTemplate(ck: Ck, label: string, value: Buffer): Attribute[] {
  return withUse(secret(ck, label, true), [
    { type: ck.CKA_CLASS, value: ck.CKO_SECRET_KEY },
    { type: ck.CKA_KEY_TYPE, value: ck.CKK_AES },
    { type: ck.CKA_VALUE, value },
    { type: ck.CKA_DECRYPT, value: true },
    { type: ck.CKA_MODIFIABLE, value: false },
  ]);
}

/** The pairing key shared with the bound device: it only verifies the device's HMAC answers. */
export function pairingKeyTemplate(ck: Ck, label: string, value: Buffer, device: string): Attribute[] {
  return withUse(secret(ck, label, true), [
    { type: ck.CKA_ID, value: Buffer.from(device, 'utf8') },
    { type: ck.CKA_CLASS, value: ck.CKO_SECRET_KEY },
    { type: ck.CKA_KEY_TYPE, value: ck.CKK_GENERIC_SECRET },
    { type: ck.CKA_VALUE, value },
    { type: ck.CKA_VERIFY, value: true },
    { type: ck.CKA_MODIFIABLE, value: false },
  ]);
}

/** The per-boot secret of the decoy nonces: a session object generated inside the token, HMAC signing only. */
export function decoyKeyTemplate(ck: Ck, label: string): Attribute[] {
  return withUse(secret(ck, label, false), [
    { type: ck.CKA_CLASS, value: ck.CKO_SECRET_KEY },
    { type: ck.CKA_KEY_TYPE, value: ck.CKK_GENERIC_SECRET },
    { type: ck.CKA_VALUE_LEN, value: 32 },
    { type: ck.CKA_SIGN, value: true },
  ]);
}

/** A P-256 public key (a trusted management key, or the public half of a long-term key): verify only, private to the user, not modifiable. */
export function ecPublicKeyTemplate(ck: Ck, label: string, point: Buffer, id?: Buffer): Attribute[] {
  return [
    ...(id ? [{ type: ck.CKA_ID, value: id }] : []),
    { type: ck.CKA_CLASS, value: ck.CKO_PUBLIC_KEY },
    { type: ck.CKA_KEY_TYPE, value: ck.CKK_EC },
    { type: ck.CKA_TOKEN, value: true },
    { type: ck.CKA_PRIVATE, value: true },
    { type: ck.CKA_MODIFIABLE, value: false },
    { type: ck.CKA_LABEL, value: label },
    { type: ck.CKA_EC_PARAMS, value: P256_PARAMS },
    { type: ck.CKA_EC_POINT, value: ecPointDer(point) },
    { type: ck.CKA_VERIFY, value: true },
    { type: ck.CKA_ENCRYPT, value: false },
    { type: ck.CKA_WRAP, value: false },
    { type: ck.CKA_DERIVE, value: false },
  ];
}

/** The mark that a slot's key was deleted (a data object, no secret): `ltk/<key id>#deleted`. */
export function tombstoneTemplate(ck: Ck, label: string): Attribute[] {
  return [
    { type: ck.CKA_CLASS, value: ck.CKO_DATA },
    { type: ck.CKA_TOKEN, value: true },
    { type: ck.CKA_PRIVATE, value: true },
    { type: ck.CKA_LABEL, value: label },
  ];
}

/** CKA_EC_POINT: the uncompressed point (65 bytes) as a DER OCTET STRING. */
export function ecPointDer(point: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0x04, point.length]), point]);
}
