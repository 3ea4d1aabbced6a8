/**
 * Availability goals of the denial-of-service threats T2 and T5 ("preventing operation of the
 * M2M solution"), checked as liveness on the explored graph of each configuration
 * (`proofs/fast/liveness.ts`), beside the safety goals of `properties.ts`:
 * - *always-possible* goals: from every reachable state, the legitimate side alone (the
 *   manager, and the device or equipment using its keys) can still manage the keys, and can
 *   still run its Sensitive Function with a legitimate key. A state from which it cannot is a
 *   permanent loss: the attacker needs to do nothing more;
 * - *lockout* goals (accepting cycles): a reachable cycle on which the manager keeps sending
 *   commands, over nonces its own challenges returned, for operations that apply, and none ever
 *   takes effect: the attacker locks the manager out for as long as it keeps interfering.
 *
 * A goal is "bad" in a configuration when the always-possible property fails or a lockout
 * cycle exists; the verdict carries the counterexample trace or the lasso (prefix + cycle).
 * @module
 */
import type { AnyStateMachine } from 'xstate';
import type { DeviceEvent } from '../model/events.ts';
import type { StoreContext } from '../model/store.ts';
import { COUNTERMEASURE_IDS, type ThreatId } from '../spec/ids.ts';
import { checkAlwaysPossible, findStarvation, type Lasso } from './fast/liveness.ts';
import type { FastExplorationResult } from './fast/explorer.ts';
import type { FastSubject } from './fast/types.ts';
import { subjectFor, type ModelId } from './subjects.ts';
import { exploreFast } from './fast/explorer.ts';
import { AVAILABILITY_VARIANTS, VARIANT_SETTINGS, type Variant } from './variants.ts';
import { maskToFlags } from '../model/config.ts';

/** Every countermeasure, as a mask. */
const ALL_CMS = (1 << COUNTERMEASURE_IDS.length) - 1;
import type { Snap, Trace } from './types.ts';

/** Availability goal IDs. */
export type AvailabilityId = 'T2-AV-MANAGE' | 'T2-AV-USE' | 'T2-AV-LOCKOUT' | 'T5-AV-MANAGE' | 'T5-AV-USE' | 'T5-AV-LOCKOUT';

/** An availability goal: what the attacker achieves when it is "reached". */
export interface AvailabilityGoal {
  readonly id: AvailabilityId;
  readonly threat: Extract<ThreatId, 'T2' | 'T5'>;
  readonly scope: ModelId;
  /** `permanent`: an always-possible property fails; `lockout`: a starvation cycle exists. */
  readonly kind: 'permanent' | 'lockout';
  /** One line: what the attacker achieves. */
  readonly title: string;
  /** The words of the threat it formalises. */
  readonly formalises: string;
}

/** The verdict of one availability goal in one configuration: JSON-serialisable. */
export interface AvailabilityVerdict {
  /** True when the attacker achieves the goal (the property fails / a lockout cycle exists). */
  readonly reached: boolean;
  /** `permanent`: states from which the legitimate side can no longer reach the goal. */
  readonly stuck?: number;
  /** `permanent`: the shortest trace to the first stuck state. */
  readonly trace?: Trace;
  /** `lockout`: the lasso (a run to the cycle, then the cycle), replayable on XState's `transition()`. */
  readonly lasso?: Lasso;
}

const T2_TEXT = 'Long-term service-layer keys are deleted or deprecated while they are stored in M2M Devices or M2M Gateways';
const T5_TEXT = 'Long-term service-layer keys are deleted or deprecated while they are stored in the M2M infrastructure equipment';

/** The availability goals, three per denial-of-service threat. */
export const AVAILABILITY_GOALS: readonly AvailabilityGoal[] = [
  {
    id: 'T2-AV-MANAGE',
    threat: 'T2',
    scope: 'device',
    kind: 'permanent',
    title: 'the legitimate manager can never again manage the device’s keys',
    formalises: T2_TEXT,
  },
  {
    id: 'T2-AV-USE',
    threat: 'T2',
    scope: 'device',
    kind: 'permanent',
    title: 'the device can never again run its Sensitive Function with a legitimate key, whatever the manager does',
    formalises: T2_TEXT,
  },
  {
    id: 'T2-AV-LOCKOUT',
    threat: 'T2',
    scope: 'device',
    kind: 'lockout',
    title: 'the manager keeps trying and none of its commands takes effect, for as long as the attacker keeps interfering',
    formalises: T2_TEXT,
  },
  {
    id: 'T5-AV-MANAGE',
    threat: 'T5',
    scope: 'server',
    kind: 'permanent',
    title: 'the System Administrator can never again manage the Server-HSM’s keys',
    formalises: T5_TEXT,
  },
  {
    id: 'T5-AV-USE',
    threat: 'T5',
    scope: 'server',
    kind: 'permanent',
    title: 'the equipment can never again run its Sensitive Function with a legitimate key, whatever the administrator does',
    formalises: T5_TEXT,
  },
  {
    id: 'T5-AV-LOCKOUT',
    threat: 'T5',
    scope: 'server',
    kind: 'lockout',
    title: 'the System Administrator keeps trying and none of its commands takes effect, for as long as the attacker keeps interfering',
    formalises: T5_TEXT,
  },
];

