/**
 * Verification of the CM6 management protocol model (`model/protocol.machine.ts`) under a
 * network attacker (@clause CM6): its subjects for the fast checker, its invariant, its
 * liveness questions, the deliberately broken protocol variants, and {@link verifyProtocol},
 * which runs every variant under every attacker configuration with and without symmetry
 * reduction and returns a JSON-serialisable result.
 *
 * Symmetry. HSMs are interchangeable, and so are managers: the subject declares a
 * `canonicalize` (renaming is needed because messages, copies and nonce tables name HSM and
 * manager indices; see `canonicalProtocol`). Safety (the invariant, the goal) is checked under
 * the full group. The liveness questions single out manager 0, so they are asked on graphs
 * explored without symmetry, and again under the subgroup that keeps manager 0 in place
 * (HSMs interchangeable, the other managers interchangeable): every predicate they use is
 * invariant under that subgroup, so its quotient is sound for them; the result reports both.
 *
 * Mechanisms. The HSMs' mechanisms are built here from the variant's countermeasure flags
 * (`new Mechanisms(cmFlags(…), 'device', DEFAULT_SETTINGS)`, one mechanism replaced with
 * `mechanismsWith` for a broken variant) and handed to the machine in its input, so the model
 * never sees a flag. The lockout mutant (a machine mutant, not a mechanism setting) shows the
 * always-possible question can fail. Explorations run with `learn: false` (learned steps do
 * not pay on this model: every action renames nonces over the whole context).
 * @module
 */
import { assign, initialTransition } from 'xstate';
import type { LOCATIONS } from '../model/attacker.ts';
import { cmFlags } from '../model/config.ts';
import { protocolMachine, type ProtocolMachine } from '../model/protocol.machine.ts';
import {
  answerRequest,
  attackerChallenge,
  canonicalProtocol,
  dropMessage,
  MESSAGE_KINDS,
  NONCE_ASSUMPTION,
  noFacts,
  noncePlaces,
  outstandingFor,
  PHASES,
  PROTOCOL_DEFAULTS,
  protocolKey,
  settle,
  type AttackerKind,
  type ProtocolContext,
  type ProtocolEvent,
  type ProtocolInput,
} from '../model/protocol.ts';
import { Mechanisms, mechanismsWith } from '../model/mechanisms.ts';
import { DEFAULT_SETTINGS } from '../model/settings.ts';
import type { CountermeasureId } from '../spec/ids.ts';
import { exploreFast, type FastExplorationResult } from './fast/explorer.ts';
import {
  checkAlwaysPossible,
  findStarvation,
  replayLasso,
  type AlwaysPossible,
  type AlwaysPossibleVerdict,
  type Lasso,
  type Starvation,
} from './fast/liveness.ts';
import { schemaCodec } from './fast/schema-codec.ts';
import { arrayOf, bool, constant, int, list, nullable, oneOf, record } from './fast/schema.ts';
import type { ContextCodec, FastSubject } from './fast/types.ts';
import { replay } from './replay.ts';
import type { Property, Snap, Trace } from './types.ts';

// ── configurations ───────────────────────────────────────────────────────────────────────

/** Sizes of a protocol configuration. */
export interface ProtocolSizes {
  /** HSMs (default 2). */
  readonly hsms?: number;
  /** Managers (default 2). */
  readonly managers?: number;
  /** Copies the attacker keeps (default 1). */
  readonly captures?: number;
}

/** An attacker configuration: its kind, with or without an insider credential. */
export interface AttackConfig {
  readonly attacker: AttackerKind;
  readonly insider: boolean;
}

/** The attacker configurations explored: the man in the middle, the off-path attacker, and the off-path attacker holding an insider credential. */
export const ATTACK_CONFIGS: readonly AttackConfig[] = [
  { attacker: 'network', insider: false },
  { attacker: 'off-path', insider: false },
  { attacker: 'off-path', insider: true },
];

/** A name for an attacker configuration: `network`, `off-path`, `off-path+insider`. */
export function attackName(a: AttackConfig): string {
  return a.insider ? `${a.attacker}+insider` : a.attacker;
}

/** The protocol mechanisms a broken variant may replace (`mechanismsWith`). */
export type ProtocolOverrides = Partial<Pick<Mechanisms, 'verifiesSignature' | 'checksNonce' | 'nonceScope' | 'challengeReplaces' | 'bindsHsmId'>>;

