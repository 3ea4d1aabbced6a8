/**
 * The interactive page's logic in Node (no browser): replaying an explored attack trace with
 * `runEvents` goes through exactly the states the explorer recorded, takes every step, and
 * reaches the trace's goal; events outside the configuration's alphabet are marked unavailable,
 * and the countermeasures reported inert are exactly those the mechanisms ignore.
 * @module
 */
import { describe, expect, it } from 'vitest';
import { allCmMasks, cmList, maskToFlags } from '../../model/config.ts';
import { Mechanisms } from '../../model/mechanisms.ts';
import { DEFAULT_SETTINGS } from '../../model/settings.ts';
import { describeStore } from '../../proofs/subjects.ts';
import { explore } from '../../proofs/explore.ts';
import { subjectFor } from '../../proofs/subjects.ts';
import { goalStatus, inertOf, runEvents } from '../../scripts/docs/play/session.ts';
import { cmFlags } from '../../model/config.ts';

describe('the interactive page logic', () => {
  it('replays explored attack traces state for state', () => {
    let checked = 0;
    for (const [model, cms, profile, goal] of [
      ['device', ['CM2', 'CM3', 'CM4', 'CM5'], 'physical', 'T3'],
      ['device', ['CM4'], 'physical', 'T6'],
      ['server', ['CM2', 'CM3'], 'physical', 'T4'],
    ] as const) {
      const trace = explore(subjectFor(model, cmFlags(cms), profile)).reached[goal]!;
      expect(trace, goal).not.toBeNull();
      const run = runEvents(
        { model, cms, profile },
        trace.steps.map((s) => s.event),
      );
      expect(run.outcomes).toEqual(trace.steps.map(() => 'taken'));
      expect(run.states.map(describeStore)).toEqual([trace.initial, ...trace.steps.map((s) => s.state)]);
      expect(goalStatus(model, run.states.at(-1)!).find((g) => g.id === goal)!.holds).toBe(true);
      checked++;
    }
    expect(checked).toBe(3);
  });

  it('marks events outside the alphabet unavailable and leaves the state as it was', () => {
    const run = runEvents({ model: 'device', cms: [], profile: 'remote' }, [{ type: 'REMOVE_HSM' }, { type: 'REMOTE_HACK' }]);
    expect(run.outcomes).toEqual(['unavailable', 'taken']);
    expect(run.states[1]).toBe(run.states[0]);
  });

  it('reports as inert exactly the chosen countermeasures that configure no mechanism', () => {
    for (const model of ['device', 'server'] as const) {
      for (const mask of allCmMasks()) {
        const cms = cmList(maskToFlags(mask));
        const inert = new Set(inertOf({ model, cms, profile: 'remote' }).map((i) => i.cm));
        const mech = new Mechanisms(maskToFlags(mask), model, DEFAULT_SETTINGS);
        // a countermeasure is effective when dropping it changes some mechanism
        for (const cm of cms) {
          const without = new Mechanisms(cmFlags(cms.filter((c) => c !== cm)), model, DEFAULT_SETTINGS);
          const names = ['keyStore', 'readExportsKey', 'sfExecution', 'physicalBinding', 'logicalBinding', 'verifiesSignature', 'checksNonce'] as const;
          const differs = names.some((n) => mech[n] !== without[n]);
          expect(inert.has(cm), `${model} ${cms.join(',')} ${cm}`).toBe(!differs);
        }
      }
    }
  });
});
