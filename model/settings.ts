/**
 * Settings of the switchable assumptions (ASM-…) and interpretations (INT-…) of
 * `spec/assumptions.ts` and `spec/presuppositions.ts`: one typed field per switch, its default
 * taken from the spec record (the first of its values), and the list of every alternative, so
 * that the model can be explored under each (`proofs/sensitivity.ts`).
 * @module
 */
import { ASSUMPTIONS, type AssumptionId, type Potential } from '../spec/assumptions.ts';
import { INTERPRETATIONS, type InterpretationId } from '../spec/presuppositions.ts';

/** The value of every switch. */
export interface Settings {
  /** ASM-02: the potential the HSM and Server-HSM are rated to resist. */
  readonly hsmRating: Exclude<Potential, 'beyond-high'>;
  /** ASM-03: the means of CM5. */
  readonly cm5Means: 'physical-and-logical' | 'physical' | 'logical';
  /** ASM-05: whether responses to management reads cross the channel in clear. */
  readonly responses: 'clear' | 'encrypted';
  /** ASM-09: remote hacking also writes general-purpose memory. */
  readonly memoryWrite: boolean;
  /** ASM-10: whether fail-secure zeroization is a deletion. */
  readonly zeroization: 'deletion' | 'not-deletion';
  /** ASM-11: where the device keeps its pairing secret. */
  readonly pairingSecret: 'host-memory' | 'protected';
  /** ASM-15: whether a running Sensitive Function's session survives the HSM's removal. */
  readonly sfOnRemoval: 'survives' | 'ends';
  /** ASM-12: the physical attacker's attack potential. */
  readonly physicalPotential: Potential;
  /** INT-CM4-SERVER-HSM: CM4 applies to the Server-HSM too. */
  readonly cm4OnServer: boolean;
  /** INT-T1-DPA: side-channel discovery of a key in use also counts for threat 1. */
  readonly dpaDiscoversStored: boolean;
}

/** A switch: the assumption or interpretation it belongs to, its setting and its values (default first). */
export interface Switch {
  readonly id: AssumptionId | InterpretationId;
  readonly setting: keyof Settings;
  readonly values: readonly (string | boolean)[];
}

/** Every switch, from the spec records. */
export const SWITCHES: readonly Switch[] = [
  ...ASSUMPTIONS.filter((a) => 'values' in a).map((a) => {
    const x = a as unknown as { id: AssumptionId; setting: keyof Settings; values: readonly { value: string | boolean }[] };
    return { id: x.id, setting: x.setting, values: x.values.map((v) => v.value) };
  }),
  ...INTERPRETATIONS.map((i) => ({ id: i.id, setting: i.setting as keyof Settings, values: i.values.map((v) => v.value) })),
];

/** The default settings: the first value of every switch. */
export const DEFAULT_SETTINGS: Settings = Object.freeze(Object.fromEntries(SWITCHES.map((s) => [s.setting, s.values[0]])) as unknown as Settings);

/** The settings with some switches changed. */
export function settingsWith(changes: Partial<Settings> = {}): Settings {
  return Object.freeze({ ...DEFAULT_SETTINGS, ...changes });
}

/** Every single-switch alternative to the defaults: one per non-default value of every switch. */
export function alternatives(): { readonly id: Switch['id']; readonly setting: keyof Settings; readonly value: string | boolean }[] {
  return SWITCHES.flatMap((s) => s.values.slice(1).map((value) => ({ id: s.id, setting: s.setting, value })));
}

/** The switch of a setting. */
export function switchOf(setting: keyof Settings): Switch {
  const s = SWITCHES.find((x) => x.setting === setting);
  if (!s) throw new Error(`no switch for setting ${setting}`);
  return s;
}
