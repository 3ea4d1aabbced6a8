/**
 * The explorations of one set of machines, shared by the semantic checks of one run. A
 * configuration is explored at most once, and not at all when an earlier exploration of the same
 * model, profile and settings read no countermeasure flag on which the two configurations differ
 * (read-set reuse, `proofs/reads.ts`: the machines are deterministic functions of their input,
 * so the exploration, its verdicts and its traces would be the same). An exploration that keeps
 * its graph, for the checks of steps (`steps.ts`), is made at most once per configuration.
 * @module
 */
import type { AnyStateMachine } from 'xstate';
import { maskToFlags, type CmFlags, type ProfileId } from '../../model/config.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../model/settings.ts';
import { explore } from '../explore.ts';
import { exploreFast, type FastExplorationResult } from '../fast/explorer.ts';
import { ReadSetCache, trackReads } from '../reads.ts';
import { subjectFor, type ModelId } from '../subjects.ts';
import type { FastSubject } from '../fast/types.ts';
import type { ExplorationResult } from '../types.ts';
import { machineOf, type Machines } from './machines.ts';
import { StepGraph } from './steps.ts';
import { WELL_FORMED } from './well-formed.ts';

/**
 * States an exploration of a checked machine may reach. The real model's largest exploration
 * (a broken variant's) has about 60,000 states; its state space is finite by construction
 * (ASM-06 bounds nonces and captured commands), so a machine that goes far beyond has an
 * unbounded state space, which is itself a failure.
 */
export const STATE_LIMIT = 250_000;

/** Thrown when an exploration exceeds {@link STATE_LIMIT}. */
export class Unbounded extends Error {
  override readonly name = 'Unbounded';
}

/** Explores `subject`, throwing {@link Unbounded} beyond {@link STATE_LIMIT} states. */
export function exploreBounded(subject: FastSubject, what: string): ExplorationResult {
  try {
    return explore(subject, { maxStates: STATE_LIMIT });
  } catch (e) {
    if (e instanceof Error && /state limit/.test(e.message))
      throw new Unbounded(`bounds: ${what}: more than ${STATE_LIMIT} states (the state space is no longer bounded)`);
    throw e;
  }
}

/** Explores `subject` keeping its graph (self-loops included), throwing {@link Unbounded} beyond {@link STATE_LIMIT} states. */
export function exploreGraphBounded(subject: FastSubject, what: string): FastExplorationResult {
  try {
    return exploreFast(subject, { graph: true, maxStates: STATE_LIMIT });
  } catch (e) {
    if (e instanceof Error && /state limit/.test(e.message))
      throw new Unbounded(`bounds: ${what}: more than ${STATE_LIMIT} states (the state space is no longer bounded)`);
    throw e;
  }
}

/**
 * Explorations of `machines` (the real machine for a model they leave out), cached, with or
 * without their graphs. Their subjects check the well-formedness properties of states
 * (`well-formed.ts`) besides the model's invariants.
 */
export class Runs {
  private readonly caches = new Map<string, ReadSetCache<ExplorationResult>>();
  private readonly seeded = new Map<string, ExplorationResult>();
  private readonly graphs = new Map<string, StepGraph>();
  /** Explorations actually run so far. */
  explored = 0;

  constructor(readonly machines: Machines = {}) {}

  /** The machine explored for `model`. */
  machine(model: ModelId): AnyStateMachine {
    return machineOf(this.machines, model);
  }

  /** The subject of one configuration (countermeasure set as a bitmask), with the well-formedness properties as extra invariants. */
  subject(model: ModelId, profile: ProfileId, mask: number, settings: Settings = DEFAULT_SETTINGS): FastSubject {
    return this.make(model, maskToFlags(mask), profile, settings);
  }

  private make(model: ModelId, cms: CmFlags, profile: ProfileId, settings: Settings): FastSubject {
    const s = subjectFor(model, cms, profile, this.machine(model), { settings });
    return { ...s, invariants: [...s.invariants, ...WELL_FORMED] };
  }

  /**
   * Hands in the exploration of one configuration under the default settings, made elsewhere
   * of the same machine without the well-formedness properties (e.g. the full verification of
   * the real machines): used by `result` for that exact configuration (never by `graph`, which
   * checks well-formedness).
   */
  seed(model: ModelId, profile: ProfileId, mask: number, result: ExplorationResult): void {
    this.seeded.set(`${model}/${profile}/${mask}`, result);
  }

  private cache(model: ModelId, profile: ProfileId, settings: Settings): ReadSetCache<ExplorationResult> {
    const key = `${model}/${profile}/${JSON.stringify(settings)}`;
    const cache = this.caches.get(key) ?? new ReadSetCache<ExplorationResult>();
    this.caches.set(key, cache);
    return cache;
  }

  /** The exploration of one configuration (a seeded one, under the default settings, where there is one). */
  result(model: ModelId, profile: ProfileId, mask: number, settings: Settings = DEFAULT_SETTINGS): ExplorationResult {
    const seeded = settings === DEFAULT_SETTINGS ? this.seeded.get(`${model}/${profile}/${mask}`) : undefined;
    if (seeded) return seeded;
    const cache = this.cache(model, profile, settings);
    const cms = maskToFlags(mask);
    const hit = cache.find(cms);
    if (hit) return hit.value;
    const tracked = trackReads(cms);
    const r = exploreBounded(this.make(model, tracked.flags, profile, settings), `${model}/${profile}, mask ${mask}`);
    this.explored++;
    cache.add(cms, tracked.reads, r);
    return r;
  }

  /**
   * The exploration of one configuration with its graph (every step, self-loops included: see
   * `steps.ts`), checking the well-formedness properties besides the invariants; cached.
   */
  graph(model: ModelId, profile: ProfileId, mask: number, settings: Settings = DEFAULT_SETTINGS): StepGraph {
    const key = `${model}/${profile}/${mask}/${JSON.stringify(settings)}`;
    const known = this.graphs.get(key);
    if (known) return known;
    const subject = this.subject(model, profile, mask, settings);
    const g = new StepGraph(subject, exploreGraphBounded(subject, `${model}/${profile}, mask ${mask}`));
    this.explored++;
    this.graphs.set(key, g);
    return g;
  }
}
