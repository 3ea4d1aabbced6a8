/**
 * `verifyAll` on several cores. The unit of work is a group: one model under one attacker
 * profile, over every requested countermeasure set and settings variant. Read-set reuse only
 * ever shares results within a group (`verifyVariants` keeps one cache per group), so a thread
 * that explores a whole group in the sequential order gives exactly the sequential results.
 *
 * With `workers: n`, n threads explore: this one and n − 1 worker threads. The groups are
 * ordered by a cost estimate, largest first, and every thread claims the next group from one
 * shared counter as soon as it has finished its last, so the big groups start early and the
 * small ones fill the end. This thread starts at once, while the workers boot. Worker threads
 * are kept, idle, for later runs in the same process (their boot and their optimised code then
 * serve those runs too); idle, they do not keep the process alive. With one thread (or machines
 * given in place of the models'), everything runs in this thread.
 * @module
 */
import type { AnyStateMachine } from 'xstate';
import { alphabet } from '../model/attacker.ts';
import { PROFILE_IDS, allCmMasks, type ProfileId } from '../model/config.ts';
import { deviceMachine } from '../model/device.machine.ts';
import { serverMachine } from '../model/server.machine.ts';
import { DEFAULT_SETTINGS, type Settings } from '../model/settings.ts';
import { MODEL_IDS, type ModelId, type SubjectOptions } from './subjects.ts';
import { verifyVariants, type ConfigResult, type VerifyOptions } from './verify.ts';
import { acquire, dropWorker, release, verifyThreads, type WorkerMessage } from './verify-pool.ts';

export { closeVerifyWorkers, prestartVerifyWorkers, type WorkerMessage } from './verify-pool.ts';

/** When and where one group was explored (times in ms since the epoch, comparable across threads). */
export interface GroupRun {
  readonly model: ModelId;
  readonly profile: ProfileId;
  /** 0: this thread; 1 and up: a worker thread. */
  readonly thread: number;
  readonly start: number;
  readonly end: number;
}

/** Options of `verifyParallel`. */
export interface ParallelOptions extends VerifyOptions {
  /**
   * Threads that explore: this one and `workers − 1` worker threads (default: available cores,
   * at most the number of groups); 1 runs everything in this thread.
   */
  readonly workers?: number;
  /** Let every worker boot before any thread explores (default false: this thread starts at once). */
  readonly awaitWorkers?: boolean;
  /** Called when a worker has booted (`at`: ms since the epoch). */
  readonly onWorkerReady?: (thread: number, at: number) => void;
  /** Called after each group (model × profile) with the thread that explored it and when. */
  readonly onGroup?: (run: GroupRun) => void;
}

/** Now, in ms since the epoch: comparable between threads, unlike `performance.now()`. */
export const epochMs = () => performance.timeOrigin + performance.now();

/** Runs every requested configuration, on several threads when more than one is asked for. */
export async function verifyParallel(opts: ParallelOptions = {}): Promise<ConfigResult[]> {
  return (await verifyVariantsParallel(opts, [opts.size?.settings ?? DEFAULT_SETTINGS]))[0]!;
}

/** Transitions declared by a machine's state nodes (the work of one event tried in one state grows with it). */
function declaredTransitions(machine: AnyStateMachine): number {
  let n = 0;
  const walk = (node: AnyStateMachine['root']) => {
    for (const list of node.transitions.values()) n += list.length;
    for (const child of Object.values(node.states)) walk(child);
  };
  walk(machine.root);
  return n;
}

/**
 * A cheap estimate of a group's exploration cost, used only to order the groups (results do not
 * depend on it): the events the attacker can send in a state times the transitions the model
 * declares. It ranks every device group (more transitions: the binding) above every server
 * group, and within a model the profiles that can send more events first.
 */
export function groupCost(model: ModelId, profile: ProfileId, size: SubjectOptions = {}): number {
  const events = alphabet(profile, model === 'device', size.settings ?? DEFAULT_SETTINGS, size).length;
  return events * declaredTransitions(model === 'device' ? deviceMachine : serverMachine);
}

/** Everything a thread needs to explore groups of one run (posted to each worker). */
export interface WorkerPlan {
  /** The groups, largest estimated cost first. */
  readonly groups: readonly { readonly model: ModelId; readonly profile: ProfileId }[];
  /** `claim[0]` is the next group to explore (on a SharedArrayBuffer: threads take groups with `Atomics.add`). */
  readonly claim: Int32Array;
  readonly masks: readonly number[];
  readonly noReuse: boolean;
  /** Check the availability goals on each explored graph (`VerifyOptions.availability`). */
  readonly availability: boolean;
  /** Size options without settings (the settings are the variants). */
  readonly size: Omit<SubjectOptions, 'settings'>;
  readonly variants: readonly Settings[];
}

/** What this thread posts to a worker: a plan to take groups from. */
export interface MainMessage {
  readonly kind: 'plan';
  readonly plan: WorkerPlan;
}

