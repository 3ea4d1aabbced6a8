/**
 * Physical events at any time, and every use of a key as a step (@clause CM4 @clause CM5,
 * ASM-15): removal, insertion elsewhere, replacement and tamper while a Sensitive Function runs,
 * and the checks each use (SF_USE) makes again, stepped on the model's own machines.
 */
import { describe, expect, it } from 'vitest';
import { initialTransition } from 'xstate';
import { listToMask, maskToFlags } from '../../model/config.ts';
import type { DeviceEvent } from '../../model/events.ts';
import type { CountermeasureId } from '../../spec/ids.ts';
import { settingsWith, type Settings } from '../../model/settings.ts';
import type { StoreContext } from '../../model/store.ts';
import { makeStepper } from '../../proofs/step.ts';
import { subjectFor, type ModelId } from '../../proofs/subjects.ts';
import { ALL_MASK } from '../../proofs/table.ts';

type S = { value: Record<string, string>; context: StoreContext };

/** A stepper over one subject, starting from its initial state. */
function run(model: ModelId, cms: readonly CountermeasureId[] | 'all', settings: Settings = settingsWith()) {
  const subject = subjectFor(model, maskToFlags(cms === 'all' ? ALL_MASK : listToMask([...cms])), 'physical', undefined, { settings });
  const step = makeStepper(subject.machine, subject.input);
  let s = initialTransition(subject.machine, subject.input as never)[0] as unknown as S;
  return {
    send(...events: DeviceEvent[]): S {
      for (const e of events) s = step(s as never, e) as unknown as S;
      return s;
    },
    enabled: (e: DeviceEvent) => subject.machine.getTransitionData(s as never, e).length > 0,
    get state() {
      return s;
    },
  };
}

const START: DeviceEvent = { type: 'SF_START', slot: 0 };
const USE: DeviceEvent = { type: 'SF_USE' };
const LOGICAL_ONLY = settingsWith({ cm5Means: 'logical', pairingSecret: 'protected' });

describe('ASM-15: a running Sensitive Function across the HSM’s removal', () => {
  it('ends: without CM5, removal ends the function in the same step, with the removal’s facts', () => {
    const m = run('device', ['CM1', 'CM6'], settingsWith({ sfOnRemoval: 'ends' }));
    m.send(START);
    const after = m.send({ type: 'REMOVE_HSM' });
    expect(after.value).toEqual({ hsm: 'removed', sf: 'idle' });
    expect(after.context.sf).toBeNull();
    expect(after.context.ghost.lostLegit).toBe(true);
    expect(m.enabled(START)).toBe(false);
  });

  it('survives (default): the function stays open out of the device, where nothing can use it', () => {
    const m = run('device', ['CM1', 'CM6']);
    m.send(START);
    const after = m.send({ type: 'REMOVE_HSM' });
    expect(after.value).toEqual({ hsm: 'removed', sf: 'running' });
    expect(after.context.ghost.lostLegit).toBe(true);
    expect(m.enabled(USE)).toBe(false);
    // back home, the same function goes on
    m.send({ type: 'REINSERT' });
    const used = m.send(USE);
    expect(used.value).toEqual({ hsm: 'inOwnDevice', sf: 'running' });
    expect(used.context.ghost.foreignUse).toBe(false);
  });

  it('with CM5 physical binding the HSM cannot be removed while a function runs', () => {
    const m = run('device', 'all');
    m.send(START);
    expect(m.enabled({ type: 'REMOVE_HSM' })).toBe(false);
  });
});

