/**
 * The logic of the interactive page, free of the DOM so that Node can run it too: a run is a
 * configuration (model, countermeasures, attacker profile, settings) and a list of events; the
 * states are computed by the real machines (`model/device.machine.ts`, `model/server.machine.ts`)
 * through XState's own `transition()`, and the invariants and threat goals of
 * `proofs/properties.ts` are evaluated on every state.
 * @module
 */
import { type AnyStateMachine, type EventObject, initialTransition, transition } from 'xstate';
import { alphabet } from '../../../model/attacker.ts';
import { cmFlags, type ModelInput, type ProfileId } from '../../../model/config.ts';
import { deviceMachine } from '../../../model/device.machine.ts';
import { MECHANISMS } from '../../../model/mechanisms.ts';
import { serverMachine } from '../../../model/server.machine.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../model/settings.ts';
import type { StoreContext } from '../../../model/store.ts';
import { GOALS, INVARIANTS } from '../../../proofs/properties.ts';
import type { Snap } from '../../../proofs/types.ts';
import type { CountermeasureId } from '../../../spec/ids.ts';
import { PRESUPPOSITIONS } from '../../../spec/presuppositions.ts';

/** The two models the page runs. */
export type PlayModel = 'device' | 'server';

/** What the user chose: the model and its input. */
export interface PlayConfig {
  readonly model: PlayModel;
  readonly cms: readonly CountermeasureId[];
  readonly profile: ProfileId;
  /** Changes to the default settings (e.g. `{ cm5Means: 'logical' }`). */
  readonly settings?: Partial<Settings>;
}

/** What became of one event of a run. */
export type StepOutcome =
  /** A transition of the machine was taken. */
  | 'taken'
  /** The event is in the attacker's and actors' alphabet, but no transition is enabled for it in this state. */
  | 'refused'
  /** The event is not in the alphabet of this configuration (e.g. a physical step for a remote attacker). */
  | 'unavailable';

/** One property's status in a state. */
export interface PropertyStatus {
  readonly id: string;
  readonly title: string;
  /** For an invariant: it holds. For a goal: it is reached. */
  readonly holds: boolean;
}

/** A run: the states after each of its events (index 0 = the initial state). */
export interface Run {
  readonly config: PlayConfig;
  readonly states: readonly Snap[];
  readonly outcomes: readonly StepOutcome[];
}

/** The machine of a model. */
export function machineOf(model: PlayModel): AnyStateMachine {
  return model === 'device' ? deviceMachine : serverMachine;
}

/** The machine input of a configuration. */
export function inputOf(config: PlayConfig): ModelInput {
  return { cms: cmFlags(config.cms), profile: config.profile, settings: { ...DEFAULT_SETTINGS, ...config.settings } };
}

/** A stable text for an event (payload fields in a fixed order), used to compare and to label. */
export function eventLabel(e: EventObject): string {
  const rest = Object.entries(e as unknown as Record<string, unknown>)
    .filter(([k]) => k !== 'type')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => (v === true ? k : `${k}=${String(v)}`));
  return [e.type, ...rest].join(' ');
}

/** Every event of the configuration's alphabet (legitimate actors' and the attacker's). */
export function eventsOf(config: PlayConfig): readonly EventObject[] {
  const input = inputOf(config);
  return alphabet(config.profile, config.model === 'device', input.settings ?? DEFAULT_SETTINGS);
}

/** True when some transition of the machine is enabled for `e` in `s`. */
export function isEnabled(machine: AnyStateMachine, s: Snap, e: EventObject): boolean {
  return machine.getTransitionData(s as never, e).length > 0;
}

/** The initial state of a configuration. */
export function initialState(config: PlayConfig): Snap {
  const [s] = initialTransition(machineOf(config.model), inputOf(config) as never);
  return s as Snap;
}

/** Runs `events` from the initial state of `config`; an event that is refused or unavailable leaves the state as it was. */
export function runEvents(config: PlayConfig, events: readonly EventObject[]): Run {
  const machine = machineOf(config.model);
  const known = new Set(eventsOf(config).map(eventLabel));
  const states: Snap[] = [initialState(config)];
  const outcomes: StepOutcome[] = [];
  for (const e of events) {
    const s = states.at(-1)!;
    if (!known.has(eventLabel(e))) {
      outcomes.push('unavailable');
      states.push(s);
    } else if (!isEnabled(machine, s, e)) {
      outcomes.push('refused');
      states.push(s);
    } else {
      const [n] = transition(machine, s as never, e as never);
      outcomes.push('taken');
      states.push(n as Snap);
    }
  }
  return { config, states, outcomes };
}

/** The invariants of the model, each with its status in `s`. */
export function invariantStatus(model: PlayModel, s: Snap): PropertyStatus[] {
  return INVARIANTS.filter((i) => i.scopes.includes(model)).map((i) => ({ id: i.id, title: i.title, holds: i.holds(s) }));
}

/** The threat goals of the model, each with whether `s` reaches it. */
export function goalStatus(model: PlayModel, s: Snap): PropertyStatus[] {
  return GOALS.filter((g) => g.scope === model).map((g) => ({ id: g.id, title: g.title, holds: g.holds(s) }));
}

/** The mechanisms the configuration builds (`model/mechanisms.ts`), by name, as the state's context holds them. */
export function mechanismsOf(s: Snap): Record<string, unknown> {
  const mech = (s.context as StoreContext).mech;
  return Object.fromEntries(Object.keys(MECHANISMS).map((k) => [k, mech[k as keyof typeof MECHANISMS]]));
}

/**
 * The countermeasures chosen that have no effect on the model (`spec/presuppositions.ts`): one
 * that does not apply to its scope, or whose presupposed countermeasures are not all chosen.
 */
export function inertOf(config: PlayConfig): { readonly cm: CountermeasureId; readonly reason: string }[] {
  return config.cms.flatMap((cm) => {
    const row = PRESUPPOSITIONS.find((p) => p.scope === config.model && p.cm === cm);
    if (!row) return [{ cm, reason: `${cm} does not apply to the ${config.model}` }];
    const missing = (row.requires as readonly CountermeasureId[]).filter((r) => !config.cms.includes(r));
    return missing.length ? [{ cm, reason: `needs ${missing.join(', ')}: ${row.reason}` }] : [];
  });
}
