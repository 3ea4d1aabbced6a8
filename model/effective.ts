/**
 * Which countermeasures are in effect where. A countermeasure acts at a scope (a device with its
 * HSM, or infrastructure equipment with its Server-HSM) only if the specification has a
 * presupposition row for it there and every countermeasure that row requires is also on.
 * The rows are data in `spec/presuppositions.ts`, so the model cannot drift from them.
 * @module
 */
import { PRESUPPOSITIONS, type Scope } from '../spec/presuppositions.ts';
import type { CountermeasureId } from '../spec/ids.ts';
import type { CmFlags } from './config.ts';

/** True when `cm` is on and in effect at `scope` under `cms`. */
export function effective(cms: CmFlags, cm: CountermeasureId, scope: Scope): boolean {
  const row = ROWS[scope].get(cm);
  // Presupposed countermeasures are read first: an inert flag is then never read at all.
  return (row?.requires.every((r) => cms[r]) ?? false) && cms[cm];
}

/** Presupposition rows by scope and countermeasure (looked up on every guard evaluation). */
const ROWS: Readonly<Record<Scope, ReadonlyMap<CountermeasureId, (typeof PRESUPPOSITIONS)[number]>>> = {
  device: new Map(PRESUPPOSITIONS.filter((p) => p.scope === 'device').map((p) => [p.cm, p])),
  server: new Map(PRESUPPOSITIONS.filter((p) => p.scope === 'server').map((p) => [p.cm, p])),
};

/** True when the keys of `scope` are stored in a hardware module (HSM: CM1, Server-HSM: CM2). */
export function inHardware(cms: CmFlags, scope: Scope): boolean {
  return effective(cms, scope === 'device' ? 'CM1' : 'CM2', scope);
}
