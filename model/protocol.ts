/**
 * The management protocol of @clause CM6 as an explored model of its own: several HSMs, several
 * legitimate managers and a network attacker, with the challenge–response exchange spelled out
 * message by message. This module holds the types, the initial context and the pure functions
 * the machine's actions apply (`model/protocol.machine.ts`); properties, subjects and broken
 * variants are in `proofs/protocol.ts`.
 *
 * The protocol. Manager m asks HSM h for a challenge (the request and the response travel
 * unauthenticated); it signs one command for h over the nonce it received, forgets the nonce,
 * and sends the command; h accepts it iff, per its mechanisms (`context.mech`, never a
 * countermeasure flag): the signature is by a trusted credential (`verifiesSignature`); the
 * signed target is h (`bindsHsmId`); the nonce is the one outstanding for the signer
 * (`nonceScope: 'requester'`) or the single shared one (`'shared'`), when nonces are checked
 * (`checksNonce`). An accepted command consumes its nonce. A challenge request either always
 * issues a fresh nonce replacing the outstanding one (`challengeReplaces`) or, while one is
 * outstanding, is answered with that same nonce and changes nothing. `REBOOT h` erases h's
 * volatile state (its outstanding nonces). An HSM that checks no nonce keeps none: it answers
 * every request with a fresh nonce it does not store.
 *
 * Nonces ({@link NONCE_ASSUMPTION}). Nonces are 128-bit random values, so they never repeat.
 * The model compares them only for equality (no order, no arithmetic), which makes the system
 * data-independent in the nonce values: any bijective renaming of nonce values maps runs to
 * runs. A fresh nonce only has to differ from every nonce that can still be compared with it,
 * that is from every value still referenced somewhere in the state (outstanding tables,
 * messages in flight, nonces the managers hold, the attacker's copies); a value referenced
 * nowhere can never be compared again. {@link freshNonce} therefore takes the lowest value not
 * referenced anywhere in the state. The abstraction is exact (a bisimulation with the system
 * of never-repeating random nonces, keeping every property that does not name nonce values),
 * and no value exceeds the number of places a nonce can be held, so the state space is finite
 * without any bound on how many nonces are issued. For the same reason the machine keeps the
 * nonces of every state renamed canonically ({@link renameNonces}: 0..k-1 for its k distinct
 * nonces), so that states differing only in nonce values are one state.
 *
 * Command identity. A command is its signed content (signer, intended target, nonce); a
 * manager signs a content again only when it received the same outstanding nonce again (a
 * retry of the same request), and then means the same command. Each in-flight command and
 * each copy carries a ghost bit `done`: set on every reference to a content when that content
 * is executed, so a second execution (a replay) is recognised. Once a content is executed its
 * nonce is consumed (or, unchecked, was never stored), so no manager can sign it again.
 * @module
 */
import type { Mechanisms } from './mechanisms.ts';

// ── types ────────────────────────────────────────────────────────────────────────────────

/**
 * The assumption the nonce abstraction rests on. It is a modelling assumption of this protocol
 * model (not of `spec/`): the result of `verifyProtocol` reports it.
 */
export const NONCE_ASSUMPTION = {
  id: 'PROTO-NONCE-128',
  statement:
    'Challenge nonces are 128-bit values drawn uniformly at random, so they never repeat (the chance of any repetition among q nonces is at most q²/2^129) and cannot be guessed; the model compares nonces only for equality.',
  abstraction:
    'Exact finite abstraction by data independence: a fresh nonce is the lowest value not referenced anywhere in the state (outstanding tables, messages in flight, nonces held by managers, the attacker’s copies). Values are compared only for equality and a value referenced nowhere can never be compared again, so reusing it is indistinguishable from a never-repeating random nonce; the state space is finite with no bound on the number of nonces issued. By the same data independence every state keeps its nonces renamed canonically (0..k-1 for its k distinct nonces), so states differing only in nonce values are one state.',
} as const;

/** The attacker kinds explored. */
export const ATTACKER_KINDS = ['network', 'off-path'] as const;
/**
 * Who attacks. `network`: a man in the middle on the management channel (location
 * `management-channel`): it reads everything, keeps copies of signed commands, delivers any
 * message in flight to any HSM or manager or drops it, replays copies and sends challenge
 * requests claiming any requester. `off-path`: it sees messages, keeps copies, replays them and
 * sends its own challenge requests, but legitimate messages reach their addressee.
 */
export type AttackerKind = (typeof ATTACKER_KINDS)[number];

/** What a manager is doing: nothing; waiting for a challenge; holding a nonce; waiting for its command to be delivered. */
export const PHASES = ['idle', 'waiting', 'holding', 'sent'] as const;
/** A manager's phase. */
export type Phase = (typeof PHASES)[number];

