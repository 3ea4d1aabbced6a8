/**
 * The verified threat × countermeasure table, computed from exploration results only: for each
 * threat and attacker profile, under which of the 64 countermeasure sets its goal is reachable,
 * the minimal sets that make it unreachable, and the countermeasures every such set contains.
 * @module
 */
import { COUNTERMEASURES } from '../spec/countermeasures.ts';
import { COUNTERMEASURE_IDS, THREAT_IDS, type CountermeasureId, type ThreatId } from '../spec/ids.ts';
import { PROFILE_IDS, listToMask, maskToFlags, cmList, type ProfileId } from '../model/config.ts';
import { AVAILABILITY_GOALS, type AvailabilityGoal, type AvailabilityId } from './availability.ts';
import { GOALS, INVARIANTS, type InvariantId } from './properties.ts';
import type { ModelId } from './subjects.ts';
import type { Trace } from './types.ts';
import type { ConfigResult } from './verify.ts';

/** All countermeasures, as a mask. */
export const ALL_MASK = (1 << COUNTERMEASURE_IDS.length) - 1;

/** Verdicts of one property (threat goal or invariant) under one profile across the 64 sets. */
export interface ProfileVerdict {
  /** Per mask (index = bitmask): true when the goal is reachable / the invariant is violated. */
  readonly bad: readonly boolean[];
  /**
   * Minimal countermeasure sets that make the property safe (goal unreachable / invariant
   * holds) robustly: under the set and under every superset of it.
   */
  readonly minimalSets: readonly (readonly CountermeasureId[])[];
  /** Countermeasures present in every minimal set. */
  readonly necessary: readonly CountermeasureId[];
  /** Unsafe masks that are supersets of a safe mask: adding countermeasures made it unsafe again. */
  readonly nonMonotone: readonly number[];
}

/** A threat's row of the table. */
export interface ThreatRow {
  readonly threat: ThreatId;
  readonly model: ModelId;
  readonly title: string;
  /** Countermeasures whose "Related threats" list this threat, as the text states. */
  readonly listed: readonly CountermeasureId[];
  /** Per attacker profile explored. */
  readonly profiles: Readonly<Partial<Record<ProfileId, ProfileVerdict>>>;
}

/** An invariant's row: where it holds. */
export interface InvariantRow {
  readonly invariant: InvariantId;
  readonly title: string;
  readonly model: ModelId;
  /** Per attacker profile explored. */
  readonly profiles: Readonly<Partial<Record<ProfileId, ProfileVerdict>>>;
}

/** Countermeasures the text relates to `t`. */
export function listedFor(t: ThreatId): CountermeasureId[] {
  return COUNTERMEASURES.filter((c) => (c.relatedThreats as readonly ThreatId[]).includes(t)).map((c) => c.id);
}

/** Computes a profile verdict from the per-mask "bad" vector. */
export function profileVerdict(bad: readonly boolean[]): ProfileVerdict {
  const safe = bad.map((b, m) => (b ? -1 : m)).filter((m) => m >= 0);
  const robust = safe.filter((m) => bad.every((b, o) => !b || (o & m) !== m));
  const minimal = robust.filter((m) => !robust.some((o) => o !== m && (o & m) === o));
  const necessary = minimal.length === 0 ? 0 : minimal.reduce((a, m) => a & m, ALL_MASK);
  const nonMonotone = bad.map((b, m) => (b && safe.some((s) => (s & m) === s) ? m : -1)).filter((m) => m >= 0);
  return {
    bad,
    minimalSets: minimal.map((m) => cmList(maskToFlags(m))),
    necessary: cmList(maskToFlags(necessary)),
    nonMonotone,
  };
}

/** Index of results by model, profile and mask. */
export class ResultIndex {
  private readonly map = new Map<string, ConfigResult>();
  /** The attacker profiles present in the results, in profile order. */
  readonly profiles: readonly ProfileId[];
  /** The models present in the results. */
  readonly models: ReadonlySet<ModelId>;
  constructor(results: readonly ConfigResult[]) {
    for (const r of results) this.map.set(`${r.model}/${r.profile}/${r.mask}`, r);
    this.profiles = PROFILE_IDS.filter((p) => results.some((r) => r.profile === p));
    this.models = new Set(results.map((r) => r.model));
  }
  /** The result of one configuration (throws if it was not run). */
  get(model: ModelId, profile: ProfileId, mask: number): ConfigResult {
    const r = this.map.get(`${model}/${profile}/${mask}`);
    if (!r) throw new Error(`configuration ${model}/${profile}/${mask} was not explored`);
    return r;
  }
  /** True when the results of `model` carry availability verdicts. */
  hasAvailability(model: ModelId): boolean {
    for (const r of this.map.values()) if (r.model === model) return r.availability !== undefined;
    return false;
  }
  /** The shortest trace to `goal` in a configuration, or null. */
  goalTrace(model: ModelId, profile: ProfileId, cms: readonly CountermeasureId[], goal: ThreatId): Trace | null {
    return this.get(model, profile, listToMask(cms)).reached[goal] ?? null;
  }
}

const verdicts = (idx: ResultIndex, model: ModelId, pick: (r: ConfigResult) => boolean) =>
  Object.fromEntries(idx.profiles.map((p) => [p, profileVerdict(Array.from({ length: ALL_MASK + 1 }, (_, m) => pick(idx.get(model, p, m))))])) as Partial<
    Record<ProfileId, ProfileVerdict>
  >;

/** The threat rows of the models explored, in threat order. */
export function threatRows(idx: ResultIndex): ThreatRow[] {
  return THREAT_IDS.filter((t) => idx.models.has(GOALS.find((g) => g.id === t)!.scope)).map((t) => {
    const goal = GOALS.find((g) => g.id === t)!;
    return {
      threat: t,
      model: goal.scope,
      title: goal.title,
      listed: listedFor(t),
      profiles: verdicts(idx, goal.scope, (r) => r.reached[t] != null),
    };
  });
}

/** The invariant rows, one per invariant and model it applies to. */
export function invariantRows(idx: ResultIndex): InvariantRow[] {
  return INVARIANTS.flatMap((inv) =>
    inv.scopes
      .filter((m) => idx.models.has(m))
      .map((model) => ({
        invariant: inv.id,
        title: inv.title,
        model,
        profiles: verdicts(idx, model, (r) => r.violations[inv.id] != null),
      })),
  );
}

/** An availability goal's row: where the attacker achieves it, beside its threat's safety row. */
export interface AvailabilityRow {
  readonly goal: AvailabilityId;
  readonly threat: AvailabilityGoal['threat'];
  readonly kind: AvailabilityGoal['kind'];
  readonly model: ModelId;
  readonly title: string;
  /** Countermeasures whose "Related threats" list the threat, as the text states. */
  readonly listed: readonly CountermeasureId[];
  /** Per attacker profile explored (`bad`: the goal is reached). */
  readonly profiles: Readonly<Partial<Record<ProfileId, ProfileVerdict>>>;
}

/**
 * The availability rows of the models explored, in goal order; empty when the results carry
 * no availability verdicts (a run that skipped them).
 */
export function availabilityRows(idx: ResultIndex): AvailabilityRow[] {
  return AVAILABILITY_GOALS.filter((g) => idx.models.has(g.scope) && idx.hasAvailability(g.scope)).map((g) => ({
    goal: g.id,
    threat: g.threat,
    kind: g.kind,
    model: g.scope,
    title: g.title,
    listed: listedFor(g.threat),
    profiles: verdicts(idx, g.scope, (r) => r.availability?.[g.id]?.reached === true),
  }));
}
