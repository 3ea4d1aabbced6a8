/**
 * The behaviour reference, generated from the verified machines: for every model and kind of
 * event, a decision list read off every state the model reaches under the implementation's
 * configuration. The checks come in the order the model makes them (`checks.ts`); each row is
 * the outcome (with its error code) when the checks before it have the values shown, together
 * with what changes in the observable state, whether the step teaches the attacker a legitimate
 * key, how many explored states the row covers, and the requirements and clauses behind it.
 * Nothing here is typed by hand: a row exists because the model behaves so in those states.
 * @clause CM1 @clause CM2 @clause CM3 @clause CM4 @clause CM5 @clause CM6
 * @module
 */
import type { DeviceEvent } from '../../model/events.ts';
import { outstandingFor, type StoreContext } from '../../model/store.ts';
import type { RequirementId } from '../../spec/ids.ts';
import { checksOf, type Check } from './checks.ts';
import { abstractState, expectedRefusal } from './expect.ts';
import { exploreModel, type ModelGraph, type Target } from './explore.ts';
import { requirementsOf } from './links.ts';
import type { AbstractState } from './types.ts';

/** One row of a decision list. */
export interface BehaviourRow {
  /** The checks on the way to this row, in the model's order, with the value each has. */
  readonly when: readonly { readonly check: string; readonly holds: boolean }[];
  /** `accepted` or `refused CODE`; more than one only if the checks do not decide (a test requires one). */
  readonly outcomes: readonly string[];
  /** Observable fields the step changes in some of these states (`keys`, `challenge`, `sf`, `hsm`, `counterfeit`). */
  readonly changes: readonly string[];
  /** Whether the step teaches the attacker a legitimate key here. */
  readonly discovered: 'never' | 'always' | 'sometimes';
  /** Explored (state, event) pairs the row covers. */
  readonly cases: number;
}

/** The decision list of one kind of event on one model. */
export interface EventBehaviour {
  readonly kind: string;
  readonly requirements: readonly RequirementId[];
  readonly clauses: readonly string[];
  readonly checks: readonly string[];
  readonly rows: readonly BehaviourRow[];
}

/** The reference of one model. */
export interface ModelBehaviour {
  readonly model: 'device' | 'server';
  /** The attacker alphabets explored. */
  readonly profiles: readonly Target['profile'][];
  readonly states: number;
  readonly initial: AbstractState;
  readonly events: readonly EventBehaviour[];
  /** Accepted management commands per kind while a Sensitive Function runs. */
  readonly acceptedWhileSfRuns: Readonly<Record<string, number>>;
  /** Accepted commands after which their signer's nonce was still outstanding (0: every accepted command uses up its nonce). */
  readonly nonceLeftAfterAccept: number;
  /** Accepted commands checked for the above. */
  readonly acceptedCommands: number;
  /** Refused commands after which their signer's outstanding nonce was gone (0: a refusal never uses up a nonce). */
  readonly nonceUsedByRefusal: number;
  /**
   * The manager's own nonce (the one its last challenge returned, kept to sign its next command
   * over): the outcomes of its commands after which it no longer holds it, and those after which it
   * still does (it signs its next command over the same nonce).
   */
  readonly managerNonce: { readonly dropped: readonly string[]; readonly kept: readonly string[] };
}

/** The kind of an event: its type, and for commands the sender and operation (slots and capture indices merged). */
export function kindOf(e: DeviceEvent): string {
  switch (e.type) {
    case 'CHALLENGE':
      return e.spoofed ? 'CHALLENGE spoofed' : `CHALLENGE ${e.requester ?? 'manager'}`;
    case 'COMMAND':
      return `COMMAND ${e.sender} ${e.op}`;
    case 'MEMORY_WRITE':
      return `MEMORY_WRITE ${e.write}`;
    default:
      return e.type;
  }
}

interface Sample {
  readonly vec: readonly boolean[];
  readonly outcome: string;
  readonly changes: readonly string[];
  readonly discovered: boolean;
}

const FIELDS = ['keys', 'challenge', 'sf', 'hsm', 'counterfeit'] as const;

