/**
 * Read-set reuse: an exploration whose model never read a countermeasure flag (or a switchable
 * assumption's setting) would have run identically with that flag flipped (or that setting
 * changed). The machines are deterministic functions of their input, so if two configurations
 * agree on every flag and setting the first exploration actually read, the second exploration
 * makes the same choice at every step (by induction over the steps) and yields the same states,
 * transitions and verdicts. Flags and settings are read through recording proxies, so nothing is
 * declared by hand.
 * @module
 */
import { COUNTERMEASURE_IDS, type CountermeasureId } from '../spec/ids.ts';
import type { CmFlags } from '../model/config.ts';
import type { Settings } from '../model/settings.ts';

/** Flags that record which countermeasures were read. */
export interface TrackedFlags {
  readonly flags: CmFlags;
  readonly reads: Set<CountermeasureId>;
}

/** Wraps `cms` so every read of a countermeasure flag is recorded. */
export function trackReads(cms: CmFlags): TrackedFlags {
  const reads = new Set<CountermeasureId>();
  const flags = new Proxy(cms, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && (COUNTERMEASURE_IDS as readonly string[]).includes(prop)) reads.add(prop as CountermeasureId);
      return Reflect.get(target, prop, receiver);
    },
  });
  return { flags, reads };
}

/** Settings that record which switches were read. */
export interface TrackedSettings {
  readonly settings: Settings;
  readonly reads: Set<keyof Settings>;
}

/** Wraps `settings` so every read of a setting is recorded. */
export function trackSettings(settings: Settings): TrackedSettings {
  const reads = new Set<keyof Settings>();
  const tracked = new Proxy(settings, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && prop in target) reads.add(prop as keyof Settings);
      return Reflect.get(target, prop, receiver);
    },
  });
  return { settings: tracked, reads };
}

/** A remembered result with the flags and settings its exploration read, and their values. */
export interface ReadSetEntry<T> {
  readonly read: ReadonlyMap<string, unknown>;
  readonly value: T;
}

/** The values a configuration gives to flags (by ID) and settings (by `setting:` name). */
export function configValues(cms: CmFlags, settings: Settings): Record<string, unknown> {
  const out: Record<string, unknown> = { ...cms };
  for (const [k, v] of Object.entries(settings)) out[`setting:${k}`] = v;
  return out;
}

/** Results remembered by the flags and settings they read. */
export class ReadSetCache<T> {
  private readonly entries: ReadSetEntry<T>[] = [];

  /** A remembered entry whose read values are all the same in `values`, if any. */
  find(values: Readonly<Record<string, unknown>>): ReadSetEntry<T> | undefined {
    return this.entries.find((e) => [...e.read].every(([k, v]) => values[k] === v));
  }

  /** Remembers `value`, computed under `values` with the keys `reads` read. */
  add(values: Readonly<Record<string, unknown>>, reads: Iterable<string>, value: T): void {
    this.entries.push({ read: new Map([...reads].map((k) => [k, values[k]])), value });
  }
}
