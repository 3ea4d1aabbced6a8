/**
 * The CM6 management protocol model under a network attacker (@clause CM6): the sound protocol
 * keeps its invariant and its liveness guarantees under both attacker kinds, each broken variant
 * (a)–(d) is caught by the property named for it with a trace or lasso that replays on XState's
 * own `transition()`, the nonce abstraction is exact, the fast explorer agrees with XState and
 * with the reference explorer, and symmetry reduction is exact (verdicts, trace lengths, and
 * state counts equal to independently counted orbits).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transition, type AnyMachineSnapshot } from 'xstate';
import { COUNTERMEASURE_IDS } from '../../spec/ids.ts';
import { cmFlags, type CmFlags } from '../../model/config.ts';
import { Mechanisms } from '../../model/mechanisms.ts';
import { protocolMachine } from '../../model/protocol.machine.ts';
import { freshNonce, nonceReferences, noncePlaces, renameNonces, type ProtocolContext, type ProtocolEvent, type ProtocolInput } from '../../model/protocol.ts';
import { DEFAULT_SETTINGS } from '../../model/settings.ts';
import { exploreBfs } from '../../proofs/bfs.ts';
import { exploreFast, type FastExplorationResult } from '../../proofs/fast/explorer.ts';
import { checkAlwaysPossible, findStarvation, replayLasso, type Starvation } from '../../proofs/fast/liveness.ts';
import {
  ATTACK_CONFIGS,
  attackName,
  byManager0,
  LIVE_MANAGER_CAN_ACT,
  LOCKOUT_MUTANT,
  PROTOCOL_VARIANTS,
  protocolEvents,
  protocolInput,
  protocolSubject,
  protocolVariant,
  STARVE_MANAGER,
  STARVE_MANAGER_BY_DROPPING,
  verifyProtocol,
  type AttackConfig,
  type ProtocolSizes,
  type ProtocolSymmetry,
} from '../../proofs/protocol.ts';
import { replay } from '../../proofs/replay.ts';
import type { Trace } from '../../proofs/types.ts';
import { fastSuccessor, initialOf, xstateSuccessor } from '../fast/helpers.ts';

const NETWORK: AttackConfig = { attacker: 'network', insider: false };
const OFF_PATH: AttackConfig = { attacker: 'off-path', insider: false };
const INSIDER: AttackConfig = { attacker: 'off-path', insider: true };
const SMALL: readonly ProtocolSizes[] = [
  { hsms: 2, managers: 1 },
  { hsms: 1, managers: 2 },
];
const INV = 'INV-PROTO-INTENDED';
const GOAL = 'PROTO-SOME-MANAGER-SUCCEEDS';
const size = (s: ProtocolSizes) => `${s.hsms ?? 2}×${s.managers ?? 2}`;

/** The subject of a variant under an attacker configuration, sizes and a symmetry. */
function subjectOf(variant: string, attack: AttackConfig, sizes: ProtocolSizes, symmetry: ProtocolSymmetry = 'none') {
  return protocolSubject(protocolInput(protocolVariant(variant), attack, sizes), { symmetry });
}

/** Explores a subject the way `verifyProtocol` does (learned steps off). */
function run(subject: ReturnType<typeof subjectOf>, graph = false): FastExplorationResult {
  return exploreFast(subject, { learn: false, graph });
}

const events = (t: Trace) => t.steps.map((s) => s.event as ProtocolEvent);
const lastContext = (t: Trace) => (t.steps.at(-1)!.state as { ghost: ProtocolContext['ghost'] }).ghost;

