/**
 * The model input the implementation realises: every countermeasure in force (CM1–CM6), the
 * physical attacker (whose alphabet includes the remote one), and the settings of the switchable
 * assumptions that describe this implementation. The statecharts run under it
 * (`impl/machine.ts`) and the conformance suites are generated under it
 * (`impl/conformance/explore.ts`).
 * @module
 */
import { COUNTERMEASURE_IDS } from '../spec/ids.ts';
import { cmFlags, type ModelInput } from '../model/config.ts';
import { settingsWith, type Settings } from '../model/settings.ts';

/**
 * The settings of this implementation: the defaults, except ASM-11. The device keeps its
 * pairing key in protected storage (`impl/world/device.ts`: a private `KeyObject` that answers
 * host challenges and is never in any memory image), so reading general-purpose memory
 * (REMOTE_HACK) does not teach the attacker the pairing secret. @clause CM5
 */
export const IMPL_SETTINGS: Settings = settingsWith({ pairingSecret: 'protected' });

/** The implementation's configuration: every countermeasure in force, under `IMPL_SETTINGS`. */
export const IMPL_INPUT: ModelInput = { cms: cmFlags(COUNTERMEASURE_IDS), profile: 'physical', settings: IMPL_SETTINGS };
