/**
 * Manufacture and personalisation: a new backend with its key slots, its transport key, its
 * trusted management keys and (for a device HSM) its binding to a device; the initial
 * long-term keys imported wrapped under the transport key; then the HSM put into service in
 * its device.
 * @clause CM1 @clause CM2 @clause CM5 @clause CM6 — REQ-CM1-01, REQ-CM2-01, REQ-CM5-01, REQ-CM6-02
 *
 * Errors: UNKNOWN_KEY, UNWRAP_FAILED (a bad initial key).
 * @module
 */
import { NodeBackend } from './backend/node-backend.ts';
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
}

/** Manufactures, personalises and starts an HSM. */
export function manufactureHsm(o: ManufactureOptions): Hsm {
  if (o.scope === 'device' && !o.device) throw new TypeError('a device HSM is bound to a device');
  const backend = new NodeBackend({
    hsmId: o.hsmId,
    slots: o.slots ?? DEFAULT_SLOTS,
    transportKey: o.transportKey,
    trusted: o.trusted,
    ...(o.scope === 'device' ? { binding: { device: o.device!.id, pairingKey: o.device!.pair() } } : {}),
  });
  for (const { keyId, key } of o.initialKeys ?? []) backend.importWrapped(keyId, wrapKey(o.transportKey, o.hsmId, keyId, key.kind, key.material));
  return new Hsm({
    scope: o.scope,
    backend,
    ...(o.scope === 'device' ? { socket: o.socket ?? new Socket(o.device!), home: o.device! } : {}),
    ...(o.log ? { log: o.log } : {}),
  });
}
