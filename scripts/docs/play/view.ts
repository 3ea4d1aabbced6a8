/**
 * Rendering of the interactive page: pure functions from a run to DOM nodes. Every element a
 * test reads carries a stable id or data attribute (`#state`, `#invariants [data-invariant]`,
 * `#goals [data-goal]`, `#events button[data-event]`, `#trace-steps li[data-step]`).
 * @module
 */
import type { EventObject } from 'xstate';
import type { StoreContext } from '../../../model/store.ts';
import type { Snap } from '../../../proofs/types.ts';
import { eventLabel, type PropertyStatus, type StepOutcome } from './session.ts';

/** Attributes of an element made by {@link h}: strings, or `true`/`false` for boolean attributes. */
export type Attrs = Readonly<Record<string, string | number | boolean | undefined>>;

/** Makes an element with attributes and children (strings become text nodes). */
export function h(tag: string, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...children);
  return el;
}

/** A two-column table of name → value rows. */
function table(caption: string, rows: readonly (readonly [string, string])[], id?: string): HTMLElement {
  return h(
    'table',
    id ? { id } : {},
    h('caption', {}, caption),
    ...rows.map(([k, v]) => h('tr', { 'data-field': k }, h('th', { scope: 'row' }, k), h('td', {}, v))),
  );
}

/** A readable text for a state value (`{ hsm: 'inOwnDevice', sf: 'idle' }` → `hsm: inOwnDevice · sf: idle`). */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${valueText(v)}`)
    .join(' · ');
}

/** The state: its value, key slots, running Sensitive Function, nonces, captures, the last step's facts and the mechanisms. */
export function renderState(s: Snap, mechanisms: Record<string, unknown>): HTMLElement[] {
  const c = s.context as StoreContext;
  const facts = Object.entries(c.ghost).filter(([, v]) => v);
  const sf = c.sf ? `running on slot ${c.sf.slot}, in the ${c.sf.where === 'hsm' ? 'HSM' : 'host'}, last key used: ${c.sf.key ?? 'none yet'}` : 'idle';
  return [
    h('p', { id: 'state-value', 'data-value': JSON.stringify(s.value) }, h('strong', {}, 'State: '), valueText(s.value)),
    h(
      'table',
      { id: 'slots' },
      h('caption', {}, 'Long-term key slots'),
      h('tr', {}, h('th', {}, 'slot'), h('th', {}, 'life'), h('th', {}, 'key')),
      ...c.slots.map((slot, i) =>
        h(
          'tr',
          { 'data-slot': i, 'data-life': slot.life },
          h('td', {}, String(i)),
          h('td', {}, slot.life),
          h('td', {}, slot.key === null ? '—' : slot.key === 'L' ? 'L (legitimate)' : 'A (attacker’s)'),
        ),
      ),
    ),
    table('Store and attacker', [
      ['Sensitive Function', sf],
      ['outstanding nonces', c.pending.map((n, i) => `${['manager', 'insider'][i] ?? i}: ${n ?? '—'}`).join(', ')],
      ['nonce the manager holds', c.held === null ? '—' : String(c.held)],
      ['captured commands', c.captured.length ? c.captured.map((x) => JSON.stringify(x)).join('; ') : 'none'],
      ['counterfeit HSM fitted', c.counterfeit ? 'yes' : 'no'],
      ['attacker knows the pairing secret', c.knowsPairing ? 'yes' : 'no'],
      ['attack potential at the HSM boundary', c.potential ?? 'none (never acts there)'],
    ]),
    h(
      'div',
      { id: 'facts' },
      h('strong', {}, 'Facts of the last step: '),
      ...(facts.length ? facts.map(([k]) => h('span', { class: 'fact', 'data-fact': k }, k)) : ['none']),
    ),
    table(
      'Mechanisms built by the countermeasures and settings',
      Object.entries(mechanisms).map(([k, v]) => [k, String(v)] as const),
      'mechanisms',
    ),
  ];
}

/** The invariants (`data-status` ok or violated) or the threat goals (`data-status` reached or not-reached). */
export function renderProperties(kind: 'invariant' | 'goal', list: readonly PropertyStatus[]): HTMLElement[] {
  return list.map((p) => {
    const bad = kind === 'invariant' ? !p.holds : p.holds;
    const status = kind === 'invariant' ? (p.holds ? 'ok' : 'violated') : p.holds ? 'reached' : 'not-reached';
    return h(
      'li',
      { [`data-${kind}`]: p.id, 'data-status': status, class: bad ? 'bad' : 'good' },
      h('span', { class: 'badge' }, status.replace('-', ' ')),
      h('code', {}, p.id),
      ' ',
      p.title,
    );
  });
}

/** One button per event of the alphabet; events with no enabled transition are shown disabled. */
export function renderEvents(events: readonly EventObject[], enabled: (e: EventObject) => boolean, send: (e: EventObject) => void): HTMLElement[] {
  return events.map((e) => {
    const on = enabled(e);
    const b = h(
      'button',
      {
        type: 'button',
        'data-event': eventLabel(e),
        'data-enabled': String(on),
        disabled: !on,
        title: on ? 'send this event' : 'no transition is enabled for this event here',
      },
      eventLabel(e),
    );
    b.addEventListener('click', () => send(e));
    return b;
  });
}

const OUTCOME_TEXT: Readonly<Record<StepOutcome, string>> = {
  taken: 'taken',
  refused: 'refused (no transition enabled)',
  unavailable: 'not available to this attacker',
};

/**
 * The run's events as a list; `data-current` marks the step whose state is shown, and
 * `data-violates` lists the invariants violated in the state after each step (`broken[i]`).
 */
export function renderSteps(
  events: readonly EventObject[],
  outcomes: readonly StepOutcome[],
  position: number,
  broken: readonly (readonly string[])[],
): HTMLElement[] {
  return events.map((e, i) =>
    h(
      'li',
      {
        'data-step': i + 1,
        'data-outcome': outcomes[i] ?? 'taken',
        'data-current': i + 1 === position,
        'data-violates': (broken[i] ?? []).join(' '),
        class: i + 1 <= position ? 'done' : 'todo',
      },
      h('code', {}, eventLabel(e)),
      ` — ${OUTCOME_TEXT[outcomes[i] ?? 'taken']}`,
      ...(broken[i]?.length ? [h('span', { class: 'broke' }, ` — violates ${broken[i]!.join(', ')}`)] : []),
    ),
  );
}
