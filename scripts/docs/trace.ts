/**
 * Traces as the site shows them: each step's event, the state before and after, the fields of
 * the state that changed, and the invariants (`proofs/properties.ts`) that hold before the step
 * and not after it. The explorer's traces record the state as `{ value, …context }`
 * (`describeStore` in `proofs/subjects.ts`); an invariant reads the same fields of a snapshot.
 * @module
 */
import { INVARIANTS } from '../../proofs/properties.ts';
import type { Trace } from '../../proofs/types.ts';

/** A trace in a few strings per step, for embedding: event, state value, changed fields, invariants broken. */
export interface CompactTrace {
  readonly initial: string;
  readonly steps: readonly { readonly event: string; readonly value: string; readonly changed: readonly string[]; readonly broke: readonly string[] }[];
}

/** The event as text: its type and its other fields. */
export function eventText(e: { type: string } & Record<string, unknown>): string {
  const rest = Object.entries(e).filter(([k]) => k !== 'type');
  return rest.length ? `${e.type}(${rest.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')})` : e.type;
}

/** The state value (which state of each region) as text. */
export function valueText(state: unknown): string {
  const v = (state as { value?: unknown }).value;
  if (v === undefined) return '(context only)';
  if (typeof v === 'string') return v;
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${k}: ${typeof x === 'string' ? x : JSON.stringify(x)}`)
    .join('; ');
}

/** The top-level and `ghost` fields whose value differs between two recorded states, as `field: before → after`. */
export function changedFields(before: unknown, after: unknown): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const out: string[] = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (k === 'value') continue;
    if (k === 'ghost' && typeof a[k] === 'object' && typeof b[k] === 'object') {
      for (const g of changedFields(a[k], b[k])) out.push(`ghost.${g}`);
    } else if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) out.push(`${k}: ${JSON.stringify(a[k])} → ${JSON.stringify(b[k])}`);
  }
  return out;
}

/** The invariants that fail in a recorded state (only those whose fields the state has). */
export function failing(state: unknown): string[] {
  const s = state as Record<string, unknown>;
  if (!s || typeof s.ghost !== 'object') return [];
  const snap = { value: s.value, context: s } as never;
  return INVARIANTS.filter((i) => {
    try {
      return !i.holds(snap);
    } catch {
      return false;
    }
  }).map((i) => i.id);
}

/** The invariants that hold in `before` and fail in `after`. */
export function broken(before: unknown, after: unknown): string[] {
  const was = new Set(failing(before));
  return failing(after).filter((i) => !was.has(i));
}

/** The compact form of a trace. */
export function compactTrace(t: Trace): CompactTrace {
  let prev = t.initial;
  return {
    initial: valueText(t.initial),
    steps: t.steps.map((s) => {
      const step = {
        event: eventText(s.event as { type: string } & Record<string, unknown>),
        value: valueText(s.state),
        changed: changedFields(prev, s.state),
        broke: broken(prev, s.state),
      };
      prev = s.state;
      return step;
    }),
  };
}
