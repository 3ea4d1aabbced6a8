/**
 * Semantic checks that make the others hard to pass vacuously (see `proofs/semantic.ts`, which
 * lists them all): the store still works with every countermeasure, every attacker capability
 * still achieves what it does on the real model, every reachable state and every step is
 * well-formed, and each means of CM5 works on its own.
 * @module
 */
import { PROFILE_IDS, maskToFlags } from '../../model/config.ts';
import { settingsWith, switchOf, type Settings } from '../../model/settings.ts';
import { ALL_MASK } from '../table.ts';
import { capabilityEffects, realCapabilityEffects } from './capabilities.ts';
import { checkSetup, cmName, eventsOf, hsmMask, type CheckOptions } from './check-kit.ts';
import { FUNCTIONAL, FUNCTIONAL_STEPS } from './functional.ts';
import { REAL_MACHINES, type Machines } from './machines.ts';
import { exploreGraphBounded } from './runs.ts';
import { WELL_FORMED, WELL_FORMED_STEPS } from './well-formed.ts';
import { checkAvailability } from '../availability.ts';
import { AVAILABILITY_VARIANTS, VARIANT_SETTINGS, withMechanisms } from '../variants.ts';
import { subjectFor } from '../subjects.ts';

/**
 * The settings under each value of ASM-15 (`sfOnRemoval`: whether a running Sensitive
 * Function's session survives the HSM's removal), the other switches at their defaults. What
 * removing the HSM does to a running function differs between them, so the checks of what a
 * state or a step means run under both.
 */
export const SESSION_SETTINGS: readonly Settings[] = switchOf('sfOnRemoval').values.map((v) => settingsWith({ sfOnRemoval: v as Settings['sfOnRemoval'] }));

/**
 * With all six countermeasures, for every profile, the store still works: every functional goal
 * (`proofs/mutants/functional.ts`: keys provisioned, deprecated, deleted, a Sensitive Function
 * run with a legitimate key, a command captured) is reachable, and every functional goal of
 * steps is taken (a running function uses a legitimate key in its own device and keeps running:
 * the checks made at each use, of the key and of the binding, let the legitimate use through).
 *
 * @clause CM4
 * @clause CM5
 */
export function legitimateUseWorks(machines: Machines = {}, options: CheckOptions = {}): string[] {
  const { runs, models, fail } = checkSetup(machines, options);
  for (const model of models) {
    for (const profile of PROFILE_IDS) {
      const where = `${model}/${profile} with all countermeasures`;
      const g = runs.graph(model, profile, ALL_MASK);
      for (const p of FUNCTIONAL) if (!g.someState(p) && fail.add(`functional: ${where}: ${p.id} (${p.title}) is unreachable`)) return fail.list;
      for (const p of FUNCTIONAL_STEPS) if (!g.witness(p) && fail.add(`functional: ${where}: ${p.id} (${p.title}) is never taken`)) return fail.list;
    }
  }
  return fail.list;
}

/**
 * Every attacker capability matters and keeps its power (`proofs/mutants/capabilities.ts`):
 * adding its events to the legitimate ones (and to those of a capability it needs) lets the
 * attacker reach something it cannot reach otherwise, and at least everything it lets the
 * attacker reach on the real model (capabilities with no event on a model are skipped).
 */
export function capabilitiesMatter(machines: Machines = {}, options: CheckOptions = {}): string[] {
  const { runs, models, fail } = checkSetup(machines, options);
  for (const model of models) {
    const real = realCapabilityEffects(model);
    const effects = runs.machine(model) === REAL_MACHINES[model] ? real : capabilityEffects(runs, model);
    for (const [c, effect] of effects) {
      if (effect.size === 0 && fail.add(`capabilities: ${model}: ${c} achieves nothing the legitimate events do not`)) return fail.list;
      const lost = [...(real.get(c) ?? [])].filter((x) => !effect.has(x));
      if (lost.length && fail.add(`capabilities: ${model}: ${c} no longer achieves ${lost.join(', ')}`)) return fail.list;
    }
  }
  return fail.list;
}

/**
 * Every reachable state and every step is well-formed (`proofs/mutants/well-formed.ts`: the
 * state means what the model says it means; a use takes the key its slot holds, and a start or a
 * use records exactly the facts of using that key), for every profile, with no countermeasure,
 * with an HSM only (CM1 on the device, CM2 on the server: the HSM can then be removed or
 * replaced) and with all of them, under each value of ASM-15 ({@link SESSION_SETTINGS}: where
 * the session ends on removal, the removal step must also end the function and its facts).
 */