describe('the sound protocol (CM6)', () => {
  const cases = [...SMALL.flatMap((sizes) => ATTACK_CONFIGS.map((attack) => ({ sizes, attack }))), { sizes: { hsms: 2, managers: 2 }, attack: OFF_PATH }];
  for (const { sizes, attack } of cases) {
    // fails if a redirect, replay or forgery takes effect, if manager 0 can be locked out, or if an attacker that cannot drop starves it
    it(`${size(sizes)}, ${attackName(attack)}: the invariant holds, manager 0 can always act, no starvation without dropping (with and without symmetry)`, () => {
      for (const symmetry of ['none', 'full'] as const) {
        const r = run(subjectOf('sound', attack, sizes, symmetry));
        expect(r.violations[INV], `${INV} (${symmetry})`).toBeNull();
        expect(r.reached[GOAL], `${GOAL} (${symmetry})`).not.toBeNull();
      }
      for (const symmetry of ['none', 'fix-manager-0'] as const) {
        const subject = subjectOf('sound', attack, sizes, symmetry);
        const r = run(subject, true);
        expect(checkAlwaysPossible(subject, r, LIVE_MANAGER_CAN_ACT).holds, `${LIVE_MANAGER_CAN_ACT.id} (${symmetry})`).toBe(true);
        const starve = findStarvation(subject, r, STARVE_MANAGER);
        if (attack.attacker === 'off-path') expect(starve.found, `${STARVE_MANAGER.id} (${symmetry})`).toBe(false);
        else {
          // the man in the middle starves manager 0 (by dropping alone, too): expected, the reason availability is the always-possible question
          const drop = findStarvation(subject, r, STARVE_MANAGER_BY_DROPPING);
          expect(drop.found).toBe(true);
          replayLasso(subject, drop.lasso!, STARVE_MANAGER_BY_DROPPING);
          expect(drop.lasso!.cycle.some((s) => /^(DROP|REDIRECT_|RESPOND_AS)/.test(s.event.type))).toBe(true);
          const dropOnly = { ...STARVE_MANAGER_BY_DROPPING, others: (e: ProtocolEvent) => byManager0(e) || e.type === 'DROP' };
          const v = findStarvation(subject, r, dropOnly);
          expect(v.found).toBe(true);
          replayLasso(subject, v.lasso!, dropOnly);
        }
      }
    });
  }

  // fails if reboots are not explored, or if a reboot can lock manager 0 out for good
  it('2×1, off-path: reboots happen (they erase outstanding nonces) and never lock manager 0 out', () => {
    const subject = subjectOf('sound', OFF_PATH, { hsms: 2, managers: 1 });
    const r = run(subject, true);
    const cycleWithReboot = findStarvation(subject, r, { ...STARVE_MANAGER, others: () => true });
    expect(cycleWithReboot.found).toBe(true); // a device that reboots forever starves anyone: why reboots are excluded
    expect(cycleWithReboot.lasso!.cycle.map((s) => s.event.type)).toContain('REBOOT');
    expect(checkAlwaysPossible(subject, r, LIVE_MANAGER_CAN_ACT).holds).toBe(true);
  });
});

