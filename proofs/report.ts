/**
 * The verification report: everything `verify` found, as JSON-serialisable data. Built from
 * exploration results only. Its format is versioned (`REPORT_VERSION`) and published as a JSON
 * Schema (`proofs/schema/verify-report.schema.json`, documented in docs/REPORT.md); every report
 * has the same top-level keys, whether it covers every configuration or a `--without` run.
 * @module
 */
import { ASSUMPTIONS } from '../spec/assumptions.ts';
import { INTERPRETATIONS } from '../spec/presuppositions.ts';
import type { CountermeasureId } from '../spec/ids.ts';
import { PROFILE_IDS, cmList, listToMask, maskToFlags, type ProfileId } from '../model/config.ts';
import { PROFILES } from '../model/attacker.ts';
import { SLOT_COUNT } from '../model/keys.ts';
import { deriveFindings, type Finding } from './findings.ts';
import { GOALS, INVARIANTS } from './properties.ts';
import { dependencies, findingKey, type SensitivityEntry } from './sensitivity.ts';
import { SWITCHES } from '../model/settings.ts';
import { MODEL_IDS, type ModelId } from './subjects.ts';
import { ALL_MASK, ResultIndex, availabilityRows, invariantRows, threatRows, type AvailabilityRow, type InvariantRow, type ThreatRow } from './table.ts';
import { AVAILABILITY_GOALS, type AvailabilityId, type AvailabilityVariantResult, type AvailabilityVerdict } from './availability.ts';
import type { Lasso } from './fast/liveness.ts';
import { toolInfo, type ToolInfo } from './schema/tool.ts';

export type { ToolInfo } from './schema/tool.ts';
import type { Trace } from './types.ts';
import type { ConfigResult } from './verify.ts';

/** The URI of the report's JSON Schema: the report's `$schema`, the schema's `$id`. */
export const REPORT_SCHEMA_ID = 'https://onem2m-hsm.example/schemas/verify-report-3.json';
/** The version of the report format (semver), independent of the package version. */
export const REPORT_VERSION = '3.0.0';

/** One configuration's recorded outcome. */
export interface ConfigSummary {
  readonly model: ModelId;
  readonly profile: ProfileId;
  /** Countermeasures in force, comma-separated (`-`: none). */
  readonly cms: string;
  readonly states: number;
  readonly transitions: number;
  readonly violated: readonly string[];
  readonly reached: readonly string[];
  /** Countermeasure set whose exploration was shared (read-set reuse), or null when explored. */
  readonly sharedWith: string | null;
}

/** An invariant's verdict with all countermeasures. */
export interface AllCmVerdict {
  readonly invariant: string;
  readonly model: ModelId;
  readonly profile: ProfileId;
  readonly holds: boolean;
  readonly trace: Trace | null;
}

/** An attack that opens up when countermeasures are removed (`--without`). */
export interface OpenedAttack {
  readonly model: ModelId;
  readonly profile: ProfileId;
  /** The countermeasures in force. */
  readonly countermeasures: readonly CountermeasureId[];
  /** `threat`: a threat goal (ID in `property`) is reached; `invariant`: an invariant is violated. */
  readonly kind: 'threat' | 'invariant';
  readonly property: string;
  readonly trace: Trace;
}

/** What a report covers. */
export interface ReportScope {
  /** Countermeasures removed with `--without`, or null for a run over every countermeasure set. */
  readonly without: readonly CountermeasureId[] | null;
  readonly models: readonly ModelId[];
  readonly profiles: readonly ProfileId[];
  /** Countermeasure sets explored, as bitmasks (bit i = CM(i+1)), ascending. */
  readonly masks: readonly number[];
  /** Key slots per store and slot symmetry reduction, as run. */
  readonly slots: number;
  readonly symmetry: boolean;
  /** Every model and profile was run under all 64 sets: `threats`, `invariants`, `findings` are computed. */
  readonly complete: boolean;
}

/** The whole report. Sections that need every countermeasure set are null unless `scope.complete`. */
export interface VerifyReport {
  readonly $schema: typeof REPORT_SCHEMA_ID;
  readonly version: typeof REPORT_VERSION;
  readonly tool: ToolInfo;
  readonly scope: ReportScope;
  readonly totals: {
    readonly configurations: number;
    readonly explored: number;
    readonly shared: number;
    readonly states: number;
    readonly transitions: number;
    readonly ms: number;
  };
  readonly allCountermeasures: {
    readonly invariants: readonly AllCmVerdict[];
    readonly threatsReached: readonly { threat: string; profile: ProfileId; trace: Trace }[];
  };
  readonly threats: readonly ThreatRow[] | null;
  readonly invariants: readonly InvariantRow[] | null;
  readonly findings: readonly ReportFinding[] | null;
  /** With `--sensitivity`: what each alternative of each switchable assumption changes; null otherwise. */
  readonly sensitivity: readonly SensitivityEntry[] | null;
  /** With `--without`: the attacks in the reduced configurations; null otherwise. */
  readonly opened: readonly OpenedAttack[] | null;
  /** The availability goals of T2 and T5, when the run checked them; null otherwise. */
  readonly availability: AvailabilitySection | null;
  readonly profiles: typeof PROFILES;
  readonly assumptions: typeof ASSUMPTIONS;
  readonly interpretations: typeof INTERPRETATIONS;
  readonly configurations: readonly ConfigSummary[];
}

