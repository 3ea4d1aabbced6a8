/**
 * Deliberately broken model variants: each removes or weakens one mechanism with
 * `machine.provide`, and names the invariant or threat goal that must then fail with all
 * countermeasures in force. They show the checks are not vacuous: if a variant passed, the
 * property it targets would be checking nothing.
 * @module
 */
import { assign, createMachine, type AnyStateMachine } from 'xstate';
import { deviceMachine } from '../model/device.machine.ts';
import { serverMachine } from '../model/server.machine.ts';
import { executeCommand, probeHsm, startSensitiveFunction } from '../model/effects.ts';
import { mechanismsWith } from '../model/mechanisms.ts';
import { settingsWith, type Settings } from '../model/settings.ts';
import { commandFacts } from '../model/management.ts';
import { commandOf } from '../model/guards.ts';
import type { ProfileId } from '../model/config.ts';
import { outstandingFor, type StoreContext } from '../model/store.ts';
import type { DeviceEvent } from '../model/events.ts';
import type { ModelId } from './subjects.ts';

/** A broken variant and what must catch it. */
export interface Variant {
  readonly id: string;
  readonly model: ModelId;
  readonly description: string;
  /** The attacker profile under which it is caught. */
  readonly profile: ProfileId;
  /** Invariant IDs that must be violated and threat IDs that must become reachable. */
  readonly caughtBy: readonly string[];
  readonly machine: AnyStateMachine;
}

type Args = { context: StoreContext; event: DeviceEvent };
/** `context` with one mechanism broken. */
const broken = (context: StoreContext, overrides: Parameters<typeof mechanismsWith>[1]): StoreContext => ({
  ...context,
  mech: mechanismsWith(context.mech, overrides),
});

/** `execute` on an interface that exports keys on read (the CM3 mechanism missing). */
const revealingExecute = assign(({ context, event }: Args) => {
  const c = commandOf(context, event)!;
  return executeCommand(broken(context, { readExportsKey: true }), c.cmd, c.sender, c.capture);
});
/** `startSf` running on the host (the CM4 mechanism missing): the key is loaded into general-purpose memory. */
const leakySf = assign(({ context, event }: Args, params: { foreign: boolean; counterfeit?: boolean } | undefined) =>
  event.type === 'SF_START'
    ? startSensitiveFunction(broken(context, { sfExecution: 'host' }), event.slot, params?.foreign ?? false, params?.counterfeit ?? false)
    : {},
);
/** `probeHsm` on an HSM rated below the attacker's potential (a weak HSM). */
const weakHsmProbe = assign(({ context }: Args) => probeHsm(broken(context, { hsmRating: 'basic' })));
/** Strong authentication that forgets to check the nonce (replays pass). */
const noFreshness = ({ context, event }: Args) => {
  const c = commandOf(context, event);
  return c !== null && commandFacts(c.cmd, c.sender, outstandingFor(context, c.cmd.signer)).trusted;
};

/**
 * The settings the variants are checked under: the defaults, except that fail-secure
 * zeroization is not counted as a deletion (ASM-10), the one reading under which the unbroken
 * model with all countermeasures reaches no threat at all, so any threat a variant reaches is
 * the broken mechanism's doing.
 */
export const VARIANT_SETTINGS: Settings = settingsWith({ zeroization: 'not-deletion' });

