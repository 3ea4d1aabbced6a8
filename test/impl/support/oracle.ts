/**
 * The model-as-oracle property of `test/impl/oracle.test.ts`, shared by the backends: random
 * command sequences (fast-check `fc.commands`) of every abstract event of the physical and
 * insider alphabets, interleaved with hostile bytes, run on an adapter; after each command the
 * outcome (and the refusal's typed error) and the observable state must be the model's.
 * @module
 */
import fc from 'fast-check';
import { initialTransition, transition, type AnyStateMachine } from 'xstate';
import { alphabet } from '../../../model/attacker.ts';
import type { DeviceEvent } from '../../../model/events.ts';
import type { StoreContext } from '../../../model/store.ts';
import { deviceMachine } from '../../../model/device.machine.ts';
import { serverMachine } from '../../../model/server.machine.ts';
import type { Snap } from '../../../proofs/types.ts';
import { describeEvent } from '../../../impl/conformance/describe.ts';
import { abstractState, expectedRefusal } from '../../../impl/conformance/expect.ts';
import type { NodeAdapter } from '../../../impl/conformance/node-adapter.ts';
import { modelAccepts } from '../../../impl/conformance/explore.ts';
import { sameJson } from '../../../impl/conformance/runner.ts';
import { HsmError } from '../../../impl/errors.ts';
import { IMPL_INPUT, IMPL_SETTINGS } from '../../../impl/input.ts';

const ORACLES: Record<'device' | 'server', AnyStateMachine> = { device: deviceMachine, server: serverMachine };

interface Model {
  snap: Snap;
}

class AbstractStep implements fc.Command<Model, NodeAdapter> {
  constructor(
    readonly model: 'device' | 'server',
    readonly event: DeviceEvent,
  ) {}
  check(m: Readonly<Model>): boolean {
    return this.event.type !== 'REPLAY' || (m.snap.context as StoreContext).captured[this.event.index ?? 0] !== undefined;
  }
  run(m: Model, real: NodeAdapter): void {
    const machine = ORACLES[this.model];
    const accepted = modelAccepts(machine, m.snap, this.event);
    const want = accepted ? { outcome: 'accepted' } : { outcome: 'refused', error: expectedRefusal(m.snap, this.event) };
    const got = real.step(this.event);
    if (!sameJson(got, want)) throw new Error(`${this}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    m.snap = transition(machine, m.snap as never, this.event)[0] as Snap;
    const state = real.observe();
    const expected = abstractState(this.model, m.snap);
    if (!sameJson(state, expected)) throw new Error(`${this}: state ${JSON.stringify(state)} differs from the model's ${JSON.stringify(expected)}`);
  }
  toString(): string {
    return describeEvent(this.event);
  }
}

class HostileBytes implements fc.Command<Model, NodeAdapter> {
  constructor(readonly bytes: Uint8Array) {}
  check(): boolean {
    return true;
  }
  run(m: Model, real: NodeAdapter): void {
    const before = real.observe();
    try {
      real.hsm.command(this.bytes);
    } catch (e) {
      if (!(e instanceof HsmError) || e.code !== 'MALFORMED') throw new Error(`hostile bytes: expected MALFORMED, got ${String(e)}`);
      if (!sameJson(real.observe(), before) || !sameJson(before, abstractState(real.hsm.scope, m.snap))) throw new Error('hostile bytes changed the state');
      return;
    }
    throw new Error('hostile bytes were accepted');
  }
  toString(): string {
    return `hostile ${this.bytes.length} bytes`;
  }
}

const events = (model: 'device' | 'server') => {
  const all = [...alphabet('physical', model === 'device', IMPL_SETTINGS), ...alphabet('insider', model === 'device', IMPL_SETTINGS)];
  return [...new Map(all.map((e) => [JSON.stringify(e), e])).values()];
};

/** The property: any sequence of commands behaves as the model says on a fresh HSM (`adapter()` is reset at the start of each run). */
export function property(model: 'device' | 'server', adapter: () => NodeAdapter, count = { runs: 0, commands: 0 }) {
  const steps = [
    ...events(model).map((e) => fc.constant(new AbstractStep(model, e))),
    fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => new HostileBytes(b)),
  ];
  return fc.property(fc.commands(steps, { maxCommands: 60, size: 'large' }), (cmds) => {
    const real = adapter();
    real.reset({ model, profile: 'physical', slots: 2 });
    const [init] = initialTransition(ORACLES[model], { ...IMPL_INPUT, profile: 'physical' } as never);
    fc.modelRun(() => ({ model: { snap: init as Snap }, real }), cmds);
    if (real.leak.hits.length) throw new Error(`key bytes found: ${JSON.stringify(real.leak.hits)}`);
    count.runs++;
    count.commands += [...cmds].length;
  });
}
