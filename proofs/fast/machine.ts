/**
 * A machine compiled for fast stepping: every transition gets an integer ID and a compiled
 * guard, selection programs are built per configuration × event type, and microstep plans
 * (next configuration + compiled context updates) per configuration × selected transitions.
 * {@link CompiledMachine.step} then performs XState's macrostep for one external event: the
 * event's microstep, then eventless (`always`) microsteps until none is enabled.
 * @module
 */
import type { AnyStateMachine, EventObject } from 'xstate';
import { compileAction, type ActionFn } from './actions.ts';
import { ConfigTable, type Config } from './configs.ts';
import { UnsupportedMachineError } from './errors.ts';
import { compileGuard, type GuardFn } from './guards.ts';
import { planMicrostep } from './microstep.ts';
import { allNodes, candidates, isAtomic, rootOf, type Node, type Trans } from './nodes.ts';
import { compileEventless, compileProgram, runProgram, type Program } from './select.ts';
import { validateMachine } from './validate.ts';

/** A planned microstep: what a configuration and a set of selected transitions lead to. */
export interface Step {
  readonly next: Config;
  readonly actions: readonly ActionFn[];
  /** XState would return a new snapshot object (nodes changed or an assign ran). */
  readonly changed: boolean;
  /** Some selected transition has a target or actions (what XState's `snapshot.can(event)` asks). */
  readonly acts: boolean;
}

/** Bound on eventless microsteps in one macrostep (XState itself would loop forever). */
const EVENTLESS_LIMIT = 10_000;

/** A machine compiled for the fast explorer; throws {@link UnsupportedMachineError} outside the subset. */
export class CompiledMachine {
  readonly root: Node;
  readonly configs: ConfigTable;
  readonly hasAlways: boolean;
  /** Config after the last {@link step}. */
  outConfig!: Config;
  /** Context after the last {@link step}. */
  outContext: unknown;
  /** The last {@link step}'s event microstep had a transition with a target or actions (XState's `can`). */
  outActs = false;
  private readonly trans: Trans[] = [];
  private readonly ids = new Map<Trans, number>();
  private readonly guards: (GuardFn | null)[] = [];
  private readonly typeIds = new Map<string, number>();
  private readonly types: string[] = [];
  /** Selected transition IDs: at most one per active node. */
  private readonly sel: Int32Array;

  constructor(readonly machine: AnyStateMachine) {
    this.root = rootOf(machine);
    const { hasAlways } = validateMachine(machine, this.root);
    this.hasAlways = hasAlways;
    this.configs = new ConfigTable(this.root);
    this.sel = new Int32Array(allNodes(this.root).length + 1);
  }

  /** The integer ID of an event type (throws on XState's reserved control events). */
  typeId(type: string): number {
    let id = this.typeIds.get(type);
    if (id === undefined) {
      if (type === 'xstate.init' || type === 'xstate.stop' || type.startsWith('xstate.error.')) {
        throw new UnsupportedMachineError(`event type '${type}' is reserved by XState and not supported by the fast explorer`);
      }
      id = this.types.length;
      this.types.push(type);
      this.typeIds.set(type, id);
    }
    return id;
  }

  private idOf = (t: Trans): number => {
    let id = this.ids.get(t);
    if (id === undefined) {
      id = this.trans.length;
      this.trans.push(t);
      this.ids.set(t, id);
      this.guards.push(t.guard ? compileGuard(this.machine, t.guard) : null);
    }
    return id;
  };

  private program(c: Config, typeId: number): Program | null {
    const cached = c.cache.programs[typeId] as Program | null | undefined;
    if (cached !== undefined) return cached;
    const type = this.types[typeId]!;
    const p = compileProgram(this.root, c.value, (n) => candidates(n, type).map(this.idOf));
    c.cache.programs[typeId] = p;
    return p;
  }

  private eventless(c: Config): Program | null {
    const key = -1;
    const cached = c.cache.steps.get(key) as Program | null | undefined;
    if (cached !== undefined) return cached;
    const p = compileEventless(c.nodes.find(isAtomic)!, this.idOf);
    c.cache.steps.set(key, p);
    return p;
  }

  private plan(c: Config, sel: Int32Array, n: number): Step {
    if (n === 1) return (c.cache.single[sel[0]!] as Step | undefined) ?? this.newPlan(c, sel, n);
    return (c.cache.steps.get(Array.from(sel.subarray(0, n)).join(',')) as Step | undefined) ?? this.newPlan(c, sel, n);
  }

  private newPlan(c: Config, sel: Int32Array, n: number): Step {
    const p = planMicrostep(
      c.nodes,
      Array.from(sel.subarray(0, n), (t) => this.trans[t]!),
      this.root,
    );
    const actions = p.actions.map((a) => compileAction(this.machine, a, `machine '${this.machine.id}'`)).filter((a): a is ActionFn => a !== null);
    const acts = Array.from(sel.subarray(0, n)).some((t) => this.trans[t]!.target !== undefined || this.trans[t]!.actions.length > 0);
    const s: Step = { next: p.changed ? this.configs.ofNodes(p.nodes) : c, actions, changed: p.changed || actions.length > 0, acts };
    if (n === 1) c.cache.single[sel[0]!] = s;
    else c.cache.steps.set(Array.from(sel.subarray(0, n)).join(','), s);
    return s;
  }

  /**
   * Selects the transitions `event` takes from (`config`, `context`) into an internal buffer
   * (see {@link stepOf}); returns how many (0: none is enabled).
   */
  select(config: Config, context: unknown, event: EventObject, typeId: number): number {
    const p = this.program(config, typeId);
    if (p === null) return 0;
    if (p.regions !== null) return runProgram(p, context, event, config, this.guards, this.sel, 0);
    // flat chain (no parallel region on the way): the first transition whose guard passes
    const chain = p.chain;
    const guards = this.guards;
    for (let i = 0; i < chain.length; i++) {
      const g = guards[chain[i]!];
      if (!g || g(context, event, config)) {
        this.sel[0] = chain[i]!;
        return 1;
      }
    }
    return 0;
  }

  /** The microstep taking the `n` transitions last selected by {@link select} from `config`. */
  stepOf(config: Config, n: number): Step {
    return this.plan(config, this.sel, n);
  }

  /**
   * XState's macrostep for `event` from (`config`, `context`). Leaves the result in
   * {@link outConfig}/{@link outContext}; returns false when no transition was taken at all.
   */
  step(config: Config, context: unknown, event: EventObject, typeId: number): boolean {
    const sel = this.sel;
    let n = this.select(config, context, event, typeId);
    let fired = false;
    this.outActs = false;
    if (n) {
      const s = this.plan(config, sel, n);
      this.outActs = s.acts;
      const actions = s.actions;
      for (let i = 0; i < actions.length; i++) context = actions[i]!(context, event);
      config = s.next;
      fired = true;
    }
    if (this.hasAlways) {
      for (let k = 0; ; k++) {
        const e = this.eventless(config);
        n = e === null ? 0 : runProgram(e, context, event, config, this.guards, sel, 0);
        if (!n) break;
        if (k >= EVENTLESS_LIMIT) throw new Error(`eventless transitions did not settle after ${k} microsteps`);
        const s = this.plan(config, sel, n);
        for (const a of s.actions) context = a(context, event);
        config = s.next;
        fired = true;
        if (!s.changed) break;
      }
    }
    this.outConfig = config;
    this.outContext = context;
    return fired;
  }
}