/** An availability goal's verdict in one configuration, with its evidence. */
export interface AvailabilityCase {
  readonly goal: AvailabilityId;
  readonly model: ModelId;
  readonly profile: ProfileId;
  /** Countermeasures in force, comma-separated (`-`: none). */
  readonly cms: string;
  readonly reached: boolean;
  /** `permanent` goals: the shortest trace to a state from which the legitimate side is stuck. */
  readonly trace: Trace | null;
  /** `lockout` goals: a run to a cycle on which the manager keeps trying and never succeeds. */
  readonly lasso: Lasso | null;
}

/** A deliberately broken nonce mechanism and whether the availability goals catch it (`checkAvailabilityVariants`). */
export type AvailabilityVariantCase = AvailabilityVariantResult;

/** The availability goals of T2 and T5 (liveness on the explored graphs). */
export interface AvailabilitySection {
  /** Per goal: where the attacker achieves it across the 64 sets; null unless `scope.complete`. */
  readonly rows: readonly AvailabilityRow[] | null;
  /** Every goal under every profile with all countermeasures in force. */
  readonly allCountermeasures: readonly AvailabilityCase[];
  /** Per goal and profile reached somewhere: the configuration with the most countermeasures that still reaches it, with its trace or lasso. */
  readonly witnesses: readonly AvailabilityCase[];
  /** The broken nonce mechanisms (`AVAILABILITY_VARIANTS`), each with the lasso that catches it; empty when not run. */
  readonly variants: readonly AvailabilityVariantCase[];
}

/** Which switchable assumptions (ASM-…, INT-…) a finding depends on. */
export interface FindingDependence {
  /**
   * True when computed by exploring every alternative (`--sensitivity`): the finding changes under
   * exactly these switches. False: the switches whose settings the explorations behind the finding
   * read, a sound over-approximation (a switch never read cannot change it).
   */
  readonly exact: boolean;
  readonly switches: readonly string[];
}

/** A finding as reported: with the assumptions it depends on. */
export type ReportFinding = Finding & { readonly dependsOn: FindingDependence };

/** How the results were produced, beyond what they show themselves. */
export interface ReportOptions {
  /** The sensitivity entries, when every alternative was explored (`--sensitivity`). */
  readonly sensitivity?: readonly SensitivityEntry[];
  /** Countermeasures removed with `--without` (default: null, no removal). */
  readonly without?: readonly CountermeasureId[] | null;
  /** Long-term key slots per store (default 2) and slot symmetry reduction (default false). */
  readonly slots?: number;
  readonly symmetry?: boolean;
  /** The broken nonce mechanisms, as checked (`checkAvailabilityVariants`). */
  readonly availabilityVariants?: readonly AvailabilityVariantCase[];
}

const setName = (mask: number) => cmList(maskToFlags(mask)).join(',') || '-';
const present = (r: Readonly<Record<string, Trace | null>>) => Object.keys(r).filter((k) => r[k]);

/** One line per configuration. */
export function summarise(results: readonly ConfigResult[]): ConfigSummary[] {
  return results.map((r) => ({
    model: r.model,
    profile: r.profile,
    cms: setName(r.mask),
    states: r.states,
    transitions: r.transitions,
    violated: present(r.violations),
    reached: present(r.reached),
    sharedWith: r.sharedWith === null ? null : setName(r.sharedWith),
  }));
}

/** The scope of `results`; complete when every model and profile present has all 64 sets. */
export function scopeOf(results: readonly ConfigResult[], opts: ReportOptions = {}): ReportScope {
  const models = MODEL_IDS.filter((m) => results.some((r) => r.model === m));
  const profiles = PROFILE_IDS.filter((p) => results.some((r) => r.profile === p));
  const masks = [...new Set(results.map((r) => r.mask))].sort((a, b) => a - b);
  const idx = new Set(results.map((r) => `${r.model}/${r.profile}/${r.mask}`));
  const complete =
    models.length > 0 && models.every((m) => profiles.every((p) => Array.from({ length: ALL_MASK + 1 }, (_, k) => k).every((k) => idx.has(`${m}/${p}/${k}`))));
  return { without: opts.without ?? null, models, profiles, masks, slots: opts.slots ?? SLOT_COUNT, symmetry: opts.symmetry ?? false, complete };
}

/** The attacks open in the configurations with `without` removed. */
function openedBy(results: readonly ConfigResult[], without: readonly CountermeasureId[]): OpenedAttack[] {
  const mask = ALL_MASK & ~listToMask(without);
  return results
    .filter((r) => r.mask === mask)
    .flatMap((r) => {
      const at = (kind: OpenedAttack['kind'], m: Readonly<Record<string, Trace | null>>) =>
        Object.entries(m).flatMap(([property, trace]) =>
          trace ? [{ model: r.model, profile: r.profile, countermeasures: cmList(maskToFlags(mask)), kind, property, trace }] : [],
        );
      return [...at('threat', r.reached), ...at('invariant', r.violations)];
    });
}

