/**
 * The PKCS#11 backend (tested on SoftHSMv2 2.6.1): the node backend's contract with every key on
 * a token. Loaded only when used: importing this module needs nothing beyond Node; the optional
 * dependency `pkcs11js` and a PKCS#11 library are needed once a token is opened.
 * @clause CM1 @clause CM2 @clause CM3 @clause CM4 @clause CM5 @clause CM6
 *
 * Errors: see each module.
 * @module
 */
export { Pkcs11Backend, type Pkcs11BackendOptions, type Pkcs11ReopenOptions } from './backend.ts';
export type { RestoreReport } from './keystore.ts';
export { pkcs11Backends, type Pkcs11Factory } from './factory.ts';
export { Pkcs11Token, type TokenOptions } from './token.ts';
export { createSoftHsmToken, type SoftHsmToken, type SoftHsmTokenOptions } from './softhsm.ts';
export { SOFTHSM_LIBRARY, defaultLibrary, pkcs11js } from './load.ts';
export { TokenError, ckrOf } from './ckr.ts';