describe('every use checks the binding again (@clause CM5)', () => {
  it('without CM5, a function started at home is used in another device: a foreign use', () => {
    const m = run('device', ['CM1', 'CM6']);
    const s = m.send(START, { type: 'REMOVE_HSM' }, { type: 'INSERT_ELSEWHERE' }, USE);
    expect(s.value).toEqual({ hsm: 'elsewhere', sf: 'running' });
    expect(s.context.ghost.foreignUse).toBe(true);
  });

  it('with CM5 logical binding, that use is refused and ends the function, with no facts', () => {
    const m = run('device', 'all', LOGICAL_ONLY);
    const s = m.send(START, { type: 'REMOVE_HSM' }, { type: 'INSERT_ELSEWHERE' }, USE);
    expect(s.value).toEqual({ hsm: 'elsewhere', sf: 'idle' });
    expect(s.context.sf).toBeNull();
    expect(Object.values(s.context.ghost).some(Boolean)).toBe(false);
  });

  it('with CM5 logical binding, an attacker-made HSM fitted while the function runs cannot serve its next use', () => {
    const m = run('device', 'all', LOGICAL_ONLY);
    const s = m.send(START, { type: 'REMOVE_HSM' }, { type: 'REPLACE_HSM' }, USE);
    expect(s.value).toEqual({ hsm: 'counterfeitFitted', sf: 'idle' });
    expect(s.context.ghost.attackerKeyUsed).toBe(false);
  });

  it('without CM5, the attacker-made HSM serves the next use with the attacker’s key', () => {
    const m = run('device', ['CM1', 'CM6']);
    const s = m.send(START, { type: 'REMOVE_HSM' }, { type: 'REPLACE_HSM' }, USE);
    expect(s.value).toEqual({ hsm: 'counterfeitFitted', sf: 'running' });
    expect(s.context.ghost.attackerKeyUsed).toBe(true);
    expect(s.context.sf?.key).toBe('A');
  });
});

describe('every use checks the key again (@clause CM4)', () => {
  for (const model of ['device', 'server'] as const) {
    it(`${model}: after the manager deletes the function’s key, its next use is refused and ends the function`, () => {
      const m = run(model, 'all');
      m.send(START);
      expect(m.send(USE).context.ghost.keyInHostMemory).toBe(false);
      m.send({ type: 'CHALLENGE' });
      const deleted = m.send({ type: 'COMMAND', sender: 'manager', op: 'delete', slot: 0 });
      expect(deleted.context.ghost.managed).toBe(true);
      expect(deleted.value.sf).toBe('running');
      const s = m.send(USE);
      expect(s.value.sf).toBe('idle');
      expect(s.context.sf).toBeNull();
    });

    it(`${model}: TAMPER while the function runs zeroizes the keys; the next use is refused`, () => {
      const m = run(model, 'all');
      m.send(START);
      const t = m.send({ type: 'TAMPER' });
      expect(t.context.slots.every((x) => x.key === null)).toBe(true);
      expect(t.context.ghost.zeroizedLegit).toBe(true);
      expect(t.value.sf).toBe('running');
      expect(m.send(USE).value.sf).toBe('idle');
    });

    it(`${model}: a key replaced by the manager while the function runs is the one its next use takes`, () => {
      const m = run(model, 'all');
      m.send(START, { type: 'CHALLENGE' }, { type: 'COMMAND', sender: 'manager', op: 'replace', slot: 0 });
      const s = m.send(USE);
      expect(s.value.sf).toBe('running');
      expect(s.context.sf?.key).toBe('L');
    });
  }

  it('a use with no function running is no step at all', () => {
    const m = run('device', 'all');
    expect(m.enabled(USE)).toBe(false);
  });
});

describe('a key provisioned again while the function runs (@clause CM4)', () => {
  for (const [how, attack] of [
    ['zeroized by TAMPER', { type: 'TAMPER' }],
    ['deleted by the manager', { type: 'COMMAND', sender: 'manager', op: 'delete', slot: 0 }],
  ] as const) {
    it(`after the key is ${how} and the manager provisions the slot again, the next use takes the new key`, () => {
      const m = run('device', 'all');
      m.send(START, { type: 'CHALLENGE' }, attack as DeviceEvent);
      m.send({ type: 'CHALLENGE' }); // the manager's nonce (a fresh one after its delete)
      const p = m.send({ type: 'COMMAND', sender: 'manager', op: 'provision', slot: 0 });
      expect(p.context.ghost.managed).toBe(true);
      const s = m.send(USE);
      expect(s.value.sf).toBe('running');
      expect(s.context.sf?.key).toBe('L');
    });
  }
});