/** A verdict a variant must get: the property holds or fails under the named attacker configurations. */
export interface Expectation {
  /** An invariant or liveness question ID. */
  readonly property: string;
  /** Attacker configurations ({@link attackName}). */
  readonly attacks: readonly string[];
  /** `holds`: the invariant holds, the party can always act, no starvation cycle exists; `fails`: the opposite. */
  readonly verdict: 'holds' | 'fails';
  /** The fewest HSMs the verdict needs (a redirect needs two). */
  readonly minHsms?: number;
}

/** A protocol variant: the sound protocol, a broken one (one mechanism replaced), or no CM6 at all. */
export interface ProtocolVariant {
  readonly id: string;
  readonly description: string;
  /** The countermeasures in force. */
  readonly cms: readonly CountermeasureId[];
  /** The one mechanism replaced (with `mechanismsWith`), if any. */
  readonly overrides: ProtocolOverrides;
  /** The verdicts it must get (what catches a broken variant; what the sound protocol guarantees). */
  readonly expect: readonly Expectation[];
}

const ALL_ATTACKS = ATTACK_CONFIGS.map(attackName);
const OFF_PATH = ['off-path', 'off-path+insider'];

/** The sound protocol (CM6), the four broken variants (a)–(d), and CM6 off (nothing verified). */
export const PROTOCOL_VARIANTS: readonly ProtocolVariant[] = [
  {
    id: 'sound',
    description: 'CM6: signature verified, HSM id signed, nonce bound to the requester, a request never replaces an outstanding nonce',
    cms: ['CM6'],
    overrides: {},
    expect: [
      { property: 'INV-PROTO-INTENDED', attacks: ALL_ATTACKS, verdict: 'holds' },
      { property: 'LIVE-MANAGER-CAN-ACT', attacks: ALL_ATTACKS, verdict: 'holds' },
      { property: 'STARVE-MANAGER', attacks: OFF_PATH, verdict: 'holds' },
    ],
  },
  {
    id: 'a-no-hsm-id',
    description: '(a) the HSM id is not under the signature: any HSM accepts a command over its own nonce',
    cms: ['CM6'],
    overrides: { bindsHsmId: false },
    expect: [{ property: 'INV-PROTO-INTENDED', attacks: ['network'], verdict: 'fails', minHsms: 2 }],
  },
  {
    id: 'b-no-nonce',
    description: '(b) no nonce is checked: a command is accepted again and again',
    cms: ['CM6'],
    overrides: { checksNonce: false },
    expect: [{ property: 'INV-PROTO-INTENDED', attacks: ['network'], verdict: 'fails' }],
  },
  {
    id: 'c-shared-nonce',
    description: '(c) one nonce per HSM, shared by every requester: any trusted signer can consume it',
    cms: ['CM6'],
    overrides: { nonceScope: 'shared' },
    expect: [{ property: 'STARVE-MANAGER', attacks: ['off-path+insider'], verdict: 'fails' }],
  },
  {
    id: 'd-replacing-challenge',
    description: '(d) a challenge request always issues a fresh nonce replacing the outstanding one',
    cms: ['CM6'],
    overrides: { challengeReplaces: true },
    expect: [{ property: 'STARVE-MANAGER', attacks: OFF_PATH, verdict: 'fails' }],
  },
  {
    id: 'cm6-off',
    description: 'no CM6: nothing is verified (ASM-01)',
    cms: [],
    overrides: {},
    expect: [{ property: 'INV-PROTO-INTENDED', attacks: ALL_ATTACKS, verdict: 'fails' }],
  },
];

/** The variant with this ID. */
export function protocolVariant(id: string): ProtocolVariant {
  const v = PROTOCOL_VARIANTS.find((x) => x.id === id);
  if (!v) throw new Error(`unknown protocol variant '${id}' (known: ${PROTOCOL_VARIANTS.map((x) => x.id).join(', ')})`);
  return v;
}

/**
 * The HSMs' mechanisms of a variant: `new Mechanisms(cmFlags(cms), 'device', DEFAULT_SETTINGS)`,
 * with the variant's one mechanism replaced by `mechanismsWith`. @clause CM6
 */
export function protocolMechanisms(variant: Pick<ProtocolVariant, 'cms' | 'overrides'>): Mechanisms {
  const base = new Mechanisms(cmFlags(variant.cms), 'device', DEFAULT_SETTINGS);
  return Object.keys(variant.overrides).length ? mechanismsWith(base, variant.overrides) : base;
}

