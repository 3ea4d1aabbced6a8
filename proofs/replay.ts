/**
 * Replays a trace on a machine with XState's own `transition()` (the reference semantics, not
 * the explorer's stepper) and checks that every state matches the recorded one.
 * @module
 */
import { initialTransition, transition } from 'xstate';
import { defaultDescribe } from './bfs.ts';
import type { Subject, Trace } from './types.ts';

/** Outcome of a replay: ok, or the first step whose state differs. */
export type ReplayResult = { readonly ok: true } | { readonly ok: false; readonly step: number; readonly expected: unknown; readonly actual: unknown };

/** Replays `trace` on `subject`'s machine and compares states (as JSON) step by step. */
export function replay(subject: Subject, trace: Trace): ReplayResult {
  const describe = subject.describe ?? defaultDescribe;
  let [s] = initialTransition(subject.machine, subject.input as never);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(describe(s), trace.initial)) return { ok: false, step: 0, expected: trace.initial, actual: describe(s) };
  for (let i = 0; i < trace.steps.length; i++) {
    const step = trace.steps[i]!;
    [s] = transition(subject.machine, s, step.event as never);
    const actual = describe(s);
    if (!same(actual, step.state)) return { ok: false, step: i + 1, expected: step.state, actual };
  }
  return { ok: true };
}