/** The kinds of a manager's messages. */
export const MESSAGE_KINDS = ['request', 'response', 'command'] as const;
/** A kind of message. */
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * A manager's message in flight (at most one per manager; its sender and addressee follow from
 * the manager's slot and target). A request goes to the manager's target HSM; a response
 * carries a nonce back to the manager; a command, signed by the manager over (target, nonce),
 * goes to its target.
 */
export interface Message {
  readonly kind: MessageKind;
  /** The nonce a response or command carries (null for a request). */
  readonly nonce: number | null;
  /** Ghost (commands): this command's content was already executed somewhere. */
  readonly done: boolean;
}

/** One legitimate manager. */
export interface ManagerState {
  readonly phase: Phase;
  /** The HSM it means to manage (null when idle). */
  readonly target: number | null;
  /** The nonce it received and has not signed over yet (holding only). */
  readonly held: number | null;
  /** Its message in flight, if any (a stale request or response may still fly while it holds a nonce). */
  readonly msg: Message | null;
}

/** A copy of a manager's signed command, kept by the attacker. */
export interface Copy {
  readonly signer: number;
  /** The HSM the signer intended. */
  readonly target: number;
  readonly nonce: number;
  /** Ghost: the content was already executed. */
  readonly done: boolean;
}

/** Facts of the step that led to a state (ghost variables, replaced by every step; see `model/store.ts`). */
export interface ProtocolGhost {
  /**
   * An HSM executed a command its signer did not intend for that HSM (redirected or forged), or
   * one already executed once (replayed). @clause CM6
   */
  readonly unintended: boolean;
  /** Per manager: its command was executed, once, at the HSM it intended (the manager succeeded). */
  readonly managed: readonly boolean[];
}

/** Context of the protocol machine. */
export interface ProtocolContext {
  /** The HSMs' mechanisms (constant; @clause CM6). */
  readonly mech: Mechanisms;
  /** Who attacks (constant). */
  readonly attacker: AttackerKind;
  /** A trusted read-only credential in the attacker's hands (constant). */
  readonly insider: boolean;
  /** Copies of signed commands the attacker keeps at once (constant). */
  readonly captures: number;
  /**
   * Per HSM, the outstanding nonces: one column per requester (managers, then the insider) under
   * `nonceScope: 'requester'`, a single shared column under `'shared'`; null when none.
   */
  readonly outstanding: readonly (readonly (number | null)[])[];
  readonly managers: readonly ManagerState[];
  /** The attacker's copies of signed commands, sorted (a set; at most `captures`). */
  readonly copies: readonly Copy[];
  readonly ghost: ProtocolGhost;
}

/**
 * Input of the protocol machine. The mechanisms are built by the caller from the countermeasure
 * flags (`new Mechanisms(flags, 'device', DEFAULT_SETTINGS)`, one mechanism replaced with
 * `mechanismsWith` for a broken variant; see `proofs/protocol.ts`), so this model, like the
 * other machines, never sees a flag.
 */
export interface ProtocolInput {
  /** The HSMs' mechanisms (@clause CM6; constant: a codec keeps the object itself). */
  readonly mech: Mechanisms;
  readonly attacker: AttackerKind;
  /** HSMs (default 2). */
  readonly hsms?: number;
  /** Legitimate managers, all trusted by every HSM (default 2). */
  readonly managers?: number;
  /** Add a trusted read-only credential held by the attacker (default false). */
  readonly insider?: boolean;
  /** Copies of signed commands the attacker keeps (default 1). */
  readonly captures?: number;
}

/**
 * Events. Managers: `REQUEST`, `SIGN`. The channel, faithfully: `DELIVER_*` (a message reaches
 * its addressee; for requests and commands the HSM answers at once). The environment:
 * `REBOOT`. The attacker, both kinds: `CHALLENGE_AS` (its own request claiming requester `as`,
 * answered on the spot), `CAPTURE` (keep a copy of a command in flight; `evict` names the copy
 * dropped when full), `REPLAY` (send copy `copy` to HSM `hsm`), `FORGE` (a command signed with
 * its own untrusted key, claiming to be `as`, over the nonce outstanding for `as`),
 * `INSIDER_COMMAND` (with the insider: a read signed with the insider's credential over the
 * nonce outstanding for `over`). The network attacker only: `REDIRECT_*` (deliver to another
 * HSM or manager), `DROP`, `RESPOND_AS` (answer waiting manager `to` with the response to its
 * own request at `hsm` claiming `as`). Requester indices: managers 0..M-1, the insider M.
 */