/** The machine input of a variant under an attacker configuration and sizes (a new `Mechanisms` each time). */
export function protocolInput(variant: Pick<ProtocolVariant, 'cms' | 'overrides'>, attack: AttackConfig, sizes: ProtocolSizes = {}): ProtocolInput {
  return {
    mech: protocolMechanisms(variant),
    attacker: attack.attacker,
    hsms: sizes.hsms ?? PROTOCOL_DEFAULTS.hsms,
    managers: sizes.managers ?? PROTOCOL_DEFAULTS.managers,
    insider: attack.insider,
    captures: sizes.captures ?? PROTOCOL_DEFAULTS.captures,
  };
}

// ── events ───────────────────────────────────────────────────────────────────────────────

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * Every event of a configuration: the managers', the channel's faithful deliveries, reboots,
 * and the attacker's (network-only ones for the network attacker, insider reads with the
 * insider). The set is closed under renaming HSMs and managers (every index is offered).
 */
export function protocolEvents(input: ProtocolInput): ProtocolEvent[] {
  const H = range(input.hsms ?? PROTOCOL_DEFAULTS.hsms);
  const M = range(input.managers ?? PROTOCOL_DEFAULTS.managers);
  const R = range(M.length + (input.insider ? 1 : 0));
  const C = range(input.captures ?? PROTOCOL_DEFAULTS.captures);
  const out: ProtocolEvent[] = [];
  for (const manager of M) {
    for (const hsm of H) out.push({ type: 'REQUEST', manager, hsm });
    out.push({ type: 'SIGN', manager }, { type: 'DELIVER_REQUEST', manager }, { type: 'DELIVER_RESPONSE', manager }, { type: 'DELIVER_COMMAND', manager });
  }
  for (const hsm of H) out.push({ type: 'REBOOT', hsm });
  if (input.attacker === 'network') {
    for (const manager of M) {
      for (const hsm of H) out.push({ type: 'REDIRECT_REQUEST', manager, hsm });
      for (const to of M) out.push({ type: 'REDIRECT_RESPONSE', manager, to });
      for (const hsm of H) out.push({ type: 'REDIRECT_COMMAND', manager, hsm });
      out.push({ type: 'DROP', manager });
    }
    for (const hsm of H) for (const as of R) for (const to of M) out.push({ type: 'RESPOND_AS', hsm, as, to });
  }
  for (const hsm of H) for (const as of R) out.push({ type: 'CHALLENGE_AS', hsm, as });
  for (const manager of M) {
    out.push({ type: 'CAPTURE', manager });
    for (const evict of C) out.push({ type: 'CAPTURE', manager, evict });
  }
  for (const copy of C) for (const hsm of H) out.push({ type: 'REPLAY', copy, hsm });
  for (const hsm of H) for (const as of R) out.push({ type: 'FORGE', hsm, as });
  if (input.insider) for (const hsm of H) for (const over of R) out.push({ type: 'INSIDER_COMMAND', hsm, over });
  return out;
}

/** Manager 0's own legitimate events: its requests and commands, and the faithful delivery of its messages (the HSMs answer on delivery). */
export function byManager0(e: ProtocolEvent): boolean {
  switch (e.type) {
    case 'REQUEST':
    case 'SIGN':
    case 'DELIVER_REQUEST':
    case 'DELIVER_RESPONSE':
    case 'DELIVER_COMMAND':
      return e.manager === 0;
    default:
      return false;
  }
}

// ── properties ───────────────────────────────────────────────────────────────────────────

/** A protocol snapshot. */
type S = Snap<ProtocolMachine>;

/** @clause CM6 — the protocol's authentication invariant. */
export const PROTOCOL_INVARIANTS: readonly Property<ProtocolMachine>[] = [
  {
    id: 'INV-PROTO-INTENDED',
    title: 'Every executed command is executed once, at the HSM its signer intended (no redirect, replay or forgery takes effect)',
    holds: (s: S) => !s.context.ghost.unintended,
  },
];

/** Goals: the model is not vacuous (some manager does get a command executed). */
export const PROTOCOL_GOALS: readonly Property<ProtocolMachine>[] = [
  {
    id: 'PROTO-SOME-MANAGER-SUCCEEDS',
    title: 'Some manager’s command is executed at the HSM it intended',
    holds: (s: S) => s.context.ghost.managed.some(Boolean),
  },
];

/** Manager 0's command took effect in the last step. */
export function managed0(s: S): boolean {
  return s.context.ghost.managed[0] === true;
}

