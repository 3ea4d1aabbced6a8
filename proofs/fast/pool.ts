/**
 * Worker threads for the fast explorer, driven synchronously (the `Explorer` signature is
 * synchronous): each worker has its own message port; the main thread posts requests, and
 * waits for replies with `Atomics.wait` on a shared counter that workers bump after posting,
 * then takes them with `receiveMessageOnPort`. Workers boot in the background (see `boot.ts`)
 * while the main thread keeps exploring on its own.
 * @module
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { siblingModule, startWorker } from './boot.ts';
import type { SubjectSource } from './types.ts';

/** What a worker needs besides the subject's source. */
export interface WorkerSettings {
  readonly symmetry: boolean;
  readonly verify: boolean;
  /** Learning mode of the expander (see `learn.ts`), false for none. */
  readonly learn: 'sample' | 'all' | 'none' | false;
}

/** A set of booting or running workers. */
export class WorkerPool {
  /** [0] replies posted, [1] workers ready, [2] boot failures. */
  private readonly signal = new Int32Array(new SharedArrayBuffer(16));
  /** Per worker: 1 once ready. */
  private readonly readyFlags: Int32Array;
  private readonly ports: MessagePort[] = [];
  private readonly workers: Worker[] = [];

  constructor(source: SubjectSource, n: number, settings: WorkerSettings) {
    const entry = siblingModule(import.meta.url, './worker');
    this.readyFlags = new Int32Array(new SharedArrayBuffer(4 * n));
    for (let i = 0; i < n; i++) {
      const { port1, port2 } = new MessageChannel();
      const workerData = { source, settings, signal: this.signal, ready: this.readyFlags, index: i, port: port2 };
      const w = startWorker(entry, { workerData, transferList: [port2] });
      w.unref();
      w.on('error', () => Atomics.add(this.signal, 2, 1));
      this.ports.push(port1);
      this.workers.push(w);
    }
  }

  /** Number of workers. */
  get size(): number {
    return this.workers.length;
  }

  /** True once worker `i` can take requests. */
  isReady(i: number): boolean {
    return Atomics.load(this.readyFlags, i) === 1;
  }

  /** Throws if a worker failed to boot (such a worker never becomes ready and gets no requests). */
  check(): void {
    if (Atomics.load(this.signal, 2) === 0) return;
    for (const p of this.ports) {
      const m = receiveMessageOnPort(p)?.message as { bootError?: string } | undefined;
      if (m?.bootError) throw new Error(`worker failed to start: ${m.bootError.split('\n')[0]}`);
    }
    throw new Error('a worker failed to start');
  }

  /** Blocks until every worker has booted (throws after `timeoutMs` or on a boot failure). */
  awaitReady(timeoutMs = 60_000): void {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const ready = Atomics.load(this.signal, 1);
      this.check();
      if (ready >= this.workers.length) return;
      if (Date.now() > until) throw new Error('workers did not start');
      Atomics.wait(this.signal, 1, ready, 50);
    }
  }

  /** Posts a request to worker `i`. */
  post(i: number, message: unknown, transfer: ArrayBuffer[]): void {
    this.ports[i]!.postMessage(message, transfer);
  }

  /** Replies already received, as `[worker, message]` pairs (boot failure notices are left out). */
  poll(): [number, unknown][] {
    const out: [number, unknown][] = [];
    this.ports.forEach((p, i) => {
      for (let m = receiveMessageOnPort(p); m; m = receiveMessageOnPort(p)) {
        if (!(m.message as { bootError?: string }).bootError) out.push([i, m.message]);
      }
    });
    return out;
  }

  /** Blocks until at least one reply is available (or `timeoutMs` passes without one: throws). */
  wait(timeoutMs = 600_000): [number, unknown][] {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const posted = Atomics.load(this.signal, 0);
      const got = this.poll();
      if (got.length) return got;
      if (Date.now() > until) throw new Error('workers stopped answering');
      Atomics.wait(this.signal, 0, posted, 20);
    }
  }

  /** Stops every worker. */
  close(): void {
    for (const p of this.ports) p.close();
    for (const w of this.workers) void w.terminate();
  }
}