export type ProtocolEvent =
  | { readonly type: 'REQUEST'; readonly manager: number; readonly hsm: number }
  | { readonly type: 'SIGN'; readonly manager: number }
  | { readonly type: 'DELIVER_REQUEST'; readonly manager: number }
  | { readonly type: 'DELIVER_RESPONSE'; readonly manager: number }
  | { readonly type: 'DELIVER_COMMAND'; readonly manager: number }
  | { readonly type: 'REBOOT'; readonly hsm: number }
  | { readonly type: 'REDIRECT_REQUEST'; readonly manager: number; readonly hsm: number }
  | { readonly type: 'REDIRECT_RESPONSE'; readonly manager: number; readonly to: number }
  | { readonly type: 'REDIRECT_COMMAND'; readonly manager: number; readonly hsm: number }
  | { readonly type: 'DROP'; readonly manager: number }
  | { readonly type: 'RESPOND_AS'; readonly hsm: number; readonly as: number; readonly to: number }
  | { readonly type: 'CHALLENGE_AS'; readonly hsm: number; readonly as: number }
  | { readonly type: 'CAPTURE'; readonly manager: number; readonly evict?: number }
  | { readonly type: 'REPLAY'; readonly copy: number; readonly hsm: number }
  | { readonly type: 'FORGE'; readonly hsm: number; readonly as: number }
  | { readonly type: 'INSIDER_COMMAND'; readonly hsm: number; readonly over: number };

/** A command as an HSM receives it (not stored: derived from the event and the state). */
export interface Presented {
  /** Who signed: a manager's index, the insider, or the attacker's own untrusted key. */
  readonly signer: number | 'insider' | 'forger';
  /** The requester whose outstanding nonce the HSM looks up (the signer, or whom the forger claims to be). */
  readonly requester: number;
  /** The HSM its signer intended (signed when `bindsHsmId`). */
  readonly target: number;
  readonly nonce: number | null;
  /** Ghost: the content was already executed. */
  readonly done: boolean;
}

// ── context ──────────────────────────────────────────────────────────────────────────────

/** Default sizes. */
export const PROTOCOL_DEFAULTS = { hsms: 2, managers: 2, captures: 1 } as const;

/** Requesters (credentials an HSM keeps nonces for): the managers, then the insider. */
export function requesterCount(ctx: ProtocolContext): number {
  return ctx.managers.length + (ctx.insider ? 1 : 0);
}

/** The insider's requester index (meaningful with `insider`). */
export function insiderIndex(ctx: ProtocolContext): number {
  return ctx.managers.length;
}

/** Columns of an outstanding-nonce table: one per requester, or one shared. @clause CM6 */
function columns(mech: Mechanisms, requesters: number): number {
  return mech.nonceScope === 'shared' ? 1 : requesters;
}

/** An idle manager. */
const IDLE: ManagerState = Object.freeze({ phase: 'idle', target: null, held: null, msg: null });

/** The step facts with nothing set, by number of managers (shared, frozen). */
const NO_FACTS: ProtocolGhost[] = [];

/** The step facts with nothing set, for `managers` managers. */
export function noFacts(managers: number): ProtocolGhost {
  let g = NO_FACTS[managers];
  if (!g) {
    g = Object.freeze({ unintended: false, managed: Object.freeze(Array.from({ length: managers }, () => false)) });
    NO_FACTS[managers] = g;
  }
  return g;
}

/** The initial context: no nonce outstanding, every manager idle, no copies. */
export function initialProtocol(input: ProtocolInput): ProtocolContext {
  const hsms = input.hsms ?? PROTOCOL_DEFAULTS.hsms;
  const managers = input.managers ?? PROTOCOL_DEFAULTS.managers;
  const insider = input.insider ?? false;
  const mech = input.mech;
  const cols = columns(mech, managers + (insider ? 1 : 0));
  return {
    mech,
    attacker: input.attacker,
    insider,
    captures: input.captures ?? PROTOCOL_DEFAULTS.captures,
    outstanding: Array.from({ length: hsms }, () => Array.from({ length: cols }, () => null)),
    managers: Array.from({ length: managers }, () => IDLE),
    copies: [],
    ghost: noFacts(managers),
  };
}

/** Places a nonce can be held: outstanding-table cells, managers' held nonces and messages, copies. */
export function noncePlaces(ctx: ProtocolContext): number {
  return ctx.outstanding.length * (ctx.outstanding[0]?.length ?? 0) + 2 * ctx.managers.length + ctx.captures;
}