/**
 * @clause CM6 — availability against a network attacker: from every reachable state, manager 0,
 * using only its own legitimate events (its requests and commands, faithful delivery of its own
 * messages, the HSMs' answers), can still get a command executed. No permanent lockout, whatever
 * the attacker and reboots did before.
 */
export const LIVE_MANAGER_CAN_ACT: AlwaysPossible<ProtocolMachine, ProtocolEvent> = {
  id: 'LIVE-MANAGER-CAN-ACT',
  title: 'From every reachable state, manager 0 alone (its own requests, commands and their faithful delivery) can get a command executed',
  party: byManager0,
  goal: managed0,
};

/**
 * @clause CM6 — starvation by an attacker that cannot drop messages: a reachable cycle in which
 * manager 0's commands keep reaching their HSM and being refused (its trying) while it never
 * succeeds. Reboots are left out of the cycle: they are not the off-path attacker's event (a
 * device that reboots forever starves everyone, whatever the protocol).
 */
export const STARVE_MANAGER: Starvation<ProtocolMachine, ProtocolEvent> = {
  id: 'STARVE-MANAGER',
  title: 'A reachable cycle in which manager 0’s commands reach their HSM and are refused, and it never succeeds (reboots excluded)',
  trying: (e) => e.type === 'DELIVER_COMMAND' && e.manager === 0,
  success: managed0,
  others: (e) => e.type !== 'REBOOT',
};

/**
 * Starvation by dropping, asked of the network attacker only: a reachable cycle in which
 * manager 0 keeps sending commands (its trying: `SIGN`) and never succeeds. A man in the middle
 * drops them, so this is expected under every variant: it is why availability against a
 * network attacker is the always-possible question ({@link LIVE_MANAGER_CAN_ACT}), not the
 * absence of starvation.
 */
export const STARVE_MANAGER_BY_DROPPING: Starvation<ProtocolMachine, ProtocolEvent> = {
  id: 'STARVE-MANAGER-BY-DROPPING',
  title: 'A reachable cycle in which manager 0 keeps sending commands and never succeeds (reboots excluded; the network attacker may drop)',
  trying: (e) => e.type === 'SIGN' && e.manager === 0,
  success: managed0,
  others: (e) => e.type !== 'REBOOT',
};

// ── subjects ─────────────────────────────────────────────────────────────────────────────

/** Which symmetry a subject declares: none, the full group (HSMs × managers), or the subgroup keeping manager 0 in place. */
export type ProtocolSymmetry = 'none' | 'full' | 'fix-manager-0';

/** Options of {@link protocolSubject}. */
export interface ProtocolSubjectOptions {
  /** The symmetry declared (default `'full'`). */
  readonly symmetry?: ProtocolSymmetry;
  /** Pack contexts with {@link protocolCodec} (default true). */
  readonly codec?: boolean;
  /** A mutant of the protocol machine to explore instead (default: the machine itself). */
  readonly machine?: ProtocolMachine;
}

/**
 * The packed codec for contexts started from `init`: constants (mechanisms, attacker, insider,
 * capacity) take no bits; a nonce is an integer up to the number of places that can hold one
 * (`freshNonce` never exceeds it, and renamed values stay below it).
 */
export function protocolCodec(init: ProtocolContext): ContextCodec<ProtocolContext> {
  const H = init.outstanding.length;
  const M = init.managers.length;
  const nonce = int(0, noncePlaces(init));
  return schemaCodec<ProtocolContext>({
    mech: constant(init.mech),
    attacker: constant(init.attacker),
    insider: constant(init.insider),
    captures: constant(init.captures),
    outstanding: arrayOf(H, arrayOf(init.outstanding[0]!.length, nullable(nonce))),
    managers: arrayOf(
      M,
      record({
        phase: oneOf(...PHASES),
        target: nullable(int(0, H - 1)),
        held: nullable(nonce),
        msg: nullable(record({ kind: oneOf(...MESSAGE_KINDS), nonce: nullable(nonce), done: bool() })),
      }),
    ),
    copies: list(init.captures, record({ signer: int(0, M - 1), target: int(0, H - 1), nonce, done: bool() })),
    ghost: record({ unintended: bool(), managed: arrayOf(M, bool()) }),
  });
}

/** What a trace shows of a state: the variable part of the context. */
export function describeProtocol(s: S): unknown {
  const { outstanding, managers, copies, ghost } = s.context;
  return { outstanding, managers, copies, ghost };
}

