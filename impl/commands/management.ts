/**
 * COMMAND (and a REPLAY, which is a command whose bytes were captured) — a management command
 * on a long-term key. The statechart's guards decide, in the model's words: the signature
 * verifies under a trusted management key and carries the outstanding nonce
 * (`cm6StrongAuth`), the signer's role permits the operation (`cm6Authorised`), and the
 * operation applies to the key's lifecycle (`commandApplies`). All three read one
 * verification, made once per call inside the backend. The refusal names the first failed
 * check in the order authentication, authorisation, lifecycle, so an unauthenticated sender
 * learns nothing about the keys. A key id that names no slot is answered in the same order:
 * an unauthenticated command for an unknown key id gets the same refusal as one for a known
 * key id (BAD_SIGNATURE or STALE_NONCE), so key ids cannot be enumerated before
 * authentication; only an authenticated sender learns UNKNOWN_KEY. The accepted command
 * consumes the nonce.
 * @clause CM6 @clause CM3 — REQ-CM6-01, REQ-CM6-02, REQ-CM6-03, REQ-CM6-04, REQ-CM3-01, REQ-CM3-02
 *
 * Errors: MALFORMED, WRONG_HSM (parsing); ZEROIZED; NOT_BOUND; BAD_SIGNATURE, STALE_NONCE;
 * UNKNOWN_KEY (authenticated only); FORBIDDEN; KEY_STATE; UNWRAP_FAILED.
 * @module
 */
import { applicable } from '../../model/effects.ts';
import { PERMITS, type Op } from '../../model/management.ts';
import type { AuthVerdict, KeyInfo, Role } from '../backend/types.ts';
import { hsmError, type HsmError } from '../errors.ts';
import { action, callOf, dispatch, guard, newCall, region, type ImplEvent, type Kernel } from '../kernel.ts';
import { parseEnvelope, toBeSigned, type Envelope } from '../wire/envelope.ts';
import { hostCheck } from './host-check.ts';
import { OPERATIONS } from './ops/index.ts';

/** Operations each role permits: the model's policy (`PERMITS`), so the two cannot drift. */
export const ROLE_PERMITS: Readonly<Record<Role, readonly Op[]>> = { manager: PERMITS.manager, auditor: PERMITS.insider };

/** What an accepted command returns: the operation, the key id and the key's public facts after it. */
export interface CommandResult {
  readonly op: Op;
  readonly keyId: string;
  readonly key: KeyInfo;
}

/** The concrete COMMAND event: the model's op and slot, plus the parsed envelope. */
type CommandEvent = ImplEvent & { readonly op: Op; readonly slot: number; readonly envelope: Envelope };

interface Verdict {
  readonly auth: AuthVerdict;
  /** The signature verifies under a key with the manager role (whatever the nonce). */
  readonly managerKey: boolean;
  readonly permitted: boolean;
  readonly applies: boolean;
}

function verdict(k: Kernel, e: CommandEvent): Verdict {
  const call = callOf(e);
  if (call.memo) return call.memo as Verdict;
  const env = e.envelope;
  const auth = k.backend.verifyCommand(toBeSigned(env), env.sig, env.signer, env.nonce);
  const permitted = auth.ok && ROLE_PERMITS[auth.role].includes(env.op);
  const life = k.backend.observe().keys.find((x) => x.keyId === env.key)!.life;
  const managerKey = (auth.ok || auth.code === 'STALE_NONCE') && auth.role === 'manager';
  const v: Verdict = { auth, managerKey, permitted, applies: applicable({ life, key: null }, env.op) };
  call.memo = v;
  return v;
}

/** Guards of COMMAND / REPLAY. */
export const managementGuards = {
  /** @clause CM6 — signed by a trusted management key over the outstanding, unused nonce. */
  cm6StrongAuth: guard<CommandEvent>((e, k) => verdict(k, e).auth.ok),
  /** @clause CM6 — the authenticated signer's role permits the operation. */
  cm6Authorised: guard<CommandEvent>((e, k) => verdict(k, e).permitted),
  /** The operation applies to the key's current lifecycle. */
  commandApplies: guard<CommandEvent>((e, k) => verdict(k, e).applies),
  /**
   * The model's refused manager command: signed under a manager key, for an operation that
   * applies, over a nonce that is not the one outstanding for it. The HSM changes nothing (the
   * model's step only makes the manager drop its nonce); the call fails with STALE_NONCE.
   */
  managerCommandRefused: guard<CommandEvent>((e, k) => {
    const v = verdict(k, e);
    return !v.auth.ok && v.auth.code === 'STALE_NONCE' && v.managerKey && v.applies;
  }),
};

/** Actions of COMMAND / REPLAY. */
export const managementActions = {
  /** Performs the operation in the backend, then consumes the nonce. */
  execute: action<CommandEvent>((e, k): CommandResult => {
    const env = e.envelope;
    OPERATIONS[env.op](k.backend, env);
    k.backend.consumeNonce(env.signer);
    return { op: env.op, keyId: env.key, key: k.backend.observe().keys.find((x) => x.keyId === env.key)! };
  }),
  /** The refused manager command: nothing changes, the call fails with the authentication refusal. */
  refuseCommand: action<CommandEvent>((e, k) => {
    throw refusal(k, e);
  }),
};

/** Submits a management command given as wire bytes. */
export function command(k: Kernel, bytes: unknown): CommandResult {
  const env = parseEnvelope(bytes);
  if (env.hsm !== k.backend.hsmId) throw hsmError('WRONG_HSM', 'the command is addressed to another HSM');
  hostCheck(k);
  const slot = k.backend.slots.findIndex((s) => s.keyId === env.key);
  if (slot < 0) throw unknownKey(k, env);
  const event: CommandEvent = { type: 'COMMAND', op: env.op, slot, envelope: env, call: newCall(k) };
  return dispatch(k, event, () => refusal(k, event)) as CommandResult;
}

/**
 * The refusal of a command whose key id names no slot, in the order a known key id is refused
 * (`dispatch`, then `refusal`): zeroized, not bound, not authenticated; UNKNOWN_KEY only for an
 * authenticated sender. Nothing is changed (the nonce is not consumed).
 */
function unknownKey(k: Kernel, env: Envelope): HsmError {
  if (k.backend.observe().zeroized) return hsmError('ZEROIZED', 'the HSM was zeroized after tampering; it refuses every use');
  if (region(k) !== 'inOwnDevice') return notBound();
  const auth = k.backend.verifyCommand(toBeSigned(env), env.sig, env.signer, env.nonce);
  if (!auth.ok) return authRefusal(auth.code);
  return hsmError('UNKNOWN_KEY', 'the command names no key slot of this HSM');
}

const notBound = () => hsmError('NOT_BOUND', 'the HSM is not in its own device: it accepts no management commands');

function authRefusal(code: 'BAD_SIGNATURE' | 'STALE_NONCE' | 'ZEROIZED'): HsmError {
  return code === 'BAD_SIGNATURE'
    ? hsmError('BAD_SIGNATURE', 'the signature does not verify under a trusted management key')
    : hsmError(code, 'the command does not carry the outstanding challenge nonce (stale, reused or none issued)');
}

function refusal(k: Kernel, e: CommandEvent): HsmError {
  if (region(k) !== 'inOwnDevice') return notBound();
  const v = verdict(k, e);
  if (!v.auth.ok) return authRefusal(v.auth.code);
  if (!v.permitted) return hsmError('FORBIDDEN', `the signer's role does not permit '${e.envelope.op}'`);
  return hsmError('KEY_STATE', `'${e.envelope.op}' does not apply to key '${e.envelope.key}' in its current lifecycle`);
}
