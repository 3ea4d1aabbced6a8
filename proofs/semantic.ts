/**
 * The semantic checks of the model, as library functions: what the model must do, stated over
 * explorations (never compared with a recorded file). Each check takes the machines to check
 * (the real ones by default) and returns its failures, one line each (empty: it passes); with
 * `firstFailure` it stops at the first. They are what `npm run mutants` uses to kill mutants, so
 * the real model must pass every one of them.
 *
 * - all-countermeasures safety: with CM1–CM6, every invariant holds; under the default settings
 *   the only goal states reachable are reached by fail-secure zeroization (which some attack
 *   does trigger), and where zeroization is not a deletion (ASM-10) no goal is reachable;
 * - minimal-set non-vacuity: each minimal set of the real model (under the default settings and
 *   where zeroization is not a deletion) still stops its threat, the full set minus it still
 *   opens the threat (and the trace replays), and dropping any one of its members still opens it;
 * - broken variants (`proofs/variants.ts`) applied on top of the machines are still caught;
 * - legitimate use works: with CM1–CM6 the manager can still provision, deprecate and delete
 *   keys, Sensitive Functions run and use a legitimate key in their own device, and commands can
 *   be captured (so safety is not vacuous);
 * - every attacker capability matters: it lets the attacker reach something it cannot otherwise,
 *   and at least what it does on the real model;
 * - each means of CM5 works on its own (physical binding only; logical binding only, with the
 *   pairing secret protected), which the default settings (both at once) cannot show, and the
 *   logical binding falls when the attacker beats the HSM that keeps the secret;
 * - removal without CM5: with an HSM only, a Sensitive Function can be started with the HSM in
 *   another device, and one running at home is used there after the HSM moved exactly where its
 *   session survives removal (ASM-15; where it does not, removal ends it);
 * - well-formedness: every reachable state and every step (a start or a use of a key) means what
 *   the model says it means (with no countermeasure, with an HSM only, and with all of them;
 *   under each value of ASM-15);
 * - goals not vacuous: with no countermeasure, every goal is reachable and every invariant is
 *   violated for at least one attacker profile (an invariant about a countermeasure that needs
 *   an HSM, with only the HSM: see `presupposedMask`).
 * @module
 */
import type { CountermeasureId } from '../spec/ids.ts';
import { presupposition } from '../spec/presuppositions.ts';
import { listToMask, PROFILE_IDS } from '../model/config.ts';
import { settingsWith } from '../model/settings.ts';
import type { StoreContext } from '../model/store.ts';
import type { Machines } from './mutants/machines.ts';
import { realModel } from './mutants/real.ts';
import { exploreBounded, Runs, Unbounded } from './mutants/runs.ts';
import { variantRun } from './mutants/variants.ts';
import { checkSetup, cmName, eventsOf, type CheckOptions } from './mutants/check-kit.ts';
import { availabilityHolds, bindingMeansWork, capabilitiesMatter, legitimateUseWorks, wellFormed } from './mutants/more-checks.ts';
import { removalWithoutBinding } from './mutants/removal.ts';
import { GOALS, INVARIANTS, type Invariant } from './properties.ts';
import { replay } from './replay.ts';
import type { ModelId } from './subjects.ts';
import { ALL_MASK } from './table.ts';
import type { Property } from './types.ts';
import { VARIANTS } from './variants.ts';

export type { Machines } from './mutants/machines.ts';

export type { CheckOptions } from './mutants/check-kit.ts';
export { bindingMeansWork, capabilitiesMatter, legitimateUseWorks, wellFormed, SESSION_SETTINGS } from './mutants/more-checks.ts';
export { Runs } from './mutants/runs.ts';
export { StepGraph, type Step, type StepState, type StepProperty } from './mutants/steps.ts';
export { removalWithoutBinding } from './mutants/removal.ts';

const ghostOf = (s: unknown) => (s as { ghost: StoreContext['ghost'] }).ghost;
const NOT_DELETION = settingsWith({ zeroization: 'not-deletion' });

/** A semantic check: its ID, what it states, and the function that runs it. */
export interface SemanticCheck {
  readonly id: string;
  readonly title: string;
  readonly run: (machines?: Machines, options?: CheckOptions) => string[];
}

/**
 * With all six countermeasures, for every profile: every invariant holds; under the default
 * settings a goal state is reachable only by a step that zeroizes legitimate keys (fail-secure),
 * and for some profile such a zeroization is reachable (an HSM probed by an attacker whose
 * potential does not beat its rating zeroizes, ASM-10); where zeroization is not a deletion
 * (ASM-10's alternative) no goal is reachable.
 */