/**
 * The subject of one configuration, for the fast checker (and `exploreBfs`): every event of
 * the configuration, the invariant and the goal, the packed codec, and the declared symmetry
 * (a `canonicalize`: `canonicalProtocol`, over the full group or the subgroup keeping manager 0).
 * Explore it with `learn: false`: every action renames nonces over the whole context, so
 * learned steps do not pay.
 */
export function protocolSubject(input: ProtocolInput, options: ProtocolSubjectOptions = {}): FastSubject<ProtocolMachine, ProtocolEvent> {
  const events = protocolEvents(input);
  const symmetry = options.symmetry ?? 'full';
  const machine = options.machine ?? protocolMachine;
  const init = initialTransition(machine, input)[0].context;
  return {
    machine,
    input,
    events: () => events,
    key: (s) => protocolKey(s.context),
    describe: describeProtocol,
    invariants: PROTOCOL_INVARIANTS,
    goals: PROTOCOL_GOALS,
    ...(options.codec === false ? {} : { codec: protocolCodec(init) }),
    ...(symmetry === 'none' ? {} : { symmetry: { canonicalize: (c: ProtocolContext) => canonicalProtocol(c, symmetry === 'fix-manager-0') } }),
  };
}

// ── mutants ──────────────────────────────────────────────────────────────────────────────

/** A machine mutant: a behaviour no mechanism setting gives, to show a check can fail. */
export interface ProtocolMutant {
  readonly id: string;
  readonly description: string;
  /** The mechanisms it runs with (a variant's). */
  readonly variant: ProtocolVariant;
  readonly machine: ProtocolMachine;
  readonly expect: readonly Expectation[];
}

type Act = { context: ProtocolContext; event: ProtocolEvent };
/** An action of the mutant: an effect, then nonces renamed as the machine does. */
const mutantAct = (effect: (a: Act) => Partial<ProtocolContext>) =>
  assign<ProtocolContext, ProtocolEvent, undefined, ProtocolEvent, never>((a: Act) => settle(a.context, effect(a)));
/** The mutant's HSM refuses a challenge while a nonce is outstanding for the requester (instead of answering with it). */
const refuses = (ctx: ProtocolContext, h: number, r: number) => ctx.mech.checksNonce && !ctx.mech.challengeReplaces && outstandingFor(ctx, h, r) !== null;

/**
 * The lockout mutant: an HSM that, while a nonce is outstanding for the requester, refuses the
 * request (the manager's exchange ends) instead of answering with that nonce. The attacker's
 * own request claiming manager 0 then locks manager 0 out until a reboot: the always-possible
 * question must fail, which shows it is not vacuous.
 */
export const LOCKOUT_MUTANT: ProtocolMutant = {
  id: 'mutant-refuses-while-outstanding',
  description: 'the sound protocol, except that an HSM refuses a challenge request while a nonce is outstanding for the requester',
  variant: PROTOCOL_VARIANTS[0]!,
  machine: protocolMachine.provide({
    actions: {
      answerRequest: mutantAct(({ context, event }) => {
        const m = 'manager' in event ? event.manager : 0;
        const at = event.type === 'REDIRECT_REQUEST' ? event.hsm : context.managers[m]!.target!;
        return refuses(context, at, m) ? dropMessage(context, m) : answerRequest(context, m, at);
      }),
      attackerChallenge: mutantAct(({ context, event }) => {
        if (event.type !== 'CHALLENGE_AS' && event.type !== 'RESPOND_AS') return {};
        if (refuses(context, event.hsm, event.as)) return { ghost: noFacts(context.managers.length) };
        return attackerChallenge(context, event.hsm, event.as, event.type === 'RESPOND_AS' ? event.to : null);
      }),
    },
  }),
  expect: [{ property: 'LIVE-MANAGER-CAN-ACT', attacks: ALL_ATTACKS, verdict: 'fails' }],
};

/** The machine mutants. */
export const PROTOCOL_MUTANTS: readonly ProtocolMutant[] = [LOCKOUT_MUTANT];

// ── verification ─────────────────────────────────────────────────────────────────────────

/** Size and time of one exploration. */
export interface ExplorationCounts {
  /** Stored states (orbit representatives under symmetry). */
  readonly states: number;
  readonly transitions: number;
  readonly ms: number;
  /** The symmetry declared and applied. */
  readonly symmetry: ProtocolSymmetry;
  /** Whether the graph was recorded (for the liveness questions). */
  readonly graph: boolean;
}

