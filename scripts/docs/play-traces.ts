/**
 * The attack traces the interactive page offers, found by a fresh exploration at build time:
 * for every threat goal and attacker profile, the shortest attack (if any) under three
 * countermeasure sets — all six without those the text lists for the threat, the listed ones
 * alone, and all six. Each trace keeps only its events: the page replays them on the real
 * machine under whatever configuration the reader chooses.
 * @module
 */
import type { EventObject } from 'xstate';
import { cmFlags, PROFILE_IDS } from '../../model/config.ts';
import { explore } from '../../proofs/explore.ts';
import { GOALS } from '../../proofs/properties.ts';
import { subjectFor } from '../../proofs/subjects.ts';
import { listedFor } from '../../proofs/table.ts';
import { COUNTERMEASURE_IDS, type CountermeasureId, type ThreatId } from '../../spec/ids.ts';
import type { PlayConfig } from './play/session.ts';

/** Which countermeasure set a trace was found under. */
export type TraceSetKind = 'listed-removed' | 'listed-only' | 'all';

/** One attack trace offered by the page. */
export interface PlayTrace {
  /** Stable ID, e.g. `T1-remote-listed-removed`. */
  readonly id: string;
  /** The threat whose goal the trace reaches. */
  readonly goal: ThreatId;
  readonly kind: TraceSetKind;
  /** One line for the trace's menu entry. */
  readonly title: string;
  /** The configuration the trace was found under. */
  readonly config: PlayConfig;
  /** The events, in order; the last state reaches the goal. */
  readonly events: readonly EventObject[];
}

const KIND_TEXT: Readonly<Record<TraceSetKind, string>> = {
  'listed-removed': 'listed countermeasures removed',
  'listed-only': 'listed countermeasures only',
  all: 'all countermeasures',
};

/** The countermeasure set of each kind, for a threat. */
function setOf(kind: TraceSetKind, goal: ThreatId): CountermeasureId[] {
  const listed = listedFor(goal);
  if (kind === 'listed-removed') return COUNTERMEASURE_IDS.filter((c) => !listed.includes(c));
  if (kind === 'listed-only') return [...listed];
  return [...COUNTERMEASURE_IDS];
}

/** Explores every threat × profile × set kind once and keeps the shortest trace to each goal reached. */
export function playTraces(): PlayTrace[] {
  const out: PlayTrace[] = [];
  for (const goal of GOALS) {
    for (const profile of PROFILE_IDS) {
      for (const kind of Object.keys(KIND_TEXT) as TraceSetKind[]) {
        const cms = setOf(kind, goal.id);
        const trace = explore(subjectFor(goal.scope, cmFlags(cms), profile)).reached[goal.id];
        if (!trace) continue;
        const set = cms.length ? cms.join(', ') : 'none';
        out.push({
          id: `${goal.id}-${profile}-${kind}`,
          goal: goal.id,
          kind,
          title: `${goal.id} (${goal.scope}, ${profile} attacker, ${KIND_TEXT[kind]}; in force: ${set}) — ${trace.steps.length} step${trace.steps.length === 1 ? '' : 's'}`,
          config: { model: goal.scope, cms, profile },
          events: trace.steps.map((s) => s.event),
        });
      }
    }
  }
  return out;
}