/** An event the legitimate manager sends: its own challenge request, or a command it signed (the attacker copying it in passing changes nothing for the manager). */
export function isManagerEvent(e: DeviceEvent): boolean {
  if (e.type === 'CHALLENGE') return (e.requester ?? 'manager') === 'manager' && e.spoofed !== true;
  return e.type === 'COMMAND' && e.sender === 'manager';
}

/** An event of the device or equipment using its keys. */
export function isUseEvent(e: DeviceEvent): boolean {
  return e.type === 'SF_START' || e.type === 'SF_USE' || e.type === 'SF_END';
}

const ctx = (s: Snap<AnyStateMachine>) => s.context as StoreContext;

/** A command of the manager took effect. */
export function managed(s: Snap<AnyStateMachine>): boolean {
  return ctx(s).ghost.managed;
}

/** The store's own Sensitive Function runs with a legitimate key, in the genuine HSM in its own device (or on the equipment). */
export function usingLegitKey(s: Snap<AnyStateMachine>): boolean {
  const v = s.value as { hsm?: string; sf: string };
  const c = ctx(s);
  return v.sf === 'running' && (v.hsm ?? 'inOwnDevice') === 'inOwnDevice' && !c.counterfeit && c.sf?.key === 'L';
}

/**
 * Checks the availability goals of `model` on a graph exploration of `subject` (explored with
 * `{ graph: true }`). The checks only read the graph, the decoded states and the events, so they
 * read no countermeasure flag beyond those the exploration read.
 */
export function checkAvailability(model: ModelId, subject: FastSubject, result: FastExplorationResult): Partial<Record<AvailabilityId, AvailabilityVerdict>> {
  const out: Partial<Record<AvailabilityId, AvailabilityVerdict>> = {};
  for (const g of AVAILABILITY_GOALS.filter((x) => x.scope === model)) {
    if (g.kind === 'lockout') {
      const v = findStarvation(subject, result, {
        id: g.id,
        title: g.title,
        trying: (e) => (e as DeviceEvent).type === 'COMMAND' && (e as DeviceEvent & { sender: string }).sender === 'manager',
        success: managed,
      });
      out[g.id] = v.found ? { reached: true, lasso: v.lasso! } : { reached: false };
      continue;
    }
    const use = g.id.endsWith('-USE');
    const v = checkAlwaysPossible(subject, result, {
      id: g.id,
      title: g.title,
      party: (e) => isManagerEvent(e as DeviceEvent) || (use && isUseEvent(e as DeviceEvent)),
      goal: use ? usingLegitKey : managed,
    });
    out[g.id] = v.holds ? { reached: false } : { reached: true, stuck: v.stuck, trace: v.counterexample!.trace };
  }
  return out;
}

/** A broken nonce mechanism as checked: whether each goal it must reach is reached, and the lasso. */
export interface AvailabilityVariantResult {
  readonly id: string;
  readonly model: ModelId;
  readonly profile: Variant['profile'];
  readonly description: string;
  readonly caughtBy: readonly string[];
  readonly caught: boolean;
  readonly lasso: Lasso | null;
  readonly states: number;
}

/**
 * Explores every broken nonce mechanism (`AVAILABILITY_VARIANTS`) with all countermeasures under
 * its profile and `VARIANT_SETTINGS`, and checks the availability goals that must catch it.
 */
export function checkAvailabilityVariants(): AvailabilityVariantResult[] {
  return AVAILABILITY_VARIANTS.map((v) => {
    const subject = subjectFor(v.model, maskToFlags(ALL_CMS), v.profile, v.machine, { settings: VARIANT_SETTINGS });
    const g = exploreFast(subject, { graph: true });
    const verdicts = checkAvailability(v.model, subject, g);
    const hits = v.caughtBy.map((id) => verdicts[id as AvailabilityId]);
    return {
      id: v.id,
      model: v.model,
      profile: v.profile,
      description: v.description,
      caughtBy: v.caughtBy,
      caught: hits.every((h) => h?.reached === true),
      lasso: hits.find((h) => h?.lasso)?.lasso ?? null,
      states: g.states,
    };
  });
}
