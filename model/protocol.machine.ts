/**
 * The management protocol of @clause CM6 under a network attacker: HSMs, legitimate managers,
 * their messages on the channel and the attacker, as one XState machine whose whole state is in
 * its context (`model/protocol.ts`: types, context and the pure effect functions).
 *
 * Sections: types → context → initial → transitions. Guards are named after what they enforce
 * and read the mechanisms (`context.mech`), never a countermeasure flag. Which events exist is
 * the attacker kind's alphabet (`protocolEvents` in `proofs/protocol.ts`); the channel events
 * only the network attacker has are also guarded here (`attackerControlsChannel`), so the
 * machine refuses them under the off-path attacker whatever it is sent.
 * @module
 */
import { and, assign, setup } from 'xstate';
import {
  addressAccepted,
  answerRequest,
  attackerChallenge,
  commandInFlight,
  copyOf,
  copyPresented,
  dropMessage,
  executeCommand,
  forgedCommand,
  initialProtocol,
  insiderCommand,
  keepCopy,
  nonceAccepted,
  reboot,
  refuseCommand,
  sendRequest,
  settle,
  signAndSend,
  signatureAccepted,
  takeResponse,
  type Presented,
  type ProtocolContext,
  type ProtocolEvent,
  type ProtocolInput,
} from './protocol.ts';

// ── types ────────────────────────────────────────────────────────────────────────────────
/** What a guard or an action receives. */
type Args = { context: ProtocolContext; event: ProtocolEvent };

// ── context: guards and actions ──────────────────────────────────────────────────────────
/** The manager an event names (the sender of the message it moves), or -1. */
function managerOf(e: ProtocolEvent): number {
  return 'manager' in e ? e.manager : -1;
}

/** The kind of message manager `m` has in flight, or null. */
function inFlight(ctx: ProtocolContext, m: number): string | null {
  return ctx.managers[m]?.msg?.kind ?? null;
}

/**
 * The command an event presents to an HSM, and the HSM it reaches: a manager's command
 * delivered (to its target) or redirected (elsewhere), a replayed copy, a forged command, the
 * insider's read. Null when the event presents none.
 */
export function presentedBy(ctx: ProtocolContext, e: ProtocolEvent): { cmd: Presented; at: number; from: number | null } | null {
  switch (e.type) {
    case 'DELIVER_COMMAND': {
      const cmd = commandInFlight(ctx, e.manager);
      return cmd && { cmd, at: cmd.target, from: e.manager };
    }
    case 'REDIRECT_COMMAND': {
      const cmd = commandInFlight(ctx, e.manager);
      return cmd && { cmd, at: e.hsm, from: e.manager };
    }
    case 'REPLAY': {
      const cmd = copyPresented(ctx, e.copy);
      return cmd && { cmd, at: e.hsm, from: null };
    }
    case 'FORGE':
      return { cmd: forgedCommand(ctx, e.hsm, e.as), at: e.hsm, from: null };
    case 'INSIDER_COMMAND':
      return ctx.insider ? { cmd: insiderCommand(ctx, e.hsm, e.over), at: e.hsm, from: null } : null;
    default:
      return null;
  }
}

/** An action applying an effect of `model/protocol.ts`; the nonces of the state after are renamed canonically (`settle`). */
const act = (effect: (args: Args) => Partial<ProtocolContext>) =>
  assign<ProtocolContext, ProtocolEvent, undefined, ProtocolEvent, never>((args: Args) => settle(args.context, effect(args)));

