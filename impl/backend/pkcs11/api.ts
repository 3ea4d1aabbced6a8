/**
 * The part of the `pkcs11js` API this backend calls, typed here so that the project compiles and
 * runs without the optional dependency installed, and the PKCS#11 constants it uses, read from the
 * loaded module by name (a missing name is a load error, not a silent zero).
 * @clause CM1 @clause CM2 — the interface to the token that holds the keys.
 *
 * Errors: none (types and names only).
 * @module
 */

/** An object, slot or session handle, as pkcs11js passes it (a little-endian CK_ULONG in a Buffer). */
export type Handle = Buffer;

/** One attribute of a template. */
export interface Attribute {
  readonly type: number;
  readonly value?: number | boolean | string | Buffer;
}

/** A mechanism and its parameter (pkcs11js form). */
export interface Mechanism {
  readonly mechanism: number;
  readonly parameter?: Buffer | number | { readonly type: number; readonly [k: string]: unknown };
}

/** The calls of a loaded PKCS#11 module that the backend and the token helper make. */
export interface Pkcs11Module {
  load(path: string): void;
  C_Initialize(options?: { flags?: number }): void;
  C_Finalize(): void;
  C_GetSlotList(tokenPresent?: boolean): Handle[];
  C_GetTokenInfo(slot: Handle): { label: string; flags: number };
  C_InitToken(slot: Handle, pin: string, label: string): string;
  C_InitPIN(session: Handle, pin: string): void;
  C_OpenSession(slot: Handle, flags: number): Handle;
  C_CloseSession(session: Handle): void;
  C_Login(session: Handle, userType: number, pin: string): void;
  C_Logout(session: Handle): void;
  C_CreateObject(session: Handle, template: readonly Attribute[]): Handle;
  C_DestroyObject(session: Handle, object: Handle): void;
  C_GenerateKey(session: Handle, mechanism: Mechanism, template: readonly Attribute[]): Handle;
  C_FindObjectsInit(session: Handle, template: readonly Attribute[]): void;
  C_FindObjects(session: Handle, max: number): Handle[];
  C_FindObjectsFinal(session: Handle): void;
  C_GetAttributeValue(session: Handle, object: Handle, template: readonly Attribute[]): { type: number; value: Buffer }[];
  C_SetAttributeValue(session: Handle, object: Handle, template: readonly Attribute[]): void;
  C_SignInit(session: Handle, mechanism: Mechanism, key: Handle): void;
  C_Sign(session: Handle, data: Buffer, out: Buffer): Buffer;
  C_SignFinal(session: Handle, out: Buffer): Buffer;
  C_VerifyInit(session: Handle, mechanism: Mechanism, key: Handle): void;
  C_Verify(session: Handle, data: Buffer, signature: Buffer): boolean;
  C_DecryptInit(session: Handle, mechanism: Mechanism, key: Handle): void;
  C_Decrypt(session: Handle, data: Buffer, out: Buffer): Buffer;
  C_GenerateRandom(session: Handle, out: Buffer): Buffer;
  C_EncryptInit(session: Handle, mechanism: Mechanism, key: Handle): void;
  C_Encrypt(session: Handle, data: Buffer, out: Buffer): Buffer;
  C_WrapKey(session: Handle, mechanism: Mechanism, wrappingKey: Handle, key: Handle, out: Buffer): Buffer;
  C_UnwrapKey(session: Handle, mechanism: Mechanism, unwrappingKey: Handle, wrapped: Buffer, template: readonly Attribute[]): Handle;
  C_DeriveKey(session: Handle, mechanism: Mechanism, baseKey: Handle, template: readonly Attribute[]): Handle;
  C_GetMechanismInfo(slot: Handle, mechanism: number): { minKeySize: number; maxKeySize: number; flags: number };
  C_GetInfo(): { manufacturerID: string; libraryDescription: string; libraryVersion: { major: number; minor: number } };
  C_GetMechanismList(slot: Handle): number[];
}

/** The PKCS#11 constants the backend uses, by their standard names. */
export const CK_NAMES = [
  'CKF_OS_LOCKING_OK',
  'CKF_RW_SESSION',
  'CKF_SERIAL_SESSION',
  'CKF_TOKEN_INITIALIZED',
  'CKU_SO',
  'CKU_USER',
  'CKO_PUBLIC_KEY',
  'CKO_PRIVATE_KEY',
  'CKO_SECRET_KEY',
  'CKO_DATA',
  'CKK_EC',
  'CKK_GENERIC_SECRET',
  'CKK_AES',
  'CKA_CLASS',
  'CKA_TOKEN',
  'CKA_PRIVATE',
  'CKA_LABEL',
  'CKA_ID',
  'CKA_VALUE',
  'CKA_VALUE_LEN',
  'CKA_KEY_TYPE',
  'CKA_SENSITIVE',
  'CKA_ENCRYPT',
  'CKA_DECRYPT',
  'CKA_WRAP',
  'CKA_UNWRAP',
  'CKA_SIGN',
  'CKA_VERIFY',
  'CKA_DERIVE',
  'CKA_EXTRACTABLE',
  'CKA_NEVER_EXTRACTABLE',
  'CKA_ALWAYS_SENSITIVE',
  'CKA_MODIFIABLE',
  'CKA_COPYABLE',
  'CKA_EC_PARAMS',
  'CKA_EC_POINT',
  'CKM_SHA256_HMAC',
  'CKM_ECDSA',
  'CKM_AES_GCM',
  'CKM_GENERIC_SECRET_KEY_GEN',
  'CKM_AES_CBC',
  'CKM_AES_ECB',
  'CKM_AES_KEY_WRAP',
  'CKM_AES_ECB_ENCRYPT_DATA',
  'CK_PARAMS_AES_GCM',
] as const;

/** A PKCS#11 constant name. */
export type CkName = (typeof CK_NAMES)[number];

/** The constants, by name. */
export type Ck = Readonly<Record<CkName, number>>;

/** What loading pkcs11js yields: a module constructor and the constants. */
export interface Pkcs11Js {
  readonly PKCS11: new () => Pkcs11Module;
  readonly ck: Ck;
}