/** The decision tree over `samples`, false branch first, as its leaves. */
function leaves(samples: readonly Sample[], checks: readonly Check[], k: number, when: BehaviourRow['when']): BehaviourRow[] {
  const outcomes = [...new Set(samples.map((s) => s.outcome))].sort();
  if (outcomes.length > 1 && k < checks.length) {
    const no = samples.filter((s) => !s.vec[k]);
    const yes = samples.filter((s) => s.vec[k]);
    if (no.length === 0 || yes.length === 0) return leaves(samples, checks, k + 1, when);
    const id = checks[k]!.id;
    return [...leaves(no, checks, k + 1, [...when, { check: id, holds: false }]), ...leaves(yes, checks, k + 1, [...when, { check: id, holds: true }])];
  }
  const d = samples.filter((s) => s.discovered).length;
  return [
    {
      when,
      outcomes,
      changes: FIELDS.filter((f) => samples.some((s) => s.changes.includes(f))),
      discovered: d === 0 ? 'never' : d === samples.length ? 'always' : 'sometimes',
      cases: samples.length,
    },
  ];
}

/** The behaviour reference of `model`, from the graphs of its targets (explored here when not given). */
export function modelBehaviour(model: 'device' | 'server', graphs?: readonly ModelGraph[]): ModelBehaviour {
  const gs = graphs ?? (['physical', 'insider'] as const).map((profile) => exploreModel({ model, profile } satisfies Target));
  const machine = gs[0]!.machine;
  const byKind = new Map<string, { checks: Check[]; samples: Sample[]; reqs: Set<RequirementId> }>();
  const acceptedWhileSfRuns: Record<string, number> = {};
  let nonceLeft = 0;
  let usedByRefusal = 0;
  const dropped = new Set<string>();
  const kept = new Set<string>();
  let accepted = 0;
  for (const g of gs)
    g.moves.forEach((moves, i) => {
      const s = g.states[i]!;
      const before = abstractState(model, s);
      for (const m of moves) {
        const kind = kindOf(m.event);
        let k = byKind.get(kind);
        if (!k) {
          k = { checks: checksOf(machine, m.event.type), samples: [], reqs: new Set() };
          byKind.set(kind, k);
        }
        for (const r of requirementsOf(model, m.event)) k.reqs.add(r);
        const to = m.to === null ? s : g.states[m.to]!;
        const after = abstractState(model, to);
        const outcome = m.accepted ? 'accepted' : `refused ${expectedRefusal(s, m.event)}`;
        const changes = m.to === null ? [] : FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
        k.samples.push({ vec: k.checks.map((c) => c.test(s, m.event)), outcome, changes, discovered: m.to !== null && after.discovered });
        if (m.event.type === 'COMMAND' && m.event.sender === 'manager' && (s.context as StoreContext).held !== null)
          ((to.context as StoreContext).held === null ? dropped : kept).add(outcome);
        if (m.event.type === 'COMMAND' && !m.accepted) {
          const signer = m.event.sender;
          if (outstandingFor(s.context as StoreContext, signer) !== null && outstandingFor(to.context as StoreContext, signer) === null) usedByRefusal++;
        }
        if (m.event.type === 'COMMAND' && m.accepted) {
          accepted++;
          if (before.sf === 'running') acceptedWhileSfRuns[kind] = (acceptedWhileSfRuns[kind] ?? 0) + 1;
          if (outstandingFor(to.context as StoreContext, m.event.sender) !== null) nonceLeft++;
        }
      }
    });
  const events = [...byKind].map(([kind, k]) => {
    const requirements = [...k.reqs].sort();
    return {
      kind,
      requirements,
      clauses: [...new Set(requirements.map((r) => r.split('-')[1]!))].sort(),
      checks: k.checks.map((c) => c.id),
      rows: leaves(k.samples, k.checks, 0, []),
    };
  });
  return {
    model,
    profiles: gs.map((g) => g.target.profile),
    states: gs.reduce((n, g) => n + g.states.length, 0),
    initial: abstractState(model, gs[0]!.states[0]!),
    events,
    acceptedWhileSfRuns,
    nonceLeftAfterAccept: nonceLeft,
    acceptedCommands: accepted,
    nonceUsedByRefusal: usedByRefusal,
    managerNonce: { dropped: [...dropped].sort(), kept: [...kept].sort() },
  };
}