/** The broken variants. */
export const VARIANTS: readonly Variant[] = [
  {
    id: 'BROKEN-CM3-DEVICE',
    model: 'device',
    profile: 'insider',
    caughtBy: ['INV-NO-KEY-EXPORT', 'T1'],
    description: 'the device HSM answers key reads with the key value (CM3 ignored)',
    machine: deviceMachine.provide({ actions: { execute: revealingExecute as never } }),
  },
  {
    id: 'BROKEN-CM4-DEVICE',
    model: 'device',
    profile: 'remote',
    caughtBy: ['INV-SF-INSIDE-HSM', 'T6'],
    description: 'the device runs Sensitive Functions outside the HSM (CM4 ignored)',
    machine: deviceMachine.provide({ actions: { startSf: leakySf as never } }),
  },
  {
    id: 'BROKEN-NONCE-DEVICE',
    model: 'device',
    profile: 'remote',
    caughtBy: ['INV-AUTH-MUTATION', 'T2'],
    description: 'the device HSM verifies signatures but not nonce freshness (captured commands replay)',
    machine: deviceMachine.provide({ guards: { cm6StrongAuth: noFreshness as never } }),
  },
  {
    id: 'BROKEN-AUTHZ-DEVICE',
    model: 'device',
    profile: 'insider',
    caughtBy: ['INV-AUTH-MUTATION', 'T3'],
    description: 'the device HSM authenticates but does not authorise (any trusted role may modify keys)',
    machine: deviceMachine.provide({ guards: { cm6Authorised: () => true } }),
  },
  {
    id: 'BROKEN-AUTHN-DEVICE',
    model: 'device',
    profile: 'remote',
    caughtBy: ['INV-AUTH-ACCESS', 'INV-AUTH-MUTATION', 'T2', 'T3'],
    description: 'the device HSM accepts any credential (no strong authentication)',
    machine: deviceMachine.provide({ guards: { cm6StrongAuth: () => true } }),
  },
  {
    id: 'BROKEN-PHYSICAL-BINDING',
    model: 'device',
    profile: 'physical',
    caughtBy: ['INV-BINDING-PHYSICAL', 'T2', 'T3'],
    description: 'the HSM can be removed from its device (physical binding of CM5 missing)',
    machine: deviceMachine.provide({ guards: { cm5BoundToDevice: () => false } }),
  },
  {
    id: 'BROKEN-BINDING',
    model: 'device',
    profile: 'physical',
    caughtBy: ['INV-BINDING-LOGICAL', 'INV-BINDING-PHYSICAL'],
    description: 'the HSM can be removed and works in another device (CM5 missing entirely)',
    machine: deviceMachine.provide({ guards: { cm5BoundToDevice: () => false, cm5PairingProved: () => true } }),
  },
  {
    id: 'BROKEN-BINDING-AT-USE',
    model: 'device',
    profile: 'physical',
    caughtBy: ['INV-BINDING-LOGICAL', 'T3'],
    description:
      'the HSM can be removed, and the binding is checked when a Sensitive Function starts but not at each use of its key: a function started at home goes on in another device, or with an attacker-made HSM (ASM-15)',
    machine: deviceMachine.provide({ guards: { cm5BoundToDevice: () => false, cm5UseAccepted: () => true } }),
  },
  {
    id: 'BROKEN-HSM-RATING',
    model: 'device',
    profile: 'physical',
    caughtBy: ['INV-NO-KEY-EXPORT', 'T1'],
    description: 'the HSM resists only basic attack potential (its tamper resistance below the attacker’s potential)',
    machine: deviceMachine.provide({ actions: { probeHsm: weakHsmProbe as never } }),
  },
  {
    id: 'BROKEN-CM3-SERVER',
    model: 'server',
    profile: 'insider',
    caughtBy: ['INV-NO-KEY-EXPORT', 'T4'],
    description: 'the Server-HSM answers key reads with the key value (CM3 ignored)',
    machine: serverMachine.provide({ actions: { execute: revealingExecute as never } }),
  },
  {
    id: 'BROKEN-CM4-SERVER',
    model: 'server',
    profile: 'physical',
    caughtBy: ['INV-SF-INSIDE-HSM', 'T4'],
    description: 'the server runs Sensitive Functions outside the Server-HSM (CM4 ignored)',
    machine: serverMachine.provide({ actions: { startSf: leakySf as never } }),
  },
  {
    id: 'BROKEN-AUTHN-SERVER',
    model: 'server',
    profile: 'remote',
    caughtBy: ['INV-AUTH-ACCESS', 'INV-AUTH-MUTATION', 'T5'],
    description: 'the Server-HSM accepts a forged System Administrator credential',
    machine: serverMachine.provide({ guards: { cm6StrongAuth: () => true } }),
  },
];

/**
 * `machine` with some of its store's mechanisms replaced in every context it starts from (one
 * replaced `Mechanisms` per input object, so a codec may keep it as a constant).
 */
export function withMechanisms(machine: AnyStateMachine, overrides: Parameters<typeof mechanismsWith>[1]): AnyStateMachine {
  const made = new WeakMap<object, StoreContext>();
  const base = machine.config.context as (args: { input: object }) => StoreContext;
  const context = (args: { input: object }) => {
    let c = made.get(args.input);
    if (!c) {
      c = broken(base(args), overrides);
      made.set(args.input, c);
    }
    return c;
  };
  return createMachine({ ...machine.config, context } as never, machine.implementations as never) as unknown as AnyStateMachine;
}

/** A broken nonce mechanism: a variant whose machine is the model's with `overrides` in place of its mechanisms. */
export interface AvailabilityVariant extends Variant {
  readonly overrides: Parameters<typeof mechanismsWith>[1];
}

/**
 * Broken variants of the management protocol's nonce handling, caught by the availability
 * goals (`proofs/availability.ts`) with all countermeasures under `VARIANT_SETTINGS`: each
 * replaces one mechanism of CM6 and must let the attacker lock the manager out.
 */
export const AVAILABILITY_VARIANTS: readonly AvailabilityVariant[] = (
  [
    {
      id: 'BROKEN-NONCE-REPLACED-DEVICE',
      model: 'device',
      profile: 'remote',
      caughtBy: ['T2-AV-LOCKOUT'],
      description: 'a challenge request replaces the outstanding nonce: the attacker asks for one between the manager’s request and its command',
      overrides: { challengeReplaces: true },
    },
    {
      id: 'BROKEN-NONCE-SHARED-DEVICE',
      model: 'device',
      profile: 'insider',
      caughtBy: ['T2-AV-LOCKOUT'],
      description: 'one nonce for every credential (not bound to the requester): the insider’s reads consume the manager’s nonce',
      overrides: { nonceScope: 'shared' },
    },
    {
      id: 'BROKEN-NONCE-REPLACED-SERVER',
      model: 'server',
      profile: 'remote',
      caughtBy: ['T5-AV-LOCKOUT'],
      description: 'a challenge request replaces the Server-HSM’s outstanding nonce',
      overrides: { challengeReplaces: true },
    },
  ] as const satisfies readonly Omit<AvailabilityVariant, 'machine'>[]
).map((v) => ({ ...v, machine: withMechanisms(v.model === 'device' ? deviceMachine : serverMachine, v.overrides) }));