/** The verdict of one check in one configuration. */
export interface CheckVerdict {
  readonly id: string;
  readonly title: string;
  readonly kind: 'invariant' | 'goal' | 'always-possible' | 'starvation';
  /** Invariant: holds everywhere; goal: reached; always-possible: holds from every state; starvation: no cycle (`found` is its negation). */
  readonly holds: boolean;
  /** Starvation only: a cycle was found. */
  readonly found?: boolean;
  /** The verdict required of this configuration, if any ({@link ProtocolVariant.expect}). */
  readonly expected?: 'holds' | 'fails';
  /** False when an expected verdict was not met. */
  readonly ok?: boolean;
  /** A note on the verdict (an expected starvation, a finding). */
  readonly note?: string;
  /** Invariant violated / goal reached: the shortest trace (from the exploration without symmetry). */
  readonly trace?: Trace;
  /** Always-possible failing: the shortest trace to a stuck state, and the number of stuck states. */
  readonly counterexample?: AlwaysPossibleVerdict['counterexample'];
  readonly stuck?: number;
  /** Starvation found: the lasso (prefix, then cycle), replayed on XState's `transition()`. */
  readonly lasso?: Lasso;
  /** Shortest trace / counterexample length, or lasso prefix + cycle lengths, without symmetry. */
  readonly length?: number | readonly [number, number];
  /** The same check under symmetry (the full group for safety, the subgroup keeping manager 0 for liveness): verdict and lengths. */
  readonly reduced?: { readonly holds: boolean; readonly length?: number | readonly [number, number] };
  /** Every trace and lasso reported was replayed on XState's own `transition()`. */
  readonly replayed?: boolean;
}

/** One configuration: a variant (or mutant) under an attacker configuration. */
export interface ProtocolRow {
  readonly variant: string;
  readonly description: string;
  readonly mutant: boolean;
  readonly attacker: AttackerKind;
  readonly insider: boolean;
  /** Where the attacker acts: on the management channel (observing, or in the middle); with the insider, also at the callable interfaces. */
  readonly locations: readonly (keyof typeof LOCATIONS)[];
  /** Without symmetry (graph recorded when liveness is asked), under the full symmetry, and under the subgroup keeping manager 0 (graph, liveness). */
  readonly explorations: { readonly full: ExplorationCounts; readonly reduced: ExplorationCounts; readonly liveness?: ExplorationCounts };
  readonly checks: readonly CheckVerdict[];
}

/** The result of {@link verifyProtocol}: JSON-serialisable. */
export interface ProtocolVerification {
  readonly model: 'cm6-protocol';
  readonly clause: 'CM6';
  readonly sizes: Required<ProtocolSizes>;
  /** The assumption the nonce abstraction rests on, and why the abstraction is exact. */
  readonly assumption: typeof NONCE_ASSUMPTION;
  /** What each symmetry is and where it is used. */
  readonly symmetry: { readonly safety: string; readonly liveness: string };
  readonly rows: readonly ProtocolRow[];
  /** Configurations whose expected verdicts were all met, and those where one was not. */
  readonly summary: { readonly configurations: number; readonly expectations: number; readonly unmet: readonly string[] };
  readonly ms: number;
}

/** Options of {@link verifyProtocol}. */
export interface VerifyProtocolOptions {
  /** Sizes (default 2 HSMs, 2 managers, 1 copy). */
  readonly sizes?: ProtocolSizes;
  /** Variant IDs (default all). */
  readonly variants?: readonly string[];
  /** Attacker configurations (default {@link ATTACK_CONFIGS}). */
  readonly attacks?: readonly AttackConfig[];
  /** Ask the liveness questions (default true). */
  readonly liveness?: boolean;
  /** Also run the machine mutants (default true). */
  readonly mutants?: boolean;
  /** State limit per exploration (default 5,000,000). */
  readonly maxStates?: number;
  /** Called after each configuration. */
  readonly onProgress?: (row: ProtocolRow, done: number, total: number) => void;
}

/** Exploration options: learned steps do not pay on this model (every action reads the whole context). */
const EXPLORE = { learn: false } as const;

function counts(r: FastExplorationResult, symmetry: ProtocolSymmetry, graph: boolean): ExplorationCounts {
  return { states: r.states, transitions: r.transitions, ms: Math.round(r.ms), symmetry, graph };
}

/** The expected verdict of `property` under `attack` with `hsms` HSMs, if the variant states one. */
function expectedOf(expect: readonly Expectation[], property: string, attack: string, hsms: number): 'holds' | 'fails' | undefined {
  return expect.find((x) => x.property === property && x.attacks.includes(attack) && hsms >= (x.minHsms ?? 1))?.verdict;
}

