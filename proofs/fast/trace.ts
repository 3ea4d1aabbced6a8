/**
 * Shortest traces from parent links. Without symmetry, each step replays the stored event of
 * the parent's event list. With symmetry the stored states are canonical representatives, so
 * the trace is rebuilt from the real initial state: at each step, the first event whose
 * successor is (up to symmetry) the next stored state is taken; the trace is then a real run.
 * @module
 */
import { initialTransition, type EventObject } from 'xstate';
import { defaultDescribe } from '../bfs.ts';
import type { Subject, Trace, TraceStep } from '../types.ts';
import type { Config } from './configs.ts';
import type { Links } from './links.ts';
import type { CompiledMachine } from './machine.ts';
import { FastSnapshot } from './snapshot.ts';
import type { StateCodec } from './state-codec.ts';
import { equalWords, type StateSet } from './state-set.ts';

/** A function giving the shortest trace to a stored state. */
export function buildTraces(
  subject: Subject<any, any>,
  cm: CompiledMachine,
  codec: StateCodec,
  set: StateSet,
  links: Links,
  symmetry: boolean,
): (target: number) => Trace {
  const describe = subject.describe ?? defaultDescribe;
  const W = codec.words;
  const snapAt = (j: number) => new FastSnapshot(cm.machine, codec.config(set.store, j * W), codec.context(set.store, j * W));
  const pathTo = (target: number) => {
    const path: number[] = [];
    for (let j = target; j > 0; j = links.parent[j]!) path.push(j);
    return path.reverse();
  };
  if (!symmetry) {
    return (target) => ({
      initial: describe(snapAt(0) as never),
      steps: pathTo(target).map((j) => ({
        event: subject.events(snapAt(links.parent[j]!) as never)[links.via[j]!] as EventObject,
        state: describe(snapAt(j) as never),
      })),
    });
  }
  return (target) => {
    const [init] = initialTransition(subject.machine, subject.input as never);
    let config: Config = cm.configs.ofValue(init.value);
    let context: unknown = init.context;
    const initial = describe(new FastSnapshot(cm.machine, config, context) as never);
    const tmp = new Uint32Array(W);
    const steps: TraceStep[] = [];
    for (const j of pathTo(target)) {
      const snap = new FastSnapshot(cm.machine, config, context);
      const event = (subject.events(snap as never) as readonly EventObject[]).find((e) => {
        cm.step(config, context, e, cm.typeId(e.type));
        codec.encode(cm.outConfig, cm.outContext, tmp, 0);
        return equalWords(tmp, 0, set.store, j * W, W);
      });
      if (!event) throw new Error('declared symmetry is not a symmetry of the machine: a trace cannot be replayed');
      cm.step(config, context, event, cm.typeId(event.type));
      config = cm.outConfig;
      context = cm.outContext;
      steps.push({ event, state: describe(new FastSnapshot(cm.machine, config, context) as never) });
    }
    return { initial, steps };
  };
}
