/**
 * Read-set reuse: an exploration whose model never read a countermeasure flag would have run
 * identically with that flag flipped. The machines are deterministic functions of their input,
 * so if two configurations agree on every flag the first exploration actually read, the second
 * exploration makes the same choice at every step (by induction over the steps) and yields the
 * same states, transitions and verdicts. Flags are read through a recording proxy, so nothing
 * is declared by hand.
 * @module
 */
import { COUNTERMEASURE_IDS, type CountermeasureId } from '../spec/ids.ts';
import type { CmFlags } from '../model/config.ts';

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

/** A remembered result with the flags its exploration read and their values. */
export interface ReadSetEntry<T> {
  readonly read: ReadonlyMap<CountermeasureId, boolean>;
  readonly value: T;
}

/** Results remembered by the flags they read. */
export class ReadSetCache<T> {
  private readonly entries: ReadSetEntry<T>[] = [];

  /** A remembered entry whose read flags all have the same value in `cms`, if any. */
  find(cms: CmFlags): ReadSetEntry<T> | undefined {
    return this.entries.find((e) => [...e.read].every(([cm, v]) => cms[cm] === v));
  }

  /** Remembers `value`, computed under `cms` with `reads` read. */
  add(cms: CmFlags, reads: Iterable<CountermeasureId>, value: T): void {
    this.entries.push({ read: new Map([...reads].map((cm) => [cm, cms[cm]])), value });
  }
}