describe('broken variants are caught, with traces and lassos that replay on transition()', () => {
  // fails if a command signed for HSM 0 cannot be made to execute at HSM 1 when the HSM id is not signed
  it('(a) no HSM id under the signature: INV-PROTO-INTENDED fails under the network attacker (response-redirect man in the middle)', () => {
    for (const symmetry of ['none', 'full'] as const) {
      const subject = subjectOf('a-no-hsm-id', NETWORK, { hsms: 2, managers: 1 }, symmetry);
      const trace = run(subject).violations[INV]!;
      expect(trace).toBeTruthy();
      expect(replay(subject, trace)).toEqual({ ok: true });
      expect(lastContext(trace).unintended).toBe(true);
      // manager 0 asks HSM 0, is answered with HSM 1's nonce, and its command goes to HSM 1
      const [ask, ...rest] = events(trace);
      expect(ask).toMatchObject({ type: 'REQUEST', manager: 0 });
      const last = rest.at(-1)!;
      expect(last.type).toBe('REDIRECT_COMMAND');
      expect(trace.steps).toHaveLength(4);
    }
    // the sound protocol refuses the same run, and without a man in the middle (a) holds
    expect(run(subjectOf('sound', NETWORK, { hsms: 2, managers: 1 })).violations[INV]).toBeNull();
    expect(run(subjectOf('a-no-hsm-id', OFF_PATH, { hsms: 2, managers: 1 })).violations[INV]).toBeNull();
  });

  // fails if a captured command cannot be executed a second time when no nonce is checked
  it('(b) no nonce: INV-PROTO-INTENDED fails under the network attacker (a replay)', () => {
    for (const symmetry of ['none', 'full'] as const) {
      const subject = subjectOf('b-no-nonce', NETWORK, { hsms: 2, managers: 1 }, symmetry);
      const trace = run(subject).violations[INV]!;
      expect(trace).toBeTruthy();
      expect(replay(subject, trace)).toEqual({ ok: true });
      expect(lastContext(trace).unintended).toBe(true);
      expect(events(trace).map((e) => e.type)).toContain('CAPTURE');
      expect(events(trace).at(-1)!.type).toMatch(/^(REPLAY|DELIVER_COMMAND)$/);
      expect(trace.steps).toHaveLength(6);
    }
  });

  /** Starvation found under both the full graph and the subgroup fixing manager 0, each lasso replayed; returns the cycle's events. */
  function starved(variant: string, attack: AttackConfig, sizes: ProtocolSizes, q: Starvation<any, any> = STARVE_MANAGER): ProtocolEvent[] {
    let cycle: ProtocolEvent[] = [];
    for (const symmetry of ['none', 'fix-manager-0'] as const) {
      const subject = subjectOf(variant, attack, sizes, symmetry);
      const v = findStarvation(subject, run(subject, true), q);
      expect(v.found, `${variant} ${symmetry}`).toBe(true);
      replayLasso(subject, v.lasso!, q);
      if (symmetry === 'none') cycle = v.lasso!.cycle.map((s) => s.event as ProtocolEvent);
    }
    return cycle;
  }

  // fails if the insider cannot consume the manager's shared nonce between its request and its command
  it('(c) shared nonce: STARVE-MANAGER is found under the off-path attacker with an insider', () => {
    const cycle = starved('c-shared-nonce', INSIDER, { hsms: 2, managers: 1 });
    const types = cycle.map((e) => e.type);
    expect(types).toContain('INSIDER_COMMAND');
    expect(types.indexOf('DELIVER_REQUEST')).toBeLessThan(types.indexOf('INSIDER_COMMAND'));
    expect(types.indexOf('INSIDER_COMMAND')).toBeLessThan(types.indexOf('DELIVER_COMMAND'));
    // one manager and no insider: nobody else can consume the shared nonce
    const subject = subjectOf('c-shared-nonce', OFF_PATH, { hsms: 2, managers: 1 });
    expect(findStarvation(subject, run(subject, true), STARVE_MANAGER).found).toBe(false);
  });

  // fails if the attacker's request for the manager cannot replace its nonce between its request and its command
  it('(d) a request replaces the nonce: STARVE-MANAGER is found under the off-path attacker', () => {
    const cycle = starved('d-replacing-challenge', OFF_PATH, { hsms: 2, managers: 1 });
    const i = cycle.findIndex((e) => e.type === 'CHALLENGE_AS' && e.as === 0);
    expect(i).toBeGreaterThan(cycle.findIndex((e) => e.type === 'DELIVER_REQUEST'));
    expect(i).toBeLessThan(cycle.findIndex((e) => e.type === 'DELIVER_COMMAND'));
  });

  // fails if the always-possible check cannot see a permanent lockout (it would then check nothing)
  it('the lockout mutant (a challenge refused while one is outstanding) fails LIVE-MANAGER-CAN-ACT', () => {
    for (const symmetry of ['none', 'fix-manager-0'] as const) {
      const input = protocolInput(LOCKOUT_MUTANT.variant, OFF_PATH, { hsms: 2, managers: 1 });
      const subject = protocolSubject(input, { symmetry, machine: LOCKOUT_MUTANT.machine });
      const v = checkAlwaysPossible(subject, run(subject, true), LIVE_MANAGER_CAN_ACT);
      expect(v.holds).toBe(false);
      expect(replay(subject, v.counterexample!.trace)).toEqual({ ok: true });
      expect(events(v.counterexample!.trace).every((e) => e.type === 'CHALLENGE_AS')).toBe(true);
    }
  });
});