/** Every nonce referenced in the state, with multiplicity (tables, held nonces, messages, copies). */
export function nonceReferences(ctx: ProtocolContext): number[] {
  const refs: number[] = [];
  for (const row of ctx.outstanding) for (const n of row) if (n !== null) refs.push(n);
  for (const m of ctx.managers) {
    if (m.held !== null) refs.push(m.held);
    if (m.msg?.nonce != null) refs.push(m.msg.nonce);
  }
  for (const c of ctx.copies) refs.push(c.nonce);
  return refs;
}

/** A fresh nonce: the lowest value not referenced anywhere in the state (see {@link NONCE_ASSUMPTION}). */
export function freshNonce(ctx: ProtocolContext): number {
  const used = new Set(nonceReferences(ctx));
  let n = 0;
  while (used.has(n)) n++;
  return n;
}

/** The nonce HSM `h` holds outstanding for requester `r` (its shared nonce under `'shared'`). @clause CM6 */
export function outstandingFor(ctx: ProtocolContext, h: number, r: number): number | null {
  const row = ctx.outstanding[h]!;
  return (ctx.mech.nonceScope === 'shared' ? row[0] : row[r]) ?? null;
}

/** The table with requester `r`'s cell of HSM `h` set to `n`. */
function setOutstanding(ctx: ProtocolContext, h: number, r: number, n: number | null): ProtocolContext['outstanding'] {
  const col = ctx.mech.nonceScope === 'shared' ? 0 : r;
  return ctx.outstanding.with(h, ctx.outstanding[h]!.with(col, n));
}

// ── effects ──────────────────────────────────────────────────────────────────────────────

/**
 * HSM `h` answers a challenge request claiming requester `r`: the nonce it answers with and its
 * table after. Without nonce checks it keeps nothing and answers with a fresh nonce; otherwise,
 * unless requests replace (`challengeReplaces`), an outstanding nonce is answered again
 * unchanged, and else a fresh one is issued and replaces it. @clause CM6
 */
export function answerChallenge(ctx: ProtocolContext, h: number, r: number): { nonce: number; outstanding: ProtocolContext['outstanding'] } {
  if (!ctx.mech.checksNonce) return { nonce: freshNonce(ctx), outstanding: ctx.outstanding };
  const current = outstandingFor(ctx, h, r);
  if (current !== null && !ctx.mech.challengeReplaces) return { nonce: current, outstanding: ctx.outstanding };
  const nonce = freshNonce(ctx);
  return { nonce, outstanding: setOutstanding(ctx, h, r, nonce) };
}

/** The managers with manager `m` replaced. */
function withManager(ctx: ProtocolContext, m: number, state: ManagerState): readonly ManagerState[] {
  return ctx.managers.with(m, state);
}

/** A manager state (keys in one order, so equal states have equal JSON). */
function manager(phase: Phase, target: number | null, held: number | null, msg: Message | null): ManagerState {
  return { phase, target, held, msg };
}

/** A message (keys in one order). */
function message(kind: MessageKind, nonce: number | null, done = false): Message {
  return { kind, nonce, done };
}

/** Manager `m` asks HSM `h` for a challenge: its request is in flight. */
export function sendRequest(ctx: ProtocolContext, m: number, h: number): Partial<ProtocolContext> {
  return { managers: withManager(ctx, m, manager('waiting', h, null, message('request', null))), ghost: noFacts(ctx.managers.length) };
}

/** Manager `m`'s request reaches HSM `at` (its target, or another one the network chose); the HSM's answer is in flight back. @clause CM6 */
export function answerRequest(ctx: ProtocolContext, m: number, at: number): Partial<ProtocolContext> {
  const { nonce, outstanding } = answerChallenge(ctx, at, m);
  const me = ctx.managers[m]!;
  return { outstanding, managers: withManager(ctx, m, { ...me, msg: message('response', nonce) }), ghost: noFacts(ctx.managers.length) };
}

/**
 * The managers after a nonce reaches manager `to`: a waiting manager takes it as the answer to
 * its own request (it cannot tell where it came from); anyone else discards it.
 */
function receiveNonce(managers: readonly ManagerState[], to: number, nonce: number): readonly ManagerState[] {
  const r = managers[to]!;
  return r.phase === 'waiting' ? managers.with(to, manager('holding', r.target, nonce, r.msg)) : managers;
}

/**
 * Manager `m`'s response reaches manager `to` (`m` itself, or another the network chose). The
 * response leaves the channel; a waiting `m` whose response went elsewhere gives up (times out).
 */
export function takeResponse(ctx: ProtocolContext, m: number, to: number): Partial<ProtocolContext> {
  const me = ctx.managers[m]!;
  const nonce = me.msg!.nonce!;
  const left = me.phase === 'waiting' && to !== m ? IDLE : manager(me.phase, me.target, me.held, null);
  return { managers: receiveNonce(withManager(ctx, m, left), to, nonce), ghost: noFacts(ctx.managers.length) };
}

