/**
 * Differential test of the explorer's stepper against XState's own `transition()`: on random
 * walks through both models under random configurations, every event gives the same successor
 * (state value and context), and "no change" exactly when XState returns the same snapshot.
 */
import { DEFAULT_SETTINGS } from '../../model/settings.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyStateMachine } from 'xstate';
import { alphabet } from '../../model/attacker.ts';
import { PROFILE_IDS, maskToFlags } from '../../model/config.ts';
import { deviceMachine } from '../../model/device.machine.ts';
import { serverMachine } from '../../model/server.machine.ts';
import { makeStepper } from '../../proofs/step.ts';

const MACHINES: Record<'device' | 'server', AnyStateMachine> = { device: deviceMachine, server: serverMachine };

describe('makeStepper equals transition()', () => {
  it('on random walks (both models, random countermeasures and profiles)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('device' as const, 'server' as const),
        fc.integer({ min: 0, max: 63 }),
        fc.constantFrom(...PROFILE_IDS),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        (model, mask, profile, picks) => {
          const machine = MACHINES[model];
          const input = { cms: maskToFlags(mask), profile };
          const events = alphabet(profile, model === 'device', DEFAULT_SETTINGS);
          const step = makeStepper(machine, input);
          let [s] = initialTransition(machine, input);
          for (const pick of picks) {
            for (const e of events) {
              const [ref] = transition(machine, s, e as never);
              const mine = step(s, e);
              if (ref === s) expect(mine).toBeNull();
              else {
                expect(mine).not.toBeNull();
                expect([mine!.value, mine!.context]).toEqual([ref.value, ref.context]);
              }
            }
            const [n] = transition(machine, s, events[pick % events.length] as never);
            s = n;
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
