/**
 * Model inputs: which countermeasures are in force and which attacker is present.
 * Each of CM1–CM6 is a switch, so every machine runs under any of the 64 countermeasure sets.
 * @module
 */
import { COUNTERMEASURE_IDS, type CountermeasureId } from '../spec/ids.ts';
import type { Settings } from './settings.ts';

/** The countermeasures in force, one flag each. */
export type CmFlags = Readonly<Record<CountermeasureId, boolean>>;

/** The two explored models: the device (or gateway) with its HSM, and the infrastructure equipment with its Server-HSM. */
export const MODEL_IDS = ['device', 'server'] as const;
/** An explored model. */
export type ModelId = (typeof MODEL_IDS)[number];

/** Attacker capability profiles (see `model/attacker.ts`). */
export const PROFILE_IDS = ['remote', 'physical', 'insider'] as const;
/** An attacker capability profile. */
export type ProfileId = (typeof PROFILE_IDS)[number];

/** Input of every explored machine. */
export interface ModelInput {
  /** The countermeasures in force: read only by the mechanism code (`model/mechanisms.ts`). */
  readonly cms: CmFlags;
  readonly profile: ProfileId;
  /** Switchable assumptions and interpretations (default: `DEFAULT_SETTINGS`). */
  readonly settings?: Settings;
  /** Long-term key slots per store (default 2). */
  readonly slots?: number;
  /** Modifying commands the attacker can keep a copy of at once (default 1). */
  readonly captures?: number;
}

/** Flags for a set of countermeasures. */
export function cmFlags(set: Iterable<CountermeasureId>): CmFlags {
  const on = new Set(set);
  return Object.fromEntries(COUNTERMEASURE_IDS.map((id) => [id, on.has(id)])) as CmFlags;
}

/** The countermeasures a flag set has on, in ID order. */
export function cmList(flags: CmFlags): CountermeasureId[] {
  return COUNTERMEASURE_IDS.filter((id) => flags[id]);
}

/** All 64 countermeasure sets, as bitmasks (bit i = CM(i+1)), in ascending order. */
export function allCmMasks(): number[] {
  return Array.from({ length: 1 << COUNTERMEASURE_IDS.length }, (_, m) => m);
}

/** Flags of a bitmask (bit i = CM(i+1)). */
export function maskToFlags(mask: number): CmFlags {
  return cmFlags(COUNTERMEASURE_IDS.filter((_, i) => (mask >> i) & 1));
}

/** Bitmask of a countermeasure list. */
export function listToMask(list: Iterable<CountermeasureId>): number {
  let m = 0;
  for (const id of list) m |= 1 << COUNTERMEASURE_IDS.indexOf(id);
  return m;
}

/** Parses "CM5,CM6" (case-insensitive; empty string = none); throws a `ConfigError` on unknown IDs. */
export function parseCmList(text: string): CountermeasureId[] {
  const parts = text
    .split(',')
    .map((p) => p.trim().toUpperCase())
    .filter((p) => p.length > 0);
  for (const p of parts) {
    if (!(COUNTERMEASURE_IDS as readonly string[]).includes(p)) {
      throw new ConfigError(`unknown countermeasure '${p}' (known: ${COUNTERMEASURE_IDS.join(', ')})`);
    }
  }
  return [...new Set(parts as CountermeasureId[])];
}

/** Bad configuration given by a user (unknown countermeasure or profile). */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