/**
 * Manager `m` signs one command over the nonce it holds, for its target, sends it and forgets
 * the nonce. A stale request or response of its own still in flight is superseded (dropped):
 * only possible under the network attacker, which could drop it anyway. @clause CM6
 */
export function signAndSend(ctx: ProtocolContext, m: number): Partial<ProtocolContext> {
  const me = ctx.managers[m]!;
  return { managers: withManager(ctx, m, manager('sent', me.target, null, message('command', me.held))), ghost: noFacts(ctx.managers.length) };
}

/** The command manager `m` has in flight, as an HSM receives it (null if none). */
export function commandInFlight(ctx: ProtocolContext, m: number): Presented | null {
  const me = ctx.managers[m];
  if (me?.msg?.kind !== 'command') return null;
  return { signer: m, requester: m, target: me.target!, nonce: me.msg.nonce, done: me.msg.done };
}

/** The attacker's copy `i` as an HSM receives it (null if none). */
export function copyPresented(ctx: ProtocolContext, i: number): Presented | null {
  const c = ctx.copies[i];
  return c ? { signer: c.signer, requester: c.signer, target: c.target, nonce: c.nonce, done: c.done } : null;
}

/** A command the attacker signs with its own (untrusted) key for HSM `h`, claiming to be `as`, over the nonce outstanding for `as`. */
export function forgedCommand(ctx: ProtocolContext, h: number, as: number): Presented {
  return { signer: 'forger', requester: as, target: h, nonce: outstandingFor(ctx, h, as), done: false };
}

/** A read the insider signs with its own (trusted, read-only) credential for HSM `h`, over the nonce outstanding for `over`. */
export function insiderCommand(ctx: ProtocolContext, h: number, over: number): Presented {
  return { signer: 'insider', requester: insiderIndex(ctx), target: h, nonce: outstandingFor(ctx, h, over), done: false };
}

/** @clause CM6 — the signature is by a trusted credential (managers and the insider; not the attacker's key), where signatures are verified. */
export function signatureAccepted(ctx: ProtocolContext, cmd: Presented): boolean {
  return !ctx.mech.verifiesSignature || cmd.signer !== 'forger';
}

/** @clause CM6 — the signed target is this HSM, where the HSM id is under the signature. */
export function addressAccepted(ctx: ProtocolContext, cmd: Presented, at: number): boolean {
  return !ctx.mech.bindsHsmId || cmd.target === at;
}

/** @clause CM6 — the nonce is the one outstanding for the signer (or the shared one), where nonces are checked. */
export function nonceAccepted(ctx: ProtocolContext, cmd: Presented, at: number): boolean {
  return !ctx.mech.checksNonce || (cmd.nonce !== null && cmd.nonce === outstandingFor(ctx, at, cmd.requester));
}

/** HSM `at` accepts `cmd`: signature, target and nonce as its mechanisms check them. @clause CM6 */
export function accepts(ctx: ProtocolContext, cmd: Presented, at: number): boolean {
  return signatureAccepted(ctx, cmd) && addressAccepted(ctx, cmd, at) && nonceAccepted(ctx, cmd, at);
}

/** Copies in canonical order (they form a set). */
function sortCopies(copies: readonly Copy[]): readonly Copy[] {
  return [...copies].sort((a, b) => a.signer - b.signer || a.target - b.target || a.nonce - b.nonce || +a.done - +b.done);
}

/** Same signed content (signer, intended target, nonce). */
function sameContent(c: Copy, signer: number, target: number, nonce: number | null): boolean {
  return c.signer === signer && c.target === target && c.nonce === nonce;
}

/**
 * HSM `at` executes the accepted command `cmd`: the nonce it was accepted over is consumed
 * (where nonces are checked), every reference to the same content is marked executed, and
 * `from`, the manager whose message it was (null for the attacker's own sends), returns to
 * idle. Facts: unintended when forged, executed elsewhere than its signer intended, or already
 * executed; otherwise, for a manager's command, that manager succeeded. @clause CM6
 */
