/**
 * Traceability of test purposes: the requirements an event exercises on each model, and the
 * threats those requirements counter (restricted to the model's threats).
 * @module
 */
import { REQUIREMENTS } from '../../spec/requirements.ts';
import type { RequirementId, ThreatId } from '../../spec/ids.ts';
import { MUTATIONS } from '../../model/management.ts';
import type { DeviceEvent } from '../../model/events.ts';

/** Threats each model's goals stand for. */
export const MODEL_THREATS: Readonly<Record<'device' | 'server', readonly ThreatId[]>> = {
  device: ['T1', 'T2', 'T3', 'T6'],
  server: ['T4', 'T5', 'T6'],
};

/** Requirements exercised by `e` on `model`. */
export function requirementsOf(model: 'device' | 'server', e: DeviceEvent): RequirementId[] {
  const dev = model === 'device';
  const storage: RequirementId[] = dev ? ['REQ-CM1-01', 'REQ-CM1-02'] : ['REQ-CM2-01', 'REQ-CM2-02'];
  const sf: RequirementId[] = dev ? ['REQ-CM4-01'] : ['REQ-CM4-02'];
  switch (e.type) {
    case 'CHALLENGE':
      return ['REQ-CM6-04'];
    case 'COMMAND':
      return MUTATIONS.includes(e.op)
        ? ['REQ-CM6-02', 'REQ-CM6-03', 'REQ-CM6-04']
        : ['REQ-CM6-01', 'REQ-CM6-03', 'REQ-CM6-04', 'REQ-CM3-01', ...(dev ? [] : ['REQ-CM3-02' as const])];
    case 'REPLAY':
      return ['REQ-CM6-02', 'REQ-CM6-04'];
    case 'SF_START':
    case 'SF_USE':
    case 'SF_END':
      return dev ? [...sf, 'REQ-CM5-01'] : sf;
    case 'SIDE_CHANNEL':
      return [...sf, storage[1]!];
    case 'PROBE':
    case 'TAMPER':
    case 'REMOTE_HACK':
      return [...storage, ...sf];
    case 'MEMORY_WRITE':
      return [storage[0]!];
    case 'REMOVE_HSM':
    case 'REPLACE_HSM':
      return ['REQ-CM5-02', 'REQ-CM1-01'];
    case 'INSERT_ELSEWHERE':
    case 'REINSERT':
      return ['REQ-CM5-01', 'REQ-CM5-02'];
  }
}

/** Threats countered by `reqs` that belong to `model`. */
export function threatsOf(model: 'device' | 'server', reqs: readonly RequirementId[]): ThreatId[] {
  const out = new Set<ThreatId>();
  for (const r of REQUIREMENTS) if (reqs.includes(r.id)) for (const t of r.threats) if (MODEL_THREATS[model].includes(t)) out.add(t);
  return [...out].sort();
}

/** True for an event only an attacker sends. */
export function isAttack(e: DeviceEvent): boolean {
  if (e.type === 'COMMAND') return e.sender !== 'manager';
  return !['CHALLENGE', 'SF_START', 'SF_USE', 'SF_END'].includes(e.type);
}
