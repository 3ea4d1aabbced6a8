/**
 * Worker-thread side of the parallel explorer. Rebuilds the subject from its `source`,
 * compiles the machine, and answers expansion requests: rows in, successors out. Configuration
 * IDs are local to each thread, so rows arrive with the main thread's IDs (translated with the
 * configurations the main thread lists in each request) and leave with local ones (the reply
 * lists the configurations met since the previous reply, for the main thread to translate).
 * @module
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { StateValue } from 'xstate';
import { Expander } from './expand.ts';
import { compileMachine } from './compile.ts';
import type { WorkerSettings } from './pool.ts';
import { stateCodec } from './state-codec.ts';
import { canonicalisers } from './symmetry.ts';
import type { FastSubject, SubjectSource } from './types.ts';
import type { ExpandReply, ExpandRequest } from './messages.ts';

const data = workerData as {
  source: SubjectSource;
  settings: WorkerSettings;
  signal: Int32Array;
  ready: Int32Array;
  index: number;
  port: MessagePort;
};

const mod = (await import(data.source.module)) as Record<string, unknown>;
const exported = mod[data.source.exportName];
const subject = (data.source.args ? (exported as (...a: unknown[]) => unknown)(...data.source.args) : exported) as FastSubject;
const cm = compileMachine(subject.machine);
const canon = data.settings.symmetry ? canonicalisers(subject.symmetry, subject.codec) : {};
const codec = stateCodec(subject.machine, cm.configs, canon, subject.codec, subject.key);
const ex = new Expander(subject, cm, codec, data.settings.verify, data.settings.learn);
const W = codec.words;
const local: number[] = [];
let reported = 0;

function expand(req: ExpandRequest): ExpandReply {
  for (const json of req.configs) local.push(cm.configs.ofValue(JSON.parse(json) as StateValue).id);
  for (let r = 0; r < req.n; r++) codec.setConfigId(req.rows, r * W, local[codec.configId(req.rows, r * W)]!);
  ex.expand(req.rows, 0, req.n, req.pending);
  const configs = cm.configs.all.slice(reported).map((c) => c.json);
  reported = cm.configs.all.length;
  return {
    id: req.id,
    counts: ex.counts.slice(0, req.n),
    succ: ex.succ.slice(0, ex.total * W),
    via: ex.via.slice(0, ex.total),
    hits: ex.hits.slice(0, req.n * ex.props.length),
    configs,
    pending: req.pending,
  };
}

data.port.on('message', (req: ExpandRequest) => {
  try {
    const reply = expand(req);
    data.port.postMessage(
      reply,
      [reply.counts, reply.succ, reply.via, reply.hits].map((a) => a.buffer as ArrayBuffer),
    );
  } catch (e) {
    data.port.postMessage({ id: req.id, error: String((e as Error).stack ?? e) });
  }
  Atomics.add(data.signal, 0, 1);
  Atomics.notify(data.signal, 0);
});
Atomics.store(data.ready, data.index, 1);
Atomics.add(data.signal, 1, 1);
Atomics.notify(data.signal, 1);