/** Adds to each finding the switches it depends on: exact from sensitivity entries, else those read. */
function withDependence(findings: readonly Finding[], results: readonly ConfigResult[], entries?: readonly SensitivityEntry[]): ReportFinding[] {
  const exact = entries ? dependencies(entries) : null;
  return findings.map((f) => {
    if (exact) return { ...f, dependsOn: { exact: true, switches: [...(exact.get(findingKey(f)) ?? [])].sort() } };
    const model = GOALS.find((g) => g.id === f.threat)!.scope;
    const read = new Set(results.filter((r) => r.model === model && f.profiles.includes(r.profile)).flatMap((r) => r.settingsRead ?? []));
    return { ...f, dependsOn: { exact: false, switches: SWITCHES.filter((w) => read.has(w.setting)).map((w) => w.id) } };
  });
}

/** The case of `goal` in configuration `r`, resolving a shared result to the one it shares. */
function availabilityCase(goal: AvailabilityId, r: ConfigResult, byKey: ReadonlyMap<string, ConfigResult>): AvailabilityCase {
  const src = r.sharedWith === null ? r : (byKey.get(`${r.model}/${r.profile}/${r.sharedWith}`) ?? r);
  const v: AvailabilityVerdict | undefined = src.availability?.[goal];
  return {
    goal,
    model: r.model,
    profile: r.profile,
    cms: setName(r.mask),
    reached: v?.reached ?? false,
    trace: v?.trace ?? null,
    lasso: v?.lasso ?? null,
  };
}

/** The availability section, or null when the results carry no availability verdicts. */
function availabilitySection(
  results: readonly ConfigResult[],
  idx: ResultIndex | null,
  variants: readonly AvailabilityVariantCase[],
): AvailabilitySection | null {
  if (!results.some((r) => r.availability !== undefined)) return null;
  const byKey = new Map(results.map((r) => [`${r.model}/${r.profile}/${r.mask}`, r]));
  const goalsOf = (r: ConfigResult) => AVAILABILITY_GOALS.filter((g) => g.scope === r.model).map((g) => g.id);
  const allCm = results.filter((r) => r.mask === ALL_MASK).flatMap((r) => goalsOf(r).map((g) => availabilityCase(g, r, byKey)));
  const witnesses: AvailabilityCase[] = [];
  for (const g of AVAILABILITY_GOALS) {
    for (const p of PROFILE_IDS) {
      const bad = results
        .filter((r) => r.model === g.scope && r.profile === p)
        .map((r) => availabilityCase(g.id, r, byKey))
        .filter((c) => c.reached);
      if (bad.length === 0) continue;
      const most = (c: AvailabilityCase) => (c.cms === '-' ? 0 : c.cms.split(',').length);
      witnesses.push(bad.reduce((a, b) => (most(b) > most(a) ? b : a)));
    }
  }
  return { rows: idx ? availabilityRows(idx) : null, allCountermeasures: allCm, witnesses, variants };
}

/** Builds the report from exploration results; `opts` says how they were produced. */
export function buildReport(results: readonly ConfigResult[], ms: number, opts: ReportOptions = {}): VerifyReport {
  const scope = scopeOf(results, opts);
  const idx = scope.complete ? new ResultIndex(results) : null;
  const threats = idx ? threatRows(idx) : null;
  const explored = results.filter((r) => r.sharedWith === null);
  const all = results.filter((r) => r.mask === ALL_MASK);
  return {
    $schema: REPORT_SCHEMA_ID,
    version: REPORT_VERSION,
    tool: toolInfo(),
    scope,
    totals: {
      configurations: results.length,
      explored: explored.length,
      shared: results.length - explored.length,
      states: explored.reduce((a, r) => a + r.states, 0),
      transitions: explored.reduce((a, r) => a + r.transitions, 0),
      ms,
    },
    allCountermeasures: {
      invariants: all.flatMap((r) =>
        INVARIANTS.filter((i) => i.scopes.includes(r.model)).map((i) => ({
          invariant: i.id,
          model: r.model,
          profile: r.profile,
          holds: !r.violations[i.id],
          trace: r.violations[i.id] ?? null,
        })),
      ),
      threatsReached: all.flatMap((r) => Object.entries(r.reached).flatMap(([t, trace]) => (trace ? [{ threat: t, profile: r.profile, trace }] : []))),
    },
    threats,
    invariants: idx ? invariantRows(idx) : null,
    findings: idx && threats ? withDependence(deriveFindings(threats, idx), results, opts.sensitivity) : null,
    sensitivity: opts.sensitivity ?? null,
    opened: scope.without ? openedBy(results, scope.without) : null,
    availability: availabilitySection(results, idx, opts.availabilityVariants ?? []),
    profiles: PROFILES,
    assumptions: ASSUMPTIONS,
    interpretations: INTERPRETATIONS,
    configurations: summarise(results),
  };
}
