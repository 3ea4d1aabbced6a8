/**
 * Availability goals of T2 and T5 (@clause CM6 @clause CM5): checked as liveness on the
 * explored graph. With every countermeasure the legitimate side can always act and no lockout
 * cycle exists; each broken nonce mechanism locks the manager out, with a lasso that replays on
 * XState's own `transition()`; a removable HSM is a permanent loss that CM5 stops; and the
 * nonce abstraction no longer runs out (the old model: three challenges and one command left
 * management disabled for good).
 */
import { describe, expect, it } from 'vitest';
import { maskToFlags, type ProfileId } from '../../model/config.ts';
import type { DeviceEvent } from '../../model/events.ts';
import type { StoreContext } from '../../model/store.ts';
import { AVAILABILITY_GOALS, checkAvailability, isManagerEvent, managed } from '../../proofs/availability.ts';
import { exploreGraph } from '../../proofs/explore.ts';
import { replayLasso } from '../../proofs/fast/liveness.ts';
import { replay } from '../../proofs/replay.ts';
import { subjectFor, type ModelId } from '../../proofs/subjects.ts';
import { ALL_MASK } from '../../proofs/table.ts';
import { AVAILABILITY_VARIANTS, VARIANT_SETTINGS } from '../../proofs/variants.ts';
import { listToMask } from '../../model/config.ts';
import { makeStepper } from '../../proofs/step.ts';
import { initialTransition } from 'xstate';

const PROFILES: readonly ProfileId[] = ['remote', 'physical', 'insider'];
const run = (model: ModelId, mask: number, profile: ProfileId, machine?: Parameters<typeof subjectFor>[3], settings = VARIANT_SETTINGS) => {
  const subject = subjectFor(model, maskToFlags(mask), profile, machine, { settings });
  const graph = exploreGraph(subject);
  return { subject, graph, verdicts: checkAvailability(model, subject, graph) };
};
const isManagerCommand = (e: DeviceEvent) => e.type === 'COMMAND' && e.sender === 'manager';

describe('with every countermeasure, no availability goal is reached', () => {
  for (const model of ['device', 'server'] as const) {
    for (const profile of PROFILES) {
      it(`${model}, ${profile}: the manager can always act, the key can always be used again, no lockout cycle`, () => {
        const { verdicts } = run(model, ALL_MASK, profile);
        const goals = AVAILABILITY_GOALS.filter((g) => g.scope === model);
        expect(Object.keys(verdicts).sort()).toEqual(goals.map((g) => g.id).sort());
        for (const g of goals) expect(verdicts[g.id], g.id).toEqual({ reached: false });
      });
    }
  }
});

describe('each broken nonce mechanism locks the manager out (the lockout reproducer, in the model)', () => {
  for (const v of AVAILABILITY_VARIANTS) {
    it(`${v.id} (${v.profile}): ${v.description}`, () => {
      const { subject, verdicts } = run(v.model, ALL_MASK, v.profile, v.machine);
      for (const id of v.caughtBy) {
        const verdict = verdicts[id as keyof typeof verdicts]!;
        expect(verdict.reached, id).toBe(true);
        const lasso = verdict.lasso!;
        expect(lasso.cycle.length).toBeGreaterThan(0);
        // the lasso is a real run of XState's own transition(): the manager tries on the cycle and never succeeds
        replayLasso(subject, lasso, { trying: isManagerCommand as never, success: managed });
        const cycleEvents = lasso.cycle.map((s) => s.event as DeviceEvent);
        expect(cycleEvents.some((e) => isManagerCommand(e))).toBe(true);
        // the manager keeps asking for nonces too: a fair manager, not one that never asks
        expect(cycleEvents.some((e) => e.type === 'CHALLENGE' && isManagerEvent(e))).toBe(true);
        // and someone other than the manager interferes on the cycle
        expect(cycleEvents.some((e) => !isManagerEvent(e))).toBe(true);
      }
      // the sound protocol has no such cycle in the same configuration
      expect(run(v.model, ALL_MASK, v.profile).verdicts[v.caughtBy[0] as 'T2-AV-LOCKOUT']!.reached).toBe(false);
    });
  }

  it('a nonce shared by every credential is safe against a remote attacker (requests repeat it) but not against an insider', () => {
    const shared = AVAILABILITY_VARIANTS.find((v) => v.id === 'BROKEN-NONCE-SHARED-DEVICE')!;
    expect(run('device', ALL_MASK, 'remote', shared.machine).verdicts['T2-AV-LOCKOUT']!.reached).toBe(false);
    expect(run('device', ALL_MASK, 'insider', shared.machine).verdicts['T2-AV-LOCKOUT']!.reached).toBe(true);
  });
});

describe('a removable HSM is a permanent loss; CM5 stops it', () => {
  it('physical attacker, CM1+CM6: after REMOVE_HSM the legitimate side can never manage or use the keys again', () => {
    const { subject, verdicts } = run('device', listToMask(['CM1', 'CM6']), 'physical');
    for (const id of ['T2-AV-MANAGE', 'T2-AV-USE'] as const) {
      const v = verdicts[id]!;
      expect(v.reached, id).toBe(true);
      expect(v.stuck).toBeGreaterThan(0);
      expect(replay(subject, v.trace!).ok).toBe(true);
      expect(v.trace!.steps.map((s) => s.event.type)).toContain('REMOVE_HSM');
    }
    const bound = run('device', listToMask(['CM1', 'CM5', 'CM6']), 'physical').verdicts;
    expect(bound['T2-AV-MANAGE']!.reached).toBe(false);
    expect(bound['T2-AV-USE']!.reached).toBe(false);
  });
});

describe('nonces never run out', () => {
  it('after any number of challenges and commands (the old bound was 3) the manager still gets a fresh nonce and its command takes effect', () => {
    const subject = subjectFor('device', maskToFlags(ALL_MASK), 'remote');
    const step = makeStepper(subject.machine, subject.input);
    let s = initialTransition(subject.machine, subject.input as never)[0] as never;
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) {
      s = step(s, { type: 'CHALLENGE', spoofed: true } as DeviceEvent) as never;
      s = step(s, { type: 'CHALLENGE' }) as never;
      const held = (s as { context: StoreContext }).context.held;
      expect(held).not.toBeNull();
      seen.add(held!);
      s = step(s, { type: 'COMMAND', sender: 'manager', op: i % 2 ? 'replace' : 'deprecate', slot: 0, capture: true } as DeviceEvent) as never;
      expect((s as { context: StoreContext }).context.ghost.managed, `round ${i}`).toBe(true);
    }
    // values are recycled: a handful of symbolic values serve 50 rounds
    expect(seen.size).toBeLessThanOrEqual(4);
  });
});