export function executeCommand(ctx: ProtocolContext, cmd: Presented, at: number, from: number | null): Partial<ProtocolContext> {
  const outstanding = ctx.mech.checksNonce ? setOutstanding(ctx, at, cmd.requester, null) : ctx.outstanding;
  let managers = ctx.managers;
  let copies = ctx.copies;
  if (typeof cmd.signer === 'number') {
    const s = cmd.signer;
    const own = ctx.managers[s]!;
    if (own.msg?.kind === 'command' && own.target === cmd.target && own.msg.nonce === cmd.nonce && !own.msg.done) {
      managers = managers.with(s, { ...own, msg: message('command', cmd.nonce, true) });
    }
    if (copies.some((c) => !c.done && sameContent(c, s, cmd.target, cmd.nonce))) {
      copies = sortCopies(copies.map((c) => (sameContent(c, s, cmd.target, cmd.nonce) ? { ...c, done: true } : c)));
    }
  }
  if (from !== null) managers = managers.with(from, IDLE);
  const unintended = cmd.signer === 'forger' || cmd.target !== at || cmd.done;
  const managed = ctx.managers.map((_, m) => !unintended && cmd.signer === m);
  return { outstanding, managers, copies, ghost: { unintended, managed } };
}

/** Manager `m`'s command was refused by the HSM it reached: it leaves the channel and the manager is idle again. */
export function refuseCommand(ctx: ProtocolContext, m: number): Partial<ProtocolContext> {
  return { managers: withManager(ctx, m, IDLE), ghost: noFacts(ctx.managers.length) };
}

/** The network drops manager `m`'s message; a manager that was waiting for it gives up (times out). */
export function dropMessage(ctx: ProtocolContext, m: number): Partial<ProtocolContext> {
  const me = ctx.managers[m]!;
  const after = me.phase === 'holding' ? manager('holding', me.target, me.held, null) : IDLE;
  return { managers: withManager(ctx, m, after), ghost: noFacts(ctx.managers.length) };
}

/**
 * The attacker's own challenge request to HSM `h` claiming requester `as`, answered on the
 * spot; with `to`, the network attacker delivers the answer to waiting manager `to`. @clause CM6
 */
export function attackerChallenge(ctx: ProtocolContext, h: number, as: number, to: number | null): Partial<ProtocolContext> {
  const { nonce, outstanding } = answerChallenge(ctx, h, as);
  const managers = to === null ? ctx.managers : receiveNonce(ctx.managers, to, nonce);
  return { outstanding, managers, ghost: noFacts(ctx.managers.length) };
}

/** The copy the attacker would keep of manager `m`'s command in flight. */
export function copyOf(ctx: ProtocolContext, m: number): Copy | null {
  const cmd = commandInFlight(ctx, m);
  return cmd ? { signer: m, target: cmd.target, nonce: cmd.nonce!, done: cmd.done } : null;
}

/** The attacker keeps a copy of manager `m`'s command in flight, dropping copy `evict` when it holds as many as it can. */
export function keepCopy(ctx: ProtocolContext, m: number, evict: number | undefined): Partial<ProtocolContext> {
  const copy = copyOf(ctx, m)!;
  const copies = evict === undefined ? [...ctx.copies, copy] : ctx.copies.with(evict, copy);
  return { copies: sortCopies(copies), ghost: noFacts(ctx.managers.length) };
}

/** HSM `h` reboots: its volatile state, every outstanding nonce, is lost. */
export function reboot(ctx: ProtocolContext, h: number): Partial<ProtocolContext> {
  return {
    outstanding: ctx.outstanding.with(
      h,
      ctx.outstanding[h]!.map(() => null),
    ),
    ghost: noFacts(ctx.managers.length),
  };
}

// ── nonce renaming ───────────────────────────────────────────────────────────────────────

/**
 * The context with its nonce values renamed canonically: 0, 1, 2, … in order of first
 * occurrence in the outstanding tables (row by row), then in the managers (held nonce, then
 * message); values found only in the attacker's copies are named after those, in the order
 * that gives the least sorted copy list. Data independence makes any renaming of nonce values a
 * bisimulation (see {@link NONCE_ASSUMPTION}), so the machine keeps every state renamed: states
 * that differ only in nonce values are one state, and the values in a state are exactly
 * 0..k-1 for its k distinct nonces. Two contexts get the same result iff one is a renaming of
 * the other.
 */
