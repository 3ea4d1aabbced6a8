/**
 * Benchmark of the PKCS#11 backend's Sensitive Functions on SoftHSMv2: key derivation (HMAC-SHA256
 * over the KDF message), MAC (HMAC-SHA256) and signature (ECDSA P-256 over SHA-256), against raw
 * pkcs11js calls doing the same on the same key object (the KDF message composed once beforehand;
 * for ECDSA, SHA-256 in JavaScript then CKM_ECDSA, as the backend does). Two levels are measured:
 * the backend's own `derive`/`mac`/`sign` (input checks, message composition, the token call: the
 * ratio the target >= 0.8 is for), and the whole HSM, where every call is one `SF_USE` step of the
 * statechart preceded by the CM5 host check (a fresh challenge, the device's HMAC answer and its
 * verification on the token), so two token operations per use. Each side runs interleaved with raw
 * in rounds in one process, so load changes hit both alike; the results are ratios of throughputs.
 * Without SoftHSM or pkcs11js the benchmark says so and is skipped.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { kdfMessage } from '../impl/backend/kdf.ts';
import { createSoftHsmToken, defaultLibrary, pkcs11Backends, pkcs11js } from '../impl/backend/pkcs11/index.ts';
import type { BackendFactory } from '../impl/backend/node-backend.ts';
import type { HsmBackend, KdfInput } from '../impl/backend/types.ts';
import { manufactureHsm } from '../impl/manufacture.ts';
import { Device } from '../impl/world/device.ts';
import { newKeyMaterial } from '../impl/world/keys.ts';
import { Principal } from '../impl/world/principal.ts';

/** One operation's throughputs and their ratio. */
export interface Pkcs11BenchRow {
  readonly op: 'derive' | 'mac' | 'sign';
  /** `backend`: the backend's method alone; `hsm`: the whole HSM (host check and statechart step per use). */
  readonly level: 'backend' | 'hsm';
  readonly rawOpsPerSec: number;
  readonly hsmOpsPerSec: number;
  /** hsm / raw. */
  readonly ratio: number;
}

/** Why the benchmark cannot run here, or null. */
function missing(): string | null {
  if (!existsSync(defaultLibrary())) return `no PKCS#11 library at ${defaultLibrary()} (Debian: apt-get install softhsm2)`;
  try {
    pkcs11js();
  } catch (e) {
    return (e as Error).message;
  }
  return null;
}

