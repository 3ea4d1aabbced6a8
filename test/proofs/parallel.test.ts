/**
 * `verify` on several threads changes nothing but speed: the results (counts, verdicts, traces,
 * read sets and which configuration shares which result) are exactly those of the sequential
 * `verifyAll`/`verifyVariants`, and two threads really explore two groups at the same time.
 */
import { describe, expect, it } from 'vitest';
import { listToMask } from '../../model/config.ts';
import { DEFAULT_SETTINGS, settingsWith } from '../../model/settings.ts';
import { closeVerifyWorkers, epochMs, groupCost, prestartVerifyWorkers, verifyParallel, verifyVariantsParallel, type GroupRun } from '../../proofs/parallel.ts';
import { verifyAll, verifyVariants, type ConfigResult } from '../../proofs/verify.ts';
import { verifiedResults } from '../support/verified.ts';

/**
 * A result without what may differ between two runs of one configuration: its time, and the
 * explorer's count of state configurations, which covers every exploration of the same machine
 * in the same thread so far (the compiled machine is cached per thread).
 */
function timeless(r: ConfigResult): unknown {
  const { ms: _ms, stats, ...rest } = r as ConfigResult & { stats?: { configurations?: number } };
  const { configurations: _c, ...kept } = stats ?? {};
  return { ...rest, stats: kept };
}

describe('verify on worker threads', () => {
  it('gives the sequential results on 2 threads, which explore 2 groups at the same time, as in the full run of this session', async () => {
    const opts = { models: ['server'], profiles: ['remote', 'physical', 'insider'], availability: true } as const;
    const sequential = verifyAll(opts).map(timeless);
    const runs: GroupRun[] = [];
    const parallel = await verifyParallel({ ...opts, workers: 2, awaitWorkers: true, onGroup: (r) => void runs.push(r) });
    expect(parallel.map(timeless)).toEqual(sequential);
    expect(parallel.filter((r) => r.sharedWith !== null).length).toBeGreaterThan(0);
    // the full default run of the test session's setup, on several threads where there are cores
    expect(
      verifiedResults()
        .filter((r) => r.model === 'server')
        .map(timeless),
    ).toEqual(sequential);
    // every group once; this thread and the worker both explored, and two groups overlapped in time
    expect(runs.map((r) => r.profile).sort()).toEqual(['insider', 'physical', 'remote']);
    expect(new Set(runs.map((r) => r.thread))).toEqual(new Set([0, 1]));
    const overlap = runs.some((a) => runs.some((b) => a.thread !== b.thread && a.start < b.end && b.start < a.end));
    expect(overlap).toBe(true);
  });

  it('gives the sequential results for every settings variant (results shared across variants included)', async () => {
    const masks = [
      listToMask(['CM2', 'CM6']),
      listToMask(['CM1', 'CM2', 'CM6']),
      listToMask(['CM2', 'CM3', 'CM6']),
      listToMask(['CM1', 'CM2', 'CM3', 'CM4', 'CM5', 'CM6']),
    ];
    const variants = [DEFAULT_SETTINGS, settingsWith({ hsmRating: 'basic' }), settingsWith({ responses: 'encrypted' })];
    const opts = { models: ['server'], profiles: ['insider', 'remote'], masks } as const;
    const sequential = verifyVariants(opts, variants);
    const parallel = await verifyVariantsParallel({ ...opts, workers: 2 }, variants);
    expect(parallel.map((list) => list.map(timeless))).toEqual(sequential.map((list) => list.map(timeless)));
    expect(parallel.flat().some((r) => r.sharedWith !== null)).toBe(true);
  });

  it('takes a worker started beforehand (prestartVerifyWorkers): it is ready when the run starts and gives the same results', async () => {
    await closeVerifyWorkers();
    await prestartVerifyWorkers(2);
    const opts = { models: ['server'], profiles: ['insider', 'remote'], masks: [listToMask(['CM2', 'CM6'])] } as const;
    let readyAt: number | null = null;
    const started = epochMs();
    const parallel = await verifyParallel({ ...opts, workers: 2, onWorkerReady: (_t, at) => (readyAt = at) });
    // the run reports max(boot time, run start): a worker booted before the run reports no later than its start
    expect(readyAt).not.toBeNull();
    expect(readyAt!).toBeLessThanOrEqual(started + 50);
    expect(parallel.map(timeless)).toEqual(verifyAll(opts).map(timeless));
    await closeVerifyWorkers();
  });

  it('orders the queue by a cost estimate that puts every device group before every server group', () => {
    const profiles = ['remote', 'physical', 'insider'] as const;
    const device = profiles.map((p) => groupCost('device', p));
    const server = profiles.map((p) => groupCost('server', p));
    expect(Math.min(...device)).toBeGreaterThan(Math.max(...server));
  });
});
