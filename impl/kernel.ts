/**
 * The runtime core shared by every command: what one HSM instance is made of (scope, backend,
 * physical surroundings, log, the running statechart actor), the per-call record that the
 * provided guards and actions fill in, and `dispatch`, which sends one event to the statechart
 * and turns the outcome into a result or a typed error.
 *
 * A call is accepted when one of the implementation's actions ran or the state value changed;
 * otherwise the statechart refused it and the command's `explain` names the reason.
 * @module
 */
import type { Actor, AnyStateMachine, EventObject } from 'xstate';
import { valueKey } from '../model/store.ts';
import type { HsmBackend } from './backend/types.ts';
import { HsmError, hsmError } from './errors.ts';
import type { Device, Socket } from './world/device.ts';

/** A device HSM (bound to an M2M Device / Gateway) or a Server-HSM (infrastructure equipment). */
export type Scope = 'device' | 'server';

/** One HSM instance. */
export interface Kernel {
  readonly scope: Scope;
  readonly backend: HsmBackend;
  /** Where a device HSM physically sits (null for a Server-HSM). */
  readonly socket: Socket | null;
  /** The device a device HSM was bound to at manufacture (null for a Server-HSM). */
  readonly home: Device | null;
  /** Audit log: one line per call, never key material. */
  readonly log: (line: string) => void;
  /** The running statechart (set once, right after the kernel is built). */
  actor: Actor<AnyStateMachine>;
}

/** What guards and actions record about one call. */
export interface Call {
  /** The HSM instance the call is for (the implementation machine is shared by all instances). */
  readonly k: Kernel;
  /** Set by the action that performed the call. */
  result: unknown;
  /** An action ran. */
  ran: boolean;
  /** An action failed after the statechart accepted the event (nothing was changed). */
  failure: unknown;
  /** An unexpected error thrown by a guard (a defect, rethrown). */
  guardFault: unknown;
  /** Memoised verification of a management command (see `commands/management.ts`). */
  memo: unknown;
}

/** A fresh call record for an event to `k`. */
export function newCall(k: Kernel): Call {
  return { k, result: undefined, ran: false, failure: null, guardFault: null, memo: undefined };
}

/** An event as the implementation sends it: the model's event type, its payload, and the call record. */
export type ImplEvent = EventObject & { readonly call: Call };

/** Reads the call record of an event. */
export function callOf(event: unknown): Call {
  return (event as ImplEvent).call;
}

/** Wraps a guard: it never throws into the statechart (XState would stop the actor). */
export function guard<E extends ImplEvent>(f: (e: E, k: Kernel) => boolean): (a: { event: unknown }) => boolean {
  return ({ event }) => {
    try {
      return f(event as E, callOf(event).k);
    } catch (err) {
      const call = callOf(event);
      if (call && !(err instanceof HsmError)) call.guardFault ??= err;
      return false;
    }
  };
}

/** Wraps an action: it records its result, or its failure, on the call. `params` are the model's action parameters. */
export function action<E extends ImplEvent, P = unknown>(f: (e: E, k: Kernel, params: P) => unknown): (a: { event: unknown }, params: unknown) => void {
  return ({ event }, params) => {
    const call = callOf(event);
    try {
      const r = f(event as E, call.k, params as P);
      if (call) {
        call.result = r;
        call.ran = true;
      }
    } catch (err) {
      if (call) call.failure = err;
    }
  };
}

/** The statechart's current state value. */
export function stateValue(k: Kernel): Record<string, string> {
  return k.actor.getSnapshot().value as Record<string, string>;
}

/** The states of the device model's `hsm` region. */
export type Region = 'inOwnDevice' | 'removed' | 'elsewhere' | 'counterfeitFitted';

/** Where the statechart believes the device HSM is (`inOwnDevice` for a Server-HSM); `counterfeitFitted`: an attacker-made HSM took its place. */
export function region(k: Kernel): Region {
  return (stateValue(k).hsm ?? 'inOwnDevice') as Region;
}

/** True while a Sensitive Function runs. */
export function sfRunning(k: Kernel): boolean {
  return stateValue(k).sf === 'running';
}

/** Sends `event`; returns the action's result if accepted, else throws the typed refusal. */
export function dispatch(k: Kernel, event: ImplEvent, explain: () => HsmError): unknown {
  const before = valueKey(k.actor.getSnapshot().value);
  k.actor.send(event);
  const snap = k.actor.getSnapshot();
  if (snap.status !== 'active') throw new Error('internal error: the HSM statechart stopped');
  const call = event.call;
  if (call.guardFault) throw call.guardFault;
  if (call.failure) {
    const err = k.backend.observe().zeroized ? zeroized() : call.failure;
    k.log(`${k.backend.hsmId} ${event.type}: failed ${code(err)}`);
    throw err;
  }
  if (call.ran || valueKey(snap.value) !== before) {
    k.log(`${k.backend.hsmId} ${event.type}: accepted`);
    return call.result;
  }
  const err = k.backend.observe().zeroized ? zeroized() : explain();
  k.log(`${k.backend.hsmId} ${event.type}: refused ${err.code}`);
  throw err;
}

function zeroized(): HsmError {
  return hsmError('ZEROIZED', 'the HSM was zeroized after tampering; it refuses every use');
}

function code(e: unknown): string {
  return e instanceof HsmError ? e.code : 'internal error';
}
