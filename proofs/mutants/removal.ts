/**
 * What taking the HSM out of its device achieves where nothing binds the HSM to it (no CM5),
 * and what ASM-15 decides about a Sensitive Function running at that moment: checked on the
 * steps of the explored graph (`steps.ts`), since a state does not say which step used a key in
 * another device.
 * @module
 */
import { PROFILES } from '../../model/attacker.ts';
import { PROFILE_IDS } from '../../model/config.ts';
import { checkSetup, cmName, hsmMask, type CheckOptions } from './check-kit.ts';
import type { Machines } from './machines.ts';
import { SESSION_SETTINGS } from './more-checks.ts';
import { hsmOf, type Step, type StepProperty, type StepState } from './steps.ts';

/** A step after which a Sensitive Function runs and that used a key of the HSM in another device. */
const usedElsewhere = (step: Step) => step.to.context.sf !== null && step.to.context.ghost.foreignUse;

/** @clause CM5 — a Sensitive Function started with the HSM in another device: the HSM's key used there. */
const FOREIGN_START: StepProperty = {
  id: 'REMOVAL-FOREIGN-START',
  title: 'a Sensitive Function is started with the HSM in another device',
  on: ['SF_START'],
  holds: usedElsewhere,
};

/** ASM-15 (`ends`) — removing the HSM from the device a function runs in ends the function in the same step. */
const REMOVAL_ENDS_SF: StepProperty = {
  id: 'REMOVAL-ENDS-SF',
  title: 'taking the HSM out of the device a Sensitive Function runs in ends the function',
  on: ['REMOVE_HSM'],
  holds: ({ from, to }) => from.context.sf === null || hsmOf(from) === hsmOf(to) || to.context.sf === null,
};

/** A state in which a Sensitive Function runs with the HSM in its own device. */
const runsAtHome = (s: StepState) => s.context.sf !== null && hsmOf(s) === 'inOwnDevice';
/** A step after which the function still runs (the same one: a new one starts only once it ended). */
const keepsRunning = (step: Step) => step.to.context.sf !== null;
/** A use of the running function's key, accepted, in another device. */
const usedThereLater = (step: Step) => step.event.type === 'SF_USE' && usedElsewhere(step);

/**
 * The removeHsm capability without CM5, under each value of ASM-15 ({@link SESSION_SETTINGS}):
 * on the device with an HSM only (CM1: nothing binds it), for every profile that can remove the
 * HSM,
 * - a Sensitive Function can be started with the HSM in another device (what the binding exists
 *   to prevent is possible without it);
 * - where the session survives removal (`survives`), a function running with the HSM in its own
 *   device is used in another device after the HSM moved there: a path of steps on which it keeps
 *   running ends in an accepted use recording a foreign use. This is why the binding must be
 *   checked at every use, not only at the start;
 * - where it ends (`ends`), there is no such path, and every step that takes the HSM out of the
 *   device a function runs in ends the function.
 *
 * @clause CM5
 */
export function removalWithoutBinding(machines: Machines = {}, options: CheckOptions = {}): string[] {
  const { runs, models, fail } = checkSetup(machines, options);
  if (!models.includes('device')) return fail.list;
  const mask = hsmMask('device');
  const removers = PROFILE_IDS.filter((p) => PROFILES[p].capabilities.includes('removeHsm'));
  for (const settings of SESSION_SETTINGS) {
    const survives = settings.sfOnRemoval === 'survives';
    for (const profile of removers) {
      const where = `removal: device/${profile} ${cmName(mask)}, sfOnRemoval = ${settings.sfOnRemoval}`;
      const g = runs.graph('device', profile, mask, settings);
      if (!g.witness(FOREIGN_START) && fail.add(`${where}: ${FOREIGN_START.id}: no Sensitive Function is ever started with the HSM in another device`))
        return fail.list;
      const carried = g.pathTo(runsAtHome, keepsRunning, usedThereLater);
      if (survives && !carried && fail.add(`${where}: a function running in the HSM's own device is never used after the HSM moved to another device`))
        return fail.list;
      if (!survives && carried && fail.add(`${where}: a function running in the HSM's own device is used in another device, by ${g.describe(...carried)}`))
        return fail.list;
      const kept = survives ? null : g.violation(REMOVAL_ENDS_SF);
      if (kept && fail.add(`${where}: ${REMOVAL_ENDS_SF.id}: the function still runs after ${g.describe(kept)}`)) return fail.list;
    }
  }
  return fail.list;
}