const machineSetup = setup({
  types: { context: {} as ProtocolContext, events: {} as ProtocolEvent, input: {} as ProtocolInput },
  guards: {
    /** A manager starts an exchange only when it has none under way. */
    managerIdle: ({ context, event }: Args) => context.managers[managerOf(event)]?.phase === 'idle',
    /** A manager signs only over a nonce it received and has not signed over yet (one command per nonce). */
    managerHoldsNonce: ({ context, event }: Args) => context.managers[managerOf(event)]?.phase === 'holding',
    /** The manager's request is on the channel. */
    requestInFlight: ({ context, event }: Args) => inFlight(context, managerOf(event)) === 'request',
    /** The manager's challenge response is on the channel. */
    responseInFlight: ({ context, event }: Args) => inFlight(context, managerOf(event)) === 'response',
    /** The manager's signed command is on the channel. */
    commandOnChannel: ({ context, event }: Args) => inFlight(context, managerOf(event)) === 'command',
    /** The manager has some message on the channel. */
    messageInFlight: ({ context, event }: Args) => inFlight(context, managerOf(event)) !== null,
    /** Only a man in the middle (the network attacker) drops or redirects legitimate messages. */
    attackerControlsChannel: ({ context }: Args) => context.attacker === 'network',
    /** A redirection goes somewhere other than the addressee (delivery to the addressee is `DELIVER_*`). */
    notToAddressee: ({ context, event }: Args) => {
      if (event.type === 'REDIRECT_RESPONSE') return event.to !== event.manager;
      if (event.type === 'REDIRECT_REQUEST' || event.type === 'REDIRECT_COMMAND') return event.hsm !== context.managers[event.manager]!.target;
      return false;
    },
    /** A response the attacker hands to a manager is taken only by a manager waiting for one. */
    recipientWaiting: ({ context, event }: Args) => event.type === 'RESPOND_AS' && context.managers[event.to]?.phase === 'waiting',
    /** Only an insider holds a trusted credential the attacker can sign with. */
    insiderPresent: ({ context }: Args) => context.insider,
    /** The attacker keeps a copy only of a content it has no copy of, within its capacity (evicting one copy when full). */
    copyRoom: ({ context, event }: Args) => {
      if (event.type !== 'CAPTURE') return false;
      const copy = copyOf(context, event.manager);
      if (!copy || context.copies.some((c) => c.signer === copy.signer && c.target === copy.target && c.nonce === copy.nonce)) return false;
      return event.evict === undefined
        ? context.copies.length < context.captures
        : context.copies.length === context.captures && event.evict < context.captures;
    },
    /** @clause CM6 — the command is signed by a trusted credential, where the HSM verifies signatures. */
    signatureTrusted: ({ context, event }: Args) => {
      const p = presentedBy(context, event);
      return p !== null && signatureAccepted(context, p.cmd);
    },
    /** @clause CM6 — the command is addressed (under the signature) to the HSM it reached, where the HSM id is signed. */
    addressedToThisHsm: ({ context, event }: Args) => {
      const p = presentedBy(context, event);
      return p !== null && addressAccepted(context, p.cmd, p.at);
    },
    /** @clause CM6 — the command carries the nonce outstanding for its signer (or the shared one), where nonces are checked. */
    nonceOutstandingForSigner: ({ context, event }: Args) => {
      const p = presentedBy(context, event);
      return p !== null && nonceAccepted(context, p.cmd, p.at);
    },
  },
  actions: {
    /** The manager asks its chosen HSM for a challenge. */
    sendRequest: act(({ context, event }: Args) => (event.type === 'REQUEST' ? sendRequest(context, event.manager, event.hsm) : {})),
    /** @clause CM6 — the request reaches an HSM (its addressee, or another the network chose), which answers it. */
    answerRequest: act(({ context, event }: Args) => {
      const m = managerOf(event);
      return answerRequest(context, m, event.type === 'REDIRECT_REQUEST' ? event.hsm : context.managers[m]!.target!);
    }),
    /** The response reaches a manager (its requester, or another the network chose). */
    takeResponse: act(({ context, event }: Args) => {
      const m = managerOf(event);
      return takeResponse(context, m, event.type === 'REDIRECT_RESPONSE' ? event.to : m);
    }),
    /** @clause CM6 — the manager signs one command over its nonce, sends it and forgets the nonce. */
    signAndSend: act(({ context, event }: Args) => signAndSend(context, managerOf(event))),
    /** @clause CM6 — the HSM executes the accepted command and consumes the nonce. */
    executeCommand: act(({ context, event }: Args) => {
      const p = presentedBy(context, event)!;
      return executeCommand(context, p.cmd, p.at, p.from);
    }),
    /** The HSM refuses the manager's command; the manager is idle again. */
    refuseCommand: act(({ context, event }: Args) => refuseCommand(context, managerOf(event))),
    /** The network attacker drops the manager's message. */
    dropMessage: act(({ context, event }: Args) => dropMessage(context, managerOf(event))),
    /** @clause CM6 — the attacker's own challenge request, claiming any requester (with `RESPOND_AS`, its answer handed to a waiting manager). */
    attackerChallenge: act(({ context, event }: Args) => {
      if (event.type === 'CHALLENGE_AS') return attackerChallenge(context, event.hsm, event.as, null);
      if (event.type === 'RESPOND_AS') return attackerChallenge(context, event.hsm, event.as, event.to);
      return {};
    }),
    /** The attacker keeps a copy of the manager's signed command. */
    keepCopy: act(({ context, event }: Args) => (event.type === 'CAPTURE' ? keepCopy(context, event.manager, event.evict) : {})),
    /** The HSM loses its outstanding nonces. */
    reboot: act(({ context, event }: Args) => (event.type === 'REBOOT' ? reboot(context, event.hsm) : {})),
  },
});