export function renameNonces(ctx: ProtocolContext): ProtocolContext {
  const names = new Map<number, number>();
  const name = (v: number) => {
    let n = names.get(v);
    if (n === undefined) {
      n = names.size;
      names.set(v, n);
    }
    return n;
  };
  const outstanding = ctx.outstanding.map((row) => row.map((v) => (v === null ? null : name(v))));
  const managers = ctx.managers.map((m) => {
    if (m.held === null && (m.msg === null || m.msg.nonce === null)) return m;
    const held = m.held === null ? null : name(m.held);
    const msg = m.msg === null || m.msg.nonce === null ? m.msg : message(m.msg.kind, name(m.msg.nonce), m.msg.done);
    return manager(m.phase, m.target, held, msg);
  });
  const only = [...new Set(ctx.copies.map((c) => c.nonce).filter((v) => !names.has(v)))];
  let copies: readonly Copy[] = ctx.copies;
  if (ctx.copies.length) {
    let bestKey: string | null = null;
    for (const order of only.length > 1 ? permutations(only.length) : [only.map((_, i) => i)]) {
      const local = new Map(names);
      order.forEach((at, i) => {
        local.set(only[at]!, names.size + i);
      });
      const renamed = sortCopies(ctx.copies.map((c) => ({ ...c, nonce: local.get(c.nonce)! })));
      const key = only.length > 1 ? JSON.stringify(renamed) : '';
      if (bestKey === null || key < bestKey) {
        bestKey = key;
        copies = renamed;
      }
    }
  }
  return { ...ctx, outstanding, managers, copies };
}

/** The context after a step: `ctx` with the step's `changes`, nonces renamed ({@link renameNonces}). */
export function settle(ctx: ProtocolContext, changes: Partial<ProtocolContext>): Partial<ProtocolContext> {
  const next = renameNonces({ ...ctx, ...changes });
  return { outstanding: next.outstanding, managers: next.managers, copies: next.copies, ghost: next.ghost };
}

// ── symmetry ─────────────────────────────────────────────────────────────────────────────

/** Every permutation of 0..n-1 (as arrays `p`, index i goes to `p[i]`), identity first. */
export function permutations(n: number): number[][] {
  if (n <= 1) return [Array.from({ length: n }, (_, i) => i)];
  const out: number[][] = [];
  for (const rest of permutations(n - 1)) {
    for (let at = rest.length; at >= 0; at--) out.push([...rest.slice(0, at), n - 1, ...rest.slice(at)]);
  }
  return out.sort((a, b) => (a.join() < b.join() ? -1 : a.join() > b.join() ? 1 : 0));
}

/**
 * The context with HSM `h` renamed `hsmPerm[h]` and manager `m` renamed `managerPerm[m]`
 * everywhere: tables (rows, and requester columns), managers' targets, copies' signers and
 * targets, the success facts; then nonces renamed canonically ({@link renameNonces}), as every
 * state of the machine is. The insider's requester index is unchanged.
 */
export function permuteProtocol(ctx: ProtocolContext, hsmPerm: readonly number[], managerPerm: readonly number[]): ProtocolContext {
  const M = ctx.managers.length;
  const col = (c: number) => (ctx.mech.nonceScope === 'requester' && c < M ? managerPerm[c]! : c);
  const outstanding: (number | null)[][] = ctx.outstanding.map((row) => row.map(() => null));
  ctx.outstanding.forEach((row, h) => {
    row.forEach((n, c) => {
      outstanding[hsmPerm[h]!]![col(c)] = n;
    });
  });
  const managers: ManagerState[] = new Array(M);
  const managed: boolean[] = new Array(M);
  ctx.managers.forEach((s, m) => {
    managers[managerPerm[m]!] = s.target === null ? s : { ...s, target: hsmPerm[s.target]! };
    managed[managerPerm[m]!] = ctx.ghost.managed[m]!;
  });
  const copies = sortCopies(ctx.copies.map((c) => ({ ...c, signer: managerPerm[c.signer]!, target: hsmPerm[c.target]! })));
  return renameNonces({ ...ctx, outstanding, managers, copies, ghost: { unintended: ctx.ghost.unintended, managed } });
}

/** The variable part of a context as a string: equal strings exactly when the contexts are equal. */
export function protocolKey(ctx: ProtocolContext): string {
  return JSON.stringify([ctx.outstanding, ctx.managers, ctx.copies, ctx.ghost]);
}

/** The permutation pairs (HSMs × managers) of a symmetry group, identity first; `fixManager0` keeps manager 0 in place. */
export function symmetryPairs(hsms: number, managers: number, fixManager0 = false): [number[], number[]][] {
  const ms = permutations(managers).filter((p) => !fixManager0 || p[0] === 0);
  return permutations(hsms).flatMap((h) => ms.map((m): [number[], number[]] => [h, m]));
}

/** Pairs by (hsms, managers, fixManager0), with their inverses. */
const PAIRS = new Map<string, { pairs: [number[], number[]][]; inverses: [number[], number[]][] }>();

function pairsOf(hsms: number, managers: number, fixManager0: boolean) {
  const k = `${hsms},${managers},${fixManager0}`;
  let p = PAIRS.get(k);
  if (!p) {
    const pairs = symmetryPairs(hsms, managers, fixManager0);
    const inv = (q: readonly number[]) => q.map((_, i) => q.indexOf(i));
    p = { pairs, inverses: pairs.map(([h, m]): [number[], number[]] => [inv(h), inv(m)]) };
    PAIRS.set(k, p);
  }
  return p;
}