/** A verdict with its expectation attached. */
function judged(v: CheckVerdict, expected: 'holds' | 'fails' | undefined): CheckVerdict {
  if (!expected) return v;
  return { ...v, expected, ok: (expected === 'holds') === v.holds };
}

const lassoLength = (l: Lasso): readonly [number, number] => [l.prefix.steps.length, l.cycle.length];

/** One configuration: explore, check, replay. */
function verifyRow(
  id: string,
  description: string,
  mutant: boolean,
  variant: Pick<ProtocolVariant, 'cms' | 'overrides'>,
  expect: readonly Expectation[],
  attack: AttackConfig,
  sizes: ProtocolSizes,
  options: VerifyProtocolOptions,
  machine?: ProtocolMachine,
): ProtocolRow {
  const name = attackName(attack);
  const input = protocolInput(variant, attack, sizes);
  const liveness = options.liveness !== false;
  const maxStates = options.maxStates ?? 5_000_000;
  const m = machine ? { machine } : {};
  const full = protocolSubject(input, { symmetry: 'none', ...m });
  const reducedSubject = protocolSubject(input, { symmetry: 'full', ...m });
  const rFull = exploreFast(full, { ...EXPLORE, maxStates, graph: liveness });
  const rReduced = exploreFast(reducedSubject, { ...EXPLORE, maxStates });
  const checks: CheckVerdict[] = [];
  const safety = (p: Property<ProtocolMachine>, kind: 'invariant' | 'goal') => {
    const trace = (kind === 'invariant' ? rFull.violations : rFull.reached)[p.id] ?? null;
    const other = (kind === 'invariant' ? rReduced.violations : rReduced.reached)[p.id] ?? null;
    const holds = kind === 'invariant' ? trace === null : trace !== null;
    const replayed = [trace && replay(full, trace), other && replay(reducedSubject, other)].every((x) => !x || x.ok);
    const v: CheckVerdict = {
      id: p.id,
      title: p.title,
      kind,
      holds,
      ...(trace ? { trace, length: trace.steps.length, replayed } : {}),
      reduced: { holds: kind === 'invariant' ? other === null : other !== null, ...(other ? { length: other.steps.length } : {}) },
    };
    checks.push(judged(v, expectedOf(expect, p.id, name, input.hsms!)));
  };
  for (const p of PROTOCOL_INVARIANTS) safety(p, 'invariant');
  for (const p of PROTOCOL_GOALS) safety(p, 'goal');
  let livenessCounts: ExplorationCounts | undefined;
  if (liveness) {
    const fixed = protocolSubject(input, { symmetry: 'fix-manager-0', ...m });
    const rFixed = exploreFast(fixed, { ...EXPLORE, maxStates, graph: true });
    livenessCounts = counts(rFixed, 'fix-manager-0', true);
    const always = checkAlwaysPossible(full, rFull, LIVE_MANAGER_CAN_ACT);
    const alwaysFixed = checkAlwaysPossible(fixed, rFixed, LIVE_MANAGER_CAN_ACT);
    const ce = always.counterexample;
    const ceFixed = alwaysFixed.counterexample;
    const replayedAlways = [ce && replay(full, ce.trace), ceFixed && replay(fixed, ceFixed.trace)].every((x) => !x || x.ok);
    checks.push(
      judged(
        {
          id: LIVE_MANAGER_CAN_ACT.id,
          title: LIVE_MANAGER_CAN_ACT.title,
          kind: 'always-possible',
          holds: always.holds,
          stuck: always.stuck,
          ...(ce ? { counterexample: ce, length: ce.trace.steps.length, replayed: replayedAlways } : {}),
          reduced: { holds: alwaysFixed.holds, ...(ceFixed ? { length: ceFixed.trace.steps.length } : {}) },
        },
        expectedOf(expect, LIVE_MANAGER_CAN_ACT.id, name, input.hsms!),
      ),
    );
    const questions = attack.attacker === 'network' ? [STARVE_MANAGER, STARVE_MANAGER_BY_DROPPING] : [STARVE_MANAGER];
    for (const q of questions) {
      const v = findStarvation(full, rFull, q);
      const w = findStarvation(fixed, rFixed, q);
      if (v.lasso) replayLasso(full, v.lasso, q);
      if (w.lasso) replayLasso(fixed, w.lasso, q);
      const note =
        attack.attacker !== 'network'
          ? undefined
          : v.found
            ? 'expected, not a finding: a man in the middle can always starve a manager (it drops or misdelivers its messages); availability against it is LIVE-MANAGER-CAN-ACT'
            : 'no such cycle at these sizes, but a man in the middle still starves manager 0 by dropping its commands (STARVE-MANAGER-BY-DROPPING)';
      checks.push(
        judged(
          {
            id: q.id,
            title: q.title,
            kind: 'starvation',
            holds: !v.found,
            found: v.found,
            ...(note ? { note } : {}),
            ...(v.lasso ? { lasso: v.lasso, length: lassoLength(v.lasso), replayed: true } : {}),
            reduced: { holds: !w.found, ...(w.lasso ? { length: lassoLength(w.lasso) } : {}) },
          },
          expectedOf(expect, q.id, name, input.hsms!) ?? (q === STARVE_MANAGER_BY_DROPPING && !mutant ? 'fails' : undefined),
        ),
      );
    }
  }
  return {
    variant: id,
    description,
    mutant,
    attacker: attack.attacker,
    insider: attack.insider,
    locations: attack.insider ? ['management-channel', 'callable-interfaces'] : ['management-channel'],
    explorations: {
      full: counts(rFull, 'none', liveness),
      reduced: counts(rReduced, 'full', false),
      ...(livenessCounts ? { liveness: livenessCounts } : {}),
    },
    checks,
  };
}