export function wellFormed(machines: Machines = {}, options: CheckOptions = {}): string[] {
  const { runs, models, fail } = checkSetup(machines, options);
  const ids = new Set(WELL_FORMED.map((p) => p.id));
  for (const settings of SESSION_SETTINGS) {
    for (const model of models) {
      for (const profile of PROFILE_IDS) {
        for (const mask of [0, hsmMask(model), ALL_MASK]) {
          const where = `well-formed: ${model}/${profile} ${cmName(mask)}, sfOnRemoval = ${settings.sfOnRemoval}`;
          const g = runs.graph(model, profile, mask, settings);
          for (const [id, t] of Object.entries(g.result.violations)) {
            if (t && ids.has(id) && fail.add(`${where}: ${id} violated by ${eventsOf(t)}`)) return fail.list;
          }
          for (const p of WELL_FORMED_STEPS) {
            const step = g.violation(p);
            if (step && fail.add(`${where}: ${p.id} violated by ${g.describe(step)}`)) return fail.list;
          }
        }
      }
    }
  }
  return fail.list;
}

/**
 * Each means of CM5 works on its own, where the default settings (both means at once) let the
 * physical binding hide the logical one: with all countermeasures, for every profile, under
 * physical binding only the HSM never leaves its device (INV-BINDING-PHYSICAL), and under
 * logical binding only, with the pairing secret protected (ASM-03, ASM-11), the HSM's keys are
 * never used in another device (INV-BINDING-LOGICAL) and no counterfeit HSM makes the device use
 * the attacker's key (T3). And the logical binding is only as strong as the HSM that keeps the
 * secret: rated below the physical attacker's potential (ASM-02), a probe reads the secret and
 * the HSM's keys can then be used in another device.
 */
export function bindingMeansWork(machines: Machines = {}, options: CheckOptions = {}): string[] {
  const { runs, models, fail } = checkSetup(machines, options);
  if (!models.includes('device')) return fail.list;
  const logical = { cm5Means: 'logical', pairingSecret: 'protected' } as const;
  const cases = [
    { label: 'physical binding only', settings: settingsWith({ cm5Means: 'physical' }), hold: ['INV-BINDING-PHYSICAL'] },
    { label: 'logical binding only, pairing secret protected', settings: settingsWith(logical), hold: ['INV-BINDING-LOGICAL', 'T3'] },
  ];
  for (const { label, settings, hold } of cases) {
    for (const profile of PROFILE_IDS) {
      const r = runs.result('device', profile, ALL_MASK, settings);
      for (const id of hold) {
        const t = r.violations[id] ?? r.reached[id] ?? null;
        if (t && fail.add(`binding: device/${profile} with all countermeasures, ${label}: ${id} by ${eventsOf(t)}`)) return fail.list;
      }
    }
  }
  const weak = runs.result('device', 'physical', ALL_MASK, settingsWith({ ...logical, hsmRating: 'moderate' }));
  if (!weak.violations['INV-BINDING-LOGICAL']) {
    if (fail.add('binding: device/physical with all countermeasures, logical binding only, HSM rated moderate: the secret the HSM keeps is never read'))
      return fail.list;
  }
  return fail.list;
}

/**
 * With all six countermeasures, for every profile, no availability goal of T2 or T5 is reached
 * (`proofs/availability.ts`: the manager can always act, the key can always be used again, no
 * lockout cycle), and each broken nonce mechanism (`AVAILABILITY_VARIANTS`), applied on top of
 * the checked machine, still locks the manager out.
 */
export function availabilityHolds(machines: Machines = {}, options: CheckOptions = {}): string[] {
  const { runs, models, fail } = checkSetup(machines, options);
  for (const model of models) {
    for (const profile of PROFILE_IDS) {
      const where = `${model}/${profile} with all countermeasures`;
      const g = runs.graph(model, profile, ALL_MASK);
      const verdicts = checkAvailability(model, g.subject, g.result);
      for (const [id, v] of Object.entries(verdicts)) if (v.reached && fail.add(`availability: ${where}: ${id} is reached`)) return fail.list;
    }
  }
  // each broken nonce mechanism, applied on top of the checked machine, still locks the manager out
  for (const v of AVAILABILITY_VARIANTS.filter((x) => models.includes(x.model))) {
    const subject = subjectFor(v.model, maskToFlags(ALL_MASK), v.profile, withMechanisms(runs.machine(v.model), v.overrides), { settings: VARIANT_SETTINGS });
    const verdicts = checkAvailability(v.model, subject, exploreGraphBounded(subject, v.id));
    for (const id of v.caughtBy) {
      if (!verdicts[id as keyof typeof verdicts]?.reached && fail.add(`availability: ${v.id} no longer locks the manager out (${id})`)) return fail.list;
    }
  }
  return fail.list;
}
