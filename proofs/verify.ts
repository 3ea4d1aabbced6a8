/**
 * Runs the explorer over every configuration: each model, attacker profile and countermeasure
 * set. Results whose exploration read only flags on which two configurations agree are shared
 * between them (see `reads.ts`); every other configuration is explored.
 * @module
 */
import type { AnyStateMachine } from 'xstate';
import { PROFILE_IDS, allCmMasks, maskToFlags, type ProfileId } from '../model/config.ts';
import type { CountermeasureId } from '../spec/ids.ts';
import { checkAvailability, type AvailabilityId, type AvailabilityVerdict } from './availability.ts';
import { explore, exploreGraph } from './explore.ts';
import { configValues, ReadSetCache, trackReads, trackSettings } from './reads.ts';
import { DEFAULT_SETTINGS, type Settings } from '../model/settings.ts';
import { MODEL_IDS, subjectFor, type ModelId, type SubjectOptions } from './subjects.ts';
import type { ExplorationResult } from './types.ts';

/** The result of one configuration. */
export interface ConfigResult extends ExplorationResult {
  readonly model: ModelId;
  readonly profile: ProfileId;
  /** Countermeasure set as a bitmask (bit i = CM(i+1)). */
  readonly mask: number;
  /** Flags the exploration read (empty for a shared result: see `sharedWith`). */
  readonly reads: readonly CountermeasureId[];
  /** Mask of the configuration whose exploration this result shares, if not explored itself. */
  readonly sharedWith: number | null;
  /** Settings of switchable assumptions the exploration read (absent for a shared result). */
  readonly settingsRead?: readonly (keyof Settings)[];
  /** Availability goals of the model (T2 or T5), checked on the explored graph; absent when the run skipped them. */
  readonly availability?: Readonly<Partial<Record<AvailabilityId, AvailabilityVerdict>>>;
}

/** What to run. */
export interface VerifyOptions {
  readonly models?: readonly ModelId[];
  readonly profiles?: readonly ProfileId[];
  readonly masks?: readonly number[];
  /** Explore every configuration even when a result could be shared. */
  readonly noReuse?: boolean;
  /** Machines to explore in place of the models' own (in-process runs only; e.g. a broken variant). */
  readonly machines?: Partial<Record<ModelId, AnyStateMachine>>;
  /** Long-term key slots per store (default 2) and slot symmetry reduction (default off). */
  readonly size?: SubjectOptions;
  /** Also check the availability goals of T2 and T5 on each explored graph (default false: safety verdicts only, no graph kept). */
  readonly availability?: boolean;
  /** Called after each configuration. */
  readonly onProgress?: (done: number, total: number, r: ConfigResult) => void;
}

/** Explores every requested configuration, under the settings of `opts.size` (default settings if none). */
export function verifyAll(opts: VerifyOptions = {}): ConfigResult[] {
  return verifyVariants(opts, [opts.size?.settings ?? DEFAULT_SETTINGS])[0]!;
}

/**
 * Explores every requested configuration under each of `variants` (settings of the switchable
 * assumptions), sharing results between variants and countermeasure sets wherever the
 * exploration read no flag and no setting on which they differ. One result list per variant.
 */
export function verifyVariants(opts: VerifyOptions, variants: readonly Settings[]): ConfigResult[][] {
  const models = opts.models ?? MODEL_IDS;
  const profiles = opts.profiles ?? PROFILE_IDS;
  const masks = opts.masks ?? allCmMasks();
  const total = models.length * profiles.length * masks.length * variants.length;
  const out: ConfigResult[][] = variants.map(() => []);
  let done = 0;
  for (const model of models) {
    for (const profile of profiles) {
      const cache = new ReadSetCache<ConfigResult>();
      variants.forEach((settings, v) => {
        for (const mask of masks) {
          const cms = maskToFlags(mask);
          const values = configValues(cms, settings);
          const hit = opts.noReuse ? undefined : cache.find(values);
          let r: ConfigResult;
          if (hit) {
            r = { ...hit.value, mask, reads: [], sharedWith: hit.value.mask, ms: 0 };
          } else {
            const tracked = trackReads(cms);
            const ts = trackSettings(settings);
            const subject = subjectFor(model, tracked.flags, profile, opts.machines?.[model], { ...opts.size, settings: ts.settings });
            let res: ExplorationResult;
            let availability: ConfigResult['availability'];
            if (!opts.availability) res = explore(subject);
            else {
              const g = exploreGraph(subject);
              availability = checkAvailability(model, subject, g);
              res = { states: g.states, transitions: g.transitions, ms: g.ms, violations: g.violations, reached: g.reached };
            }
            r = {
              ...res,
              model,
              profile,
              mask,
              reads: [...tracked.reads].sort(),
              settingsRead: [...ts.reads].sort(),
              sharedWith: null,
              ...(availability ? { availability } : {}),
            };
            cache.add(values, [...tracked.reads, ...[...ts.reads].map((k) => `setting:${k}`)], r);
          }
          out[v]!.push(r);
          done++;
          opts.onProgress?.(done, total, r);
        }
      });
    }
  }
  return out;
}
