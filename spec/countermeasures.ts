/**
 * The six countermeasures of clause 6.5 ("Countermeasures & Solutions"), CM1-CM6, each with
 * every field of its table quoted verbatim from the second seed. The text numbers CM1-CM5
 * "6.5.1" and CM6 "6.5.2"; the clause numbers are kept as written and the IDs are stable.
 * @module
 */
import type { CountermeasureId } from './ids.ts';
import type { Countermeasure } from './types.ts';
import { CM1, CM2, CM3 } from './countermeasures/storage.ts';
import { CM4, CM5, CM6 } from './countermeasures/execution-and-access.ts';

export { CM1, CM2, CM3, CM4, CM5, CM6 };
export { parseRelatedThreats } from './countermeasures/related-threats.ts';

/** The countermeasures CM1-CM6, in clause order. */
export const COUNTERMEASURES = [CM1, CM2, CM3, CM4, CM5, CM6] as const satisfies readonly Countermeasure[];

/** The countermeasure with the given ID. */
export function countermeasure(id: CountermeasureId): Countermeasure {
  const found = COUNTERMEASURES.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no countermeasure ${id}`);
  return found;
}