/** @clause CM6 — the HSM's acceptance test: signature, target and nonce, each where its mechanism checks it. */
const ACCEPTED = ['signatureTrusted', 'addressedToThisHsm', 'nonceOutstandingForSigner'] as const;

/** A manager's command reaching an HSM: executed if accepted, otherwise refused (either way it leaves the channel). */
const deliverCommand = (via: readonly ('commandOnChannel' | 'attackerControlsChannel' | 'notToAddressee')[]) =>
  [
    { guard: and([...via, ...ACCEPTED]), actions: 'executeCommand' },
    { guard: and([...via]), actions: 'refuseCommand' },
  ] as const;

// ── initial + transitions ────────────────────────────────────────────────────────────────
/** The CM6 management protocol machine; its input carries the mechanisms (built from the flags by the caller), the attacker and the sizes. */
export const protocolMachine = machineSetup.createMachine({
  id: 'cm6-protocol',
  context: ({ input }) => initialProtocol(input),
  on: {
    REQUEST: { guard: 'managerIdle', actions: 'sendRequest' },
    SIGN: { guard: 'managerHoldsNonce', actions: 'signAndSend' },
    DELIVER_REQUEST: { guard: 'requestInFlight', actions: 'answerRequest' },
    DELIVER_RESPONSE: { guard: 'responseInFlight', actions: 'takeResponse' },
    DELIVER_COMMAND: deliverCommand(['commandOnChannel']),
    REBOOT: { actions: 'reboot' },
    REDIRECT_REQUEST: { guard: and(['attackerControlsChannel', 'requestInFlight', 'notToAddressee']), actions: 'answerRequest' },
    REDIRECT_RESPONSE: { guard: and(['attackerControlsChannel', 'responseInFlight', 'notToAddressee']), actions: 'takeResponse' },
    REDIRECT_COMMAND: deliverCommand(['attackerControlsChannel', 'commandOnChannel', 'notToAddressee']),
    DROP: { guard: and(['attackerControlsChannel', 'messageInFlight']), actions: 'dropMessage' },
    RESPOND_AS: { guard: and(['attackerControlsChannel', 'recipientWaiting']), actions: 'attackerChallenge' },
    CHALLENGE_AS: { actions: 'attackerChallenge' },
    CAPTURE: { guard: 'copyRoom', actions: 'keepCopy' },
    REPLAY: { guard: and([...ACCEPTED]), actions: 'executeCommand' },
    FORGE: { guard: and([...ACCEPTED]), actions: 'executeCommand' },
    INSIDER_COMMAND: { guard: and(['insiderPresent', ...ACCEPTED]), actions: 'executeCommand' },
  },
});

/** The protocol machine's type. */
export type ProtocolMachine = typeof protocolMachine;
