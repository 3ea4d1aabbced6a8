/**
 * Test machine "token": N places and one token, passed from the place holding it to any other
 * place (`{ type: 'pass', from, to }`, every ordered pair of distinct places is offered). The
 * places are interchangeable (`symmetry: { permutable: ['places'] }`), so the quotient has a
 * single state whose every edge is a self-loop: a cycle in the quotient closes on real states
 * only after the token has come back, which exercises the lifting of cycles under symmetry.
 * @module
 */
import { assign, setup } from 'xstate';
import { arrayOf, bool, schemaCodec } from '../../../proofs/fast/index.ts';
import type { FastSubject } from '../../../proofs/fast/types.ts';

/** Context of token(N). */
export interface TokenContext {
  /** True at the place holding the token. */
  readonly places: readonly boolean[];
}

/** A pass of the token. */
export interface TokenEvent {
  readonly type: 'pass';
  readonly from: number;
  readonly to: number;
}

/** The token(N) machine: the token starts at place 0. */
export function tokenMachine(n: number) {
  return setup({
    types: {} as { context: TokenContext; events: TokenEvent },
    guards: { movable: ({ context, event }) => context.places[event.from] === true && context.places[event.to] === false },
    actions: { move: assign({ places: ({ context, event }) => context.places.map((p, i) => (i === event.from ? false : i === event.to ? true : p)) }) },
  }).createMachine({
    id: `token-${n}`,
    context: { places: Array.from({ length: n }, (_, i) => i === 0) },
    on: { pass: { guard: 'movable', actions: 'move' } },
  });
}

/** Options of {@link tokenSubject}. */
export interface TokenOptions {
  /** Declare the symmetry (default true). */
  readonly symmetry?: boolean;
  /** Give the subject a packed codec (default true; without it contexts are interned by JSON). */
  readonly codec?: boolean;
  /** The events in this order (default: every pair `(from, to)`, `from` major). */
  readonly events?: readonly TokenEvent[];
}

/** Every pass of token(N), `from` major. */
export function tokenEvents(n: number): TokenEvent[] {
  const out: TokenEvent[] = [];
  for (let from = 0; from < n; from++) for (let to = 0; to < n; to++) if (from !== to) out.push({ type: 'pass', from, to });
  return out;
}

/** The token(N) subject. */
export function tokenSubject(n: number, opts: TokenOptions = {}): FastSubject<ReturnType<typeof tokenMachine>, TokenEvent> {
  const events = opts.events ?? tokenEvents(n);
  return {
    machine: tokenMachine(n),
    events: () => events,
    invariants: [],
    ...(opts.codec !== false ? { codec: schemaCodec<TokenContext>({ places: arrayOf(n, bool()) }) } : {}),
    ...(opts.symmetry !== false ? { symmetry: { permutable: ['places'] } } : {}),
  };
}
