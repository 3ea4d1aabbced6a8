/**
 * A light snapshot view handed to properties, `events`, `key` and `describe`: the state value,
 * context and status of an XState machine snapshot with `matches`, `hasTag`, `tags`, `can`,
 * `getMeta` and `toJSON`, built without running XState. `can` is answered by a real snapshot
 * (`machine.resolveState`), so it is exact; `children` and `historyValue` are always empty.
 * @module
 */
import { matchesState, type AnyStateMachine, type EventObject, type StateValue } from 'xstate';
import type { Config } from './configs.ts';

const EMPTY = Object.freeze({});

/** A snapshot-like view of one state. */
export class FastSnapshot {
  constructor(
    readonly machine: AnyStateMachine,
    private readonly config: Config,
    readonly context: any,
  ) {}

  get value(): StateValue {
    return this.config.value;
  }
  get status(): 'active' {
    return 'active';
  }
  get output(): undefined {
    return undefined;
  }
  get error(): undefined {
    return undefined;
  }
  get tags(): ReadonlySet<string> {
    return this.config.tags;
  }
  get children(): Record<string, never> {
    return EMPTY;
  }
  get historyValue(): Record<string, never> {
    return EMPTY;
  }
  /** Same as XState's `snapshot.matches`. */
  matches(value: StateValue): boolean {
    return matchesState(value, this.config.value);
  }
  /** Same as XState's `snapshot.hasTag`. */
  hasTag(tag: string): boolean {
    return this.config.tags.has(tag);
  }
  /** Same as XState's `snapshot.can` (evaluated on a real snapshot). */
  can(event: EventObject): boolean {
    return this.machine.resolveState({ value: this.config.value, context: this.context }).can(event);
  }
  /** Same as XState's `snapshot.getMeta`. */
  getMeta(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const n of this.config.nodes) if (n.meta !== undefined) out[n.id] = n.meta;
    return out;
  }
  /** Same fields as XState's `snapshot.toJSON`. */
  toJSON(): object {
    const { status, output, error, context, value, children, historyValue } = this;
    return { status, output, error, context, value, children, historyValue, tags: [...this.tags] };
  }
}
