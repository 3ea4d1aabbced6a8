/**
 * The implementation runs the model's own statecharts: `provide()` swaps every symbolic guard
 * and action for a real one and changes nothing else (clauses CM1–CM6).
 */
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { deviceMachine } from '../../model/device.machine.ts';
import { serverMachine } from '../../model/server.machine.ts';
import { deviceImplMachine, IMPL_INPUT, serverImplMachine } from '../../impl/machine.ts';
import { cmFlags } from '../../model/config.ts';
import { settingsWith } from '../../model/settings.ts';
import { COUNTERMEASURE_IDS } from '../../spec/ids.ts';

const pairs: [string, AnyStateMachine, AnyStateMachine][] = [
  ['device', deviceMachine, deviceImplMachine],
  ['server', serverMachine, serverImplMachine],
];

describe.each(pairs)('%s implementation machine (CM1–CM6: provide() over the verified model)', (_name, model, impl) => {
  it('replaces every guard and every action of the model', () => {
    const m = model.implementations;
    const i = impl.implementations;
    expect(Object.keys(m.guards).length).toBeGreaterThan(0);
    for (const name of Object.keys(m.guards)) {
      expect(i.guards[name], `guard ${name}`).toBeTypeOf('function');
      expect(i.guards[name], `guard ${name} still the model's`).not.toBe(m.guards[name]);
    }
    for (const name of Object.keys(m.actions)) {
      expect(i.actions[name], `action ${name}`).toBeTypeOf('function');
      expect(i.actions[name], `action ${name} still the model's`).not.toBe(m.actions[name]);
    }
    expect(Object.keys(i.guards).sort()).toEqual(Object.keys(m.guards).sort());
    expect(Object.keys(i.actions).sort()).toEqual(Object.keys(m.actions).sort());
  });

  it("keeps the model's states, transitions and guard combinations unchanged", () => {
    expect(impl.config).toBe(model.config);
    expect(JSON.stringify(impl.definition)).toBe(JSON.stringify(model.definition));
  });

  it('runs under the all-countermeasures configuration, with the default settings but for ASM-11 (the device protects its pairing key)', () => {
    expect(IMPL_INPUT.cms).toEqual(cmFlags(COUNTERMEASURE_IDS));
    expect(IMPL_INPUT.settings).toEqual(settingsWith({ pairingSecret: 'protected' }));
  });
});