export function allCountermeasuresSafe(machines: Machines = {}, options: CheckOptions = {}): string[] {
  const { runs, models, fail } = checkSetup(machines, options);
  const zeroizes = (s: { context: unknown }) => (s.context as StoreContext).ghost.zeroizedLegit;
  for (const model of models) {
    let zeroized = false;
    for (const profile of PROFILE_IDS) {
      const subject = runs.subject(model, profile, ALL_MASK);
      const goals = subject.goals ?? [];
      // The same goals reached by a step that does not zeroize: must stay unreachable.
      const plain: Property[] = goals.map((g) => ({ ...g, id: `${g.id}~`, holds: (s) => g.holds(s) && !zeroizes(s) }));
      const zero: Property = { id: 'ZEROIZED', title: 'legitimate keys zeroized', holds: zeroizes };
      const where = `${model}/${profile} with all countermeasures`;
      const r = exploreBounded({ ...subject, goals: [...goals, ...plain, zero] }, where);
      zeroized ||= r.reached.ZEROIZED != null;
      for (const [id, t] of Object.entries(r.violations)) if (t && fail.add(`safety: ${where}: ${id} violated by ${eventsOf(t)}`)) return fail.list;
      for (const g of goals) {
        const t = r.reached[g.id];
        if (
          t &&
          !ghostOf(t.steps.at(-1)?.state ?? t.initial).zeroizedLegit &&
          fail.add(`safety: ${where}: ${g.id} reached by ${eventsOf(t)}, not by zeroization`)
        )
          return fail.list;
        const u = r.reached[`${g.id}~`];
        if (u && fail.add(`safety: ${where}: ${g.id} reachable without zeroization, by ${eventsOf(u)}`)) return fail.list;
      }
      const nd = runs.result(model, profile, ALL_MASK, NOT_DELETION);
      for (const [id, t] of [...Object.entries(nd.violations), ...Object.entries(nd.reached)]) {
        if (t && fail.add(`safety: ${where}, zeroization not a deletion: ${id} by ${eventsOf(t)}`)) return fail.list;
      }
    }
    if (!zeroized && fail.add(`safety: ${model}: with all countermeasures, no profile's attack ever makes the HSM zeroize (fail-secure)`)) return fail.list;
  }
  return fail.list;
}

/**
 * Each minimal set of the real model (under the default settings and where zeroization is not a
 * deletion) still stops its threat on `machines`, the other countermeasures alone still let it
 * through (and the attack trace replays), and dropping any one of its members still lets it through.
 */
export function minimalSetsNonVacuous(machines: Machines = {}, options: CheckOptions = {}): string[] {
  const { runs, models, fail } = checkSetup(machines, options);
  for (const model of models) {
    for (const { label, settings, rows } of realModel(model).minimal) {
      for (const row of rows) {
        for (const profile of PROFILE_IDS) {
          for (const set of row.profiles[profile]?.minimalSets ?? []) {
            const mask = listToMask(set);
            const where = `minimal sets: ${row.threat}/${profile} ${cmName(mask)} (${label})`;
            const stopped = runs.result(model, profile, mask, settings).reached[row.threat];
            if (stopped && fail.add(`${where} no longer stops it: ${eventsOf(stopped)}`)) return fail.list;
            const rest = ALL_MASK & ~mask;
            const opened = runs.result(model, profile, rest, settings).reached[row.threat];
            if (!opened) {
              if (fail.add(`${where}: the other countermeasures ${cmName(rest)} now stop it too`)) return fail.list;
            } else if (!replay(runs.subject(model, profile, rest, settings), opened).ok) {
              if (fail.add(`${where}: the trace under ${cmName(rest)} does not replay`)) return fail.list;
            }
            for (const cm of set) {
              const less = mask & ~listToMask([cm]);
              const open = runs.result(model, profile, less, settings).reached[row.threat];
              if (!open && fail.add(`${where}: ${cm} is no longer needed (${cmName(less)} stops it)`)) return fail.list;
            }
          }
        }
      }
    }
  }
  return fail.list;
}

/**
 * Every broken variant, applied on top of `machines`, is still caught with all countermeasures
 * under its profile and `VARIANT_SETTINGS`, by each of its `caughtBy` properties that catch it on the real machine
 * (a property that does not, is a stale entry of `proofs/variants.ts`, reported as a failure
 * only when none is left), and its traces replay.
 */