/** The context with every nonce `v` renamed `to(v)`, copies sorted by their new values (as a state of the machine keeps them). */
function renamedBy(ctx: ProtocolContext, to: (v: number) => number): ProtocolContext {
  const rename = (v: number | null) => (v === null ? null : to(v));
  return {
    ...ctx,
    outstanding: ctx.outstanding.map((row) => row.map(rename)),
    managers: ctx.managers.map((m) => ({ ...m, held: rename(m.held), msg: m.msg && { ...m.msg, nonce: rename(m.msg.nonce) } })),
    copies: ctx.copies
      .map((c) => ({ ...c, nonce: to(c.nonce) }))
      .sort((a, b) => a.signer - b.signer || a.target - b.target || a.nonce - b.nonce || +a.done - +b.done),
  };
}

describe('the nonce abstraction is exact', () => {
  const configs: [string, AttackConfig, ProtocolSizes][] = [
    ['sound', OFF_PATH, { hsms: 2, managers: 2 }],
    ['d-replacing-challenge', NETWORK, { hsms: 2, managers: 1 }],
    ['b-no-nonce', NETWORK, { hsms: 1, managers: 2, captures: 2 }],
    ['c-shared-nonce', INSIDER, { hsms: 2, managers: 1, captures: 2 }],
    // three copies: two signers over one shared nonce, beside another copy-only nonce, need the ordering search of renameNonces
    ['c-shared-nonce', OFF_PATH, { hsms: 1, managers: 2, captures: 3 }],
  ];
  for (const [variant, attack, sizes] of configs) {
    // fails if a state holds more distinct nonces than references, a value beyond the places, a fresh nonce that is referenced, or a state not renamed
    it(`${variant}, ${attackName(attack)}, ${size(sizes)}: every reachable state holds nonces 0..k-1 for its k distinct nonces, k ≤ references`, () => {
      const r = run(subjectOf(variant, attack, sizes), true);
      let most = 0;
      const bad: string[] = [];
      for (let id = 0; id < r.states && bad.length < 5; id++) {
        const ctx = r.snapshotOf!(id).context as ProtocolContext;
        const refs = nonceReferences(ctx);
        const distinct = [...new Set(refs)].sort((a, b) => a - b);
        const ok =
          distinct.length <= refs.length &&
          distinct.every((v, i) => v === i) &&
          distinct.length <= noncePlaces(ctx) &&
          !refs.includes(freshNonce(ctx)) &&
          JSON.stringify(renameNonces(ctx)) === JSON.stringify(ctx) &&
          JSON.stringify(renameNonces(renamedBy(ctx, (v) => 7 * (distinct.length - v) + 5))) === JSON.stringify(ctx);
        if (!ok) bad.push(JSON.stringify(r.snapshotOf!(id).toJSON()));
        most = Math.max(most, distinct.length);
      }
      expect(bad).toEqual([]);
      expect(most).toBeGreaterThan(1);
    });
  }

  // fails if a step depends on nonce values beyond equality (data independence): a renamed state must step to the same state
  it('data independence: any injective renaming of a reachable state’s nonces leads, under every event, to the same states', () => {
    const input = protocolInput(protocolVariant('sound'), INSIDER, { hsms: 2, managers: 2, captures: 2 });
    const subject = protocolSubject(input, { symmetry: 'none' });
    const all = protocolEvents(input);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 20, maxLength: 20 }), (walk, to) => {
        let snap = initialOf(subject);
        for (const w of walk) snap = transition(protocolMachine, snap, all[w % all.length]!)[0] as AnyMachineSnapshot;
        const ctx = snap.context as ProtocolContext;
        // an injective renaming in random order: value v becomes to[v]
        const renamed = renamedBy(ctx, (v) => to[v]!);
        expect(JSON.stringify(renameNonces(renamed))).toBe(JSON.stringify(ctx));
        const other = protocolMachine.resolveState({ value: snap.value, context: renamed });
        for (const e of all) {
          const a = transition(protocolMachine, snap, e)[0] as AnyMachineSnapshot;
          const b = transition(protocolMachine, other, e)[0] as AnyMachineSnapshot;
          const changed = (x: AnyMachineSnapshot, from: AnyMachineSnapshot) => x !== from;
          if (changed(a, snap) || changed(b, other)) expect(JSON.stringify(b.context), JSON.stringify(e)).toBe(JSON.stringify(a.context));
        }
      }),
      { numRuns: 60 },
    );
  });

  // fails if the model needs a bound on nonces: runs issue more nonces than there are places, and exploration still terminates
  it('with no bound on nonces issued, runs issue arbitrarily many fresh nonces and every exploration terminates', () => {
    const input = protocolInput(protocolVariant('d-replacing-challenge'), OFF_PATH, { hsms: 1, managers: 1 });
    const subject = protocolSubject(input, { symmetry: 'none' });
    let snap = initialOf(subject);
    let issued = 0;
    const round: ProtocolEvent[] = [
      { type: 'REQUEST', manager: 0, hsm: 0 },
      { type: 'DELIVER_REQUEST', manager: 0 },
      { type: 'DELIVER_RESPONSE', manager: 0 },
      { type: 'CHALLENGE_AS', hsm: 0, as: 0 },
      { type: 'SIGN', manager: 0 },
      { type: 'DELIVER_COMMAND', manager: 0 },
    ];
    for (let i = 0; i < 40; i++) {
      for (const e of round) {
        const before = snap.context as ProtocolContext;
        snap = transition(protocolMachine, snap, e)[0] as AnyMachineSnapshot;
        const after = snap.context as ProtocolContext;
        if (e.type === 'CHALLENGE_AS') {
          // the replacing nonce is fresh: it differs from the one manager 0 holds
          expect(after.outstanding[0]![0]).not.toBe(after.managers[0]!.held);
          issued++;
        }
        if (e.type === 'DELIVER_REQUEST') issued += before.outstanding[0]![0] === after.managers[0]!.msg!.nonce ? 0 : 1;
      }
    }
    expect(issued).toBeGreaterThan(10 * noncePlaces(snap.context as ProtocolContext));
    for (const v of PROTOCOL_VARIANTS) for (const a of ATTACK_CONFIGS) expect(run(subjectOf(v.id, a, { hsms: 1, managers: 1 })).states).toBeLessThan(1000);
  });
});

