/**
 * Findings: where exploration disagrees with the "Related threats" column of the text. Each
 * finding is derived from the table (itself computed from exploration) and carries the attack
 * trace, or the configurations, that show it.
 * @module
 */
import { PRESUPPOSITIONS } from '../spec/presuppositions.ts';
import { COUNTERMEASURE_IDS, type CountermeasureId, type ThreatId } from '../spec/ids.ts';
import type { ProfileId } from '../model/config.ts';
import { listedFor, type ResultIndex, type ThreatRow } from './table.ts';
import { GOALS } from './properties.ts';
import { COUNTERMEASURES } from '../spec/countermeasures.ts';
import { THREATS } from '../spec/threats.ts';
import type { Trace } from './types.ts';

/** Kinds of finding. */
export type FindingKind =
  /** The countermeasures the text lists for a threat, applied alone, do not stop it. */
  | 'listed-set-insufficient'
  /** A countermeasure the text does not list for a threat is in every minimal set that stops it. */
  | 'needed-not-listed'
  /** A countermeasure the text does not list for a threat is in some, not all, minimal sets: an alternative. */
  | 'unlisted-alternative'
  /** A countermeasure the text lists for a threat is in no minimal set that stops it, for any attacker. */
  | 'listed-not-needed'
  /** Even all six countermeasures do not stop the threat. */
  | 'not-stopped';

/** One finding. */
export interface Finding {
  readonly id: string;
  readonly kind: FindingKind;
  readonly threat: ThreatId;
  readonly countermeasure: CountermeasureId | null;
  /** Attacker profiles for which it holds. */
  readonly profiles: readonly ProfileId[];
  readonly summary: string;
  /** The countermeasure set of the configuration the trace comes from. */
  readonly configuration: readonly CountermeasureId[];
  /** The attack, when there is one to show (replayable). */
  readonly trace: Trace | null;
  /** A presupposition (spec/presuppositions.ts) that explains it, if any. */
  readonly explainedBy: string | null;
  /**
   * The words of the text it rests on: the threat's overview as its goal formalises it, and the
   * "Related threats" line of the countermeasure concerned (or of each listed one).
   */
  readonly restsOn: readonly string[];
}

const without = (cm: CountermeasureId) => COUNTERMEASURE_IDS.filter((c) => c !== cm);
const setText = (s: readonly CountermeasureId[]) => (s.length ? `{${s.join(', ')}}` : '{}');

/** The presupposition row by which a listed countermeasure requires `cm`, if any. */
function presupposedBy(cm: CountermeasureId, listed: readonly CountermeasureId[], scope: 'device' | 'server'): string | null {
  const row = PRESUPPOSITIONS.find((p) => p.scope === scope && listed.includes(p.cm) && (p.requires as readonly CountermeasureId[]).includes(cm));
  return row ? `${row.cm} presupposes ${cm} (${row.scope}): ${row.reason}` : null;
}

/** The quotes a finding rests on (see `Finding.restsOn`). */
function restsOn(f: Omit<Finding, 'id' | 'restsOn'>): string[] {
  const goal = GOALS.find((g) => g.id === f.threat)!;
  const cms = f.countermeasure ? [f.countermeasure] : listedFor(f.threat);
  return [
    `threat ${f.threat.slice(1)} (clause ${THREATS.find((t) => t.id === f.threat)!.clause}): "${goal.formalises}"`,
    ...cms.map((cm) => {
      const c = COUNTERMEASURES.find((x) => x.id === cm)!;
      return `${cm} (clause ${c.clause}), Related threats: "${c.relatedThreatsText.quote}"`;
    }),
  ];
}

/** Derives the findings from the threat rows and the results they were computed from. */
export function deriveFindings(rows: readonly ThreatRow[], idx: ResultIndex): Finding[] {
  const out: Omit<Finding, 'id' | 'restsOn'>[] = [];
  for (const row of rows) {
    const { threat: t, model, listed } = row;
    const at = (kind: FindingKind, cm: CountermeasureId | null, test: (p: ProfileId) => boolean) => idx.profiles.filter(test).map((p) => ({ kind, cm, p }));
    const notStopped = at('not-stopped', null, (p) => row.profiles[p]!.minimalSets.length === 0);
    if (notStopped.length) {
      const p = notStopped[0]!.p;
      out.push({
        kind: 'not-stopped',
        threat: t,
        countermeasure: null,
        profiles: notStopped.map((x) => x.p),
        summary: `${t} is reachable even with all six countermeasures (${notStopped.map((x) => x.p).join(', ')} attacker).`,
        configuration: COUNTERMEASURE_IDS,
        trace: idx.goalTrace(model, p, COUNTERMEASURE_IDS, t),
        explainedBy: null,
      });
    }
    const insufficient = idx.profiles.filter((p) => idx.goalTrace(model, p, listed, t) !== null);
    if (insufficient.length) {
      out.push({
        kind: 'listed-set-insufficient',
        threat: t,
        countermeasure: null,
        profiles: insufficient,
        summary: `The countermeasures the text lists for ${t}, ${setText(listed)}, do not stop it (${insufficient.join(', ')} attacker).`,
        configuration: listed,
        trace: idx.goalTrace(model, insufficient[0]!, listed, t),
        explainedBy: null,
      });
    }
    for (const cm of COUNTERMEASURE_IDS) {
      const needers = idx.profiles.filter((p) => row.profiles[p]!.necessary.includes(cm));
      if (!listed.includes(cm) && needers.length) {
        out.push({
          kind: 'needed-not-listed',
          threat: t,
          countermeasure: cm,
          profiles: needers,
          summary: `${cm} is needed to stop ${t} (every minimal set contains it, ${needers.join(', ')} attacker), but the text does not list ${t} among ${cm}'s related threats.`,
          configuration: without(cm),
          trace: idx.goalTrace(model, needers[0]!, without(cm), t),
          explainedBy: presupposedBy(cm, listed, model),
        });
      }
      const alternatives = idx.profiles.filter((p) => !row.profiles[p]!.necessary.includes(cm) && row.profiles[p]!.minimalSets.some((s) => s.includes(cm)));
      if (!listed.includes(cm) && alternatives.length && !needers.length) {
        const p = alternatives[0]!;
        const sets = row.profiles[p]!.minimalSets;
        out.push({
          kind: 'unlisted-alternative',
          threat: t,
          countermeasure: cm,
          profiles: alternatives,
          summary: `${cm} is not listed for ${t}, but ${sets
            .filter((s) => s.includes(cm))
            .map(setText)
            .join(' or ')} stops it as an alternative to ${sets
            .filter((s) => !s.includes(cm))
            .map(setText)
            .join(' or ')} (${alternatives.join(', ')} attacker).`,
          configuration: sets.find((s) => s.includes(cm))!,
          trace: null,
          explainedBy: null,
        });
      }
      const helps = idx.profiles.some((p) => row.profiles[p]!.minimalSets.some((s) => s.includes(cm)));
      if (listed.includes(cm) && !helps) {
        const sets = idx.profiles.map((p) => `${p}: ${row.profiles[p]!.minimalSets.map(setText).join(' or ') || 'none'}`).join('; ');
        out.push({
          kind: 'listed-not-needed',
          threat: t,
          countermeasure: cm,
          profiles: idx.profiles,
          summary: `The text lists ${cm} for ${t}, but no minimal set that stops ${t} contains it (${sets}).`,
          configuration: without(cm),
          trace: null,
          explainedBy: null,
        });
      }
    }
  }
  return out.map((f, i) => ({ id: `F-${String(i + 1).padStart(2, '0')}`, ...f, restsOn: restsOn(f) }));
}
