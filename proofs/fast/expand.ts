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
import { type Effect, GENERIC, type LearnCheck, type LearnedStep, Learner, NONE, TNode } from './learn.ts';

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
  private eventIds: Int32Array = new Int32Array(0);
  private sample = 0;
  /**
   * Keep successors equal to their state when the event's transition has a target or actions
   * (XState's `can`): self-loop edges, for a search that records its graph.
   */
  loops = false;
  /** The learned fast path, when the codec allows it and learning is on. */
  readonly learner: Learner | undefined;

  constructor(
    readonly subject: Subject<any, any>,
    readonly cm: CompiledMachine,
    readonly codec: StateCodec,
    private readonly verify: boolean,
    learn: LearnCheck | false = 'sample',
  ) {
    this.props = [...subject.invariants, ...(subject.goals ?? [])];
    this.invariants = subject.invariants.length;
    this.learner = learn !== false && Learner.applies(codec) ? new Learner(subject, cm, codec, learn) : undefined;
  }

  /** Expands `n` rows of `rows` starting at row `from`; `pending[p]` selects the properties to evaluate. */
  expand(rows: Uint32Array, from: number, n: number, pending: Uint8Array): void {
    const { cm, codec, props } = this;
    const P = props.length;
    if (this.counts.length < n) this.counts = new Int32Array(n * 2);
    if (this.hits.length < n * P) this.hits = new Uint8Array(n * P * 2);
    if (this.learner) {
      this.expandLearned(this.learner, rows, from, n, pending);
      return;
    }
    const W = codec.words;
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
        if ((!this.loops || !cm.outActs) && equalWords(this.succ, total * W, rows, base, W)) continue;
        this.via[total++] = k;
        if (this.verify && (this.sample++ < 2000 || (this.sample & 8191) === 0)) codec.verify(cm.outContext);
      }
      this.counts[s] = total - start;
    }
    this.total = total;
  }

  /**
   * The same expansion over learned steps (`learn.ts`): rows are decoded only when a step or
   * property has to run on the generic path.
   */
  private expandLearned(L: Learner, rows: Uint32Array, from: number, n: number, pending: Uint8Array): void {
    const { cm, codec, props } = this;
    const W = codec.words;
    const P = props.length;
    const canon = codec.canonWords;
    const off = codec.contextOffset;
    const stats = L.stats;
    let total = 0;
    for (let s = 0; s < n; s++) {
      const base = (from + s) * W;
      const config = codec.config(rows, base);
      const tries = L.configTries(config);
      let context: unknown;
      let snap: FastSnapshot | undefined;
      for (let p = 0; p < P; p++) {
        let holds: boolean;
        if (!pending[p]) holds = p < this.invariants;
        else {
          let r: unknown = tries.props[p]!.root;
          while (r instanceof TNode) r = r.kids[(rows[base + r.w]! >>> r.s) & r.m];
          if (r === undefined) r = L.property(config, p, props[p]!, rows, base);
          if (r === GENERIC) {
            if (context === undefined) context = codec.context(rows, base);
            if (snap === undefined) snap = new FastSnapshot(cm.machine, config, context);
            holds = !!props[p]!.holds(snap as never);
          } else holds = r as boolean;
        }
        this.hits[s * P + p] = (p < this.invariants ? !holds : holds) ? 1 : 0;
      }
      let ev: unknown = tries.events.root;
      while (ev instanceof TNode) ev = ev.kids[(rows[base + ev.w]! >>> ev.s) & ev.m];
      if (ev === undefined) ev = L.events(config, rows, base);
      let events: readonly EventObject[];
      if (ev !== GENERIC) events = ev as readonly EventObject[];
      else {
        if (context === undefined) context = codec.context(rows, base);
        if (snap === undefined) snap = new FastSnapshot(cm.machine, config, context);
        events = this.subject.events(snap as never) as readonly EventObject[];
      }
      if (events !== this.lastEvents) {
        this.typeIds = Int32Array.from(events, (e) => cm.typeId(e.type));
        this.eventIds = L.ids(events);
        this.lastEvents = events;
      }
      const typeIds = this.typeIds;
      const eventIds = this.eventIds;
      const selTries = L.selectTries(config, eventIds);
      if ((total + events.length) * W > this.succ.length) this.grow((total + events.length) * 2);
      const start = total;
      for (let k = 0; k < events.length; k++) {
        const event = events[k]!;
        const at = total * W;
        const succ = this.succ;
        let step: unknown = GENERIC;
        if (selTries !== null) {
          const trie = selTries[k]!;
          step = trie.root;
          while (step instanceof TNode) step = step.kids[(rows[base + step.w]! >>> step.s) & step.m];
          if (step === undefined) step = L.selectMiss(trie, config, event, typeIds[k]!, rows, base);
        }
        if (step === NONE) continue;
        if (step === GENERIC) {
          if (context === undefined) context = codec.context(rows, base);
          if (!cm.step(config, context, event, typeIds[k]!)) continue;
          codec.encode(cm.outConfig, cm.outContext, succ, at);
          stats.generic++;
          if (this.verify && (this.sample++ < 2000 || (this.sample & 8191) === 0)) codec.verify(cm.outContext);
        } else {
          const learned = step as LearnedStep;
          const et = learned.effects[eventIds[k]!] ?? L.effectTrie(learned, eventIds[k]!);
          let eff: unknown = et.root;
          while (eff instanceof TNode) eff = eff.kids[(rows[base + eff.w]! >>> eff.s) & eff.m];
          if (eff === undefined) eff = L.effectMiss(et, learned, event, rows, base);
          if (eff === GENERIC) {
            if (context === undefined) context = codec.context(rows, base);
            let c = context;
            for (const a of learned.step.actions) c = a(c, event);
            codec.encode(learned.step.next, c, succ, at);
            stats.generic++;
            if (this.verify && (this.sample++ < 2000 || (this.sample & 8191) === 0)) codec.verify(c);
          } else {
            const { keep, set } = eff as Effect;
            for (let w = 0; w < W; w++) succ[at + w] = (rows[base + w]! & keep[w]!) | set[w]!;
            if (canon) canon(succ, at + off);
            stats.learned++;
            if (L.shouldCheck()) {
              if (context === undefined) context = codec.context(rows, base);
              const ok = cm.step(config, context, event, typeIds[k]!);
              if (ok) codec.encode(cm.outConfig, cm.outContext, L.row, 0);
              L.compare(succ, at, ok ? L.row : rows, ok ? 0 : base, event);
            }
          }
        }
        if ((!this.loops || !(step === GENERIC ? cm.outActs : (step as LearnedStep).step.acts)) && equalWords(succ, at, rows, base, W)) continue;
        this.via[total++] = k;
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