describe('the fast explorer agrees with XState', () => {
  const configs: [string, AttackConfig, ProtocolSizes][] = [
    ...PROTOCOL_VARIANTS.flatMap((v) => ATTACK_CONFIGS.map((a): [string, AttackConfig, ProtocolSizes] => [v.id, a, { hsms: 1, managers: 1 }])),
    ...['sound', 'a-no-hsm-id', 'b-no-nonce', 'd-replacing-challenge'].flatMap((v) =>
      [NETWORK, OFF_PATH].map((a): [string, AttackConfig, ProtocolSizes] => [v, a, { hsms: 2, managers: 1 }]),
    ),
  ];
  // fails if the fast explorer (learned steps on or off) and the reference explorer over XState's transition() differ in states, transitions, verdicts or traces
  it('exploreFast equals exploreBfs (states, transitions, verdicts, shortest traces) on the 1×1 and 2×1 configurations', () => {
    for (const [variant, attack, sizes] of configs) {
      const subject = subjectOf(variant, attack, sizes);
      const reference = exploreBfs(subject);
      for (const learn of [false, true]) {
        const fast = exploreFast(subject, { learn });
        const label = `${variant} ${attackName(attack)} ${size(sizes)} learn=${learn}`;
        expect(fast.states, label).toBe(reference.states);
        expect(fast.transitions, label).toBe(reference.transitions);
        expect(fast.violations, label).toEqual(reference.violations);
        expect(fast.reached, label).toEqual(reference.reached);
      }
    }
  });

  // fails if the compiled machine's successor differs from XState's transition() for any event on a sampled reachable state
  it('along random walks (2×2, network and off-path with insider, captures 2), every compiled successor equals transition()', () => {
    for (const [variant, attack] of [
      ['sound', NETWORK],
      ['c-shared-nonce', INSIDER],
      ['a-no-hsm-id', NETWORK],
    ] as const) {
      const input = protocolInput(protocolVariant(variant), attack, { hsms: 2, managers: 2, captures: 2 });
      const subject = protocolSubject(input, { symmetry: 'none' });
      const all = protocolEvents(input);
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 50 }), (walk) => {
          let snap = initialOf(subject);
          for (const w of walk) {
            const e = all[w % all.length]!;
            expect(fastSuccessor(protocolMachine, snap, e)).toBe(xstateSuccessor(protocolMachine, snap, e));
            snap = transition(protocolMachine, snap, e)[0] as AnyMachineSnapshot;
          }
          for (const e of all) expect(fastSuccessor(protocolMachine, snap, e)).toBe(xstateSuccessor(protocolMachine, snap, e));
          const w = new Uint32Array(subject.codec!.words + 1);
          subject.codec!.encode(snap.context, w, 0);
          expect(JSON.stringify(subject.codec!.decode(w, 0))).toBe(JSON.stringify(snap.context));
        }),
        { numRuns: 40 },
      );
    }
  });
});