const PHASE_CODE: Readonly<Record<Phase, number>> = { idle: 0, waiting: 1, holding: 2, sent: 3 };
const KIND_CODE: Readonly<Record<MessageKind, number>> = { request: 1, response: 2, command: 3 };

/** Scratch table of nonce names for {@link orbitCode} (value → name + 1; 0: unnamed). */
let NAMES = new Int32Array(64);

/**
 * A code of the context renamed by (`hp`, `mp`) (inverses `hi`, `mi`), up to renaming nonces:
 * equal codes exactly when the renamed contexts are equal after {@link renameNonces}. Nonces
 * are numbered by first occurrence, values only in copies in the order giving the least code.
 */
function orbitCode(ctx: ProtocolContext, hp: readonly number[], mp: readonly number[], hi: readonly number[], mi: readonly number[]): number[] {
  const M = ctx.managers.length;
  const refs = nonceReferences(ctx);
  let top = 0;
  for (const v of refs) if (v >= top) top = v + 1;
  if (NAMES.length < top) NAMES = new Int32Array(2 * top);
  const names = NAMES;
  names.fill(0, 0, top);
  let named = 0;
  /** The name of nonce `v` (1-based), given at its first occurrence. */
  const name = (v: number) => {
    if (!names[v]) names[v] = ++named;
    return names[v]!;
  };
  const out: number[] = [];
  const byRequester = ctx.mech.nonceScope === 'requester';
  for (let h = 0; h < hi.length; h++) {
    const row = ctx.outstanding[hi[h]!]!;
    for (let c = 0; c < row.length; c++) {
      const v = row[byRequester && c < M ? mi[c]! : c]!;
      if (v === null) out.push(0);
      else out.push(name(v));
    }
  }
  for (let m = 0; m < M; m++) {
    const s = ctx.managers[mi[m]!]!;
    out.push(PHASE_CODE[s.phase], s.target === null ? 0 : hp[s.target]! + 1, s.held === null ? 0 : name(s.held));
    const msg = s.msg;
    if (msg === null) out.push(0, 0, 0);
    else out.push(KIND_CODE[msg.kind], msg.nonce === null ? 0 : name(msg.nonce), +msg.done);
  }
  const copies = ctx.copies;
  if (copies.length === 1) {
    const c = copies[0]!;
    out.push(mp[c.signer]!, hp[c.target]!, names[c.nonce] || named + 1, +c.done);
  } else if (copies.length) {
    const only = [...new Set(copies.map((c) => c.nonce).filter((v) => !names[v]))];
    let best: number[] | null = null;
    for (const order of only.length > 1 ? permutations(only.length) : [only.map((_, i) => i)]) {
      const local = new Map<number, number>();
      order.forEach((at, i) => {
        local.set(only[at]!, named + i + 1);
      });
      const tuples = copies.map((c) => [mp[c.signer]!, hp[c.target]!, names[c.nonce] || local.get(c.nonce)!, +c.done]);
      tuples.sort(compareCodes);
      const flat = tuples.flat();
      if (best === null || compareCodes(flat, best) < 0) best = flat;
    }
    out.push(...best!);
  }
  out.push(+ctx.ghost.unintended);
  for (let m = 0; m < M; m++) out.push(+ctx.ghost.managed[mi[m]!]!);
  return out;
}

/** Lexicographic order of number arrays. */
function compareCodes(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * The canonical representative of a state's orbit under renaming HSMs and managers (with
 * `fixManager0`, under the subgroup that keeps manager 0 in place, whose liveness is asked):
 * the renamed context (nonces renamed too) with the least code. Exact: two states of the
 * machine (nonces already renamed, as every state of the machine is) get the same
 * representative iff some renaming of HSMs and managers maps one to the other.
 */
export function canonicalProtocol(ctx: ProtocolContext, fixManager0 = false): ProtocolContext {
  const { pairs, inverses } = pairsOf(ctx.outstanding.length, ctx.managers.length, fixManager0);
  let best: number[] | null = null;
  let at = 0;
  for (let i = 0; i < pairs.length; i++) {
    const code = orbitCode(ctx, pairs[i]![0], pairs[i]![1], inverses[i]![0], inverses[i]![1]);
    if (best === null || compareCodes(code, best) < 0) {
      best = code;
      at = i;
    }
  }
  return at === 0 ? ctx : permuteProtocol(ctx, pairs[at]![0], pairs[at]![1]);
}
