/**
 * Full-result equality: the fast explorer returns exactly what the reference explorer returns
 * (states, transitions, every invariant and goal verdict with its shortest trace) on machines
 * and subjects of several kinds: packed codec, JSON-interned contexts, a custom key, and
 * events that depend on the state. Every trace also replays through XState.
 */
import { describe, expect, it } from 'vitest';
import { keyslotsSubject } from '../../proofs/fast/examples/keyslots.machine.ts';
import { exploreBfs } from '../../proofs/bfs.ts';
import { exploreFast } from '../../proofs/fast/index.ts';
import type { Subject } from '../../proofs/types.ts';
import { comparable, replay } from './helpers.ts';
import { flawedKeyslotsSubject } from './machines/flawed-keyslots.subject.ts';
import { plantSubject } from './machines/plant.ts';
import { VAULT_EVENTS, vaultSubject } from './machines/vault.ts';

const flawedKeyslots = (n: number) => flawedKeyslotsSubject(n);

const { codec: _codec, ...keyslotsNoCodec } = keyslotsSubject(3);
const { codec: _plantCodec, ...plantNoCodec } = plantSubject;

const subjects: [string, Subject<any, any>][] = [
  ['keyslots(2)', keyslotsSubject(2)],
  ['keyslots(4)', keyslotsSubject(4)],
  ['keyslots(3) without codec', keyslotsNoCodec],
  ['flawed keyslots(3)', flawedKeyslots(3)],
  ['vault', vaultSubject],
  ['vault, custom key ignoring the audit counter', { ...vaultSubject, key: (s) => JSON.stringify([s.value, { ...s.context, audit: 0 }]) }],
  ['vault, events depending on the state', { ...vaultSubject, events: (s) => (s.matches('open') ? VAULT_EVENTS.slice(2) : VAULT_EVENTS) }],
  ['plant', plantSubject],
  ['plant without codec', plantNoCodec],
];

describe('exploreFast equals exploreBfs', () => {
  for (const [name, subject] of subjects) {
    it(name, () => {
      const ref = exploreBfs(subject);
      const fast = exploreFast(subject);
      expect(comparable(fast)).toEqual(comparable(ref));
      for (const t of [...Object.values(fast.violations), ...Object.values(fast.reached)]) if (t) replay(subject, t);
    });
  }

  it('finds the flaw of flawed keyslots and its shortest counterexample replays to a violation', () => {
    const subject = flawedKeyslots(2);
    const trace = exploreFast(subject).violations['KS-NO-UNAUTH-DELETE'];
    expect(trace).toBeTruthy();
    const last = replay(subject, trace!);
    expect(subject.invariants[0]!.holds(last as never)).toBe(false);
  });

  it('honours maxStates like exploreBfs', () => {
    expect(() => exploreBfs(keyslotsSubject(3), { maxStates: 100 })).toThrow(/state limit/);
    expect(() => exploreFast(keyslotsSubject(3), { maxStates: 100 })).toThrow(/state limit/);
  });
});