/** Measures the three operations, `ms` milliseconds per side each. */
export function measurePkcs11(ms = 1500): Pkcs11BenchRow[] {
  const store = createSoftHsmToken();
  try {
    const token = store.open();
    const factory = pkcs11Backends(token);
    let backend: HsmBackend | null = null;
    const backends: BackendFactory = {
      create: (o) => {
        backend = factory.create(o);
        return backend;
      },
    };
    const manager = new Principal('manager-1');
    const hmac = newKeyMaterial('hmac-sha256');
    const ecdsa = newKeyMaterial('ecdsa-p256');
    const hsm = manufactureHsm({
      scope: 'device',
      hsmId: 'HSM-BENCH-P11',
      transportKey: new Uint8Array(randomBytes(32)),
      trusted: [manager.trustAs('manager')],
      device: new Device('device-bench-p11'),
      initialKeys: [
        { keyId: 'ltk-0', key: hmac },
        { keyId: 'ltk-1', key: ecdsa },
      ],
      backends,
    });
    const { p11, ck } = token;
    const keyHandle = (keyId: string) => {
      const prefix = Buffer.from(`/ltk/${keyId}`);
      const found = token
        .find([{ type: ck.CKA_CLASS, value: ck.CKO_SECRET_KEY }])
        .concat(token.find([{ type: ck.CKA_CLASS, value: ck.CKO_PRIVATE_KEY }]))
        .filter((h) => token.attributes(h, [ck.CKA_LABEL]).get(ck.CKA_LABEL)!.toString().endsWith(prefix.toString()));
      if (found.length !== 1) throw new Error(`bench: expected one token object for ${keyId}, found ${found.length}`);
      return found[0]!;
    };
    const session = p11.C_OpenSession(p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === token.label)!, ck.CKF_SERIAL_SESSION);
    const input: KdfInput = { label: 'Ke', context: randomBytes(24), nonces: [randomBytes(16), randomBytes(16)] };
    const message = Buffer.from(kdfMessage(input));
    const data = randomBytes(64);
    const hk = keyHandle('ltk-0');
    const ek = keyHandle('ltk-1');
    const rawHmac = (m: Buffer) => {
      p11.C_SignInit(session, { mechanism: ck.CKM_SHA256_HMAC }, hk);
      return p11.C_Sign(session, m, Buffer.alloc(32));
    };
    const rawEcdsa = (m: Buffer) => {
      p11.C_SignInit(session, { mechanism: ck.CKM_ECDSA }, ek);
      return p11.C_Sign(session, createHash('sha256').update(m).digest(), Buffer.alloc(64));
    };
    const b = backend as unknown as HsmBackend;
    const ops = {
      derive: { key: 'ltk-0', raw: () => rawHmac(message), hsm: () => hsm.derive(input), backend: () => b.derive(input) },
      mac: { key: 'ltk-0', raw: () => rawHmac(data), hsm: () => hsm.mac(data), backend: () => b.mac(data) },
      sign: { key: 'ltk-1', raw: () => rawEcdsa(data), hsm: () => hsm.sign(data), backend: () => b.sign(data) },
    } as const;
    // the two sides compute the same thing
    hsm.sfStart('ltk-0');
    if (!Buffer.from(hsm.derive(input)).equals(rawHmac(message))) throw new Error('bench: the HSM and raw pkcs11js disagree on the derivation');
    if (!Buffer.from(hsm.mac(data)).equals(rawHmac(data))) throw new Error('bench: the HSM and raw pkcs11js disagree on the MAC');
    hsm.sfEnd();
    const rows: Pkcs11BenchRow[] = [];
    for (const [op, level] of (['derive', 'mac', 'sign'] as const).flatMap((x) => (['backend', 'hsm'] as const).map((l) => [x, l] as const))) {
      const o = ops[op];
      const side = o[level];
      hsm.sfStart(o.key);
      const chunk = op === 'sign' ? 200 : 1000;
      const run = (f: () => unknown) => {
        const t = performance.now();
        for (let i = 0; i < chunk; i++) f();
        return performance.now() - t;
      };
      run(o.raw);
      run(side);
      let rawMs = 0;
      let hsmMs = 0;
      let rounds = 0;
      while (rawMs < ms || hsmMs < ms) {
        rawMs += run(o.raw);
        hsmMs += run(side);
        rounds++;
      }
      hsm.sfEnd();
      const rawOpsPerSec = ((rounds * chunk) / rawMs) * 1000;
      const hsmOpsPerSec = ((rounds * chunk) / hsmMs) * 1000;
      rows.push({ op, level, rawOpsPerSec, hsmOpsPerSec, ratio: hsmOpsPerSec / rawOpsPerSec });
    }
    p11.C_CloseSession(session);
    factory.releaseAll();
    return rows;
  } finally {
    store.cleanup();
  }
}

/** Runs the benchmark and prints it; returns the smallest backend-level ratio (null when skipped). */
export async function runPkcs11Bench(opts: { readonly ms?: number; readonly out?: (line: string) => void } = {}): Promise<number | null> {
  const out = opts.out ?? console.log;
  const why = missing();
  if (why !== null) {
    out(`PKCS#11 backend: skipped (${why})`);
    return null;
  }
  const rows = measurePkcs11(opts.ms ?? 1500);
  const k = (x: number) => `${Math.round(x).toLocaleString('en')} ops/s`.padStart(14);
  out('PKCS#11 backend on SoftHSMv2: Sensitive Function throughput, one core, interleaved with raw pkcs11js in one run');
  out('  op      level      raw pkcs11js         measured   ratio');
  for (const r of rows)
    out(
      `  ${r.op.padEnd(6)}  ${r.level.padEnd(8)} ${k(r.rawOpsPerSec)}   ${k(r.hsmOpsPerSec)}   ${r.ratio.toFixed(2)}${r.level === 'backend' ? '  (target >= 0.8)' : '  (host check + SF_USE step per use)'}`,
    );
  return Math.min(...rows.filter((r) => r.level === 'backend').map((r) => r.ratio));
}
