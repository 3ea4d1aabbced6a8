/**
 * Expansion of stored states: for each state of a range of rows, the property verdicts
 * (only for properties still pending) and every successor that differs from the state, as
 * encoded rows with the index of the event in the state's event list. Used by the main thread
 * and by worker threads alike; the caller inserts the successors in order.
 * @module
 */
import type { EventObject } from 'xstate';
import type { Property, Subject } from '../types.ts';
import type { CompiledMachine } from './machine.ts';
import { FastSnapshot } from './snapshot.ts';
import type { StateCodec } from './state-codec.ts';
import { equalWords } from './state-set.ts';

/** Expands rows into successors; results live in its buffers until the next call. */
export class Expander {
  /** Properties, invariants first. */
  readonly props: readonly Property[];
  readonly invariants: number;
  /** Successors of each expanded state. */
  counts = new Int32Array(64);
  /** Successor rows, `words` each. */
  succ = new Uint32Array(256);
  /** Event index of each successor. */
  via = new Int32Array(256);
  /** Per state × property: 1 when an invariant fails or a goal holds (pending properties only). */
  hits = new Uint8Array(64);
  /** Successors produced by the last call. */
  total = 0;
  private lastEvents: readonly EventObject[] | undefined;
  private typeIds = new Int32Array(0);
  private sample = 0;

  constructor(
    readonly subject: Subject<any, any>,
    readonly cm: CompiledMachine,
    readonly codec: StateCodec,
    private readonly verify: boolean,
  ) {
    this.props = [...subject.invariants, ...(subject.goals ?? [])];
    this.invariants = subject.invariants.length;
  }

  /** Expands `n` rows of `rows` starting at row `from`; `pending[p]` selects the properties to evaluate. */
  expand(rows: Uint32Array, from: number, n: number, pending: Uint8Array): void {
    const { cm, codec, props } = this;
    const W = codec.words;
    const P = props.length;
    if (this.counts.length < n) this.counts = new Int32Array(n * 2);
    if (this.hits.length < n * P) this.hits = new Uint8Array(n * P * 2);
    let total = 0;
    for (let s = 0; s < n; s++) {
      const base = (from + s) * W;
      const config = codec.config(rows, base);
      const context = codec.context(rows, base);
      const snap = new FastSnapshot(cm.machine, config, context);
      for (let p = 0; p < P; p++) {
        const holds = pending[p] ? !!props[p]!.holds(snap as never) : p < this.invariants;
        this.hits[s * P + p] = (p < this.invariants ? !holds : holds) ? 1 : 0;
      }
      const events = this.subject.events(snap as never) as readonly EventObject[];
      if (events !== this.lastEvents) {
        this.typeIds = Int32Array.from(events, (e) => cm.typeId(e.type));
        this.lastEvents = events;
      }
      if ((total + events.length) * W > this.succ.length) this.grow((total + events.length) * 2);
      const start = total;
      for (let k = 0; k < events.length; k++) {
        if (!cm.step(config, context, events[k]!, this.typeIds[k]!)) continue;
        codec.encode(cm.outConfig, cm.outContext, this.succ, total * W);
        if (equalWords(this.succ, total * W, rows, base, W)) continue;
        this.via[total++] = k;
        if (this.verify && (this.sample++ < 2000 || (this.sample & 8191) === 0)) codec.verify(cm.outContext);
      }
      this.counts[s] = total - start;
    }
    this.total = total;
  }

  private grow(wanted: number): void {
    const successors = Math.max(wanted, this.via.length);
    const succ = new Uint32Array(successors * this.codec.words);
    succ.set(this.succ);
    this.succ = succ;
    const via = new Int32Array(successors);
    via.set(this.via);
    this.via = via;
  }
}