/** Explores group `g` of `plan` as `verifyVariants` does, handing each result (and its variant) to `emit`. */
export function exploreGroup(plan: WorkerPlan, g: number, emit: (variant: number, result: ConfigResult) => void): void {
  const { model, profile } = plan.groups[g]!;
  let n = 0;
  verifyVariants(
    {
      models: [model],
      profiles: [profile],
      masks: plan.masks,
      noReuse: plan.noReuse,
      ...(plan.availability ? { availability: true } : {}),
      size: plan.size,
      onProgress: (_d, _t, r) => emit(Math.floor(n++ / plan.masks.length), r),
    },
    plan.variants,
  );
}

/**
 * Runs every requested configuration under each settings variant (see `verifyVariants`) on
 * `opts.workers` threads, one group (model × profile) per thread at a time, largest estimated
 * group first; one result list per variant, in the order `verifyVariants` gives (model,
 * profile, mask). Worker threads are kept (idle, not keeping the process alive) for later runs.
 */
export async function verifyVariantsParallel(opts: ParallelOptions, variants: readonly Settings[]): Promise<ConfigResult[][]> {
  const models = opts.models ?? MODEL_IDS;
  const profiles = opts.profiles ?? PROFILE_IDS;
  const masks = opts.masks ?? allCmMasks();
  const total = models.length * profiles.length * masks.length * variants.length;
  const threads = verifyThreads(opts.workers, models.length * profiles.length);
  if (threads <= 1 || opts.machines || total === 0) return verifyVariants(opts, variants);
  const { settings: _s, ...size } = opts.size ?? {};
  const plan: WorkerPlan = {
    groups: models
      .flatMap((model) => profiles.map((profile) => ({ model, profile, cost: groupCost(model, profile, { ...size, settings: variants[0] }) })))
      .sort((a, b) => b.cost - a.cost)
      .map(({ model, profile }) => ({ model, profile })),
    claim: new Int32Array(new SharedArrayBuffer(4)),
    masks,
    noReuse: opts.noReuse ?? false,
    availability: opts.availability ?? false,
    size,
    variants,
  };
  const results: ConfigResult[][] = variants.map(() => []);
  let done = 0;
  let groupsDone = 0;
  let settle = () => {};
  let fail = (_e: Error) => {};
  let failed = false;
  const complete = new Promise<void>((resolve, reject) => {
    settle = resolve;
    fail = (e) => {
      failed = true;
      reject(e);
    };
  });
  complete.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled
  const record = (variant: number, r: ConfigResult) => {
    results[variant]!.push(r);
    done++;
    opts.onProgress?.(done, total, r);
  };
  // A thread reports a group after all of its results: the last group reported ends the run.
  const groupRun = (g: number, thread: number, start: number, end: number) => {
    opts.onGroup?.({ ...plan.groups[g]!, thread, start, end });
    if (++groupsDone === plan.groups.length) settle();
  };
  const started = epochMs();
  const workers = acquire(threads - 1);
  const listeners = workers.map((p, i) => {
    const onMessage = (m: WorkerMessage) => {
      if (m.kind === 'result') record(m.variant, m.result);
      else if (m.kind === 'group') groupRun(m.group, i + 1, m.start, m.end);
    };
    const onError = (e: Error) => fail(e);
    const onExit = (code: number) => fail(new Error(`verify worker exited with code ${code}`));
    p.worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    return { onMessage, onError, onExit };
  });
  // Every worker gets the plan now, a booting one too: the message waits in its port and is
  // read as soon as it has booted, without waiting for this thread, which explores meanwhile and
  // only reads its own messages between two groups. One that boots after the run ended finds no
  // group left to claim.
  for (const p of workers) p.worker.postMessage({ kind: 'plan', plan } satisfies MainMessage);
  const ready = workers.map((p, i) => {
    const report = (at: number) => opts.onWorkerReady?.(i + 1, Math.max(at, started));
    return p.readyAt === null ? p.ready.then(report, fail) : report(p.readyAt);
  });
  try {
    if (opts.awaitWorkers) await Promise.race([Promise.all(ready), complete]);
    // This thread explores too (by default from the first group on, while the workers boot);
    // between two groups it lets the workers' messages in.
    for (let g = Atomics.add(plan.claim, 0, 1); g < plan.groups.length && !failed; g = Atomics.add(plan.claim, 0, 1)) {
      const start = epochMs();
      exploreGroup(plan, g, record);
      groupRun(g, 0, start, epochMs());
      await new Promise((resolve) => setImmediate(resolve));
    }
    await complete;
    if (done !== total) throw new Error(`verify threads returned ${done} of ${total} configurations`);
  } catch (e) {
    for (const p of workers) dropWorker(p); // a worker may still be exploring a group of this run
    throw e;
  } finally {
    workers.forEach((p, i) => {
      const l = listeners[i]!;
      p.worker.off('message', l.onMessage).off('error', l.onError).off('exit', l.onExit);
    });
  }
  // Every group is reported, so no worker is exploring any more (one still booting will not get
  // this plan): they are idle, kept for later runs.
  for (const p of workers) release(p);
  const order = (r: ConfigResult) => [models.indexOf(r.model), profiles.indexOf(r.profile), masks.indexOf(r.mask)];
  return results.map((list) =>
    list.sort((a, b) => {
      const [x, y] = [order(a), order(b)];
      return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
    }),
  );
}
