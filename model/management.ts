/**
 * Management of long-term keys: commands, principals, roles and the facts of strong
 * authentication (@clause CM6). Shared by the device HSM and the Server-HSM machines.
 *
 * The protocol is challenge–response: a credential holder asks the store for a nonce
 * (`CHALLENGE`), the store issues one bound to that requester, the requester signs (op, slot,
 * nonce) with its credential and sends the command; the accepted command consumes the nonce. What the store then verifies (signature,
 * nonce, role) is a mechanism configured by CM6 (`model/mechanisms.ts`).
 * @module
 */
import type { SlotIndex } from './keys.ts';

/** Management operations on a long-term key slot. `read` asks for the key value (export). */
export const OPS = ['read', 'provision', 'replace', 'deprecate', 'delete'] as const;
/** A management operation. */
export type Op = (typeof OPS)[number];
/** Operations that modify a stored long-term key. */
export const MUTATIONS: readonly Op[] = ['provision', 'replace', 'deprecate', 'delete'];

/**
 * Who signs a command. `manager`: the legitimate key manager (device management entity, or
 * System Administrator on the Server-HSM). `insider`: holds a valid credential of a limited
 * role (auditor / maintenance engineer). `forger`: impersonates the manager with a credential
 * the store does not trust.
 */
export type Principal = 'manager' | 'insider' | 'forger';
/** Principals in the order their events are generated. */
export const PRINCIPALS: readonly Principal[] = ['manager', 'insider', 'forger'];
/** Who sends a command on the wire: a principal, or the attacker replaying a captured command. */
export type Sender = Principal | 'replayer';

/** Credentials the store trusts (CM6 verification keys). */
export const TRUSTED: ReadonlySet<Principal> = new Set(['manager', 'insider']);

/** Role-based authorisation: operations each credential's role permits. */
export const PERMITS: Readonly<Record<Principal, readonly Op[]>> = {
  manager: OPS,
  insider: ['read'],
  forger: OPS, // claims to be the manager; its credential is not trusted
};

/**
 * Credentials that request challenge nonces for themselves, in the order of a store's nonce
 * table (`StoreContext.pending`): the trusted ones. A forger claims to be the manager.
 */
export const REQUESTERS = ['manager', 'insider'] as const;
/** A credential a challenge nonce is requested for. */
export type Requester = (typeof REQUESTERS)[number];
/** Modifying commands the attacker holds copies of at once, by default (ASM-05, ASM-06). */
export const MAX_CAPTURES = 1;

/** A signed management command as it travels on the wire. */
export interface Command {
  readonly op: Op;
  readonly slot: SlotIndex;
  /** The nonce the signature covers; null when the store issued none. */
  readonly nonce: number | null;
  readonly signer: Principal;
}

/** What is true of a command, whatever the store decides to do with it. */
export interface CommandFacts {
  /** Signed with a credential the store trusts. */
  readonly trusted: boolean;
  /** Carries the outstanding nonce, never used before. */
  readonly fresh: boolean;
  /** The signer's role permits the operation. */
  readonly permitted: boolean;
  /** Sent by its signer (not replayed by someone else). */
  readonly genuine: boolean;
}

/** Facts of `cmd` sent by `sender` when `outstanding` is the nonce outstanding for its signer. */
export function commandFacts(cmd: Command, sender: Sender, outstanding: number | null): CommandFacts {
  return {
    trusted: TRUSTED.has(cmd.signer),
    fresh: cmd.nonce !== null && cmd.nonce === outstanding,
    permitted: PERMITS[cmd.signer].includes(cmd.op),
    genuine: sender === cmd.signer,
  };
}

/**
 * The command is what a legitimate principal intended: sent by its own signer (not forged, not
 * replayed), with a credential the store should trust, for an operation its role permits. This
 * is a fact about the command, whatever the store's mechanisms verify; the authentication
 * invariants require that only intended commands take effect.
 */
export function intended(f: CommandFacts): boolean {
  return f.genuine && f.trusted && f.permitted;
}
