/**
 * Differential test: along random walks through several machines, every successor the fast
 * explorer's compiled machine computes equals the one XState's own `transition()` computes
 * (state value and context, compared as JSON, key order included), and every visited context
 * survives the subject's codec.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import { transition } from 'xstate';
import { keyslotsEvents, keyslotsSubject } from '../../proofs/fast/examples/keyslots.machine.ts';
import type { FastSubject } from '../../proofs/fast/types.ts';
import { fastSuccessor, initialOf, xstateSuccessor } from './helpers.ts';
import { PLANT_EVENTS, plantSubject } from './machines/plant.ts';
import { VAULT_EVENTS, vaultSubject } from './machines/vault.ts';

interface Case {
  readonly name: string;
  readonly subject: FastSubject<any, any>;
  readonly events: readonly EventObject[];
}

const cases: Case[] = [
  ...[1, 3, 5, 12].map((n) => ({ name: `keyslots(${n})`, subject: keyslotsSubject(n), events: keyslotsEvents(n) })),
  { name: 'vault', subject: vaultSubject, events: VAULT_EVENTS },
  { name: 'plant', subject: plantSubject, events: PLANT_EVENTS },
];

function checkAll(c: Case, snap: AnyMachineSnapshot): void {
  for (const e of c.events) {
    expect(fastSuccessor(c.subject.machine, snap, e), `${JSON.stringify(e)} from ${JSON.stringify(snap.value)}`).toBe(
      xstateSuccessor(c.subject.machine, snap, e),
    );
  }
  const codec = c.subject.codec;
  if (codec) {
    const w = new Uint32Array(codec.words + 1);
    codec.encode(snap.context, w, 0);
    expect(JSON.stringify(codec.decode(w, 0))).toBe(JSON.stringify(snap.context));
  }
}

describe('fast successors equal XState transition()', () => {
  for (const c of cases) {
    it(`on random reachable states of ${c.name}`, () => {
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 60 }), (walk) => {
          let snap = initialOf(c.subject);
          checkAll(c, snap);
          for (const w of walk) {
            const event = c.events[w % c.events.length]!;
            expect(fastSuccessor(c.subject.machine, snap, event)).toBe(xstateSuccessor(c.subject.machine, snap, event));
            snap = transition(c.subject.machine, snap, event)[0] as AnyMachineSnapshot;
          }
          checkAll(c, snap);
        }),
        { numRuns: 150 },
      );
    });
  }
});
