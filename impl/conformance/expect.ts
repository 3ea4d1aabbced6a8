/**
 * What a test expects, read from the model: the abstract observable state of a model snapshot,
 * and the typed error an implementation must give for an event the model refuses (under every
 * countermeasure), with the checks in the implementation's order: binding, authentication
 * (signature, then nonce), authorisation, lifecycle.
 * @module
 */
import { commandOf } from '../../model/guards.ts';
import { applicable } from '../../model/effects.ts';
import { commandFacts } from '../../model/management.ts';
import type { DeviceEvent } from '../../model/events.ts';
import { outstandingFor, type StoreContext } from '../../model/store.ts';
import type { Snap } from '../../proofs/types.ts';
import type { HsmErrorCode } from '../errors.ts';
import type { AbstractState } from './types.ts';

/** The abstract state of a model snapshot; `discovered` is the step fact of the step that led to it. */
export function abstractState(model: 'device' | 'server', s: Snap): AbstractState {
  const c = s.context as StoreContext;
  const v = s.value as { hsm?: AbstractState['hsm']; sf: AbstractState['sf'] };
  return {
    keys: c.slots.map((k) => ({ life: k.life, key: k.key })),
    challenge: c.pending.some((n) => n !== null),
    sf: v.sf,
    ...(model === 'device' ? { hsm: v.hsm!, counterfeit: c.counterfeit } : {}),
    discovered: c.ghost.discoveredStored || c.ghost.discoveredInUse,
  };
}

/** The error an implementation must return for `e`, refused by the model in `s`. */
export function expectedRefusal(s: Snap, e: DeviceEvent): HsmErrorCode {
  const c = s.context as StoreContext;
  const v = s.value as { hsm?: string; sf: string };
  const where = v.hsm ?? 'inOwnDevice';
  switch (e.type) {
    case 'CHALLENGE':
      return 'NOT_BOUND';
    case 'COMMAND':
    case 'REPLAY': {
      if (where !== 'inOwnDevice') return 'NOT_BOUND';
      const cmd = commandOf(c, e)!;
      const f = commandFacts(cmd.cmd, cmd.sender, outstandingFor(c, cmd.cmd.signer));
      if (!f.trusted) return 'BAD_SIGNATURE';
      if (!f.fresh) return 'STALE_NONCE';
      if (!f.permitted) return 'FORBIDDEN';
      if (!applicable(c.slots[cmd.cmd.slot]!, cmd.cmd.op)) return 'KEY_STATE';
      throw new Error(`the model refuses ${JSON.stringify(e)} for no reason the implementation can name`);
    }
    case 'SF_START':
      if (where !== 'inOwnDevice') return 'NOT_BOUND';
      return v.sf === 'running' ? 'BUSY' : 'KEY_STATE';
    case 'SF_USE':
      if (where !== 'inOwnDevice') return 'NOT_BOUND';
      return v.sf === 'running' ? 'KEY_STATE' : 'NO_SESSION';
    case 'SF_END':
    case 'SIDE_CHANNEL':
      return 'NO_SESSION';
    case 'MEMORY_WRITE':
      return 'NOT_EXPOSED';
    case 'REMOVE_HSM':
      if (where === 'removed' || where === 'counterfeitFitted') return 'NOT_BOUND';
      return 'BOUND_TO_DEVICE';
    case 'INSERT_ELSEWHERE':
    case 'REINSERT':
    case 'REPLACE_HSM':
      return 'BOUND_TO_DEVICE';
    default:
      throw new Error(`the model never refuses ${e.type} under the implementation's configuration`);
  }
}