/**
 * Verifies the CM6 protocol model: every requested variant (and, by default, the lockout
 * mutant) under every attacker configuration, each explored without symmetry (with the graph,
 * for liveness), under the full symmetry (HSMs × managers: safety) and under the subgroup that
 * keeps manager 0 in place (graph: liveness). Per configuration: state counts and times, the
 * invariant's and goal's verdicts with shortest traces (replayed on XState's `transition()`),
 * `LIVE-MANAGER-CAN-ACT` with its counterexample, `STARVE-MANAGER` (and, for the network
 * attacker, `STARVE-MANAGER-BY-DROPPING`) with lassos replayed by `replayLasso`, each verdict
 * under symmetry beside it, and the expected verdicts checked. JSON-serialisable.
 */
export function verifyProtocol(options: VerifyProtocolOptions = {}): ProtocolVerification {
  const t0 = performance.now();
  const sizes = {
    hsms: options.sizes?.hsms ?? PROTOCOL_DEFAULTS.hsms,
    managers: options.sizes?.managers ?? PROTOCOL_DEFAULTS.managers,
    captures: options.sizes?.captures ?? PROTOCOL_DEFAULTS.captures,
  };
  const variants = (options.variants ?? PROTOCOL_VARIANTS.map((v) => v.id)).map(protocolVariant);
  const attacks = options.attacks ?? ATTACK_CONFIGS;
  const mutants = options.mutants === false || options.liveness === false ? [] : PROTOCOL_MUTANTS;
  const total = (variants.length + mutants.length) * attacks.length;
  const rows: ProtocolRow[] = [];
  const push = (row: ProtocolRow) => {
    rows.push(row);
    options.onProgress?.(row, rows.length, total);
  };
  for (const v of variants) for (const a of attacks) push(verifyRow(v.id, v.description, false, v, v.expect, a, sizes, options));
  for (const mu of mutants) for (const a of attacks) push(verifyRow(mu.id, mu.description, true, mu.variant, mu.expect, a, sizes, options, mu.machine));
  const judgedChecks = rows.flatMap((r) => r.checks.filter((c) => c.expected).map((c) => ({ r, c })));
  return {
    model: 'cm6-protocol',
    clause: 'CM6',
    sizes,
    assumption: NONCE_ASSUMPTION,
    symmetry: {
      safety:
        'full group: HSMs interchangeable × managers interchangeable (canonicalProtocol); verdicts and shortest-trace lengths equal those without symmetry, states count orbits',
      liveness:
        'the liveness questions single out manager 0: asked on the graph without symmetry, and on the graph under the subgroup keeping manager 0 in place (HSMs × the other managers), under which every predicate they use is invariant',
    },
    rows,
    summary: {
      configurations: rows.length,
      expectations: judgedChecks.length,
      unmet: judgedChecks.filter(({ c }) => c.ok === false).map(({ r, c }) => `${r.variant}/${attackName(r)}/${c.id}`),
    },
    ms: Math.round(performance.now() - t0),
  };
}