/**
 * The orbit key of a context, computed here independently of the model's symmetry code: rename
 * HSMs and managers by every permutation (rows and requester columns of the tables, managers,
 * their targets, copies' signers and targets, the success facts), rename nonces canonically,
 * and keep the least JSON.
 */
function orbitKey(ctx: ProtocolContext, fixManager0 = false): string {
  const H = ctx.outstanding.length;
  const M = ctx.managers.length;
  const perms = (n: number): number[][] =>
    n <= 1 ? [[0].slice(0, n)] : perms(n - 1).flatMap((p) => Array.from({ length: n }, (_, at) => [...p.slice(0, at), n - 1, ...p.slice(at)]));
  // one column: a shared nonce (or a single requester); otherwise one column per requester, managers first
  const perRequester = ctx.outstanding[0]!.length > 1;
  let best: string | null = null;
  for (const hp of perms(H)) {
    for (const mp of perms(M)) {
      if (fixManager0 && mp[0] !== 0) continue;
      const outstanding = Array.from({ length: H }, () => [] as (number | null)[]);
      ctx.outstanding.forEach((row, h) => {
        row.forEach((v, c) => {
          outstanding[hp[h]!]![perRequester && c < M ? mp[c]! : c] = v;
        });
      });
      const managers = new Array(M);
      const managed = new Array(M);
      ctx.managers.forEach((s, m) => {
        managers[mp[m]!] = { ...s, target: s.target === null ? null : hp[s.target] };
        managed[mp[m]!] = ctx.ghost.managed[m];
      });
      const copies = ctx.copies.map((c) => ({ ...c, signer: mp[c.signer]!, target: hp[c.target]! }));
      const key = JSON.stringify(renameNonces({ ...ctx, outstanding, managers, copies, ghost: { ...ctx.ghost, managed } }), (k, v) =>
        k === 'mech' ? undefined : v,
      );
      if (best === null || key < best) best = key;
    }
  }
  return best!;
}

describe('symmetry reduction is exact', () => {
  // fails if a verdict or a shortest-trace length changes under symmetry, or a reduced trace does not replay
  it('every variant × attacker at 2×1 and 1×2: the same verdicts and shortest-trace lengths with and without symmetry', () => {
    for (const sizes of SMALL) {
      for (const v of PROTOCOL_VARIANTS) {
        for (const a of ATTACK_CONFIGS) {
          const full = run(subjectOf(v.id, a, sizes, 'none'));
          const reducedSubject = subjectOf(v.id, a, sizes, 'full');
          const reduced = run(reducedSubject);
          const label = `${v.id} ${attackName(a)} ${size(sizes)}`;
          for (const [id, t] of [...Object.entries(full.violations), ...Object.entries(full.reached)]) {
            const u = reduced.violations[id] ?? reduced.reached[id] ?? null;
            expect(u?.steps.length ?? null, `${label} ${id}`).toBe(t?.steps.length ?? null);
            if (u) expect(replay(reducedSubject, u), `${label} ${id}`).toEqual({ ok: true });
          }
          expect(reduced.states).toBeLessThanOrEqual(full.states);
        }
      }
    }
  });

  const orbitCases: [string, AttackConfig, ProtocolSizes][] = [
    ['sound', OFF_PATH, { hsms: 2, managers: 2 }],
    ['c-shared-nonce', INSIDER, { hsms: 2, managers: 2 }],
    ['sound', NETWORK, { hsms: 2, managers: 1 }],
    ['a-no-hsm-id', NETWORK, { hsms: 1, managers: 2 }],
  ];
  for (const [variant, attack, sizes] of orbitCases) {
    // fails if the reduced exploration merges states of different orbits or splits one orbit
    it(`${variant}, ${attackName(attack)}, ${size(sizes)}: reduced states = orbits of the full state set (full group, and the subgroup fixing manager 0)`, () => {
      const full = run(subjectOf(variant, attack, sizes, 'none'), true);
      const contexts = Array.from({ length: full.states }, (_, id) => full.snapshotOf!(id).context as ProtocolContext);
      for (const [symmetry, fix] of [
        ['full', false],
        ['fix-manager-0', true],
      ] as const) {
        const orbits = new Set(contexts.map((c) => orbitKey(c, fix)));
        const reduced = run(subjectOf(variant, attack, sizes, symmetry));
        expect(reduced.states, symmetry).toBe(orbits.size);
        // every group here is non-trivial, except the subgroup fixing manager 0 with one HSM and two managers
        if (symmetry === 'full' || (sizes.hsms ?? 2) > 1) expect(reduced.states).toBeLessThan(full.states);
        else expect(reduced.states).toBe(full.states);
      }
    });
  }
});

