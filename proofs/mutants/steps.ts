/**
 * Steps of an explored graph: a property of one transition (the state before it, its event, the
 * state after it), for what no property of a single state can say. A step may leave the state as
 * it was (with all countermeasures, using a legitimate key in its own device changes nothing: the
 * step is a self-loop, and only the graph shows it was taken rather than refused), and a state
 * does not say which step made its facts true (a foreign use by starting a function in another
 * device, or by using one carried there). The graph is the explorer's (`exploreFast` with
 * `graph`), self-loops included; states are decoded once each, when a step first needs them.
 * @module
 */
import type { DeviceEvent } from '../../model/events.ts';
import type { StoreContext } from '../../model/store.ts';
import type { FastExplorationResult } from '../fast/explorer.ts';
import type { FastSubject } from '../fast/types.ts';
import type { Property } from '../types.ts';

/** A state of the graph: its ID (discovery order), state value and context, and the events offered in it (the graph's event indices point into them). */
export interface StepState {
  readonly id: number;
  readonly value: unknown;
  readonly context: StoreContext;
  readonly events: readonly DeviceEvent[];
}

/** One step: the state before, the event, the state after. */
export interface Step {
  readonly from: StepState;
  readonly event: DeviceEvent;
  readonly to: StepState;
}

/** A named predicate over steps of the events it is about (`on`); other steps are not examined. */
export interface StepProperty {
  readonly id: string;
  readonly title: string;
  readonly on: readonly DeviceEvent['type'][];
  readonly holds: (step: Step) => boolean;
}

/** Where the device's HSM is after or before a step (`inOwnDevice` on the server, which has no HSM region). */
export function hsmOf(s: { readonly value: unknown }): string {
  return (s.value as { hsm?: string }).hsm ?? 'inOwnDevice';
}

/** The steps of one graph exploration. */
export class StepGraph {
  private readonly states: (StepState | undefined)[];

  constructor(
    readonly subject: FastSubject,
    readonly result: FastExplorationResult,
  ) {
    if (!result.graph || !result.snapshotOf) throw new Error('StepGraph: the exploration kept no graph');
    this.states = new Array(result.states);
  }

  /** The state with ID `id`. */
  state(id: number): StepState {
    const known = this.states[id];
    if (known) return known;
    const s = this.decode(id);
    this.states[id] = s;
    return s;
  }

  private decode(id: number): StepState {
    const snap = this.result.snapshotOf!(id);
    return { id, value: snap.value, context: snap.context as StoreContext, events: this.subject.events(snap as never) as readonly DeviceEvent[] };
  }

  /** True when `p` (a property of states, which reads their value and context) holds in some reachable state. */
  someState(p: Property): boolean {
    for (let id = 0; id < this.result.states; id++) if (p.holds(this.state(id) as never)) return true;
    return false;
  }

  /** Every step whose event is one of `on`, source states in discovery order. */
  *steps(on: readonly DeviceEvent['type'][]): Generator<Step> {
    const { offsets, targets, events } = this.result.graph!;
    const types = new Set(on);
    for (let id = 0; id < this.result.states; id++) {
      for (let e = offsets[id]!; e < offsets[id + 1]!; e++) {
        const event = this.state(id).events[events[e]!]!;
        if (types.has(event.type)) yield { from: this.state(id), event, to: this.state(targets[e]!) };
      }
    }
  }

  /** The first step of `p`'s events on which `p` fails (null: it holds on every step). */
  violation(p: StepProperty): Step | null {
    for (const s of this.steps(p.on)) if (!p.holds(s)) return s;
    return null;
  }

  /** The first step of `p`'s events on which `p` holds (null: none). */
  witness(p: StepProperty): Step | null {
    for (const s of this.steps(p.on)) if (p.holds(s)) return s;
    return null;
  }

  /**
   * The steps of a path that starts in a state `start` accepts, takes only steps `through`
   * accepts, and ends with a step `found` accepts (null: there is none). Breadth-first over the
   * graph, so the path is a shortest one from the start states.
   */
  pathTo(start: (s: StepState) => boolean, through: (step: Step) => boolean, found: (step: Step) => boolean): Step[] | null {
    const { offsets, targets, events } = this.result.graph!;
    const n = this.result.states;
    const via: (Step | null | undefined)[] = new Array(n);
    const queue: number[] = [];
    for (let id = 0; id < n; id++) {
      if (start(this.state(id))) {
        via[id] = null;
        queue.push(id);
      }
    }
    const back = (last: Step) => {
      const path = [last];
      for (let s = via[last.from.id]; s; s = via[s.from.id]) path.unshift(s);
      return path;
    };
    for (let head = 0; head < queue.length; head++) {
      const from = this.state(queue[head]!);
      for (let e = offsets[from.id]!; e < offsets[from.id + 1]!; e++) {
        const step = { from, event: from.events[events[e]!]!, to: this.state(targets[e]!) };
        if (found(step)) return back(step);
        if (via[step.to.id] === undefined && through(step)) {
          via[step.to.id] = step;
          queue.push(step.to.id);
        }
      }
    }
    return null;
  }

  /** Steps in words: the shortest trace to the first one's source state, then their events. */
  describe(...steps: readonly Step[]): string {
    return [...this.result.traceTo!(steps[0]!.from.id).steps.map((x) => x.event.type), ...steps.map((x) => x.event.type)].join(' → ');
  }
}
