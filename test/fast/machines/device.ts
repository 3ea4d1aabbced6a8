/**
 * Test machine "device": a resettable device that an attacker can lock. The owner unlocks it
 * with its PIN (0), may set the PIN back to 0 while unlocked, and may reset it (unlocked, PIN
 * 0, lock count 0); the attacker may lock it while unlocked (a lock count saturating at 2) and
 * overwrite the PIN with 1 at any time.
 *
 * Fixed (`resetWhileLocked: true`): reset works in every state, so the owner can always get the
 * device unlocked. Flawed: reset works only while unlocked, so once the attacker has locked the
 * device and overwritten the PIN, the lock is permanent.
 * @module
 */
import { assign, setup } from 'xstate';
import type { FastSubject } from '../../../proofs/fast/types.ts';

/** Who sends an event. */
export type Party = 'owner' | 'attacker';

/** Context of the device. */
export interface DeviceContext {
  /** The PIN that unlocks the device (the owner knows 0). */
  readonly pin: number;
  /** Locks by the attacker, saturating at 2. */
  readonly locks: number;
}

/** Events of the device. */
export type DeviceEvent =
  | { type: 'unlock'; by: 'owner'; pin: number }
  | { type: 'setPin'; by: Party; pin: number }
  | { type: 'reset'; by: 'owner' }
  | { type: 'lock'; by: 'attacker' };

/** The device; with `resetWhileLocked`, reset is handled at the root (every state). */
export function deviceMachine(resetWhileLocked: boolean) {
  const reset = { target: '.unlocked', actions: 'factoryReset' } as const;
  return setup({
    types: {} as { context: DeviceContext; events: DeviceEvent },
    guards: {
      pinMatches: ({ context, event }) => 'pin' in event && event.pin === context.pin,
      byAttacker: ({ event }) => event.by === 'attacker',
    },
    actions: {
      factoryReset: assign({ pin: 0, locks: 0 }),
      writePin: assign({ pin: ({ context, event }) => ('pin' in event ? event.pin : context.pin) }),
      countLock: assign({ locks: ({ context }) => Math.min(context.locks + 1, 2) }),
    },
  }).createMachine({
    id: resetWhileLocked ? 'device' : 'device-flawed',
    context: { pin: 0, locks: 0 },
    initial: 'unlocked',
    on: {
      setPin: { guard: 'byAttacker', actions: 'writePin' },
      ...(resetWhileLocked ? { reset } : {}),
    },
    states: {
      unlocked: {
        on: {
          lock: { target: 'locked', actions: 'countLock' },
          setPin: { actions: 'writePin' },
          ...(resetWhileLocked ? {} : { reset: { target: 'unlocked', reenter: true, actions: 'factoryReset' } }),
        },
      },
      locked: { on: { unlock: { guard: 'pinMatches', target: 'unlocked' } } },
    },
  });
}

/** Every event of the device. */
export const DEVICE_EVENTS: readonly DeviceEvent[] = [
  { type: 'unlock', by: 'owner', pin: 0 },
  { type: 'setPin', by: 'owner', pin: 0 },
  { type: 'reset', by: 'owner' },
  { type: 'lock', by: 'attacker' },
  { type: 'setPin', by: 'attacker', pin: 1 },
];

/** The device as a subject (no invariants: it is checked for always-possible unlocking). */
export function deviceSubject(resetWhileLocked: boolean): FastSubject<ReturnType<typeof deviceMachine>, DeviceEvent> {
  return { machine: deviceMachine(resetWhileLocked), events: () => DEVICE_EVENTS, invariants: [] };
}
