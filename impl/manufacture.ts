/**
 * Manufacture and personalisation: a new backend with its key slots, its transport key, its
 * trusted management keys and (for a device HSM) its binding to a device; the initial
 * long-term keys imported wrapped under the transport key; then the HSM put into service in
 * its device.
 *
 * HSM ids are unique per manufacture run (this process): a command is bound to its HSM by the
 * HSM id it is signed over, so two HSMs of the same id that trust the same management key would
 * accept each other's commands. Such a second HSM is refused (MALFORMED). Re-using an id for an
 * HSM that trusts none of the earlier one's management keys is allowed (e.g. a bench
 * manufacturing a fresh HSM for each measurement): neither can accept a command signed for
 * the other.
 * @clause CM1 @clause CM2 @clause CM5 @clause CM6 — REQ-CM1-01, REQ-CM2-01, REQ-CM5-01, REQ-CM6-02
 *
 * Errors: MALFORMED (the HSM id is taken in this run), UNKNOWN_KEY, UNWRAP_FAILED (a bad initial key).
 * @module
 */
import { NODE_BACKENDS, type BackendFactory } from './backend/node-backend.ts';
import { takeBytes } from './bytes.ts';
import { b64u } from './encoding.ts';
import { hsmError } from './errors.ts';
import type { KeySlot, TrustedSigner } from './backend/types.ts';
import { Hsm } from './hsm.ts';
import type { Scope } from './kernel.ts';
import { Socket, type Device } from './world/device.ts';
import type { KeyMaterial } from './world/principal.ts';
import { wrapKey } from './wire/wrap.ts';

/** Default key slots: two, as in the model (ASM-06): an HMAC key (derivation, MAC) and an ECDSA key (signature). */
export const DEFAULT_SLOTS: readonly KeySlot[] = [
  { keyId: 'ltk-0', kind: 'hmac-sha256' },
  { keyId: 'ltk-1', kind: 'ecdsa-p256' },
];

/** What to manufacture. */
export interface ManufactureOptions {
  readonly scope: Scope;
  readonly hsmId: string;
  readonly slots?: readonly KeySlot[];
  /** The HSM's transport key (AES-256), shared with its key manager at personalisation. */
  readonly transportKey: Uint8Array;
  readonly trusted: readonly TrustedSigner[];
  /** Device HSM: the device it is bound to and inserted into. */
  readonly device?: Device;
  /** Device HSM: the socket it sits in, owned by the physical world (default: a new socket in `device`). */
  readonly socket?: Socket;
  /** Keys personalised at manufacture (wrapped here under the transport key, never handed over in clear). */
  readonly initialKeys?: readonly { readonly keyId: string; readonly key: KeyMaterial }[];
  readonly log?: (line: string) => void;
  /** Which backend holds the keys (default: node:crypto; `pkcs11Backends(token)` puts them on a PKCS#11 token). */
  readonly backends?: BackendFactory;
}

/** Management public keys (SPKI DER, base64url) trusted by the HSMs of each id manufactured in this run. */
const MANUFACTURED = new Map<string, Set<string>>();

/** Refuses an HSM id already manufactured in this run for an HSM trusting one of the same management keys; else returns how to record it. */
function claimId(hsmId: string, trusted: readonly TrustedSigner[]): () => void {
  const keys = trusted.map((t) => {
    const der = takeBytes(t.publicKey, 4096);
    if (der === null) throw hsmError('MALFORMED', 'a trusted management key must be given as bytes (Uint8Array)');
    return b64u(der);
  });
  const taken = MANUFACTURED.get(hsmId);
  if (taken && keys.some((key) => taken.has(key))) {
    throw hsmError('MALFORMED', 'an HSM with this id trusting the same management key was already manufactured in this run: HSM ids must be unique');
  }
  return () => {
    const set = MANUFACTURED.get(hsmId) ?? new Set<string>();
    for (const key of keys) set.add(key);
    MANUFACTURED.set(hsmId, set);
  };
}

/** Manufactures, personalises and starts an HSM. Refuses (MALFORMED) an id already manufactured in this run for the same management keys. */
export function manufactureHsm(o: ManufactureOptions): Hsm {
  if (o.scope === 'device' && !o.device) throw new TypeError('a device HSM is bound to a device');
  const record = claimId(o.hsmId, o.trusted);
  const backend = (o.backends ?? NODE_BACKENDS).create({
    hsmId: o.hsmId,
    slots: o.slots ?? DEFAULT_SLOTS,
    transportKey: o.transportKey,
    trusted: o.trusted,
    ...(o.scope === 'device' ? { binding: { device: o.device!.id, pairingKey: o.device!.pair() } } : {}),
  });
  for (const { keyId, key } of o.initialKeys ?? []) backend.importWrapped(keyId, wrapKey(o.transportKey, o.hsmId, keyId, key.kind, key.material));
  const hsm = new Hsm({
    scope: o.scope,
    backend,
    ...(o.scope === 'device' ? { socket: o.socket ?? new Socket(o.device!), home: o.device! } : {}),
    ...(o.log ? { log: o.log } : {}),
  });
  record();
  return hsm;
}
