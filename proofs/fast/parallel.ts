/**
 * The parallel driver: consecutive chunks of stored rows are expanded by worker threads and
 * by the main thread, and their results absorbed strictly in chunk order, so states are
 * numbered, counted and traced exactly as in the sequential search. Workers need the
 * subject's `source` and self-contained rows (a context codec); otherwise the search stays
 * on the main thread. Until the workers have booted, the main thread explores alone; a worker
 * that fails to boot is left out (with `awaitWorkers`, that is an error instead).
 * @module
 */
import type { StateValue } from 'xstate';
import type { Expander } from './expand.ts';
import { WorkerPool } from './pool.ts';
import type { Search } from './search.ts';
import type { StateCodec } from './state-codec.ts';
import type { FastExploreOptions, FastSubject } from './types.ts';
import type { ExpandReply, ExpandRequest } from './messages.ts';

interface Chunk {
  readonly from: number;
  readonly n: number;
  readonly owner: number;
  reply?: ExpandReply;
}

/** Worker threads to use for `subject` (0 when they cannot be used). */
export function parallelPlan(subject: FastSubject, options: FastExploreOptions, codec: StateCodec): number {
  const n = options.workers ?? 0;
  return n > 0 && subject.source && codec.portable ? n : 0;
}

/** Runs the search with `workers` worker threads plus the main thread; returns how many workers took part. */
export function runParallel(search: Search, ex: Expander, subject: FastSubject, options: FastExploreOptions, workers: number): number {
  const pool = new WorkerPool(subject.source!, workers, {
    symmetry: options.symmetry !== false && subject.symmetry !== undefined,
    verify: options.verifyCodec !== false,
    learn: options.learn === false ? false : (options.learnCheck ?? 'sample'),
  });
  if (options.awaitWorkers) pool.awaitReady();
  const { set } = search;
  const codec = ex.codec;
  const configs = ex.cm.configs;
  const W = codec.words;
  const P = ex.props.length;
  const sent = new Array<number>(workers).fill(0);
  const l2g: number[][] = Array.from({ length: workers }, () => []);
  const busy = new Array<number>(workers).fill(0);
  const checked = new Array<number>(workers).fill(0);
  const used = new Set<number>();
  const chunks = new Map<number, Chunk>();
  let nextRow = 0;
  let nextId = 0;
  let doneId = 0;
  const size = (avail: number) => Math.min(avail, Math.max(16, Math.min(1024, Math.floor(avail / (2 * (workers + 1))))));
  const absorb = (c: Chunk, counts: Int32Array, succ: Uint32Array, via: Int32Array, hits: Uint8Array) =>
    search.absorbChunk(c.from, c.n, counts, succ, via, hits);
  const receive = (replies: [number, unknown][]) => {
    for (const [w, m] of replies) {
      const r = m as ExpandReply;
      if (r.error) throw new Error(`worker: ${r.error.split('\n')[0]}`);
      for (const json of r.configs) l2g[w]!.push(configs.ofValue(JSON.parse(json) as StateValue).id);
      for (let j = 0; j < r.via.length; j++) codec.setConfigId(r.succ, j * W, l2g[w]![codec.configId(r.succ, j * W)]!);
      busy[w]!--;
      const c = chunks.get(r.id)!;
      if (checked[w]!++ === 0 || r.id % 64 === 0) spotCheck(c, r);
      c.reply = r;
    }
  };
  /** Recomputes a worker's chunk on the main thread: a worker must rebuild exactly the same subject. */
  const spotCheck = (c: Chunk, r: ExpandReply) => {
    ex.expand(set.store, c.from, c.n, r.pending);
    const same = (a: ArrayLike<number>, b: ArrayLike<number>, len: number) =>
      a.length >= len && b.length === len && Array.prototype.every.call(b, (x: number, i: number) => a[i] === x);
    if (!same(ex.counts, r.counts, c.n) || !same(ex.succ, r.succ, ex.total * W) || !same(ex.via, r.via, ex.total) || !same(ex.hits, r.hits, c.n * P)) {
      throw new Error('a worker computed different successors: subject.source does not rebuild the same subject');
    }
  };
  try {
    for (;;) {
      receive(pool.poll());
      const head = chunks.get(doneId);
      if (head?.reply) {
        absorb(head, head.reply.counts, head.reply.succ, head.reply.via, head.reply.hits);
        chunks.delete(doneId++);
        continue;
      }
      for (let w = 0; w < workers; w++) {
        const avail = set.count - nextRow;
        if (busy[w]! >= 2 || avail < 32 || !pool.isReady(w)) continue;
        const n = size(avail);
        const rows = set.store.slice(nextRow * W, (nextRow + n) * W);
        const fresh = configs.all.slice(sent[w]).map((c) => c.json);
        const req: ExpandRequest = { id: nextId, n, rows, pending: search.pending.slice(), configs: fresh };
        sent[w] = configs.all.length;
        pool.post(w, req, [rows.buffer as ArrayBuffer]);
        chunks.set(nextId++, { from: nextRow, n, owner: w });
        nextRow += n;
        busy[w]!++;
        used.add(w);
      }
      if (nextRow < set.count) {
        const c: Chunk = { from: nextRow, n: size(set.count - nextRow), owner: -1 };
        ex.expand(set.store, c.from, c.n, search.pending);
        nextRow += c.n;
        if (doneId === nextId) {
          nextId++;
          doneId++;
          absorb(c, ex.counts, ex.succ, ex.via, ex.hits);
        } else {
          const [counts, succ, via, hits] = [ex.counts.slice(0, c.n), ex.succ.slice(0, ex.total * W), ex.via.slice(0, ex.total), ex.hits.slice(0, c.n * P)];
          chunks.set(nextId, { ...c, reply: { id: nextId++, configs: [], counts, succ, via, hits, pending: search.pending } });
        }
      } else if (doneId < nextId) receive(pool.wait());
      else break;
    }
  } finally {
    pool.close();
  }
  return used.size;
}
