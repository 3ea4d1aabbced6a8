/**
 * The broken variants of `proofs/variants.ts` applied on top of any machine of their model: a
 * variant is the real machine with some guards or actions provided anew, so those overrides
 * (found by comparing its implementations with the real machine's) are provided on the other
 * machine. Each variant's exploration with all countermeasures under its profile and
 * `VARIANT_SETTINGS` is cached per base machine.
 * @module
 */
import type { AnyStateMachine } from 'xstate';
import { maskToFlags } from '../../model/config.ts';
import type { FastSubject } from '../fast/types.ts';
import { subjectFor } from '../subjects.ts';
import { ALL_MASK } from '../table.ts';
import type { ExplorationResult } from '../types.ts';
import { VARIANT_SETTINGS, type Variant } from '../variants.ts';
import { overridesOf, REAL_MACHINES } from './machines.ts';
import { exploreBounded } from './runs.ts';

/** `base` with the guard and action overrides of a broken variant applied (the variant itself when `base` is the real machine). */
export function withVariant(base: AnyStateMachine, variant: Variant): AnyStateMachine {
  if (base === REAL_MACHINES[variant.model]) return variant.machine;
  return base.provide(overridesOf(variant.machine, REAL_MACHINES[variant.model]) as never);
}

/** A variant on a base machine, with its subject and exploration (all countermeasures, the variant's profile, `VARIANT_SETTINGS`). */
export interface VariantRun {
  readonly subject: FastSubject;
  readonly result: ExplorationResult;
}

const runs = new WeakMap<AnyStateMachine, Map<string, VariantRun>>();

/** The exploration of `variant` applied on `base` (cached per base machine and variant). */
export function variantRun(base: AnyStateMachine, variant: Variant): VariantRun {
  const byId = runs.get(base) ?? new Map<string, VariantRun>();
  runs.set(base, byId);
  const known = byId.get(variant.id);
  if (known) return known;
  const subject = subjectFor(variant.model, maskToFlags(ALL_MASK), variant.profile, withVariant(base, variant), { settings: VARIANT_SETTINGS });
  const run = { subject, result: exploreBounded(subject, `variant ${variant.id}`) };
  byId.set(variant.id, run);
  return run;
}
