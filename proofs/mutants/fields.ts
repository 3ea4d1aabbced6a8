/**
 * Which context fields each assign action of a machine assigns, found by running it: the
 * machine is explored with every assigner instrumented to record the keys of the partial
 * context it returns. An assigner function may return different keys on different steps (the
 * probe zeroizes or reads), so the fields are the union over every step taken while exploring,
 * for every attacker profile, with no countermeasure and with all of them under the default
 * settings, and with all of them under every single-switch alternative of the settings (where
 * e.g. the attacker's potential beats the HSM's rating). The instances are small (one key slot,
 * one nonce) to keep this quick: every branch of every assigner is still taken there.
 * @module
 */
import { initialTransition, type AnyStateMachine } from 'xstate';
import { PROFILE_IDS, maskToFlags } from '../../model/config.ts';
import { alternatives, DEFAULT_SETTINGS, settingsWith, type Settings } from '../../model/settings.ts';
import { explore } from '../explore.ts';
import { subjectFor, type ModelId } from '../subjects.ts';
import { ALL_MASK } from '../table.ts';
import { actionsOf, isAssign, wrapAssign } from './machines.ts';

/** Per assign action of a machine: the context fields it assigns, in the context's own field order. */
export type AssignedFields = Readonly<Record<string, readonly string[]>>;

/** The configurations explored to find the fields: (mask, settings) pairs, each under every profile. */
function discoveryConfigs(): { mask: number; settings: Settings }[] {
  return [
    { mask: 0, settings: DEFAULT_SETTINGS },
    { mask: ALL_MASK, settings: DEFAULT_SETTINGS },
    ...alternatives().map((a) => ({ mask: ALL_MASK, settings: settingsWith({ [a.setting]: a.value }) })),
  ];
}

/** The fields every assign action of `machine` (a machine of `model`) assigns while it is explored. */
export function assignedFields(model: ModelId, machine: AnyStateMachine): AssignedFields {
  const seen = new Map<string, Set<string>>();
  const actions = Object.fromEntries(
    Object.entries(actionsOf(machine))
      .filter(([, a]) => isAssign(a))
      .map(([name, a]) => {
        seen.set(name, new Set());
        const record = (partial: Record<string, unknown>) => {
          for (const k of Object.keys(partial)) seen.get(name)!.add(k);
          return partial;
        };
        return [name, wrapAssign(a as never, record)];
      }),
  );
  const instrumented = machine.provide({ actions } as never);
  for (const { mask, settings } of discoveryConfigs()) {
    for (const profile of PROFILE_IDS) explore(subjectFor(model, maskToFlags(mask), profile, instrumented, { settings, slots: 1 }));
  }
  const order = contextFields(model, machine);
  return Object.fromEntries([...seen].map(([name, keys]) => [name, order.filter((f) => keys.has(f))]));
}

/** The fields of the machine's initial context, in their order. */
function contextFields(model: ModelId, machine: AnyStateMachine): string[] {
  const [init] = initialTransition(machine, subjectFor(model, maskToFlags(0), 'remote', machine).input as never);
  return Object.keys(init.context as object);
}