describe('verifyProtocol', () => {
  // fails if a required verdict (sound holds; (a)–(d), CM6 off and the lockout mutant caught) is not met, or the result is not JSON
  it('2×1: every expected verdict is met, every trace and lasso replays, the result is JSON-serialisable', () => {
    const r = verifyProtocol({ sizes: { hsms: 2, managers: 1 } });
    expect(r.summary.unmet).toEqual([]);
    expect(r.summary.expectations).toBeGreaterThanOrEqual(20);
    expect(r.rows).toHaveLength((PROTOCOL_VARIANTS.length + 1) * ATTACK_CONFIGS.length);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    for (const row of r.rows) {
      expect(row.explorations.reduced.states).toBeLessThanOrEqual(row.explorations.full.states);
      for (const c of row.checks) {
        if (c.trace || c.lasso || c.counterexample) expect(c.replayed, `${row.variant} ${c.id}`).toBe(true);
        expect(c.reduced?.holds, `${row.variant} ${attackName(row)} ${c.id} under symmetry`).toBe(c.holds);
      }
    }
    expect(r.assumption.id).toBe('PROTO-NONCE-128');
  });
});

describe('the protocol model reads no countermeasure flag', () => {
  // fails if model/protocol*.ts refer to the flags, or if a flag is read elsewhere than model/mechanisms.ts while exploring
  it('only model/mechanisms.ts reads flags; the protocol model files never mention them', () => {
    for (const f of ['protocol.ts', 'protocol.machine.ts']) {
      expect(readFileSync(new URL(`../../model/${f}`, import.meta.url), 'utf8')).not.toMatch(/\bCmFlags\b|\.cms\b|\bcms\[|\bcmFlags\(/);
    }
    const readers = new Set<string>();
    const tracked = (cms: CmFlags) =>
      new Proxy(cms, {
        get(target, prop, receiver) {
          if (typeof prop === 'string' && (COUNTERMEASURE_IDS as readonly string[]).includes(prop)) {
            const caller =
              (new Error().stack ?? '')
                .split('\n')
                .slice(2)
                .find((l) => /\/(model|proofs)\//.test(l)) ?? '?';
            readers.add(/\/(model|proofs)\/[\w./-]+\.ts/.exec(caller)?.[0] ?? caller);
          }
          return Reflect.get(target, prop, receiver);
        },
      });
    for (const cms of [cmFlags([]), cmFlags(['CM6'])]) {
      const input: ProtocolInput = {
        ...protocolInput(protocolVariant('sound'), INSIDER, { hsms: 2, managers: 1 }),
        mech: new Mechanisms(tracked(cms), 'device', DEFAULT_SETTINGS),
      };
      run(protocolSubject(input, { symmetry: 'full' }));
    }
    expect([...readers]).toEqual(['/model/mechanisms.ts']);
  });
});
