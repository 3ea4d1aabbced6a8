/**
 * Benchmark of a Sensitive Function through the statechart-driven implementation: key
 * derivation (HMAC-SHA256 over label, context and nonces with a long-term key held in the
 * backend) against raw node:crypto computing the same HMAC over the same, precomposed message
 * with a `KeyObject` of the same key. Both run interleaved in one process, in rounds, so load
 * changes hit both alike; the result is the ratio of their throughputs.
 *
 * Through the implementation a derivation runs inside a Sensitive Function: SF_START (a
 * statechart transition, a host check with the device's key, the backend opening its session),
 * `batch` derivations each checked against the live statechart state and the backend session,
 * then SF_END. With `batch` = 1 every derivation pays for its own SF_START and SF_END.
 * @module
 */
import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import { kdfMessage } from '../impl/backend/kdf.ts';
import type { KdfInput } from '../impl/backend/types.ts';
import { manufactureHsm } from '../impl/manufacture.ts';
import { Device } from '../impl/world/device.ts';
import { newKeyMaterial } from '../impl/world/keys.ts';
import { Principal } from '../impl/world/principal.ts';
import type { Hsm } from '../impl/hsm.ts';

/** One derivation in its own Sensitive Function run. */
function deriveOnce(hsm: Hsm, input: KdfInput): Uint8Array {
  hsm.sfStart('ltk-0');
  return hsm.derive(input);
}

/** Throughputs and their ratio. */
export interface DeriveBenchResult {
  readonly rawOpsPerSec: number;
  readonly hsmOpsPerSec: number;
  /** hsm / raw. */
  readonly ratio: number;
  /** Derivations per Sensitive Function run. */
  readonly batch: number;
}

/** Options of the benchmark. */
export interface DeriveBenchOptions {
  /** Measuring time per side, in milliseconds (default 1500). */
  readonly ms?: number;
  /** Derivations per Sensitive Function run (default 1000). */
  readonly batch?: number;
  /** Where to print (default: console.log; pass `() => {}` for silence). */
  readonly out?: (line: string) => void;
}

/** Measures one configuration. */
export function measureDerive(ms = 1500, batch = 1000): DeriveBenchResult {
  const l0 = newKeyMaterial('hmac-sha256');
  const manager = new Principal('manager-1');
  const hsm = manufactureHsm({
    scope: 'device',
    hsmId: 'HSM-BENCH',
    transportKey: new Uint8Array(randomBytes(32)),
    trusted: [manager.trustAs('manager')],
    device: new Device('device-bench'),
    initialKeys: [{ keyId: 'ltk-0', key: l0 }],
  });
  const input: KdfInput = { label: 'Ke', context: randomBytes(24), nonces: [randomBytes(16), randomBytes(16)] };
  const rawKey = createSecretKey(l0.material);
  const message = kdfMessage(input);
  const raw = (n: number) => {
    for (let i = 0; i < n; i++) createHmac('sha256', rawKey).update(message).digest();
  };
  const viaHsm = (n: number) => {
    for (let done = 0; done < n; ) {
      hsm.sfStart('ltk-0');
      const m = Math.min(batch, n - done);
      for (let i = 0; i < m; i++) hsm.derive(input);
      hsm.sfEnd();
      done += m;
    }
  };
  const same = Buffer.from(createHmac('sha256', rawKey).update(message).digest()).equals(Buffer.from(deriveOnce(hsm, input)));
  hsm.sfEnd();
  if (!same) throw new Error('the implementation and raw node:crypto disagree on the derivation');
  const chunk = Math.max(batch, 2000);
  raw(chunk);
  viaHsm(chunk);
  let rawOps = 0;
  let rawMs = 0;
  let hsmOps = 0;
  let hsmMs = 0;
  while (rawMs < ms || hsmMs < ms) {
    let t = performance.now();
    raw(chunk);
    rawMs += performance.now() - t;
    rawOps += chunk;
    t = performance.now();
    viaHsm(chunk);
    hsmMs += performance.now() - t;
    hsmOps += chunk;
  }
  const rawOpsPerSec = (rawOps / rawMs) * 1000;
  const hsmOpsPerSec = (hsmOps / hsmMs) * 1000;
  return { rawOpsPerSec, hsmOpsPerSec, ratio: hsmOpsPerSec / rawOpsPerSec, batch };
}

/** Runs the benchmark, prints it and returns the ratio (implementation / raw HMAC). */
export async function runDeriveBench(opts: DeriveBenchOptions = {}): Promise<number> {
  const out = opts.out ?? console.log;
  const batch = opts.batch ?? 1000;
  const r = measureDerive(opts.ms ?? 1500, batch);
  const single = measureDerive(Math.min(opts.ms ?? 1500, 500), 1);
  const k = (x: number) => `${Math.round(x).toLocaleString('en')} ops/s`;
  out('Sensitive Function throughput: key derivation (HMAC-SHA256), one core, measured interleaved in one run');
  out(`  raw node:crypto HMAC            ${k(r.rawOpsPerSec)}`);
  out(`  statechart-driven HSM           ${k(r.hsmOpsPerSec)}  (${batch} derivations per Sensitive Function run)`);
  out(`  ratio                           ${r.ratio.toFixed(2)}  (target >= 0.5)`);
  out(`  one derivation per SF run       ${k(single.hsmOpsPerSec)}  ratio ${single.ratio.toFixed(2)} (SF_START + host check + derive + SF_END each time)`);
  return r.ratio;
}