export function variantsCaught(machines: Machines = {}, options: CheckOptions = {}): string[] {
  const { runs, models, fail } = checkSetup(machines, options);
  for (const v of VARIANTS.filter((x) => models.includes(x.model))) {
    const expected = realModel(v.model).variants[v.id] ?? [];
    if (expected.length === 0 && fail.add(`variants: ${v.id} is caught by none of ${v.caughtBy.join(', ')} even on the real model`)) return fail.list;
    const { subject, result: r } = variantRun(runs.machine(v.model), v);
    for (const id of expected) {
      const t = r.violations[id] ?? r.reached[id] ?? null;
      if (!t) {
        if (fail.add(`variants: ${v.id} is no longer caught by ${id}`)) return fail.list;
      } else if (!replay(subject, t).ok) {
        if (fail.add(`variants: ${v.id}: the ${id} trace does not replay`)) return fail.list;
      }
    }
  }
  return fail.list;
}

/**
 * The countermeasures an invariant presupposes in `model`: those the countermeasures it checks
 * (by its requirements, `REQ-CMn-…`) require to have anything to act on (`spec/presuppositions.ts`),
 * other than those it checks. The binding invariants (CM5) presuppose an HSM (CM1): without one
 * there is nothing to bind, so they can only be violated where CM1 is on.
 */
export function presupposedMask(inv: Invariant, model: ModelId): number {
  const checked = new Set(inv.checks.map((r) => /^REQ-(CM\d)-/.exec(r)?.[1]).filter((c): c is CountermeasureId => c !== undefined));
  const required = [...checked].flatMap((cm) => presupposition(cm, model)?.requires ?? []);
  return listToMask(required.filter((cm) => !checked.has(cm)));
}

/**
 * Goals and invariants are not vacuous: with no countermeasure, every goal is reachable for
 * some profile; with none but those it presupposes (`presupposedMask`), every invariant is
 * violated for some profile. Each trace replays.
 */
export function goalsNotVacuous(machines: Machines = {}, options: CheckOptions = {}): string[] {
  const { runs, models, fail } = checkSetup(machines, options);
  for (const model of models) {
    const props: [Property, number, string][] = [
      ...INVARIANTS.filter((i) => i.scopes.includes(model)).map((i): [Property, number, string] => [i, presupposedMask(i, model), 'violated']),
      ...GOALS.filter((g) => g.scope === model).map((g): [Property, number, string] => [g, 0, 'reachable']),
    ];
    for (const [p, mask, what] of props) {
      const profile = PROFILE_IDS.find((pr) => {
        const r = runs.result(model, pr, mask);
        const t = r.violations[p.id] ?? r.reached[p.id] ?? null;
        return t !== null && replay(runs.subject(model, pr, mask), t).ok;
      });
      if (!profile && fail.add(`vacuity: ${model}: ${p.id} is ${what} for no profile under ${cmName(mask)}`)) return fail.list;
    }
  }
  return fail.list;
}

/** The semantic checks, cheapest first. */
export const SEMANTIC_CHECKS: readonly SemanticCheck[] = [
  { id: 'safety', title: 'all countermeasures: invariants hold, goals only by zeroization', run: allCountermeasuresSafe },
  { id: 'functional', title: 'with all countermeasures, the store can still be used and managed', run: legitimateUseWorks },
  { id: 'availability', title: 'with all countermeasures, no availability goal of T2 or T5 is reached', run: availabilityHolds },
  {
    id: 'well-formed',
    title: 'every reachable state and step is well-formed (no countermeasure, an HSM only, all of them; under each value of ASM-15)',
    run: wellFormed,
  },
  { id: 'binding', title: 'each means of CM5 works on its own', run: bindingMeansWork },
  {
    id: 'removal',
    title: 'without CM5 the HSM is used in another device, a running function carried there exactly where its session survives removal',
    run: removalWithoutBinding,
  },
  { id: 'capabilities', title: 'every attacker capability achieves something, and all it achieves on the real model', run: capabilitiesMatter },
  { id: 'vacuity', title: 'every goal reachable and every invariant violated without countermeasures', run: goalsNotVacuous },
  { id: 'variants', title: 'broken variants are still caught', run: variantsCaught },
  { id: 'minimal', title: 'minimal countermeasure sets still stop, open and need every member', run: minimalSetsNonVacuous },
];

/**
 * Runs every semantic check on `machines` (sharing explorations); with `firstFailure`, stops at
 * the first failure. An exploration beyond `STATE_LIMIT` states fails its check (the state
 * space must stay bounded) and ends it.
 */
export function semanticFailures(machines: Machines = {}, options: CheckOptions = {}): string[] {
  const runs = options.runs ?? new Runs(machines);
  const out: string[] = [];
  for (const c of SEMANTIC_CHECKS) {
    try {
      out.push(...c.run(machines, { ...options, runs }));
    } catch (e) {
      if (!(e instanceof Unbounded)) throw e;
      out.push(e.message);
    }
    if (options.firstFailure && out.length) return out.slice(0, 1);
  }
  return out;
}
