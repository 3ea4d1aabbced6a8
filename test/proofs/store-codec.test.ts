/**
 * The packed codec of the key-store contexts (`proofs/store-codec.ts`): on every context the
 * device and server machines reach (every attacker profile, 1 to 4 slots, other nonce and
 * capture bounds, settings alternatives, the broken variants) it round-trips exactly, keeps
 * the constant fields as the very same objects, and gives two states equal words exactly when
 * their `storeKey` is equal; the fast explorer with it finds the states, transitions, verdicts
 * and traces the reference explorer finds; and checking it reads no setting the model does not.
 */
import { initialTransition, type AnyStateMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { maskToFlags, PROFILE_IDS, type ProfileId } from '../../model/config.ts';
import { settingsWith, type Settings } from '../../model/settings.ts';
import { NO_FACTS, storeKey, type StoreContext } from '../../model/store.ts';
import { exploreBfs } from '../../proofs/bfs.ts';
import { exploreFast } from '../../proofs/fast/index.ts';
import type { FastSubject } from '../../proofs/fast/types.ts';
import { generateMutants } from '../../proofs/mutants/generate.ts';
import { trackReads, trackSettings } from '../../proofs/reads.ts';
import { storeCodec, storeSchema } from '../../proofs/store-codec.ts';
import { subjectFor, type ModelId, type SubjectOptions } from '../../proofs/subjects.ts';
import { ALL_MASK } from '../../proofs/table.ts';
import type { Snap } from '../../proofs/types.ts';
import { VARIANT_SETTINGS, VARIANTS } from '../../proofs/variants.ts';
import { comparable } from '../fast/helpers.ts';

/** CM1 (an HSM) and CM6 (strong authentication) as a bitmask. */
const HSM_AUTH = 0b100001;

interface Case {
  readonly name: string;
  readonly model: ModelId;
  readonly profile: ProfileId;
  readonly mask: number;
  readonly machine?: AnyStateMachine;
  readonly options?: SubjectOptions;
}

const subjectOf = (c: Case): FastSubject => subjectFor(c.model, maskToFlags(c.mask), c.profile, c.machine, c.options);

/** Configurations whose every reachable context is checked. */
const CASES: readonly Case[] = [
  ...(['device', 'server'] as const).flatMap((model) =>
    PROFILE_IDS.flatMap((profile) => [0, HSM_AUTH, ALL_MASK].map((mask) => ({ name: `${model}, ${profile}, mask ${mask}`, model, profile, mask }))),
  ),
  ...[1, 3, 4].map((slots) => ({
    name: `device, physical, ${slots} slots`,
    model: 'device' as const,
    profile: 'physical' as const,
    mask: HSM_AUTH,
    options: { slots },
  })),
  ...[1, 3, 4].map((slots) => ({
    name: `server, remote, ${slots} slots`,
    model: 'server' as const,
    profile: 'remote' as const,
    mask: ALL_MASK,
    options: { slots },
  })),
  { name: 'server, physical, all countermeasures, 3 slots', model: 'server', profile: 'physical', mask: ALL_MASK, options: { slots: 3 } },
  { name: 'device, insider, CM1+CM6, 2 captures', model: 'device', profile: 'insider', mask: HSM_AUTH, options: { captures: 2 } },
  { name: 'server, insider, 3 captures', model: 'server', profile: 'insider', mask: ALL_MASK, options: { captures: 3 } },
  { name: 'server, insider, 3 captures, 1 slot', model: 'server', profile: 'insider', mask: HSM_AUTH, options: { captures: 3, slots: 1 } },
  ...(
    [
      ['cm5Means', 'logical'],
      ['pairingSecret', 'protected'],
      ['hsmRating', 'basic'],
      ['cm4OnServer', false],
    ] as const
  ).map(([setting, value]) => ({
    name: `device, physical, ${setting} = ${String(value)}`,
    model: 'device' as const,
    profile: 'physical' as const,
    mask: ALL_MASK,
    options: { settings: settingsWith({ [setting]: value } as Partial<Settings>) },
  })),
  ...VARIANTS.map((v) => ({
    name: `variant ${v.id}`,
    model: v.model,
    profile: v.profile,
    mask: ALL_MASK,
    machine: v.machine,
    // the variants without authentication have the largest state spaces: one slot is enough here
    options: { settings: VARIANT_SETTINGS, ...(v.id.startsWith('BROKEN-AUTHN') ? { slots: 1 } : {}) },
  })),
];

/**
 * Calls `visit` on every state reached from `subject` (each successor computed, repeats
 * included), found without the codec (states identified by `storeKey`); returns the state count.
 */
function eachReachable(subject: FastSubject, visit: (s: Snap) => void): number {
  const [init] = initialTransition(subject.machine, subject.input as never);
  visit(init as Snap);
  const { codec: _codec, key, ...keyed } = subject;
  return exploreFast({
    ...keyed,
    key: (s) => {
      visit(s);
      return key!(s);
    },
  }).states;
}

/** Values met in the contexts checked, as `field:value`. */
function valuesOf(ctx: StoreContext): string[] {
  return [
    ...ctx.slots.flatMap((s) => [`life:${s.life}`, `key:${s.key}`]),
    ...ctx.pending.map((n, i) => `pending${i}:${n === null ? 'none' : 'some'}`),
    `held:${ctx.held === null ? 'none' : 'some'}`,
    `captured:${ctx.captured.length}`,
    ...ctx.captured.flatMap((x) => [`op:${x.op}`, `nonce:${x.nonce === null ? 'none' : 'some'}`]),
    ctx.sf ? `sf:${ctx.sf.key}@${ctx.sf.where}` : 'sf:none',
    `counterfeit:${ctx.counterfeit}`,
    `knowsPairing:${ctx.knowsPairing}`,
    ...Object.entries(ctx.ghost).map(([k, v]) => `${k}:${v}`),
  ];
}

describe('store codec on every reachable context', () => {
  const met = new Set<string>();
  for (const c of CASES) {
    it(c.name, () => {
      const subject = subjectOf(c);
      const codec = subject.codec!;
      expect(codec).toBeDefined();
      const byKey = new Map<string, string>();
      const byWords = new Map<string, string>();
      const w = new Uint32Array(codec.words);
      const states = eachReachable(subject, (s) => {
        const ctx = s.context as StoreContext;
        w.fill(0);
        codec.encode(ctx, w, 0);
        // states: the value and the context's words, against the state key
        const words = `${JSON.stringify(s.value)}|${w.join(',')}`;
        const key = storeKey(s.value, ctx);
        const seen = byKey.get(key);
        if (seen === undefined) {
          byKey.set(key, words);
          const back = codec.decode(w, 0) as StoreContext;
          expect(JSON.stringify(back)).toBe(JSON.stringify(ctx));
          if (back.mech !== ctx.mech || back.settings !== ctx.settings || back.potential !== ctx.potential) expect.fail('a constant field lost its identity');
          for (const v of valuesOf(ctx)) met.add(v);
        } else if (seen !== words) expect(words, key).toBe(seen);
        const known = byWords.get(words);
        if (known === undefined) byWords.set(words, key);
        else if (known !== key) expect(key, words).toBe(known);
      });
      expect(byKey.size).toBe(states);
      expect(byWords.size).toBe(states);
    });
  }

  it('the contexts checked above show every value of every variable field', () => {
    const want = [
      ...['empty', 'active', 'deprecated', 'deleted'].map((l) => `life:${l}`),
      ...['null', 'L', 'A'].map((k) => `key:${k}`),
      ...['pending0', 'pending1', 'held'].flatMap((f) => [`${f}:none`, `${f}:some`]),
      ...[0, 1, 2, 3].map((n) => `captured:${n}`),
      ...['provision', 'replace', 'deprecate', 'delete'].map((op) => `op:${op}`),
      'nonce:none',
      'nonce:some',
      ...['sf:none', 'sf:L@hsm', 'sf:L@host', 'sf:A@hsm', 'sf:A@host', 'sf:null@hsm'],
      ...['counterfeit', 'knowsPairing'].flatMap((f) => [`${f}:false`, `${f}:true`]),
      ...Object.keys(NO_FACTS).flatMap((f) => [`${f}:false`, `${f}:true`]),
    ];
    expect(want.filter((v) => !met.has(v))).toEqual([]);
  });
});

describe('exploreFast with the store codec equals exploreBfs', () => {
  const compared: readonly Case[] = [
    { name: 'device, physical, CM1+CM6, 2 slots', model: 'device', profile: 'physical', mask: HSM_AUTH },
    { name: 'device, remote, CM1+CM6, 3 slots', model: 'device', profile: 'remote', mask: HSM_AUTH, options: { slots: 3 } },
    { name: 'device, insider, all countermeasures, 1 slot', model: 'device', profile: 'insider', mask: ALL_MASK, options: { slots: 1 } },
    { name: 'server, remote, all countermeasures, 4 slots', model: 'server', profile: 'remote', mask: ALL_MASK, options: { slots: 4 } },
    { name: 'server, physical, no countermeasure', model: 'server', profile: 'physical', mask: 0 },
    { name: 'server, insider, all, 2 captures', model: 'server', profile: 'insider', mask: ALL_MASK, options: { captures: 2 } },
    ...VARIANTS.filter((_, i) => i % 3 === 0).map((v) => ({
      name: `variant ${v.id}`,
      model: v.model,
      profile: v.profile,
      mask: ALL_MASK,
      machine: v.machine,
      options: { settings: VARIANT_SETTINGS },
    })),
  ];
  for (const c of compared) {
    it(c.name, () => {
      const subject = subjectOf(c);
      expect(subject.codec).toBeDefined();
      const fast = exploreFast(subject);
      expect(fast.stats.wordsPerState).toBeLessThanOrEqual(3);
      expect(comparable(fast)).toEqual(comparable(exploreBfs(subject)));
    });
  }

  it('with slot symmetry, the same counts and verdicts as storeKey interning', () => {
    for (const slots of [2, 3, 4]) {
      const subject = subjectFor('device', maskToFlags(HSM_AUTH), 'physical', undefined, { slots, symmetry: true });
      const { codec: _codec, ...keyed } = subject;
      expect(comparable(exploreFast(subject))).toEqual(comparable(exploreFast(keyed)));
    }
  });
});

describe('store codec', () => {
  it('is built from the initial context: constants kept, bounds from the subject', () => {
    const subject = subjectFor('device', maskToFlags(ALL_MASK), 'physical', undefined, { slots: 3, captures: 2 });
    const [init] = initialTransition(subject.machine, subject.input as never);
    const c0 = init.context as StoreContext;
    const codec = storeCodec(c0);
    const w = new Uint32Array(codec.words);
    codec.encode(c0, w, 0);
    const back = codec.decode(w, 0) as StoreContext;
    for (const k of ['mech', 'settings', 'potential', 'maxCaptures'] as const) expect(back[k]).toBe(c0[k]);
    expect(Object.keys(storeSchema(c0))).toEqual(Object.keys(c0));
    // the subject's codec accepts the explorer's own initial context (one `Mechanisms` per input)
    expect(() => subject.codec!.encode(c0, w, 0)).not.toThrow();
    const again = initialTransition(subject.machine, subject.input as never)[0].context as StoreContext;
    expect(again.mech).toBe(c0.mech);
  });

  it('refuses contexts of another subject and values beyond the bounds', () => {
    const subject = subjectFor('device', maskToFlags(ALL_MASK), 'remote', undefined, {});
    const c0 = initialTransition(subject.machine, subject.input as never)[0].context as StoreContext;
    const other = initialTransition(subject.machine, { ...(subject.input as object) } as never)[0].context as StoreContext;
    const codec = subject.codec!;
    const w = new Uint32Array(codec.words);
    expect(other.mech).not.toBe(c0.mech);
    expect(() => codec.encode(other, w, 0)).toThrow(/'mech' cannot be encoded/);
    expect(() => codec.encode({ ...c0, held: 5 }, w, 0)).toThrow(/'held'/);
    expect(() => codec.encode({ ...c0, pending: [0, 5] }, w, 0)).toThrow(/'pending\[1\]'/);
    expect(() => codec.encode({ ...c0, pending: [0] }, w, 0)).toThrow(/'pending'/);
    expect(() => codec.encode({ ...c0, pending: [4, 3], held: 2 }, w, 0)).not.toThrow();
    expect(() => codec.encode({ ...c0, slots: [...c0.slots, c0.slots[0]!] }, w, 0)).toThrow(/'slots'/);
    expect(() => codec.encode({ ...c0, slots: [{ life: 'lost', key: null }, c0.slots[1]!] } as never, w, 0)).toThrow(/'slots\[0\].life'/);
    const cmd = { op: 'delete', slot: 1, nonce: null, signer: 'manager' } as const;
    expect(() => codec.encode({ ...c0, captured: [cmd] }, w, 0)).not.toThrow();
    expect(() => codec.encode({ ...c0, captured: [cmd, cmd] }, w, 0)).toThrow(/'captured'/);
    expect(() => codec.encode({ ...c0, captured: [{ ...cmd, slot: 2 }] }, w, 0)).toThrow(/'captured\[0\].slot'/);
    expect(() => codec.encode({ ...c0, sf: { key: 'A', where: 'cloud' } } as never, w, 0)).toThrow(/'sf.where'/);
    expect(() => codec.encode({ ...c0, ghost: { ...c0.ghost, keyRevealed: 1 } } as never, w, 0)).toThrow(/'ghost.keyRevealed'/);
  });

  it('packs a default device state into two words, the configuration in their spare bits', () => {
    const r = exploreFast(subjectFor('device', maskToFlags(HSM_AUTH), 'physical'));
    expect(r.stats.wordsPerState).toBe(2);
  });

  it('serves every mutant too: nonces are recycled, so no machine issues one beyond the codec’s range', () => {
    const mutants = generateMutants().filter((m) => m.id.includes(':guard:cm6ChallengeAvailable:') || m.id.includes(':action:issueNonce:'));
    expect(mutants.length).toBeGreaterThan(0);
    for (const m of mutants) {
      const r = exploreFast(subjectFor(m.model, maskToFlags(ALL_MASK), 'remote', m.machine));
      expect(r.states, m.id).toBeGreaterThan(0);
    }
  });

  it('checking it reads no flag and no setting the model does not read', () => {
    for (const [model, profile] of [
      ['device', 'physical'],
      ['server', 'insider'],
    ] as const) {
      const reads = (withCodec: boolean) => {
        const flags = trackReads(maskToFlags(HSM_AUTH));
        const settings = trackSettings(settingsWith({ hsmRating: 'basic' }));
        const subject = subjectFor(model, flags.flags, profile, undefined, { settings: settings.settings });
        const { codec, ...keyed } = subject;
        expect(codec).toBeDefined();
        exploreFast(withCodec ? subject : keyed);
        return { flags: [...flags.reads].sort(), settings: [...settings.reads].sort() };
      };
      const packed = reads(true);
      expect(packed).toEqual(reads(false));
      expect(packed.settings.length).toBeLessThan(9);
    }
  });
});
